import ConcordModel

/// Turns a content set and the articles' statuses into the export's output models.
///
/// The one place that decides, for every source article in every locale, which content is
/// served (the translation, or the source as a fallback) and how it stands, so the
/// per-article files, the bundles and the manifest can never disagree.
struct SiteDataTranslator: Sendable {
    /// The article served at one path in one locale.
    struct Placement: Sendable {
        /// The locale the page is for.
        var locale: String
        /// The article whose content is served: the translation, or the source for a fallback.
        var article: Article
        /// How it stands.
        var status: ArticleStatus
        /// `article.locale` before any rewriting: the locale the content is in.
        var contentLocale: String { article.locale }
    }

    let content: ContentSet
    let statuses: [String: [String: ArticleStatus]]
    let resolver: LinkResolver
    /// The source articles, sorted by path: the set of articles every locale has a page for.
    ///
    /// A translation with no source is left out; the checker reports it. Sorted once: the
    /// documents, every bundle and the manifest each walk it.
    let sourceArticles: [Article]
    /// The content root and a `/`, as ``sourcePath(of:)`` takes it off files; empty when the
    /// root is the current folder.
    private let contentRootPrefix: String

    init(content: ContentSet, statuses: [String: [String: ArticleStatus]]) {
        self.content = content
        self.statuses = statuses
        resolver = LinkResolver(content: content)
        sourceArticles = content.sortedArticles(in: content.sourceLocale)
        let root = Self.trimmed(content.configuration.contentRoot)
        contentRootPrefix = root.isEmpty || root == "." ? "" : root + "/"
    }

    /// What is served at `source.path` in `locale`.
    ///
    /// Whether a translation exists is the content's to say; everything else is the statuses'.
    /// A missing status (a caller that ran no checks) counts as `current`.
    func placement(of source: Article, in locale: String) -> Placement {
        guard let translation = content.article(source.path, in: locale) else {
            return Placement(locale: locale, article: source, status: .fallback)
        }
        var status = statuses[locale]?[source.path] ?? .current
        if status == .fallback { status = .current }
        return Placement(locale: locale, article: translation, status: status)
    }

    /// The Markdown file an article was read from, relative to the content root, so the value
    /// does not depend on the folder Concord ran in.
    ///
    /// Every document and every manifest entry asks, so paths are compared as UTF-8 bytes,
    /// not as `Character`s.
    func sourcePath(of article: Article) -> String {
        let file = Self.trimmed(article.file)
        guard !contentRootPrefix.isEmpty, file.utf8.starts(with: contentRootPrefix.utf8) else { return file }
        return String(Substring(file.utf8.dropFirst(contentRootPrefix.utf8.count)))
    }

    /// `path` without any leading `./` or trailing `/`.
    private static func trimmed(_ path: String) -> String {
        var utf8 = Substring(path).utf8
        while utf8.starts(with: "./".utf8) { utf8 = utf8.dropFirst(2) }
        while utf8.last == UInt8(ascii: "/") { utf8 = utf8.dropLast() }
        return utf8.count == path.utf8.count ? path : String(Substring(utf8))
    }

    func url(of path: String, in locale: String) -> String {
        SitePaths.url(SitePaths.page(locale: locale, path: path), baseURL: content.configuration.baseURL)
    }

    // MARK: - Per-article documents

    func document(for placement: Placement) -> ArticleDocument {
        var article = placement.article
        let contentLocale = article.locale
        let sourcePath = sourcePath(of: article)
        // Set only on fallbacks: setting it gives the copy storage of its own.
        if contentLocale != placement.locale { article.locale = placement.locale }
        return ArticleDocument(
            article: article,
            url: url(of: article.path, in: placement.locale),
            status: placement.status,
            contentLocale: contentLocale,
            sourcePath: sourcePath
        )
    }

    // MARK: - Bundles

    func bundle(for locale: String) -> HelpBundle {
        HelpBundle(
            schemaVersion: ExportFormat.schemaVersion,
            locale: locale,
            dir: LocaleID.isRightToLeft(locale) ? .rtl : .ltr,
            isSource: locale == content.sourceLocale,
            sourceLocale: content.sourceLocale,
            siteTitle: content.configuration.siteTitle,
            articles: sourceArticles.map { bundleEntry(for: placement(of: $0, in: locale)) }
        )
    }

    func bundleEntry(for placement: Placement) -> HelpBundle.Entry {
        let article = placement.article
        let locale = placement.locale
        func link(text: String, destination: String) -> HelpBundle.Link {
            let resolved = resolver.resolve(destination, from: article.path, locale: locale)
            return HelpBundle.Link(text: text, destination: destination, article: resolved.article, anchor: resolved.anchor, url: resolved.url)
        }
        // Recursion follows the step tree, which the builder already walked without overflowing.
        func bundleStep(_ step: Step) -> HelpBundle.Step {
            HelpBundle.Step(
                number: step.number, text: step.text, uiElements: step.uiElements,
                links: step.links.map { link(text: $0.text, destination: $0.destination) },
                substeps: step.substeps.map(bundleStep)
            )
        }
        return HelpBundle.Entry(
            path: article.path,
            url: url(of: article.path, in: locale),
            json: SitePaths.json(locale: locale, path: article.path),
            status: placement.status,
            contentLocale: placement.contentLocale,
            title: article.title,
            description: article.metadata.description,
            sections: article.sections.map { HelpBundle.Section(anchor: $0.anchor, level: $0.level, title: $0.title) },
            procedures: article.procedures.map { HelpBundle.Procedure(title: $0.title, section: $0.section, steps: $0.steps.map(bundleStep)) },
            categories: article.categories.map { HelpBundle.CategoryList(section: $0.section, intro: $0.intro, items: $0.items) },
            appliesTo: article.appliesTo,
            relatedLinks: article.relatedLinks.map { link(text: $0.text, destination: $0.destination) },
            questions: article.faq.map { faq in
                faq.sections.flatMap { section in
                    section.questions.map { HelpBundle.Question(section: section.name, question: $0.question, answer: $0.answer) }
                }
            }
        )
    }

    // MARK: - Manifest

    func manifest() -> SiteManifest {
        var counts: [String: SiteManifest.StatusCounts] = [:]
        var entries: [SiteManifest.ArticleEntry] = []
        for source in sourceArticles {
            var byLocale: [String: SiteManifest.Placement] = [:]
            for locale in content.locales {
                let placement = placement(of: source, in: locale)
                counts[locale, default: SiteManifest.StatusCounts()].count(placement.status)
                byLocale[locale] = SiteManifest.Placement(
                    status: placement.status,
                    contentLocale: placement.contentLocale,
                    page: SitePaths.page(locale: locale, path: source.path),
                    json: SitePaths.json(locale: locale, path: source.path),
                    url: url(of: source.path, in: locale),
                    sourcePath: sourcePath(of: placement.article)
                )
            }
            entries.append(SiteManifest.ArticleEntry(path: source.path, title: source.title, locales: byLocale))
        }
        let locales = content.locales.map { locale in
            SiteManifest.LocaleEntry(
                id: locale,
                dir: LocaleID.isRightToLeft(locale) ? .rtl : .ltr,
                isSource: locale == content.sourceLocale,
                bundle: SiteDataWriter.bundlePath(locale: locale),
                statusCounts: counts[locale] ?? SiteManifest.StatusCounts()
            )
        }
        return SiteManifest(
            schemaVersion: ExportFormat.schemaVersion,
            site: SiteManifest.Site(title: content.configuration.siteTitle, baseURL: content.configuration.baseURL),
            sourceLocale: content.sourceLocale,
            locales: locales,
            articles: entries,
            redirects: Self.redirects(content),
            faqPages: Self.faqPages(content)
        )
    }

    /// The manifest's redirects: every locale's, in locale then file order; `nil` when none.
    static func redirects(_ content: ContentSet) -> [SiteManifest.RedirectEntry]? {
        let entries = content.locales.flatMap { locale in
            (content.redirects[locale]?.entries ?? []).map {
                SiteManifest.RedirectEntry(locale: locale, sourcePath: $0.sourcePath, redirectURL: $0.redirectURL, redirectDocumentID: $0.redirectDocumentID)
            }
        }
        return entries.isEmpty ? nil : entries
    }

    /// The manifest's FAQ pages: every locale's, by locale then path; `nil` when none.
    static func faqPages(_ content: ContentSet) -> [SiteManifest.FAQEntry]? {
        let entries = content.locales.flatMap { locale in
            (content.faqPages[locale] ?? [:]).sorted { $0.key < $1.key }.map { path, page in
                SiteManifest.FAQEntry(locale: locale, path: path, page: locale + "/" + String(path.dropLast(4)) + ".html",
                                      title: page.title, questions: page.sections.reduce(0) { $0 + $1.questions.count })
            }
        }
        return entries.isEmpty ? nil : entries
    }
}
