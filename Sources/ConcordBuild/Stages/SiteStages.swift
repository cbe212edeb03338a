import ConcordModel
import ConcordRender
import Foundation

/// The site's stages, in order: locale contexts → page plan → article pages → media and theme
/// assets → locale pages and search indexes → chooser, sitemap and robots.txt. Each writes
/// into the staging folder through one ``StagingWriter``, which links files unchanged since the
/// live site rather than write them again.
public struct SiteStages: Sendable {
    /// Makes the pages' bytes.
    public let builder: SiteBuilder
    /// What the pages may keep from the previous build (nil: every page is rendered).
    public var reuse: PageReuse?
    /// The build's clock, for `CONCORD_TIMINGS`.
    public var clock = StageClock()
    /// The page plan, when the build made it already (for the page keys); made here otherwise.
    public var plan: PagePlan?

    /// Stages that render with `builder`.
    public init(builder: SiteBuilder, reuse: PageReuse? = nil) {
        self.builder = builder
        self.reuse = reuse
    }

    /// What the stages produced: the summary's result and each page's record, for the cache.
    public struct Output: Sendable {
        public var result: SiteBuildResult
        /// What each article page needs besides its file, by page path.
        public var pages: [String: PageRecord]
        /// The search entries of the locales whose index was made, by locale and page path, for the cache.
        public var search: [String: [String: SearchEntryCache.Entry]] = [:]
        /// The keys of the site files (``PageKeys/siteFiles``), by path, for the cache.
        public var siteFiles: [String: Digest] = [:]
    }

    /// Writes the site into `folder` (an empty staging folder), linking files unchanged since
    /// `previous` (the live site). `progress` gets pages done and pages in all.
    public func run(into folder: String, previous: String? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Output {
        try run(into: StagingWriter(root: folder, previous: previous.flatMap { FileSystem.isDirectory($0) ? $0 : nil }), progress: progress)
    }

    /// Writes the site through `writer` (into its staging folder).
    public func run(into writer: StagingWriter, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Output {
        let content = builder.site.content
        let contexts = Dictionary(uniqueKeysWithValues: zip(content.locales, parallelMap(content.locales) { builder.makeLocaleContext($0) }))
        clock.mark("locale contexts")
        let plan = self.plan ?? PagePlan(content: content, statuses: builder.statuses)
        let pagePaths = plan.pagePaths
        for directory in plan.folders { try writer.createDirectories(directory) }
        clock.mark("folders")

        // The sitemap needs only the content: made on a thread of its own while the pages render.
        let sitemap = reuse?.keepSiteFile(SitePaths.sitemap, writer: writer) == true ? nil : BackgroundWork { [builder] in builder.sitemap() }
        let pages = try PageStage(builder: builder, contexts: contexts, writer: writer, reuse: reuse).run(plan, progress: progress)
        clock.mark("pages")

        var result = SiteBuildResult()
        for page in pages {
            result.pages[page.job.locale, default: 0] += 1
            if page.job.status == .fallback { result.fallbacks[page.job.locale, default: 0] += 1 }
            if page.job.status == .stale { result.stale[page.job.locale, default: 0] += 1 }
            if page.rendered { result.pagesRendered += 1 }
        }
        let media = try MediaStage(fence: content.fence, writer: writer).run(pages.flatMap(\.record.assets), generated: pagePaths)
        result.assetsCopied = media.copied + (try writeThemeAssets(writer))
        clock.mark("assets")

        // Moved pages answer with a redirect, where no article (FAQ pages included) took their path.
        let homeAndSearch = content.locales.flatMap { [SitePaths.home(locale: $0), SitePaths.searchPage(locale: $0)] }
        for redirect in builder.redirectPages(taken: pagePaths.union(homeAndSearch)) {
            try writer.createDirectories(RelativePath.directory(of: redirect.path))
            try writer.write(redirect.html, to: redirect.path)
        }
        clock.mark("redirects")

        try writeLocalePages(contexts, written: pagePaths, writer: writer)
        let search = try writeSearchIndexes(searchDocuments: pages, writer: writer)
        clock.mark("search")
        try writer.write(try builder.chooserPage(contexts), to: "index.html")
        if let sitemap { try writer.write(sitemap.value(), to: SitePaths.sitemap) }
        try writer.write(Sitemap.robots(baseURL: builder.configuration.baseURL), to: "robots.txt")

        // Those of navigation and includes were found while the content loaded, with the checks'.
        var seen: Set<String> = []
        result.diagnostics = (pages.flatMap(\.record.diagnostics) + media.diagnostics + builder.chromeFindings()).filter { seen.insert($0.description).inserted }
        result.diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column, $0.message) < ($1.location.file, $1.location.line, $1.location.column, $1.message) }
        let records = Dictionary(pages.map { ($0.job.pagePath, $0.record) }, uniquingKeysWith: { first, _ in first })
        // Those whose path an article took are its pages, kept by the page's own key.
        let siteFiles = reuse?.keys.siteFiles.filter { !pagePaths.contains($0.key) } ?? [:]
        return Output(result: result, pages: records, search: search, siteFiles: siteFiles)
    }

    /// The theme's stylesheets, scripts and icons; returns how many.
    private func writeThemeAssets(_ writer: StagingWriter) throws -> Int {
        for asset in builder.theme.assets {
            try writer.createDirectories(RelativePath.directory(of: asset.path))
            try writer.write(asset.bytes, to: asset.path)
        }
        return builder.theme.assets.count
    }

    /// Each locale's home and search page, unless an article at the locale's root takes its
    /// path (writers keep control of their home page); each is kept from the live site when it
    /// is made from what it was made from.
    private func writeLocalePages(_ contexts: [String: SiteBuilder.LocaleContext], written: Set<String>, writer: StagingWriter) throws {
        for locale in builder.site.content.locales {
            let context = contexts[locale]!
            for (path, page) in [(SitePaths.home(locale: locale), builder.homePage), (SitePaths.searchPage(locale: locale), builder.searchPage)]
            where !written.contains(path) {
                if reuse?.keepSiteFile(path, writer: writer) != true { try writer.write(try page(context), to: path) }
            }
        }
    }

    /// Each locale's search index. Returns the search entries of the locales whose index was
    /// made again.
    private func writeSearchIndexes(searchDocuments pages: [PageStage.Outcome], writer: StagingWriter) throws -> [String: [String: SearchEntryCache.Entry]] {
        let locales = builder.site.content.locales
        // A locale whose every page was kept has the live site's index: it is made of those pages.
        var fresh: [String] = []
        for locale in locales {
            let pagesOfLocale = pages.filter { $0.job.locale == locale }
            let kept = !pagesOfLocale.isEmpty && pagesOfLocale.allSatisfy { !$0.rendered } && reuse?.samePages(pagesOfLocale.map(\.job.pagePath), in: locale) == true
            if !(kept && reuse?.keepFile(SitePaths.searchIndex(locale: locale), writer: writer) == true) { fresh.append(locale) }
        }
        let filled = keptPagesEntries(pages.filter { $0.search == nil && fresh.contains($0.job.locale) })
        var documents: [String: [SearchIndex.Document]] = [:]
        var entries: [String: [String: SearchEntryCache.Entry]] = [:]
        for page in pages where fresh.contains(page.job.locale) {
            if let document = page.search {
                documents[page.job.locale, default: []].append(document)
                if let key = page.record.key { entries[page.job.locale, default: [:]][page.job.pagePath] = SearchEntryCache.Entry(key: key, document: document) }
            } else if let kept = filled[page.job.pagePath] {
                documents[page.job.locale, default: []].append(kept.document)
                if let entry = kept.entry { entries[page.job.locale, default: [:]][page.job.pagePath] = entry }
            }
        }
        // Pages were tokenised while rendering; this only merges their terms, a locale per core.
        let indexes = parallelMap(fresh.map { SearchIndex(locale: $0, documents: documents[$0] ?? []) }) { $0.jsonUTF8() }
        for (locale, json) in zip(fresh, indexes) { try writer.write(json, to: SitePaths.searchIndex(locale: locale)) }
        return entries
    }

    /// The search entries of pages kept from the live site, by page path: the previous build's
    /// entry when it was made from the same page (same key), else worked out from the article;
    /// each with the entry to cache, unless its page has no key.
    private func keptPagesEntries(_ kept: [PageStage.Outcome]) -> [String: (document: SearchIndex.Document, entry: SearchEntryCache.Entry?)] {
        var cached: [String: [String: SearchEntryCache.Entry]] = [:]
        if let store = reuse?.searchEntries {
            let locales = Array(Set(kept.map(\.job.locale))).sorted()
            cached = Dictionary(uniqueKeysWithValues: zip(locales, parallelMap(locales) { store.load($0) }))
        }
        var filled: [String: (document: SearchIndex.Document, entry: SearchEntryCache.Entry?)] = [:]
        var missing: [PageStage.Outcome] = []
        for page in kept {
            if let entry = cached[page.job.locale]?[page.job.pagePath], entry.key == page.record.key {
                filled[page.job.pagePath] = (entry.document, entry)
            } else {
                missing.append(page)
            }
        }
        for (page, document) in zip(missing, parallelMap(missing) { builder.searchDocument($0.job) }) {
            guard let document else { continue }
            filled[page.job.pagePath] = (document, page.record.key.map { SearchEntryCache.Entry(key: $0, document: document) })
        }
        return filled
    }
}
