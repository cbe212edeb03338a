import ConcordModel
import Foundation

/// Where a link in an article leads, for readers that cannot resolve Markdown paths themselves.
struct ResolvedLink: Sendable, Hashable {
    /// The article path (relative to the locale root) the link points to, when it points to one.
    var article: String?
    /// The anchor after `#`, when there is one.
    var anchor: String?
    /// The absolute URL to open, when one is known.
    var url: String?
}

/// Resolves link destinations as written in Markdown against the articles of the site.
///
/// Only what is certain gets a URL: a relative link to an article of the set becomes that
/// article's page in the same locale (so a Spanish bundle links to Spanish pages, fallback
/// or not); `http(s):` and `mailto:` links stay as written; site-root paths (`/partner-center/…`)
/// and links to files that are not articles get none, because the site cannot vouch for them.
struct LinkResolver: Sendable {
    /// Every article path the site has a page for (the source locale's articles).
    var articlePaths: Set<String>
    /// The site's base URL.
    var baseURL: String

    func resolve(_ destination: String, from articlePath: String, locale: String) -> ResolvedLink {
        var target = Substring(destination)
        var anchor: String?
        if let hash = target.firstIndex(of: "#") {
            let fragment = target[target.index(after: hash)...]
            anchor = fragment.isEmpty ? nil : String(fragment)
            target = target[..<hash]
        }
        if let scheme = Self.scheme(of: target) {
            // Other schemes (`javascript:`, `data:`…) are dropped: a help viewer should not open them.
            return ["http", "https", "mailto"].contains(scheme) ? ResolvedLink(url: destination) : ResolvedLink()
        }
        if target.hasPrefix("/") { return ResolvedLink() }
        if let query = target.firstIndex(of: "?") { target = target[..<query] }
        let resolvedPath: String
        if target.isEmpty {
            resolvedPath = articlePath
        } else {
            let decoded = String(target).removingPercentEncoding ?? String(target)
            guard let normalized = Self.join(folderOf: articlePath, decoded) else { return ResolvedLink() }
            resolvedPath = normalized
        }
        guard articlePaths.contains(resolvedPath) else { return ResolvedLink() }
        var url = SitePaths.url(SitePaths.page(locale: locale, path: resolvedPath), baseURL: baseURL)
        if let anchor { url += "#" + anchor }
        return ResolvedLink(article: resolvedPath, anchor: anchor, url: url)
    }

    /// The lower-cased scheme of an absolute URL (`https`), or `nil` for a relative reference.
    static func scheme(of destination: Substring) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }

    /// `a/b.md` + `../c.md` → `c.md`; `nil` when the path climbs out of the locale root.
    static func join(folderOf articlePath: String, _ relative: String) -> String? {
        var parts = articlePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().map(String.init)
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
