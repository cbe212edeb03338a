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
    /// Problems met while rendering (images the site may not publish), deduplicated and sorted.
    /// Those of navigation and includes are the content set's (``ContentSet/structureDiagnostics``).
    public var diagnostics: [Diagnostic] = []
    /// Images and theme assets copied.
    public var assetsCopied = 0
    /// Article pages rendered by this build; the others were unchanged since the last one and kept.
    public var pagesRendered = 0

    /// An empty result.
    public init() {}
}

/// Turns the model into the site's pages: article pages for every locale (fallbacks for
/// missing translations), locale homes, the language chooser, search pages and the sitemap.
/// It makes bytes and writes nothing: the build's stages (ConcordBuild) decide what is
/// rendered, and where it goes.
public struct SiteBuilder: Sendable {
    /// The content and its trees.
    public let site: SiteContent
    /// The status of every source path in every locale (`ArticleStatus.statuses`).
    public let statuses: [String: [String: ArticleStatus]]
    /// The look.
    public let theme: Theme
    let templates: TemplateRenderer
    let links: LinkResolver
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
        self.includes = site.content.includes
        var names: [String: String] = [:]
        for locale in site.content.locales { names[locale] = theme.strings(for: locale).languageName }
        self.languageNames = names
    }

    /// Everything the pages of one locale share.
    public struct LocaleContext: Sendable {
        public var locale: String
        var strings: ChromeStrings
        /// The locale's navigation, made when a page first shows it: a rebuild that keeps every
        /// page of a locale (and its home and search pages) never needs it.
        var navigation: NavigationRenderer { lazyNavigation.value(makeNavigation) }
        private let lazyNavigation = SharedLazyValue<NavigationRenderer>()
        let makeNavigation: @Sendable () -> NavigationRenderer
        var renderer: HTMLRenderer
        var isRightToLeft: Bool
        /// The chrome strings as a template context.
        var stringValues: TemplateObject
        /// The template values every page of the locale has, whatever its path.
        var sharedValues: TemplateObject
        /// The fallback notice (the same on every fallback page of the locale), as HTML with its
        /// language names isolated (``ChromeStrings/isolatedHTML(_:_:)``).
        var fallbackNotice: (html: String, lang: String?)
        /// The outdated notice and its link text, the same way.
        var outdatedNotice: (html: String, lang: String?)
        var readSource: (html: String, lang: String?)
        /// How the locale writes a date (`ms.date`).
        var dateStyle: Date.FormatStyle
    }

    /// One article page: the article at `path`, shown in `locale`.
    public struct PageJob: Sendable, Hashable {
        public var locale: String
        public var path: String
        public var status: ArticleStatus

        /// The page's file, relative to the output folder.
        public var pagePath: String { SitePaths.page(locale: locale, path: path) }

        public init(locale: String, path: String, status: ArticleStatus) {
            self.locale = locale
            self.path = path
            self.status = status
        }
    }

    /// A rendered article page and what it needs besides its file.
    public struct RenderedPage: Sendable {
        /// The page's bytes; empty when the article could not be loaded (nothing is written).
        public var html: [UInt8]
        /// Images the page shows, to copy into the site.
        public var assets: [AssetCopy]
        /// Problems met while rendering.
        public var diagnostics: [Diagnostic]
        /// The page's entry in its locale's search index.
        public var search: SearchIndex.Document?
        /// The files its includes expanded (`<locale>/<path>`).
        public var includedFiles: [String] = []
    }

    // MARK: - Locales

    /// What the pages of `locale` share: strings, navigation, renderer.
    public func makeLocaleContext(_ locale: String) -> LocaleContext {
        let content = site.content
        let strings = theme.strings(for: locale)
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
            locale: locale, strings: strings, makeNavigation: { [self] in makeNavigation(locale) },
            renderer: HTMLRenderer(
                links: links, includes: includes, alertTitles: strings.alertTitles, snippets: site.content.snippets, words: strings.blockWords,
                codeLabel: strings["codeBlock"]),
            isRightToLeft: isRightToLeft, stringValues: stringValues, sharedValues: shared,
            fallbackNotice: strings.isolatedHTML("fallbackNotice", ["language": strings.languageInText(locale), "sourceLanguage": strings.languageInText(content.sourceLocale)]),
            outdatedNotice: strings.isolatedHTML("outdatedNotice", ["sourceLanguage": strings.languageInText(content.sourceLocale)]),
            readSource: strings.isolatedHTML("readSource", ["sourceLanguage": strings.languageInText(content.sourceLocale)]),
            dateStyle: PageDate.style(locale: locale))
    }

    /// The navigation of `locale`: its table of contents, with every page's title in the locale
    /// (the source's where it has no translation, marked as such).
    func makeNavigation(_ locale: String) -> NavigationRenderer {
        let content = site.content
        var titles: [String: String] = [:]
        var untranslated: [String: String] = [:]
        for (path, article) in content.sourceArticles {
            if let translated = content.article(path, in: locale) {
                titles[path] = translated.title
            } else {
                titles[path] = article.title
                if locale != content.sourceLocale { untranslated[path] = article.title }
            }
        }
        for path in content.orphans(in: locale) { titles[path] = content.article(path, in: locale)?.title ?? path }
        let navigation = Navigation(content.tableOfContents(for: locale), titles: titles, resolver: links)
        return NavigationRenderer(navigation: navigation, locale: locale, untranslated: untranslated, sourceLocale: content.sourceLocale)
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

    /// Where an article page is, and the paths it needs to name its other versions.
    struct PagePlace {
        var job: PageJob
        /// The path without `.md`, as `SitePaths.page` writes it (it lower-cases the whole path: done once).
        var stem: String
        /// The locale whose text the page shows: the source's on a fallback page.
        var contentLocale: String

        init(_ job: PageJob, sourceLocale: String) {
            self.job = job
            stem = SitePaths.withoutMarkdownExtension(job.path)
            contentLocale = Self.contentLocale(of: job, sourceLocale: sourceLocale)
        }

        static func contentLocale(of job: PageJob, sourceLocale: String) -> String {
            job.status == .fallback ? sourceLocale : job.locale
        }

        /// The page's file in `locale`, relative to the output folder.
        func file(in locale: String) -> String { locale + "/" + stem + ".html" }
        var path: String { file(in: job.locale) }
        var directory: String { RelativePath.directory(of: job.path) }
        var root: String { RelativePath.rootPrefix(of: path) }
    }

    /// Says which pages are to come, so that each article's tree is dropped once its last page
    /// is done (``pageDone(_:)``): every tree is then not held to the end of the build.
    public func expectPages(_ jobs: [PageJob]) {
        let sourceLocale = site.content.sourceLocale
        site.expectPages(jobs.map { ($0.path, PagePlace.contentLocale(of: $0, sourceLocale: sourceLocale)) })
    }

    /// Says that the page of `job` was rendered, or kept, and needs its article's tree no more.
    public func pageDone(_ job: PageJob) {
        site.pageDone(job.path, in: PagePlace.contentLocale(of: job, sourceLocale: site.content.sourceLocale))
    }

    /// Renders the article page of `job`.
    public func renderPage(_ job: PageJob, context: LocaleContext) throws -> RenderedPage {
        let place = PagePlace(job, sourceLocale: site.content.sourceLocale)
        guard let article = site.content.article(job.path, in: place.contentLocale),
              let document = site.document(job.path, in: place.contentLocale) else {
            return RenderedPage(html: [], assets: [], diagnostics: [], search: nil)
        }
        let body = context.renderer.render(document, article: article, locale: job.locale)

        // Built as typed template values directly: the template finds each by comparing keys.
        var page = context.sharedValues
        addPathValues(to: &page, context, pagePath: place.path, title: article.title)
        // Mustache treats an empty string as present: leave keys out rather than empty.
        if let description = article.metadata.description, !description.isEmpty { page[.description] = .text(description) }
        // Both as UTF-8 bytes, which the template copies as they are: as strings, tens of
        // kilobytes a page were validated as UTF-8 only to be turned back into bytes.
        page[.content] = .html(TemplateHTML(utf8: article.faq == nil ? body.utf8 : body.utf8 + Array(Self.structuredDataElement(article).utf8)))
        page[.navigation] = .html(TemplateHTML(utf8: context.navigation.htmlUTF8(currentPath: job.path, pageDirectory: place.directory)))
        addDate(to: &page, article.metadata.date, context)
        addLanguageValues(to: &page, place)
        addNotice(to: &page, place, context)
        page[.breadcrumbs] = .objects(breadcrumbs(place, context))
        let onThisPage = onThisPage(article, ids: body.sectionIDs)
        page[.onThisPage] = .objects(onThisPage)
        page[.hasOnThisPage] = .flag(!onThisPage.isEmpty)
        if body.usesSelectors { page[.selectors] = .flag(true) }

        let html = try templates.renderUTF8("article", page)
        return RenderedPage(html: html, assets: body.assets, diagnostics: body.diagnostics, search: searchDocument(job, article: article),
            includedFiles: body.includedFiles)
    }

    /// "Last updated": the date in the locale's words with `datetime`, or as written when it is no date Concord reads.
    func addDate(to page: inout TemplateObject, _ written: String?, _ context: LocaleContext) {
        guard let written, !written.isEmpty else { return }
        if let date = PageDate(metadata: written) {
            page[.date] = .text(date.formatted(context.dateStyle))
            page[.dateTime] = .text(date.iso)
        } else {
            page[.date] = .text(written)
        }
    }

    /// Where else the article exists (`hreflang`, the language switcher, the canonical URL) and
    /// the language of its text.
    func addLanguageValues(to page: inout TemplateObject, _ place: PagePlace) {
        let content = site.content, source = content.sourceLocale, job = place.job
        let isFallback = job.status == .fallback
        let existing = content.locales.filter { content.hasArticle(job.path, in: $0) }
        var alternates: [TemplateObject] = []
        if existing.count > 1 || isFallback {
            alternates = existing.map { TemplateObject([.hreflang: .text($0), .href: .text(SitePaths.url(place.file(in: $0), baseURL: configuration.baseURL))]) }
            if existing.contains(source) {
                alternates.append(TemplateObject([.hreflang: .text("x-default"), .href: .text(SitePaths.url(place.file(in: source), baseURL: configuration.baseURL))]))
            }
        }
        page[.alternates] = .objects(alternates)
        page[.canonical] = .text(SitePaths.url(place.file(in: place.contentLocale), baseURL: configuration.baseURL))
        page[.noindex] = .flag(isFallback)
        page[.languages] = .objects(content.locales.map { locale -> TemplateObject in
            TemplateObject([
                .lang: .text(locale),
                .name: .text(languageName(locale)),
                .href: .text(place.root + place.file(in: locale)),
                .current: .flag(locale == job.locale),
                .untranslated: .flag(!existing.contains(locale)),
            ])
        })
        // The text's own language: the source's on a fallback page.
        page[.contentLang] = .text(place.contentLocale)
        page[.contentDir] = .text(LocaleID.isRightToLeft(place.contentLocale) ? "rtl" : "ltr")
        page[.contentLangDiffers] = .flag(place.contentLocale != job.locale)
    }

    /// The fallback or outdated notice, when the page has one.
    func addNotice(to page: inout TemplateObject, _ place: PagePlace, _ context: LocaleContext) {
        switch place.job.status {
        case .fallback:
            var notice = TemplateObject([.kind: .text("fallback")])
            Self.addSentence(context.fallbackNotice, as: .text, .textLang, .textDir, to: &notice)
            page[.notice] = .object(notice)
        case .stale:
            var notice = TemplateObject([.kind: .text("outdated"), .linkHref: .text(place.root + place.file(in: site.content.sourceLocale))])
            Self.addSentence(context.outdatedNotice, as: .text, .textLang, .textDir, to: &notice)
            Self.addSentence(context.readSource, as: .linkText, .linkLang, .linkDir, to: &notice)
            page[.notice] = .object(notice)
        case .current, .drift:
            break
        }
    }

    /// A sentence of the chrome as HTML under `key`, with its language and direction under
    /// `langKey` and `dirKey` when it is not in the page's language.
    static func addSentence(
        _ sentence: (html: String, lang: String?), as key: TemplateKey, _ langKey: TemplateKey, _ dirKey: TemplateKey, to object: inout TemplateObject
    ) {
        object[key] = .html(TemplateHTML(utf8: Array(sentence.html.utf8)))
        if let lang = sentence.lang {
            object[langKey] = .text(lang)
            object[dirKey] = .text(LocaleID.isRightToLeft(lang) ? "rtl" : "ltr")
        }
    }

    /// Home, then the page's ancestors in the navigation.
    func breadcrumbs(_ place: PagePlace, _ context: LocaleContext) -> [TemplateObject] {
        var crumbs = [TemplateObject([.title: .text(context.strings["home"]), .href: .text(place.root + place.job.locale + "/index.html")])]
        for ancestor in context.navigation.ancestors(of: place.job.path) {
            var crumb = TemplateObject([.title: .text(ancestor.title)])
            if let path = ancestor.path {
                crumb[.href] = .text(RelativePath.relative(to: SitePaths.withoutMarkdownExtension(path) + ".html", from: place.directory))
            }
            crumbs.append(crumb)
        }
        return crumbs
    }

    /// "On this page": second and third levels, unless that makes a long list (reference pages
    /// with a heading per parameter): then the second level alone, as most docs sites do.
    /// `ids` are the sections' ids on the page (``RenderedBody/sectionIDs``); a section without one is not shown.
    func onThisPage(_ article: Article, ids: [String?]) -> [TemplateObject] {
        var listed = zip(article.sections, ids).compactMap { section, id in
            id.map { (section: section, id: $0) }
        }.filter { $0.section.level == 2 || $0.section.level == 3 }
        if listed.count > Self.onThisPageLimit { listed = listed.filter { $0.section.level == 2 } }
        return listed.map { section, id in
            TemplateObject([.anchor: .text(id), .title: .text(section.title), .sub: .flag(section.level == 3)])
        }
    }

    /// The search index entry of the page of `job`, or nil when its article is not loaded.
    public func searchDocument(_ job: PageJob) -> SearchIndex.Document? {
        let contentLocale = job.status == .fallback ? site.content.sourceLocale : job.locale
        return site.content.article(job.path, in: contentLocale).map { searchDocument(job, article: $0) }
    }

    private func searchDocument(_ job: PageJob, article: Article) -> SearchIndex.Document {
        // Opened from the locale's search page, where `javascript:x.html` would read as a scheme.
        let url = URLPolicy.relativeReference(SitePaths.withoutMarkdownExtension(job.path) + ".html")
        return SearchIndex.document(for: article, url: url).tokenized()
    }

    /// The rule id of ``chromeFindings()``.
    public static let missingStringsRule = "missing-chrome-strings"

    /// A warning for each locale whose pages show some of the site's own words in English,
    /// naming the keys and the file that would give them.
    public func chromeFindings() -> [Diagnostic] {
        site.content.locales.compactMap { locale in
            let missing = theme.missingStrings(for: locale)
            guard !missing.isEmpty else { return nil }
            let file = configuration.templates + "/i18n/" + locale + ".yml"
            let message = missing.count == ChromeStrings.english.count - 1 + PluralRules.categories(for: locale).count
                ? "no strings for the site's own words in \(locale): every menu, notice and label shows in English; add \(file) with \(missing.joined(separator: ", "))"
                : "\(missing.count) of the site's own words have no \(locale) text and show in English: \(missing.joined(separator: ", "))"
            return Diagnostic(rule: Self.missingStringsRule, severity: .warning, locale: locale, location: FileLocation(file: file, line: 1), message: message)
        }
    }

    /// A locale's name in its own language.
    func languageName(_ locale: String) -> String {
        languageNames[locale] ?? locale
    }

    // MARK: - Other pages

    /// The home page of a locale (`<locale>/index.html`).
    public func homePage(_ context: LocaleContext) throws -> [UInt8] {
        Array(try templates.render("home", homeContext(context)).utf8)
    }

    /// The search page of a locale (`<locale>/search.html`).
    public func searchPage(_ context: LocaleContext) throws -> [UInt8] {
        Array(try templates.render("search", searchContext(context)).utf8)
    }

    /// The language chooser at the site's root (`index.html`).
    public func chooserPage(_ contexts: [String: LocaleContext]) throws -> [UInt8] {
        Array(try templates.render("chooser", chooserContext(contexts)).utf8)
    }

    /// `sitemap.xml`: every source article with the locales that have it, then each locale's orphans.
    public func sitemap() -> String {
        let content = site.content
        let entries = content.sourceArticles.keys.sorted().map { path in
            Sitemap.Entry(path: path, locales: content.locales.filter { content.hasArticle(path, in: $0) })
        } + content.translationLocales.flatMap { locale in
            content.orphans(in: locale).map { Sitemap.Entry(path: $0, locales: [locale]) }
        }
        return Sitemap.xml(entries: entries, sourceLocale: content.sourceLocale, baseURL: configuration.baseURL, homeLocales: content.locales)
    }

    func homeContext(_ context: LocaleContext) -> [String: Any] {
        let pagePath = SitePaths.home(locale: context.locale)
        var page = baseContext(context, pagePath: pagePath, title: configuration.siteTitle)
        page["navigation"] = context.navigation.html(currentPath: nil, pageDirectory: "")
        var descriptions: [String: String] = [:]
        for (path, article) in site.content.sourceArticles {
            descriptions[path] = (site.content.article(path, in: context.locale) ?? article).metadata.description
        }
        page["sections"] = context.navigation.sections(limit: 6, pageDirectory: "", descriptions: descriptions)
        page["articleCount"] = context.strings.plural("articles", count: site.content.sourceArticles.count)
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
        let pagePath = SitePaths.searchPage(locale: context.locale)
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
