import ConcordModel

/// `sitemap.xml` and `robots.txt`.
///
/// Every real page is listed (source articles and existing translations) with its
/// alternates: one `xhtml:link rel="alternate"` per locale the article exists in, plus
/// `x-default` for the source. Fallback pages are left out and are never an alternate:
/// they repeat the source text, and search engines should send readers to real translations.
public enum Sitemap {
    /// Which locales each article exists in.
    public struct Entry: Sendable {
        /// The article path relative to the locale root.
        public var path: String
        /// The locales with a real page (source first, then by id).
        public var locales: [String]

        /// Creates an entry.
        public init(path: String, locales: [String]) {
            self.path = path
            self.locales = locales
        }
    }

    /// The sitemap for `entries`, with absolute URLs under `baseURL`.
    public static func xml(entries: [Entry], sourceLocale: String, baseURL: String, homeLocales: [String]) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        func url(_ relative: String) -> String { HTMLEscaping.escapeXML(SitePaths.url(relative, baseURL: baseURL)) }
        func group(_ pages: [(locale: String, relative: String)], defaultRelative: String?) {
            // Every page of a group lists the same alternates: each URL is made once, and the
            // alternates written once for all of them.
            let urls = pages.map { url($0.relative) }
            var alternates = ""
            if pages.count > 1 {
                for (page, href) in zip(pages, urls) {
                    alternates += "    <xhtml:link rel=\"alternate\" hreflang=\"\(HTMLEscaping.escapeXML(page.locale))\" href=\"\(href)\"/>\n"
                }
                if let defaultRelative {
                    alternates += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(url(defaultRelative))\"/>\n"
                }
            }
            for href in urls {
                out += "  <url>\n    <loc>"
                out += href
                out += "</loc>\n"
                out += alternates
                out += "  </url>\n"
            }
        }
        group(homeLocales.map { ($0, "\($0)/index.html") }, defaultRelative: "index.html")
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            let pages = entry.locales.map { (locale: $0, relative: SitePaths.page(locale: $0, path: entry.path)) }
            group(pages, defaultRelative: pages.first { $0.locale == sourceLocale }?.relative)
        }
        out += "</urlset>\n"
        return out
    }

    /// `robots.txt`: everything allowed, and where the sitemap is.
    public static func robots(baseURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(SitePaths.url(SitePaths.sitemap, baseURL: baseURL))\n"
    }
}
