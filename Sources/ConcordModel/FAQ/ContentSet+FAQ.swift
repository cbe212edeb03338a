import ConcordMarkdown

extension ContentSet {
    /// What the FAQ pages of every locale gave: the pages, and each page as an article.
    struct FAQLoad {
        var pages: [String: [String: FAQPage]] = [:]
        var diagnostics: [Diagnostic] = []
        /// The articles of the pages no Markdown article of the same locale takes the path of.
        var articles: [Article] = []
        var documents: [String: [String: MarkdownDocument]] = [:]
        var digests: [String: Digest] = [:]
        var includeFindings: [Diagnostic] = []
    }

    /// Every `.yml` file of every locale that is a FAQ page (its first line says so), read in
    /// parallel through the fence: tables of contents and other YAML are left alone. Each page
    /// is an article at its Markdown path (`x.md`) too, unless the locale has an `x.md` of its
    /// own, which then is the page (as it takes the page path `x.html`).
    static func loadFAQPages(
        configuration: Configuration, files: [String: Set<String>], fence: ContentFence, includes: IncludeStore, keepingDocuments: Bool
    ) -> FAQLoad {
        struct Job: Sendable { var locale: String; var root: String; var path: String }
        var jobs: [Job] = []
        for entry in configuration.locales {
            for path in files[entry.id] ?? [] where path.lowercased().hasSuffix(".yml") && !path.lowercased().hasSuffix("toc.yml") {
                jobs.append(Job(locale: entry.id, root: entry.path, path: path))
            }
        }
        jobs.sort { ($0.locale, $0.path) < ($1.locale, $1.path) }
        let markdownPaths = files.mapValues { Set($0.lazy.filter { $0.lowercased().hasSuffix(".md") }.map { $0.lowercased() }) }
        // One file's outcome: the page, its findings, and its article when it is one.
        struct Read: Sendable {
            var page: FAQPage?
            var diagnostics: [Diagnostic] = []
            var loaded: LoadResult?
            var digest: Digest?
            var includeFindings: [Diagnostic] = []
        }
        let results = parallelMap(jobs) { job -> Read in
            let file = ContentSet.file(job.path, in: job.root)
            if let size = ArticleLoader.fileSize(file), size > MarkdownInput.maximumBytes { return Read() }
            guard let bytes = try? fence.read(file), FAQPage.isFAQ(bytes) else { return Read() }
            let (page, found) = FAQPage.load(bytes: bytes, path: job.path, locale: job.locale, file: file)
            var read = Read(page: page, diagnostics: found)
            guard let page, markdownPaths[job.locale]?.contains(page.markdownPath.lowercased()) != true else { return read }
            var loaded = page.article()
            // Expanded while the tree is at hand, as for Markdown articles.
            read.includeFindings = loaded.article.flatMap { article in
                loaded.document.map { IncludeExpansion.findings(article: article, document: $0, store: includes) }
            } ?? []
            if !keepingDocuments { loaded.document = nil }
            read.loaded = loaded
            read.digest = Digest.of(bytes)
            return read
        }
        var load = FAQLoad()
        for (job, read) in zip(jobs, results) {
            if let page = read.page { load.pages[job.locale, default: [:]][job.path] = page }
            load.diagnostics += read.diagnostics + (read.loaded?.diagnostics ?? [])
            load.includeFindings += read.includeFindings
            guard let loaded = read.loaded, let article = loaded.article else { continue }
            load.articles.append(article)
            if let document = loaded.document { load.documents[job.locale, default: [:]][article.path] = document }
            if let digest = read.digest { load.digests[article.file] = digest }
        }
        return load
    }

    /// The FAQ page at `path` (`x.yml`) of `locale`.
    public func faqPage(_ path: String, in locale: String) -> FAQPage? { faqPages[locale]?[path] }
}
