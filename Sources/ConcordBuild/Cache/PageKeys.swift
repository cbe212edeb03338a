import ConcordExport
import ConcordModel
import ConcordRender

/// The key of each article page: a digest of exactly what its file is made from, so that a page
/// whose key is unchanged since the last build is kept as it is.
///
/// A page is made from its article's file (the source's on a fallback page), the files it
/// includes, its status, the locales that have the article (language switcher, `hreflang`), its
/// locale's navigation (the tables of contents and every article's title), and what every page
/// shares: the settings, the templates, Concord itself, the content's file list (links are
/// resolved against it, and an include that was missing may appear in it) and its uids (cross
/// references lead where they say).
public struct PageKeys: Sendable {
    /// Each page's key before its includes are added, by page path.
    let base: [String: Digest]
    /// The keys of the files made from the whole content rather than from one article: each
    /// locale's home and search page and the sitemap, by path (see ``siteFileKeys``).
    public let siteFiles: [String: Digest]
    let inputs: InputSnapshot
    let roots: [String: String]

    /// The keys of the pages of `plan`. `settings` is the digest of the configuration;
    /// `diagnostics` are the findings the status page lists.
    public init(plan: PagePlan, content: ContentSet, inputs: InputSnapshot, settings: Digest, diagnostics: [Diagnostic] = []) {
        self.inputs = inputs
        roots = Dictionary(content.configuration.locales.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        let sorted = SortedContent(content)
        // The shared digest on a thread of its own, each locale's navigation and then the pages on every core.
        let sharedWork = BackgroundWork { Self.sharedDigest(content: content, sorted: sorted, inputs: inputs, settings: settings) }
        let locales = Dictionary(uniqueKeysWithValues: zip(content.locales, parallelMap(content.locales) {
            Self.navigationDigest(content: content, sorted: sorted, locale: $0, inputs: inputs)
        }))
        let shared = sharedWork.value()
        let keys = parallelMap(plan.jobs) { job -> Digest? in
            let contentLocale = job.status == .fallback ? content.sourceLocale : job.locale
            guard let article = content.article(job.path, in: contentLocale), let own = inputs.digest(of: article.file) else { return nil }
            var hasher = DigestHasher()
            hasher.combine(shared)
            hasher.combine(locales[job.locale]!)
            hasher.combine(job.locale)
            hasher.combine(job.path)
            hasher.combine(job.status.rawValue)
            for locale in content.locales { hasher.combine(content.hasArticle(job.path, in: locale) ? 1 : 0) }
            hasher.combine(article.file)
            hasher.combine(own)
            return hasher.finalize()
        }
        var base: [String: Digest] = [:]
        base.reserveCapacity(plan.jobs.count)
        for (job, key) in zip(plan.jobs, keys) where key != nil { base[job.pagePath] = key }
        self.base = base
        siteFiles = Self.siteFileKeys(content: content, sorted: sorted, shared: shared, navigation: locales, plan: plan, diagnostics: diagnostics)
    }

    /// What the site's own files are made from, besides what every page shares (the settings and
    /// templates, every locale's list of articles: the sitemap's entries and the chooser's
    /// languages): a home page shows its locale's navigation and every article's description, a
    /// search page the navigation; the manifest every page's status, every source article's
    /// title, the redirects and the FAQ pages; the status page the statuses, the titles and
    /// files, and the findings.
    static func siteFileKeys(
        content: ContentSet, sorted: SortedContent, shared: Digest, navigation: [String: Digest], plan: PagePlan, diagnostics: [Diagnostic]
    ) -> [String: Digest] {
        // The parts that go through every page or finding, each on a core.
        let locales = content.locales
        let descriptions: [@Sendable () -> Digest] = locales.map { locale in
            {
                var hasher = DigestHasher()
                let own = content.articles[locale] ?? [:], source = content.sourceArticles
                for path in sorted.sourcePaths { hasher.combine((own[path] ?? source[path])?.metadata.description ?? "") }
                return hasher.finalize()
            }
        }
        let parts = parallelMap(descriptions + [
            { statusesAndTitles(content: content, sorted: sorted, plan: plan) },
            { findingsDigest(diagnostics) },
            { redirectsAndFAQDigest(content) },
        ]) { $0() }
        let (statuses, findings, redirectsAndFAQ) = (parts[locales.count], parts[locales.count + 1], parts[locales.count + 2])

        func key(_ kind: String, _ digests: Digest...) -> Digest {
            var hasher = DigestHasher()
            hasher.combine(kind)
            hasher.combine(shared)
            for digest in digests { hasher.combine(digest) }
            return hasher.finalize()
        }
        var keys = [
            SitePaths.sitemap: key("sitemap"),
            SiteDataWriter.manifestPath: key("manifest", statuses, redirectsAndFAQ),
            StatusOutput.page: key("status", statuses, findings),
        ]
        for (locale, described) in zip(locales, parts) {
            keys[SitePaths.searchPage(locale: locale)] = key("search", navigation[locale]!)
            keys[SitePaths.home(locale: locale)] = key("home", navigation[locale]!, described)
        }
        return keys
    }

    /// Every page's status, and every article's title in every locale.
    private static func statusesAndTitles(content: ContentSet, sorted: SortedContent, plan: PagePlan) -> Digest {
        var hasher = DigestHasher()
        for job in plan.jobs {
            hasher.combine(job.pagePath)
            hasher.combine(job.status.rawValue)
        }
        for locale in content.locales {
            let own = content.articles[locale] ?? [:]
            for path in sorted.sourcePaths { hasher.combine(own[path]?.title ?? "") }
        }
        return hasher.finalize()
    }

    /// Every finding, as the status page lists it.
    private static func findingsDigest(_ diagnostics: [Diagnostic]) -> Digest {
        var hasher = DigestHasher()
        for diagnostic in diagnostics {
            hasher.combine(diagnostic.rule)
            hasher.combine(diagnostic.severity.rawValue)
            hasher.combine(diagnostic.locale ?? "")
            hasher.combine(diagnostic.location.file)
            hasher.combine(diagnostic.location.line)
            hasher.combine(diagnostic.location.column)
            hasher.combine(diagnostic.message)
            hasher.combine(diagnostic.source?.line ?? -1)
        }
        return hasher.finalize()
    }

    /// Every locale's redirects and FAQ pages, as the manifest lists them.
    private static func redirectsAndFAQDigest(_ content: ContentSet) -> Digest {
        var hasher = DigestHasher()
        for locale in content.locales {
            for redirect in content.redirects[locale]?.entries ?? [] {
                hasher.combine(redirect.sourcePath)
                hasher.combine(redirect.redirectURL)
                hasher.combine(redirect.redirectDocumentID ? 1 : 0)
            }
            hasher.combine("faq")
            for (path, page) in (content.faqPages[locale] ?? [:]).sorted(by: { $0.key < $1.key }) {
                hasher.combine(path)
                hasher.combine(page.title)
                hasher.combine(page.sections.reduce(0) { $0 + $1.questions.count })
            }
        }
        return hasher.finalize()
    }

    /// The content's paths, each list sorted once (any fixed order serves a digest).
    struct SortedContent: Sendable {
        var sourcePaths: [String]
        var files: [String: [String]]
        var articles: [String: [String]]

        init(_ content: ContentSet) {
            func sorted(_ paths: some Collection<String>) -> [String] { paths.sorted { $0 < $1 } }
            sourcePaths = sorted(content.sourceArticles.keys)
            files = content.files.mapValues { sorted($0) }
            articles = content.articles.mapValues { sorted($0.keys) }
        }
    }

    /// The key of the page at `path` when it includes `includedFiles` (`<locale>/<path>`, as the
    /// renderer reports them); nil when it cannot be known (the page is then always rendered).
    public func key(_ path: String, includedFiles: [String]) -> Digest? {
        guard let base = base[path] else { return nil }
        var hasher = DigestHasher()
        hasher.combine(base)
        for included in includedFiles {
            guard let slash = included.firstIndex(of: "/"), let root = roots[String(included[..<slash])],
                  let digest = inputs.digest(of: ContentSet.file(String(included[included.index(after: slash)...]), in: root))
            else { return nil }
            hasher.combine(included)
            hasher.combine(digest)
        }
        return hasher.finalize()
    }

    /// What every page shares: settings, Concord, templates, and every locale's files, articles, FAQ pages and zone pivot groups file.
    static func sharedDigest(content: ContentSet, sorted: SortedContent, inputs: InputSnapshot, settings: Digest) -> Digest {
        var hasher = DigestHasher()
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(settings)
        let templates = content.configuration.templates, contentRoot = content.configuration.contentRoot
        let themeFiles = inputs.files.filter { InputSnapshot.isWithin($0.key, templates) && !InputSnapshot.isWithin($0.key, contentRoot) }
        for (path, entry) in themeFiles.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(entry.digest)
        }
        if let executable = InputSnapshot.executablePath, let entry = inputs.files[executable] { hasher.combine(entry.digest) }
        for locale in content.locales {
            hasher.combine(locale)
            for file in sorted.files[locale] ?? [] { hasher.combine(file) }
            hasher.combine("articles")
            for path in sorted.articles[locale] ?? [] { hasher.combine(path) }
            // A link to `x.yml` or `x.md` is written `x.html` when `x.yml` is a FAQ page: which
            // YAML files are is told by their first line, not by the file list.
            hasher.combine("faq")
            for path in (content.faqPages[locale] ?? [:]).keys.sorted() { hasher.combine(path) }
            // Pivot titles come from a locale's file, the content root's or the source's: the
            // file each locale took, whichever it is.
            if let file = content.zonePivotGroups[locale]?.file, !file.isEmpty {
                hasher.combine(file)
                hasher.combine(inputs.digest(of: file) ?? Digest(high: 0, low: 0))
            }
        }
        // A cross reference leads to the page its uid names, which another page's front matter
        // says, and may show that page's title (a FAQ page's is not in the navigation's digest).
        hasher.combine("uids")
        for (uid, path) in content.uids.paths.sorted(by: { $0.key < $1.key }) {
            hasher.combine(uid)
            hasher.combine(path)
        }
        for locale in content.locales where !content.uids.isEmpty {
            for (path, page) in (content.faqPages[locale] ?? [:]).sorted(by: { $0.key < $1.key }) {
                hasher.combine(path)
                hasher.combine(page.title)
            }
        }
        return hasher.finalize()
    }

    /// What a locale's navigation is made from: its tables of contents and the source's, and the
    /// title of every page it lists.
    static func navigationDigest(content: ContentSet, sorted: SortedContent, locale: String, inputs: InputSnapshot) -> Digest {
        var hasher = DigestHasher()
        let own = content.articles[locale] ?? [:], source = content.sourceArticles
        for path in sorted.sourcePaths {
            hasher.combine(path)
            hasher.combine((own[path] ?? source[path])?.title ?? "")
        }
        for path in content.orphans(in: locale) {
            hasher.combine(path)
            hasher.combine(own[path]?.title ?? path)
        }
        for entry in content.configuration.locales where entry.id == locale || entry.id == content.sourceLocale {
            for file in sorted.files[entry.id] ?? [] where isNavigationFile(file) {
                hasher.combine(file)
                hasher.combine(inputs.digest(of: ContentSet.file(file, in: entry.path)) ?? Digest(high: 0, low: 0))
            }
        }
        return hasher.finalize()
    }

    /// `toc.yml`, `TOC.md`, and any YAML file a `toc.yml` may refer to.
    static func isNavigationFile(_ path: String) -> Bool {
        let name = path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self).lowercased() } ?? ""
        return name == "toc.md" || name.hasSuffix(".yml") || name.hasSuffix(".yaml")
    }
}
