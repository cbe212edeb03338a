/// Where every translation stands: for each translation locale, how many of the source's
/// articles are current, outdated (`stale`), drifted (error findings) or missing (served as a
/// fallback), and for each article its status and findings.
///
/// It is made from the checks' findings and the statuses the site shows, so its counts are the
/// ones `concord check` reports and its statuses the ones the pages carry. `concord status`
/// writes it as JSON (`schemas/status.schema.json`), Markdown (for a pull-request comment) or a
/// page; `concord build` publishes the page at `status/`.
public struct TranslationStatus: Sendable, Codable, Hashable {
    /// The format version, semantic versioning as the other JSON files.
    public var schemaVersion = "1.0.0"
    /// The locale translations are made from.
    public var sourceLocale: String
    /// One summary per translation locale, in the configuration's order.
    public var locales: [LocaleSummary]
    /// One entry per source article and translation locale, by locale then path.
    public var articles: [Entry]

    /// How one locale stands.
    public struct LocaleSummary: Sendable, Codable, Hashable {
        public var locale: String
        /// The source's articles: each is current, stale, drift or fallback here.
        public var articles: Int
        public var current: Int
        public var stale: Int
        public var drift: Int
        public var fallback: Int
        /// Error and warning findings of this locale (in files without a source article too).
        public var errors: Int
        public var warnings: Int

        /// The share of articles that are current, in whole percent (rounded down, so 100
        /// means every one).
        public var percentCurrent: Int { articles == 0 ? 100 : current * 100 / articles }

        /// The count of articles with `status`.
        public func count(_ status: ArticleStatus) -> Int {
            switch status {
            case .current: current
            case .stale: stale
            case .drift: drift
            case .fallback: fallback
            }
        }
    }

    /// One article in one translation locale.
    public struct Entry: Sendable, Codable, Hashable {
        public var locale: String
        /// The article's path, relative to its locale's folder (the source's).
        public var path: String
        public var status: ArticleStatus
        /// The translation's title, or the source's where there is no translation.
        public var title: String
        /// The translation's file; absent for a fallback.
        public var file: String?
        /// The source article's file.
        public var sourceFile: String
        public var errors: Int
        public var warnings: Int
        /// The findings in the translation's file, in the checks' order. For a stale
        /// translation the `stale-translation` finding says what changed in the source.
        public var findings: [Finding]
    }

    /// One finding of an entry's file.
    public struct Finding: Sendable, Codable, Hashable {
        public var rule: String
        public var severity: Severity
        public var line: Int
        public var column: Int
        public var message: String
        /// The line of the source this finding compares with, when there is one.
        public var sourceLine: Int?
    }

    /// The status of `content` given the checks' `diagnostics` and the site's `statuses`
    /// (`ArticleStatus.statuses(content:diagnostics:)`).
    public init(content: ContentSet, diagnostics: [Diagnostic], statuses: [String: [String: ArticleStatus]]) {
        sourceLocale = content.sourceLocale
        let findings = Dictionary(grouping: diagnostics.filter { $0.severity != .note }, by: \.location.file)
        let sources = content.sourceArticles.sorted { $0.key < $1.key }
        var summaries: [LocaleSummary] = []
        var entries: [Entry] = []
        let roots = Dictionary(content.configuration.locales.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        for locale in content.translationLocales {
            var summary = LocaleSummary(locale: locale, articles: 0, current: 0, stale: 0, drift: 0, fallback: 0, errors: 0, warnings: 0)
            for (path, source) in sources {
                let translation = content.article(path, in: locale)
                let status = statuses[locale]?[path] ?? (translation == nil ? .fallback : .current)
                // A missing translation's findings (`missing-translation`) name the file it would be.
                let file = translation?.file ?? roots[locale].map { ContentSet.file(path, in: $0) }
                let found = file.map { findings[$0] ?? [] } ?? []
                let entry = Entry(
                    locale: locale, path: path, status: status, title: translation?.title ?? source.title,
                    file: translation?.file, sourceFile: source.file,
                    errors: found.count { $0.severity == .error }, warnings: found.count { $0.severity == .warning },
                    findings: found.map {
                        Finding(rule: $0.rule, severity: $0.severity, line: $0.location.line, column: $0.location.column, message: $0.message, sourceLine: $0.source?.line)
                    })
                summary.add(entry)
                entries.append(entry)
            }
            // Counted by locale, as `check` counts them: findings in files no source article has too.
            let inLocale = diagnostics.filter { $0.locale == locale }
            summary.errors = inLocale.count { $0.severity == .error }
            summary.warnings = inLocale.count { $0.severity == .warning }
            summaries.append(summary)
        }
        locales = summaries
        articles = entries
    }

    /// The entries of `locale` with `status`.
    public func entries(_ status: ArticleStatus, in locale: String) -> [Entry] {
        articles.filter { $0.locale == locale && $0.status == status }
    }
}

extension TranslationStatus.LocaleSummary {
    mutating func add(_ entry: TranslationStatus.Entry) {
        articles += 1
        switch entry.status {
        case .current: current += 1
        case .stale: stale += 1
        case .drift: drift += 1
        case .fallback: fallback += 1
        }
    }
}
