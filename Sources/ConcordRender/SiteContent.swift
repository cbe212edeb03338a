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

    /// Loads every locale of a configuration, parsing files in parallel (the same files, in the
    /// same order, as `ContentSet.load`).
    public static func load(_ configuration: Configuration) -> SiteContent {
        struct Job: Sendable { var locale: String; var root: String; var path: String }
        var jobs: [Job] = []
        var files: [String: Set<String>] = [:]
        for entry in configuration.locales {
            let all = FileSystem.files(under: entry.path)
            files[entry.id] = Set(all)
            for path in all where path.lowercased().hasSuffix(".md") && !ContentSet.isNavigation(path) {
                jobs.append(Job(locale: entry.id, root: entry.path, path: path))
            }
        }
        let results = parallelMap(jobs) { job in
            ArticleLoader.load(fileAt: job.root + "/" + job.path, path: job.path, locale: job.locale, file: job.root + "/" + job.path)
        }
        var articles: [Article] = []
        var diagnostics: [Diagnostic] = []
        var documents: [String: [String: MarkdownDocument]] = [:]
        articles.reserveCapacity(results.count)
        for (job, result) in zip(jobs, results) {
            if let article = result.article { articles.append(article) }
            if let document = result.document { documents[job.locale, default: [:]][job.path] = document }
            diagnostics += result.diagnostics
        }
        let content = ContentSet(configuration: configuration, articles: articles, files: files, diagnostics: diagnostics)
        return SiteContent(content: content, documents: documents)
    }
}
