import ConcordMarkdown
import Dispatch
import Foundation

/// Every locale of a content tree, loaded, with each translation paired to its source by path.
public struct ContentSet: Sendable {
    /// The configuration the set was loaded with.
    public let configuration: Configuration
    /// Articles by locale id, then by path relative to the locale root.
    public internal(set) var articles: [String: [String: Article]] { didSet { derived = SharedLazyValue() } }
    /// Every file (any kind) by locale id, as paths relative to the locale root: for link checks.
    public private(set) var files: [String: Set<String>] { didSet { derived = SharedLazyValue() } }
    /// Problems found while loading (unreadable files, bad front matter, invalid UTF-8…).
    public private(set) var diagnostics: [Diagnostic]
    /// The folders content files are read from, checked after resolving links.
    public let fence: ContentFence
    /// The digest of every article file's bytes as they were read, by file path, when loaded for
    /// the build cache (``loadWithDocuments(_:reusing:recordingForCache:)``); empty otherwise.
    public internal(set) var digests: [String: Digest] = [:]
    /// The files articles include, parsed once: found while the content loads, for the
    /// includes' findings, and taken from here by the site's pages.
    public let includes: IncludeStore
    /// The files code snippets show (`:::code:::`, `[!code-…]`), read once, for checks and pages.
    public let snippets: SnippetStore
    /// Each locale's table of contents, read while the content loads (``tableOfContents(for:)``).
    public private(set) var tablesOfContents: [String: TableOfContents] = [:]
    /// Problems of what the site is built from besides each article: tables of contents that
    /// cannot be read, includes that cannot be expanded, articles on a path the site needs
    /// (``ContentSet/structureDiagnostics(includes:)``). `concord check` and `build` report them.
    public private(set) var structureDiagnostics: [Diagnostic] = []
    /// Each locale's redirect table (its `.openpublishing.redirection.json`), read while the content loads.
    public internal(set) var redirects: [String: RedirectTable] = [:] { didSet { derived = SharedLazyValue() } }
    /// Each locale's FAQ pages written as YAML (`### YamlMime:FAQ`), by path (`x.yml`).
    public internal(set) var faqPages: [String: [String: FAQPage]] = [:] { didSet { derived = SharedLazyValue() } }
    /// Every uid the pages define and the page's path (`uid:` front matter, `xref.uidFromPath`).
    public internal(set) var uids = UIDTable() { didSet { derived = SharedLazyValue() } }
    /// Each locale's zone pivot groups (``ZonePivotGroups``), read while the content loads: its
    /// own file, else the content root's, else the source locale's.
    public internal(set) var zonePivotGroups: [String: ZonePivotGroups] = [:]
    /// What loading each Markdown article file gave, by file, for the build cache: parsed now or
    /// taken from the last build's records. Kept only when loading for the build cache.
    public private(set) var loadRecords: [String: ArticleLoadRecord] = [:]

    /// What is worked out from the set on first use and shared by its copies: the checks, the
    /// pages and the JSON each resolve links, through one index. Changing what it is made from
    /// (only loading does) gives the set a new, empty one.
    private var derived = SharedLazyValue<LinkTargets>()

    /// Where links in this set lead (``LinkTargets``), indexed on first use.
    public var linkTargets: LinkTargets {
        derived.value { LinkTargets(content: self) }
    }

    /// The source locale id.
    public var sourceLocale: String { configuration.sourceLocale }
    /// Every locale id, source first.
    public var locales: [String] { configuration.locales.map(\.id) }
    /// The locale ids other than the source.
    public var translationLocales: [String] { locales.filter { $0 != sourceLocale } }

    /// The articles of the source locale, by path.
    public var sourceArticles: [String: Article] { articles[sourceLocale] ?? [:] }

    /// The article at `path` in `locale`.
    public func article(_ path: String, in locale: String) -> Article? { articles[locale]?[path] }

    /// Whether `locale` has an article at `path`; cheaper than ``article(_:in:)``, which copies it out.
    public func hasArticle(_ path: String, in locale: String) -> Bool { articles[locale]?.index(forKey: path) != nil }

    /// The source article a translation was made from.
    public func source(of article: Article) -> Article? { articles[sourceLocale]?[article.path] }

    /// Source paths with no file in `locale`, sorted.
    public func missing(in locale: String) -> [String] {
        let present = articles[locale] ?? [:]
        return sourceArticles.keys.filter { present.index(forKey: $0) == nil }.sorted()
    }

    /// Paths in `locale` with no source article, sorted.
    public func orphans(in locale: String) -> [String] {
        let source = sourceArticles
        return (articles[locale] ?? [:]).keys.filter { source.index(forKey: $0) == nil }.sorted()
    }

    /// Every article of `locale`, sorted by path.
    public func sortedArticles(in locale: String) -> [Article] {
        // By key, which is the article's path, rather than by reading each article's path.
        (articles[locale] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// Creates a set from articles already built (for tests and tools).
    public init(configuration: Configuration, articles: [Article], files: [String: Set<String>]? = nil, diagnostics: [Diagnostic] = []) {
        self.init(configuration: configuration, articles: articles, files: files, diagnostics: diagnostics, fence: ContentFence(configuration), includes: nil)
        structureDiagnostics = defineUIDs()
    }

    private init(
        configuration: Configuration, articles: [Article], files: [String: Set<String>]?, diagnostics: [Diagnostic], fence: ContentFence,
        includes: IncludeStore?
    ) {
        self.configuration = configuration
        var byLocale: [String: [String: Article]] = [:]
        for article in articles { byLocale[article.locale, default: [:]][article.path] = article }
        self.articles = byLocale
        self.files = files ?? byLocale.mapValues { Set($0.keys) }
        self.diagnostics = diagnostics
        self.fence = fence
        self.includes = includes ?? IncludeStore(configuration: configuration, files: self.files, fence: fence)
        snippets = SnippetStore(configuration: configuration, files: self.files, fence: fence)
    }

    /// The file at `path` (relative) in the locale folder `root`, named as every reader of content
    /// names it: in findings, in ``digests``, and in the build cache.
    public static func file(_ path: String, in root: String) -> String { root + "/" + path }

    /// Whether a file is navigation rather than an article (`TOC.md`).
    public static func isNavigation(_ path: String) -> Bool {
        // Asked of every file found: a byte comparison of the last component, with no path
        // parsing and no array of components.
        let slash = UInt8(ascii: "/")
        let bytes = path.utf8
        guard let last = bytes.lastIndex(where: { $0 != slash }) else { return false }
        let start = bytes[...last].lastIndex(of: slash).map(bytes.index(after:)) ?? bytes.startIndex
        let name = bytes[start...last]
        guard name.count == 6 else { return false }
        return zip(name, "toc.md".utf8).allSatisfy { byte, expected in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == expected
        }
    }

    /// Loads every locale of a configuration, parsing files in parallel.
    public static func load(_ configuration: Configuration) -> ContentSet {
        load(configuration, keepingDocuments: false).content
    }

    /// Loads every locale and keeps each article's parsed Markdown tree too, by locale and path,
    /// for renderers that need more than the model.
    ///
    /// With `reusing`, a file whose record still holds is not read: its article and findings
    /// are the record's, and it has no tree in `documents` (a renderer parses it if it needs it).
    /// With `recordingForCache`, each file read is digested and its record kept
    /// (``digests``, ``loadRecords``), for a build cache to key and store.
    public static func loadWithDocuments(
        _ configuration: Configuration, reusing reuse: (any ArticleLoadReuse)? = nil, recordingForCache: Bool = false
    ) -> (content: ContentSet, documents: [String: [String: MarkdownDocument]]) {
        load(configuration, keepingDocuments: true, recording: recordingForCache, reusing: reuse)
    }

    private static func load(
        _ configuration: Configuration, keepingDocuments: Bool, recording: Bool = false, reusing reuse: (any ArticleLoadReuse)? = nil
    ) -> (content: ContentSet, documents: [String: [String: MarkdownDocument]]) {
        let fence = ContentFence(configuration)
        var configuration = configuration
        var (jobs, files, diagnostics) = discoverArticles(&configuration, fence: fence)
        let includes = IncludeStore(configuration: configuration, files: files, fence: fence)
        // FAQ pages (a few YAML files, each parsed whole) load on a thread of their own while
        // the articles load on every core.
        let faqLoad = BackgroundWork { [configuration, files] in
            loadFAQPages(configuration: configuration, files: files, fence: fence, includes: includes, keepingDocuments: keepingDocuments)
        }
        let results = parallelMap(jobs) { job in
            loadArticle(job, reusing: reuse, fence: fence, includes: includes, keepingDocument: keepingDocuments, digesting: recording)
        }
        var articles: [Article] = []
        var documents: [String: [String: MarkdownDocument]] = [:]
        var includeFindings: [Diagnostic] = []
        articles.reserveCapacity(results.count)
        var digests: [String: Digest] = [:]
        digests.reserveCapacity(results.count)
        var records: [String: ArticleLoadRecord] = [:]
        for (job, (record, read, document)) in zip(jobs, results) {
            let file = ContentSet.file(job.path, in: job.root)
            if read {
                digests[file] = record.digest
                if recording { records[file] = record }
            }
            if let article = record.article { articles.append(article) }
            if let document { documents[job.locale, default: [:]][job.path] = document }
            diagnostics += record.diagnostics
            includeFindings += record.includeFindings
        }
        let faq = faqLoad.value()
        articles += faq.articles
        for (locale, found) in faq.documents { documents[locale, default: [:]].merge(found) { own, _ in own } }
        digests.merge(faq.digests) { own, _ in own }
        diagnostics += faq.diagnostics
        includeFindings += faq.includeFindings
        var content = ContentSet(
            configuration: configuration, articles: articles, files: files, diagnostics: diagnostics, fence: fence, includes: includes)
        content.digests = digests
        content.loadRecords = records
        content.faqPages = faq.pages
        content.loadStructure(includeFindings: includeFindings)
        return (content, documents)
    }

    /// An article file to load: its locale, that locale's folder, and its path in the folder.
    private struct ArticleJob: Sendable {
        var locale: String
        var root: String
        var path: String
    }

    /// The Markdown articles of every locale the fence lets in (of two that would share a page,
    /// one), each locale's files, and what listing them found. A translation locale the fence
    /// refuses is taken out of `configuration`.
    private static func discoverArticles(
        _ configuration: inout Configuration, fence: ContentFence
    ) -> (jobs: [ArticleJob], files: [String: Set<String>], diagnostics: [Diagnostic]) {
        var jobs: [ArticleJob] = []
        var files: [String: Set<String>] = [:]
        var diagnostics: [Diagnostic] = []
        // Each locale's folders are listed on a core of their own.
        let refusals = configuration.locales.map { fence.refusal(of: $0) }
        let scans = parallelMap(Array(zip(configuration.locales, refusals))) { entry, refusal in
            refusal == nil ? FileSystem.scan(entry.path, within: fence) : nil
        }
        for (entry, (refusal, scan)) in zip(configuration.locales, zip(refusals, scans)) {
            guard let scan else {
                // Nothing of it is read; a translation locale is left out of the site altogether.
                if let refusal { diagnostics.append(refusal) }
                if entry.id == configuration.sourceLocale { files[entry.id] = [] }
                continue
            }
            diagnostics += scan.skipped.map { ContentFence.diagnostic($0, in: entry.path, locale: entry.id) }
            files[entry.id] = Set(scan.files)
            for path in scan.files where path.lowercased().hasSuffix(".md") && !isNavigation(path) {
                jobs.append(ArticleJob(locale: entry.id, root: entry.path, path: path))
            }
        }
        configuration.locales.removeAll { $0.id != configuration.sourceLocale && fence.refusedLocales[$0.id] != nil }
        // Two articles with one page would be rendered into one file at once: one is kept.
        let collisions = pagePathCollisions(
            Dictionary(grouping: jobs, by: \.locale).mapValues { $0.map(\.path) },
            roots: Dictionary(configuration.locales.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first }),
            sourceLocale: configuration.sourceLocale)
        if !collisions.dropped.isEmpty {
            jobs.removeAll { collisions.dropped[$0.locale]?.contains($0.path) == true }
            diagnostics += collisions.diagnostics
        }
        return (jobs, files, diagnostics)
    }

    /// One article's record (the cache's, when `reuse` still holds one), whether its file was
    /// read and digested (only when `digesting`: a build cache keys records by digest), and its
    /// parsed tree when `keepingDocument`. A file that could not be read has findings but no
    /// digest: no record for the cache.
    private static func loadArticle(
        _ job: ArticleJob, reusing reuse: (any ArticleLoadReuse)?, fence: ContentFence, includes: IncludeStore,
        keepingDocument: Bool, digesting: Bool
    ) -> (record: ArticleLoadRecord, read: Bool, document: MarkdownDocument?) {
        let file = ContentSet.file(job.path, in: job.root)
        if let record = reuse?.record(for: file) { return (record, true, nil) }
        let result = ArticleLoader.load(fileAt: file, path: job.path, locale: job.locale, file: file, within: fence, digesting: digesting)
        // Expanded while the tree is at hand: `check` keeps no trees, and the pages then
        // find the included files parsed.
        let expansion = result.article.flatMap { article in
            result.document.map { IncludeExpansion.walked(article: article, document: $0, store: includes) }
        }
        let record = ArticleLoadRecord(
            digest: result.digest ?? Digest(high: 0, low: 0), article: result.article, diagnostics: result.diagnostics,
            includeFindings: expansion?.diagnostics ?? [], includedFiles: expansion?.files ?? [],
            missedInclude: expansion?.missedFile ?? false)
        // Without a renderer to feed, the model is all that is kept: holding every parsed
        // tree until the last file is loaded would more than double peak memory.
        return (record, result.digest != nil, keepingDocument ? result.document : nil)
    }

    /// What is read once the articles are: the tables of contents, the redirect tables, the
    /// uids and the zone pivot groups; then the findings of these and of `includeFindings`
    /// (what expanding the articles' includes found), each once.
    private mutating func loadStructure(includeFindings: [Diagnostic]) {
        let loaded = self
        tablesOfContents = Dictionary(uniqueKeysWithValues: zip(loaded.locales, parallelMap(loaded.locales) { loaded.loadTableOfContents(for: $0) }))
        var redirectFindings: [Diagnostic] = []
        for entry in configuration.locales {
            let (table, found) = RedirectTable.load(root: entry.path, locale: entry.id, fence: fence)
            if !table.isEmpty { redirects[entry.id] = table }
            redirectFindings += found
        }
        let uidFindings = defineUIDs()
        let pivotFindings = loadZonePivotGroups()
        structureDiagnostics = structureDiagnostics(includes: includeFindings) + redirectFindings + uidFindings + pivotFindings
    }
}

/// Maps `items` on every core, keeping order.
///
/// Items are handed out one at a time from a shared counter, so a core that drew short files
/// takes more of them and no core sits idle while another finishes a fixed share.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    nonisolated(unsafe) let shared = results
    let next = WorkCounter()
    let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.take()
            guard index < items.count else { return }
            shared[index] = transform(items[index])
        }
    }
    // Moved out, not copied: the buffer is freed with nothing left in it.
    let mapped = (0..<items.count).map { results.moveElement(from: $0)! }
    results.deallocate()
    return mapped
}

/// The next unclaimed index of a ``parallelMap``: a lock per item is nothing next to parsing a file.
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    /// Claims the next index.
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next - 1
    }
}
