import ConcordMarkdown
import ConcordModel
import Foundation

/// What a site build produced, for the summary.
public struct SiteBuildResult: Sendable {
    /// Article pages written per locale (fallbacks included).
    public var pages: [String: Int] = [:]
    /// Fallback pages per locale (no translation; the source is shown).
    public var fallbacks: [String: Int] = [:]
    /// Pages per locale whose translation is stale.
    public var stale: [String: Int] = [:]
    /// Problems met while rendering (includes that could not be expanded), deduplicated and sorted.
    public var diagnostics: [Diagnostic] = []
    /// Images and theme assets copied.
    public var assetsCopied = 0
}

/// Writes the whole multilingual site into a folder: article pages for every locale
/// (fallbacks for missing translations), locale homes, the language chooser, search pages
/// and indexes, `sitemap.xml`, `robots.txt`, theme assets and images.
public struct SiteBuilder: Sendable {
    /// The content and its trees.
    public let site: SiteContent
    /// The status of every source path in every locale (`ArticleStatus.statuses`).
    public let statuses: [String: [String: ArticleStatus]]
    /// The look.
    public let theme: Theme
    private let templates: TemplateRenderer
    private let links: LinkResolver
    private let includes: IncludeStore
    private let languageNames: [String: String]

    /// The configuration of the content.
    public var configuration: Configuration { site.content.configuration }

    /// Prepares a build; fails when a template does not parse.
    public init(site: SiteContent, statuses: [String: [String: ArticleStatus]], theme: Theme) throws(TemplateRenderer.Failure) {
        self.site = site
        self.statuses = statuses
        self.theme = theme
        self.templates = try TemplateRenderer(theme: theme)
        self.links = LinkResolver(content: site.content)
        self.includes = IncludeStore(content: site.content)
        var names: [String: String] = [:]
        for locale in site.content.locales { names[locale] = theme.strings(for: locale).languageName }
        self.languageNames = names
    }

    /// Everything the pages of one locale share.
    struct LocaleContext: Sendable {
        var locale: String
        var strings: ChromeStrings
        var navigation: NavigationRenderer
        /// Table-of-contents files the navigation could not read.
        var navigationDiagnostics: [Diagnostic]
        var renderer: HTMLRenderer
        var isRightToLeft: Bool
        /// The chrome strings as a template context.
        var stringValues: TemplateObject
        /// The template values every page of the locale has, whatever its path.
        var sharedValues: TemplateObject
        /// The fallback notice (the same on every fallback page of the locale).
        var fallbackNotice: String
        /// The outdated notice and its link text.
        var outdatedNotice: String
        var readSource: String
    }

    /// One page to write.
    struct PageJob: Sendable {
        var locale: String
        var path: String
        var status: ArticleStatus
    }

    /// What rendering one page gave besides its file.
    struct PageResult: Sendable {
        var assets: [AssetCopy]
        var diagnostics: [Diagnostic]
        var search: SearchIndex.Document?
    }

    // MARK: - The build

    /// Writes the site into `folder` (an empty staging folder). `progress` is called with pages done and pages in all.
    ///
    /// Files identical to those of `previous` (the live site, if any) are linked from it rather than written.
    public func build(into folder: String, previous: String? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SiteBuildResult {
        let writer = StagingWriter(root: folder, previous: previous.flatMap { FileSystem.isDirectory($0) ? $0 : nil })
        let timings = ProcessInfo.processInfo.environment["CONCORD_TIMINGS"] != nil
        let started = DispatchTime.now()
        func mark(_ name: String) {
            guard timings else { return }
            FileHandle.standardError.write(Data(String(format: "  [+%.3f s] %@%@\n", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9, name, ResidentMemory.note).utf8))
        }
        let content = site.content
        var result = SiteBuildResult()
        let localeContexts = Dictionary(uniqueKeysWithValues: zip(content.locales, parallelMap(content.locales) { makeLocaleContext($0) }))

        mark("locale contexts")
        // Every source article in every locale, then translations without a source (orphans).
        let sourcePaths = content.sourceArticles.keys.sorted()
        let jobsByLocale = content.locales.map { locale in
            sourcePaths.map { path in
                PageJob(locale: locale, path: path, status: statuses[locale]?[path] ?? (content.hasArticle(path, in: locale) ? .current : .fallback))
            } + content.orphans(in: locale).map { PageJob(locale: locale, path: $0, status: .current) }
        }
        // Taken in turn from each locale: the cores take neighbouring jobs, and neighbours in
        // one locale are pages of one folder. Creating files in one folder at once makes the
        // threads wait on the folder's lock, and on ext4, where making a file can be slow
        // (after many files were deleted, it looks for a free inode at length), the waiting
        // thread spun on that lock (docs/performance.md). Each locale keeps its order.
        let jobs = Self.interleaved(jobsByLocale)

        // Folders first, sequentially; then pages in parallel, in chunks so progress can be shown.
        var folders: Set<String> = []
        for job in jobs { folders.insert(RelativePath.directory(of: SitePaths.page(locale: job.locale, path: job.path))) }
        for locale in content.locales { folders.insert(locale) }
        folders.insert("assets")
        for directory in folders.sorted() {
            try FileSystem.createDirectories(folder + "/" + directory)
        }
        mark("folders")

        // The sitemap needs only the content: made on a thread of its own while the pages render,
        // rather than alone at the end, where it would hold up a large site's build.
        let baseURL = configuration.baseURL
        let sitemap = BackgroundWork { [content] in
            let entries = sourcePaths.map { path in
                Sitemap.Entry(path: path, locales: content.locales.filter { content.hasArticle(path, in: $0) })
            } + content.translationLocales.flatMap { locale in
                content.orphans(in: locale).map { Sitemap.Entry(path: $0, locales: [locale]) }
            }
            return Sitemap.xml(entries: entries, sourceLocale: content.sourceLocale, baseURL: baseURL, homeLocales: content.locales)
        }

        var pageResults: [PageResult] = []
        pageResults.reserveCapacity(jobs.count)
        // Few, large chunks: each chunk ends waiting for its slowest page, so fewer ends waste less.
        let chunk = max(512, jobs.count / 8)
        var start = 0
        var firstError: (any Error)?
        while start < jobs.count {
            let slice = Array(jobs[start..<min(start + chunk, jobs.count)])
            let rendered = Self.parallelPages(slice) { job -> Result<PageResult, any Error> in
                Result { try renderPage(job, context: localeContexts[job.locale]!, writer: writer) }
            }
            for item in rendered {
                switch item {
                case .success(let page): pageResults.append(page)
                case .failure(let error): if firstError == nil { firstError = error }
                }
            }
            start += slice.count
            progress?(start, jobs.count)
        }
        if let firstError { throw firstError }
        mark("pages")

        for job in jobs {
            result.pages[job.locale, default: 0] += 1
            if job.status == .fallback { result.fallbacks[job.locale, default: 0] += 1 }
            if job.status == .stale { result.stale[job.locale, default: 0] += 1 }
        }

        let media = try copyMedia(pageResults.flatMap(\.assets), into: folder, writer: writer, generated: Set(jobs.map { SitePaths.page(locale: $0.locale, path: $0.path) }))
        result.assetsCopied = media.copied

        // Theme assets.
        for asset in theme.assets {
            let destination = folder + "/" + asset.path
            try FileSystem.createDirectories(RelativePath.directory(of: destination))
            try writer.write(asset.bytes, to: asset.path)
            result.assetsCopied += 1
        }

        mark("assets")
        // Locale homes, search pages and indexes.
        var searchDocuments: [String: [SearchIndex.Document]] = [:]
        for (job, page) in zip(jobs, pageResults) {
            if let document = page.search { searchDocuments[job.locale, default: []].append(document) }
        }
        // An article at the locale root named `index.md` (or `search.md`) is a page of its own: it
        // wins over the generated one, so writers keep control of their home page.
        let written = Set(jobs.map { SitePaths.page(locale: $0.locale, path: $0.path) })
        for locale in content.locales {
            let context = localeContexts[locale]!
            if !written.contains("\(locale)/index.html") {
                try writer.write(try templates.render("home", homeContext(context)), to: "\(locale)/index.html")
            }
            if !written.contains("\(locale)/search.html") {
                try writer.write(try templates.render("search", searchContext(context)), to: "\(locale)/search.html")
            }
        }
        // Pages were tokenised while rendering; this only merges their terms, a locale per core.
        let byLocale = content.locales.map { searchDocuments[$0] ?? [] }
        let indexes = parallelMap(Array(zip(content.locales, byLocale)).map { SearchIndex(locale: $0.0, documents: $0.1) }) { $0.jsonUTF8() }
        for (locale, json) in zip(content.locales, indexes) {
            try writer.write(json, to: SitePaths.searchIndex(locale: locale))
        }

        mark("search")
        // The language chooser, sitemap and robots.txt.
        try writer.write(try templates.render("chooser", chooserContext(localeContexts)), to: "index.html")
        try writer.write(sitemap.value(), to: "sitemap.xml")
        try writer.write(Sitemap.robots(baseURL: configuration.baseURL), to: "robots.txt")

        var seen: Set<String> = []
        // A source `toc.yml` that cannot be read is read for every locale that falls back to it: reported once.
        let navigationDiagnostics = content.locales.flatMap { localeContexts[$0]!.navigationDiagnostics }
        result.diagnostics = (navigationDiagnostics + reservedPathDiagnostics(sourcePaths) + pageResults.flatMap(\.diagnostics) + media.diagnostics)
            .filter { seen.insert($0.description).inserted }
        result.diagnostics.sort { ($0.location.file, $0.location.line, $0.location.column, $0.message) < ($1.location.file, $1.location.line, $1.location.column, $1.message) }
        return result
    }

    /// Copies the images pages refer to, once per destination, when ``MediaPolicy`` allows:
    /// an image format on its allow-list whose bytes are that format, never over a page. Every
    /// reference to a file that is refused is an `unsafe-media` finding.
    func copyMedia(_ assets: [AssetCopy], into folder: String, writer: StagingWriter, generated: Set<String>) throws -> (copied: Int, diagnostics: [Diagnostic]) {
        var copies: [String: AssetCopy] = [:]
        for copy in assets where copies[copy.outputPath] == nil { copies[copy.outputPath] = copy }
        // Each file is read and judged once, however many pages and locales show it.
        var verdicts: [String: String?] = [:]
        var copied = 0
        for copy in copies.values.sorted() {
            let bytes = try site.content.fence.read(copy.sourceFile)
            let problem: String? = if generated.contains(copy.outputPath) {
                "it would replace the page \(copy.outputPath)"
            } else if let kind = MediaPolicy.kind(ofPath: copy.sourceFile) {
                MediaPolicy.problem(bytes, kind: kind)
            } else {
                "it is not an image the site may publish (\(MediaPolicy.allowedExtensionsText))"
            }
            verdicts[copy.sourceFile] = .some(problem)
            guard problem == nil else { continue }
            let destination = folder + "/" + copy.outputPath
            try FileSystem.createDirectories(RelativePath.directory(of: destination))
            try writer.write(bytes, to: copy.outputPath)
            copied += 1
        }
        let diagnostics = assets.compactMap { copy -> Diagnostic? in
            guard let verdict = verdicts[copy.sourceFile], let problem = verdict, let reference = copy.reference else { return nil }
            let locale = copy.outputPath.split(separator: "/").first.map(String.init)
            let name = (copy.sourceFile as NSString).lastPathComponent
            return MediaPolicy.finding(locale: locale, location: reference, message: "image '\(name)' is not published: \(problem)")
        }
        return (copied, diagnostics)
    }

    /// Source articles whose JSON model would take a locale's search index path (an article named
    /// `search-index.md` at the root): the site keeps its search, and the JSON output leaves
    /// those files out (``SiteDataOutput``).
    func reservedPathDiagnostics(_ sourcePaths: [String]) -> [Diagnostic] {
        let content = site.content
        // Any locale: the two paths differ, if at all, after it.
        let probe = "-"
        return sourcePaths.compactMap { path -> Diagnostic? in
            guard SitePaths.json(locale: probe, path: path) == SitePaths.searchIndex(locale: probe),
                  let article = content.article(path, in: content.sourceLocale) else { return nil }
            return Diagnostic(
                rule: "reserved-path", severity: .warning, locale: content.sourceLocale, location: FileLocation(file: article.file, line: 1),
                message: "this article's JSON model would replace the search index of each locale (<locale>/search-index.json); "
                    + "it is not written: rename the article to publish its JSON")
        }
    }

    /// The elements of `lists` taken in turn, one from each list while it has any; each list's own order kept.
    static func interleaved<Element>(_ lists: [[Element]]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        let longest = lists.map(\.count).max() ?? 0
        for index in 0..<longest {
            for list in lists where index < list.count { result.append(list[index]) }
        }
        return result
    }

    /// Maps `jobs` on every core, keeping order, each core taking the next page as it finishes
    /// one. `parallelMap` deals items out in fixed interleaved shares, which suits files
    /// parsed in one batch; here each chunk of pages ends waiting for the last share, and a
    /// share of 64 pages left one core idle for tens of milliseconds at the end of every chunk.
    static func parallelPages<R: Sendable>(_ jobs: [PageJob], _ transform: @Sendable (PageJob) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: jobs.count)
        results.initialize(repeating: nil)
        defer {
            // The copies made by `map` are returned: release the originals.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            shared[index] = transform(jobs[index])
        }
        return results.map { $0! }
    }

    // MARK: - Locales

    func makeLocaleContext(_ locale: String) -> LocaleContext {
        let content = site.content
        let strings = theme.strings(for: locale)
        var titles: [String: String] = [:]
        for (path, article) in content.sourceArticles { titles[path] = content.article(path, in: locale)?.title ?? article.title }
        for path in content.orphans(in: locale) { titles[path] = content.article(path, in: locale)?.title ?? path }
        // The locale's own tables of contents where it has them, else the source's.
        var layers: [(root: String, files: Set<String>)] = []
        for id in [locale, content.sourceLocale] where !layers.contains(where: { $0.root == configuration.locales.first { $0.id == id }?.path }) {
            if let entry = configuration.locales.first(where: { $0.id == id }) { layers.append((entry.path, content.files[id] ?? [])) }
        }
        let navigation = Navigation.load(files: Navigation.Files(layers, fence: content.fence), titles: titles, resolver: links)
        let isRightToLeft = LocaleID.isRightToLeft(locale)
        let stringValues = TemplateObject(values: strings.values)
        // Room for the per-page keys too, so a page's copy never grows.
        var shared = TemplateObject(capacity: 32)
        shared[.lang] = .text(locale)
        shared[.dir] = .text(isRightToLeft ? "rtl" : "ltr")
        shared[.siteTitle] = .text(configuration.siteTitle)
        shared[.languageName] = .text(strings.languageName)
        shared[.strings] = .object(stringValues)
        return LocaleContext(
            locale: locale, strings: strings, navigation: NavigationRenderer(navigation: navigation, locale: locale),
            navigationDiagnostics: navigation.diagnostics,
            renderer: HTMLRenderer(links: links, includes: includes, alertTitles: strings.alertTitles),
            isRightToLeft: isRightToLeft, stringValues: stringValues, sharedValues: shared,
            fallbackNotice: strings["fallbackNotice", ["language": strings.languageInText(locale), "sourceLanguage": strings.languageInText(content.sourceLocale)]],
            outdatedNotice: strings["outdatedNotice", ["sourceLanguage": strings.languageInText(content.sourceLocale)]],
            readSource: strings["readSource", ["sourceLanguage": strings.languageInText(content.sourceLocale)]])
    }

    /// Above this many second- and third-level headings, "on this page" lists the second level only.
    static let onThisPageLimit = 16

    /// The context every page shares: language, direction, strings, assets, language list.
    func baseContext(_ context: LocaleContext, pagePath: String, title: String) -> [String: Any] {
        var page = context.sharedValues
        addPathValues(to: &page, context, pagePath: pagePath, title: title)
        return page.dictionary
    }

    /// The values of ``baseContext(_:pagePath:title:)`` that depend on the page.
    func addPathValues(to page: inout TemplateObject, _ context: LocaleContext, pagePath: String, title: String) {
        let root = RelativePath.rootPrefix(of: pagePath)
        let locale = context.locale
        page[.title] = .text(title)
        page[.root] = .text(root)
        page[.assets] = .text(root + "assets/")
        page[.homeHref] = .text(root + locale + "/index.html")
        page[.searchHref] = .text(root + locale + "/search.html")
        page[.chooserHref] = .text(root + "index.html?choose")
    }

    // MARK: - Article pages

    func renderPage(_ job: PageJob, context: LocaleContext, writer: StagingWriter) throws -> PageResult {
        let content = site.content
        let source = content.sourceLocale
        let isFallback = job.status == .fallback
        let contentLocale = isFallback ? source : job.locale
        guard let article = content.article(job.path, in: contentLocale), let document = site.document(job.path, in: contentLocale) else {
            return PageResult(assets: [], diagnostics: [], search: nil)
        }
        // `SitePaths.page` for each locale, with the extension dropped once (it lower-cases the whole path).
        let stem = SitePaths.withoutMarkdownExtension(job.path)
        func pageFile(in locale: String) -> String { locale + "/" + stem + ".html" }
        let pagePath = pageFile(in: job.locale)
        let pageDirectory = RelativePath.directory(of: job.path)
        let root = RelativePath.rootPrefix(of: pagePath)
        let body = context.renderer.render(document, article: article, locale: job.locale)

        // Built as typed template values directly: the template finds each by comparing keys.
        var page = context.sharedValues
        addPathValues(to: &page, context, pagePath: pagePath, title: article.title)
        // Mustache treats an empty string as present: leave keys out rather than empty.
        if let description = article.metadata.description, !description.isEmpty { page[.description] = .text(description) }
        // Both as UTF-8 bytes, which the template copies as they are: as strings, tens of
        // kilobytes a page were validated as UTF-8 only to be turned back into bytes.
        page[.content] = .html(TemplateHTML(utf8: body.utf8))
        page[.navigation] = .html(TemplateHTML(utf8: context.navigation.htmlUTF8(currentPath: job.path, pageDirectory: pageDirectory)))
        if let date = article.metadata.date, !date.isEmpty { page[.date] = .text(date) }

        // Where else the article exists, for hreflang and the language switcher.
        let existing = content.locales.filter { content.hasArticle(job.path, in: $0) }
        var alternates: [TemplateObject] = []
        if existing.count > 1 || isFallback {
            alternates = existing.map { TemplateObject([.hreflang: .text($0), .href: .text(SitePaths.url(pageFile(in: $0), baseURL: configuration.baseURL))]) }
            if existing.contains(source) {
                alternates.append(TemplateObject([.hreflang: .text("x-default"), .href: .text(SitePaths.url(pageFile(in: source), baseURL: configuration.baseURL))]))
            }
        }
        page[.alternates] = .objects(alternates)
        let canonicalLocale = isFallback ? source : job.locale
        page[.canonical] = .text(SitePaths.url(pageFile(in: canonicalLocale), baseURL: configuration.baseURL))
        page[.noindex] = .flag(isFallback)
        page[.languages] = .objects(content.locales.map { locale -> TemplateObject in
            TemplateObject([
                .lang: .text(locale),
                .name: .text(languageName(locale)),
                .href: .text(root + pageFile(in: locale)),
                .current: .flag(locale == job.locale),
                .untranslated: .flag(!existing.contains(locale)),
            ])
        })

        // The text's own language: the source's on a fallback page.
        page[.contentLang] = .text(contentLocale)
        page[.contentDir] = .text(LocaleID.isRightToLeft(contentLocale) ? "rtl" : "ltr")
        page[.contentLangDiffers] = .flag(contentLocale != job.locale)

        switch job.status {
        case .fallback:
            page[.notice] = .object(TemplateObject([
                .kind: .text("fallback"),
                .text: .text(context.fallbackNotice),
            ]))
        case .stale:
            page[.notice] = .object(TemplateObject([
                .kind: .text("outdated"),
                .text: .text(context.outdatedNotice),
                .linkHref: .text(root + pageFile(in: source)),
                .linkText: .text(context.readSource),
            ]))
        case .current, .drift:
            break
        }

        var crumbs: [TemplateObject] = [TemplateObject([.title: .text(context.strings["home"]), .href: .text(root + job.locale + "/index.html")])]
        for ancestor in context.navigation.ancestors(of: job.path) {
            var crumb = TemplateObject([.title: .text(ancestor.title)])
            if let path = ancestor.path {
                crumb[.href] = .text(RelativePath.relative(to: SitePaths.withoutMarkdownExtension(path) + ".html", from: pageDirectory))
            }
            crumbs.append(crumb)
        }
        page[.breadcrumbs] = .objects(crumbs)

        // Second and third levels, unless that makes a long list (reference pages with a heading
        // per parameter): then the second level alone, as most docs sites do.
        var listed = article.sections.filter { $0.level == 2 || $0.level == 3 }
        if listed.count > Self.onThisPageLimit { listed = listed.filter { $0.level == 2 } }
        let onThisPage = listed.map { section -> TemplateObject in
            TemplateObject([.anchor: .text(section.anchor), .title: .text(section.title), .sub: .flag(section.level == 3)])
        }
        page[.onThisPage] = .objects(onThisPage)
        page[.hasOnThisPage] = .flag(!onThisPage.isEmpty)

        let html = try templates.renderUTF8("article", page)
        try writer.write(html, to: pagePath)
        // Opened from the locale's search page, where `javascript:x.html` would read as a scheme.
        let url = URLPolicy.relativeReference(String(pagePath.dropFirst(job.locale.count + 1)))
        return PageResult(assets: body.assets, diagnostics: body.diagnostics, search: SearchIndex.document(for: article, url: url).tokenized())
    }

    /// A locale's name in its own language.
    func languageName(_ locale: String) -> String {
        languageNames[locale] ?? locale
    }

    // MARK: - Other pages

    func homeContext(_ context: LocaleContext) -> [String: Any] {
        let pagePath = context.locale + "/index.html"
        var page = baseContext(context, pagePath: pagePath, title: configuration.siteTitle)
        page["navigation"] = context.navigation.html(currentPath: nil, pageDirectory: "")
        var descriptions: [String: String] = [:]
        for (path, article) in site.content.sourceArticles {
            descriptions[path] = (site.content.article(path, in: context.locale) ?? article).metadata.description
        }
        page["sections"] = context.navigation.sections(limit: 6, pageDirectory: "", descriptions: descriptions)
        page["articleCount"] = context.strings["articles", ["count": String(site.content.sourceArticles.count)]]
        page["languages"] = site.content.locales.map { locale -> [String: Any] in
            ["lang": locale, "name": languageName(locale), "href": "../" + locale + "/index.html", "current": locale == context.locale]
        }
        page["alternates"] = site.content.locales.map { ["hreflang": $0, "href": SitePaths.url("\($0)/index.html", baseURL: configuration.baseURL)] }
            + [["hreflang": "x-default", "href": SitePaths.url("index.html", baseURL: configuration.baseURL)]]
        page["canonical"] = SitePaths.url(pagePath, baseURL: configuration.baseURL)
        page["breadcrumbs"] = [[String: Any]]()
        return page
    }

    func searchContext(_ context: LocaleContext) -> [String: Any] {
        let pagePath = context.locale + "/search.html"
        var page = baseContext(context, pagePath: pagePath, title: context.strings["searchResults"])
        page["navigation"] = context.navigation.html(currentPath: nil, pageDirectory: "")
        page["noindex"] = true
        page["languages"] = site.content.locales.map { locale -> [String: Any] in
            ["lang": locale, "name": languageName(locale), "href": "../" + locale + "/search.html", "current": locale == context.locale]
        }
        page["breadcrumbs"] = [["title": context.strings["home"], "href": "index.html"]] as [[String: Any]]
        return page
    }

    func chooserContext(_ contexts: [String: LocaleContext]) -> [String: Any] {
        let source = site.content.sourceLocale
        let sourceContext = contexts[source]!
        var page = baseContext(sourceContext, pagePath: "index.html", title: configuration.siteTitle)
        let locales = site.content.locales
        page["languages"] = locales.map { locale -> [String: Any] in
            let strings = contexts[locale]!.strings
            return [
                "lang": locale,
                "dir": LocaleID.isRightToLeft(locale) ? "rtl" : "ltr",
                "name": strings.languageName,
                "href": locale + "/index.html",
                "siteTitle": configuration.siteTitle,
                "chooseLanguage": strings["chooseLanguage"],
            ]
        }
        // An attribute of the chooser's script element (escaped as any value), read by assets/chooser.js.
        page["localeList"] = locales.joined(separator: ",")
        page["sourceLocale"] = source
        page["alternates"] = locales.map { ["hreflang": $0, "href": SitePaths.url("\($0)/index.html", baseURL: configuration.baseURL)] }
            + [["hreflang": "x-default", "href": SitePaths.url("index.html", baseURL: configuration.baseURL)]]
        page["canonical"] = SitePaths.url("index.html", baseURL: configuration.baseURL)
        return page
    }
}
