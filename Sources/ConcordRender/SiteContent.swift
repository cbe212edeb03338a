import ConcordMarkdown
import ConcordModel
import Foundation

/// A content set loaded together with the Markdown trees its articles were built from,
/// so the site build parses each file once (the model for the checks, the tree for the HTML).
public struct SiteContent: Sendable {
    /// The articles, paired by path, with their load diagnostics.
    public var content: ContentSet
    /// The parsed bodies, by locale then path (those not dropped yet, see ``expectPages(_:)``).
    public var documents: [String: [String: MarkdownDocument]] {
        get { shelf.all }
        set { shelf = DocumentShelf(newValue) }
    }

    /// The trees, shared by the copies of this value: the page stage drops each once its
    /// pages are done, for all of them at once.
    private var shelf: DocumentShelf

    /// Whether an article without a tree in ``documents`` (its model came from the build
    /// cache) is parsed when a page needs it.
    private var parsesMissing = false

    /// Creates site content from parts (for tests).
    public init(content: ContentSet, documents: [String: [String: MarkdownDocument]]) {
        self.content = content
        shelf = DocumentShelf(documents)
    }

    /// The tree of the article at `path` in `locale`: the one parsed as the content loaded, else,
    /// for an article whose model came from the build cache, its file parsed now.
    public func document(_ path: String, in locale: String) -> MarkdownDocument? {
        if let document = shelf.document(path, in: locale) { return document }
        guard parsesMissing, content.hasArticle(path, in: locale),
              let root = content.configuration.locales.first(where: { $0.id == locale })?.path else { return nil }
        let file = ContentSet.file(path, in: root)
        return ArticleLoader.load(fileAt: file, path: path, locale: locale, file: file, within: content.fence).document
    }

    /// Says which pages will read the trees, as (article path, locale of the text it shows), a
    /// page a time: each tree is then dropped when ``pageDone(_:in:)`` has been called for its
    /// last page. A site build holds every tree from loading to rendering; dropped page by page,
    /// they no longer add up with the pages' own output at the end of the build.
    public func expectPages(_ pages: [(path: String, locale: String)]) {
        shelf.expect(pages)
    }

    /// Says that a page showing the article at `path` in `locale` is done with its tree.
    public func pageDone(_ path: String, in locale: String) {
        shelf.done(path, in: locale)
    }

    /// Loads every locale of a configuration, parsing each file once (`ContentSet.loadWithDocuments`),
    /// or, with `reusing`, each file that changed since the last build; `recordingForCache` keeps
    /// what a build cache stores (the files' digests and load records).
    public static func load(
        _ configuration: Configuration, reusing reuse: (any ArticleLoadReuse)? = nil, recordingForCache: Bool = false
    ) -> SiteContent {
        let loaded = ContentSet.loadWithDocuments(configuration, reusing: reuse, recordingForCache: recordingForCache)
        var site = SiteContent(content: loaded.content, documents: loaded.documents)
        site.parsesMissing = reuse != nil
        return site
    }
}

/// The trees of a ``SiteContent``, with the number of pages still to read each.
private final class DocumentShelf: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [String: [String: MarkdownDocument]]
    /// Pages still to come for each tree, by locale then path; a tree without a count is kept.
    private var pagesToCome: [String: [String: Int]] = [:]

    init(_ documents: [String: [String: MarkdownDocument]]) {
        self.documents = documents
    }

    var all: [String: [String: MarkdownDocument]] {
        lock.lock()
        defer { lock.unlock() }
        return documents
    }

    func document(_ path: String, in locale: String) -> MarkdownDocument? {
        lock.lock()
        defer { lock.unlock() }
        return documents[locale]?[path]
    }

    func expect(_ pages: [(path: String, locale: String)]) {
        lock.lock()
        defer { lock.unlock() }
        for page in pages { pagesToCome[page.locale, default: [:]][page.path, default: 0] += 1 }
    }

    func done(_ path: String, in locale: String) {
        lock.lock()
        defer { lock.unlock() }
        guard let count = pagesToCome[locale]?[path] else { return }
        if count > 1 {
            pagesToCome[locale]?[path] = count - 1
        } else {
            pagesToCome[locale]?[path] = nil
            documents[locale]?[path] = nil
        }
    }
}
