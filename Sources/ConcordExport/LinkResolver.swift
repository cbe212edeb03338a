import ConcordModel

/// Where a link in an article leads, for readers that cannot resolve Markdown paths themselves.
struct ResolvedLink: Sendable, Hashable {
    /// The article path (relative to the locale root) the link points to, when it points to one.
    var article: String?
    /// The anchor the fragment names (percent-decoded), when there is one.
    var anchor: String?
    /// The absolute URL to open, when one is known.
    var url: String?
}

/// Resolves link destinations for the JSON with the model's resolver (``LinkTargets``), the one
/// the pages and the checks use.
///
/// Only what is certain gets a URL: a relative link to an article the site has a page for (a
/// source article) becomes that article's page in the same locale (so a Spanish bundle links to
/// Spanish pages, fallback or not), and a link to a place in the same article that article's
/// page, each with the `?query#fragment` as written, as the page's own link has them; a URL
/// with an allowed scheme stays as written; a cross reference (`xref:uid`) is a link to the page
/// its uid names. Site-root paths (`/partner-center/…`), undefined uids, links
/// to files that are not articles and links that lead nowhere get none, because the site cannot
/// vouch for them.
struct LinkResolver: Sendable {
    /// The one resolver of links.
    let targets: LinkTargets
    /// Every article path the site has a page for (the source locale's articles).
    let pages: Set<String>
    /// The site's base URL.
    let baseURL: String

    /// Creates a resolver for a content set.
    init(content: ContentSet) {
        targets = content.linkTargets
        pages = Set(content.sourceArticles.keys)
        baseURL = content.configuration.baseURL
    }

    /// Where `destination`, written in the article at `articlePath`, leads from its page in `locale`.
    func resolve(_ destination: String, from articlePath: String, locale: String) -> ResolvedLink {
        let link = LinkDestination(destination)
        let path: String
        switch targets.resolve(link, from: articlePath, locale: locale) {
        case .external:
            return ResolvedLink(url: destination)
        case .sameArticle:
            path = articlePath
        case .article(_, let found) where pages.contains(found):
            path = found
        default:
            return ResolvedLink()
        }
        let anchor = link.fragment.flatMap { $0.isEmpty ? nil : $0 }
        let url = SitePaths.url(SitePaths.page(locale: locale, path: path), baseURL: baseURL) + link.pageSuffix
        return ResolvedLink(article: path, anchor: anchor, url: url)
    }
}
