import ConcordMarkdown

extension ContentSet {
    /// Every `.yml` file of every locale that is a FAQ page (its first line says so), read in
    /// parallel through the fence: tables of contents and other YAML are left alone.
    static func loadFAQPages(
        configuration: Configuration, files: [String: Set<String>], fence: ContentFence
    ) -> (pages: [String: [String: FAQPage]], diagnostics: [Diagnostic]) {
        struct Job: Sendable { var locale: String; var root: String; var path: String }
        var jobs: [Job] = []
        for entry in configuration.locales {
            for path in files[entry.id] ?? [] where path.lowercased().hasSuffix(".yml") && !path.lowercased().hasSuffix("toc.yml") {
                jobs.append(Job(locale: entry.id, root: entry.path, path: path))
            }
        }
        jobs.sort { ($0.locale, $0.path) < ($1.locale, $1.path) }
        let results = parallelMap(jobs) { job -> (FAQPage?, [Diagnostic]) in
            let file = ContentSet.file(job.path, in: job.root)
            if let size = ArticleLoader.fileSize(file), size > MarkdownInput.maximumBytes { return (nil, []) }
            guard let bytes = try? fence.read(file), FAQPage.isFAQ(bytes) else { return (nil, []) }
            return FAQPage.load(bytes: bytes, path: job.path, locale: job.locale, file: file)
        }
        var pages: [String: [String: FAQPage]] = [:]
        var diagnostics: [Diagnostic] = []
        for (job, (page, found)) in zip(jobs, results) {
            if let page { pages[job.locale, default: [:]][job.path] = page }
            diagnostics += found
        }
        return (pages, diagnostics)
    }

    /// The FAQ page at `path` (`x.yml`) of `locale`.
    public func faqPage(_ path: String, in locale: String) -> FAQPage? { faqPages[locale]?[path] }
}
