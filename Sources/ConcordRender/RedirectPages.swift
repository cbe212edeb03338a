import ConcordModel

/// The pages that answer moved paths: one for each `source_path` of a locale's
/// `.openpublishing.redirection.json` that has no article of its own, at the page path the
/// article had (`partner-center/old.md` → `es-ES/partner-center/old.html`). Each sends the
/// browser on at once (`<meta http-equiv="refresh">`), names the new page as canonical for search
/// engines, and shows a link to it for readers whose browser does not follow the refresh. They
/// are not articles: neither the sitemap nor the search index lists them.
extension SiteBuilder {
    /// A redirect page to write.
    public struct RedirectPage: Sendable, Hashable {
        /// Where it goes, relative to the output folder.
        public var path: String
        /// The page.
        public var html: [UInt8]
    }

    /// Every locale's redirect pages, by path, leaving out `taken` paths (the article pages).
    /// A redirect whose URL may not be followed (`javascript:`) gets no page.
    public func redirectPages(taken: Set<String>) -> [RedirectPage] {
        var pages: [RedirectPage] = []
        for locale in site.content.locales {
            guard let table = site.content.redirects[locale] else { continue }
            for redirect in table.entries {
                let path = SiteBuilder.redirectPagePath(locale: locale, sourcePath: redirect.sourcePath)
                guard !taken.contains(path), !pages.contains(where: { $0.path == path }),
                      let html = redirectPage(redirect, locale: locale) else { continue }
                pages.append(RedirectPage(path: path, html: html))
            }
        }
        return pages.sorted { $0.path < $1.path }
    }

    /// The page path of a moved file: an article's (`.md`), or a YAML page's (`.yml`), as `.html`.
    static func redirectPagePath(locale: String, sourcePath: String) -> String {
        var path = SitePaths.withoutMarkdownExtension(sourcePath)
        if path.lowercased().hasSuffix(".yml") { path.removeLast(4) }
        return locale + "/" + path + ".html"
    }

    /// One redirect page: the target as the site's pages write links (`urlMap` and relative
    /// paths resolved from the moved file's folder), absolute for `canonical` when it names a page
    /// of this site; every value escaped.
    func redirectPage(_ redirect: Redirect, locale: String) -> [UInt8]? {
        let folder = RelativePath.directory(of: redirect.sourcePath)
        guard let href = links.href(redirect.redirectURL, documentDirectory: folder, pageDirectory: folder, locale: locale) else { return nil }
        let attribute = HTMLEscaping.escape(URLPolicy.encodeForAttribute(href))
        var canonical = attribute
        if URLPolicy.isRelativePath(href), let resolved = RelativePath.resolve(href, from: folder) {
            canonical = HTMLEscaping.escape(URLPolicy.encodeForAttribute(SitePaths.url(locale + "/" + resolved, baseURL: configuration.baseURL)))
        }
        let text = HTMLEscaping.escape(redirect.redirectURL)
        let html = """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(locale))">
            <head>
            <meta charset="utf-8">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(attribute)">
            <link rel="canonical" href="\(canonical)">
            <title>\(text)</title>
            </head>
            <body>
            <p><a href="\(attribute)">\(text)</a></p>
            </body>
            </html>

            """
        return Array(html.utf8)
    }
}
