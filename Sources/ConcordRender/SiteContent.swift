import ConcordMarkdown
import ConcordModel

/// A content set loaded together with the Markdown trees its articles were built from,
/// so the site build parses each file once (the model for the checks, the tree for the HTML).
public struct SiteContent: Sendable {
    /// The articles, paired by path, with their load diagnostics.
    public var content: ContentSet
    /// The parsed bodies, by locale then path.
    public var documents: [String: [String: MarkdownDocument]]

    /// Whether an article without a tree in ``documents`` (its model came from the build
    /// cache) is parsed when a page needs it.
    private var parsesMissing = false

    /// Creates site content from parts (for tests).
    public init(content: ContentSet, documents: [String: [String: MarkdownDocument]]) {
        self.content = content
        self.documents = documents
    }

    /// The tree of the article at `path` in `locale`: the one parsed as the content loaded, else,
    /// for an article whose model came from the build cache, its file parsed now.
    public func document(_ path: String, in locale: String) -> MarkdownDocument? {
        if let document = documents[locale]?[path] { return document }
        guard parsesMissing, content.hasArticle(path, in: locale),
              let root = content.configuration.locales.first(where: { $0.id == locale })?.path else { return nil }
        let file = ContentSet.file(path, in: root)
        return ArticleLoader.load(fileAt: file, path: path, locale: locale, file: file, within: content.fence).document
    }

    /// Loads every locale of a configuration, parsing each file once (`ContentSet.loadWithDocuments`),
    /// or, with `reusing`, each file that changed since the last build.
    public static func load(_ configuration: Configuration, reusing reuse: (any ArticleLoadReuse)? = nil) -> SiteContent {
        let loaded = ContentSet.loadWithDocuments(configuration, reusing: reuse)
        var site = SiteContent(content: loaded.content, documents: loaded.documents)
        site.parsesMissing = reuse != nil
        return site
    }
}
