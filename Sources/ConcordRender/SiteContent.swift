import ConcordMarkdown
import ConcordModel

/// A content set loaded together with the Markdown trees its articles were built from,
/// so the site build parses each file once (the model for the checks, the tree for the HTML).
public struct SiteContent: Sendable {
    /// The articles, paired by path, with their load diagnostics.
    public var content: ContentSet
    /// The parsed bodies, by locale then path.
    public var documents: [String: [String: MarkdownDocument]]

    /// Creates site content from parts (for tests).
    public init(content: ContentSet, documents: [String: [String: MarkdownDocument]]) {
        self.content = content
        self.documents = documents
    }

    /// The tree of the article at `path` in `locale`.
    public func document(_ path: String, in locale: String) -> MarkdownDocument? { documents[locale]?[path] }

    /// Loads every locale of a configuration, parsing each file once (`ContentSet.loadWithDocuments`).
    public static func load(_ configuration: Configuration) -> SiteContent {
        let loaded = ContentSet.loadWithDocuments(configuration)
        return SiteContent(content: loaded.content, documents: loaded.documents)
    }
}
