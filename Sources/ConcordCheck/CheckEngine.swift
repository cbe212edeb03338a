import ConcordModel

/// Runs rules over a content set and returns findings in a stable order.
public struct CheckEngine: Sendable {
    /// The rules to run.
    public var rules: [any Rule]
    /// `rules:` from `concord.yml`: per-rule settings that override the defaults.
    public var settings: [String: Configuration.RuleSetting]

    /// Creates an engine with every built-in rule and the configuration's settings.
    public init(rules: [any Rule] = RuleRegistry.all, settings: [String: Configuration.RuleSetting] = [:]) {
        self.rules = rules
        self.settings = settings
    }

    /// The effective setting of a rule.
    public func setting(of rule: any Rule) -> Configuration.RuleSetting {
        settings[rule.id] ?? rule.defaultSetting
    }

    /// Runs every enabled rule, and reports what loading the content found: problems of its
    /// files, and of its tables of contents and includes (``ContentSet/structureDiagnostics``).
    ///
    /// With `paths` (article paths relative to their locale folder), only the pairs at those
    /// paths are checked and reported: the pre-commit fast path, where a commit touches a few
    /// files. The whole set is still loaded, since links and fallbacks reach any file.
    public func run(_ content: ContentSet, paths: Set<String>? = nil) -> [Diagnostic] {
        run(content, paths: paths, reusing: nil).diagnostics
    }

    /// What a run found, and each article's findings with their key, for the next run to reuse.
    public struct Run: Sendable {
        /// Every finding, sorted, with `rules:` applied.
        public var diagnostics: [Diagnostic]
        /// Each article's findings and their key, by article file (empty without ``FindingsReuse``).
        public var entries: [String: FindingsReuse.Entry]
    }

    /// ``run(_:paths:)``, taking the findings of articles whose key is unchanged from `reuse`.
    public func run(_ content: ContentSet, paths: Set<String>? = nil, reusing reuse: FindingsReuse?) -> Run {
        let context = CheckContext(content: content)
        // The memo's indexes are as large as the content's: the process's exit frees them.
        defer { ExitTeardown.keepUntilExit(context) }
        let enabled = rules.filter { setting(of: $0) != .off }
        let rules = ArticleRules(enabled)

        var articles: [Article] = []
        for locale in content.locales { articles += content.sortedArticles(in: locale) }
        if let paths { articles.removeAll { !paths.contains($0.path) } }
        let sourceLocale = content.sourceLocale
        let perArticle = parallelMap(articles) { article -> (found: [Diagnostic], entry: FindingsReuse.Entry?) in
            let pair = article.locale == sourceLocale ? nil : content.source(of: article).map { TranslationPair(source: $0, translation: article) }
            let key = reuse?.key(of: article, source: pair?.source, in: content)
            let kept: [Diagnostic]
            if let key, let entry = reuse?.previous[article.file], entry.key == key {
                kept = entry.findings
            } else {
                kept = rules.findings(article, pair, in: context, readingHistory: false)
            }
            let found = kept + rules.findings(article, pair, in: context, readingHistory: true)
            return (found, key.map { FindingsReuse.Entry(key: $0, findings: kept) })
        }
        var diagnostics = content.diagnostics + content.structureDiagnostics
        var entries: [String: FindingsReuse.Entry] = [:]
        for (article, result) in zip(articles, perArticle) {
            diagnostics += result.found
            if let entry = result.entry { entries[article.file] = entry }
        }
        for rule in enabled.compactMap(\.scope.contentSetRule) { diagnostics += rule.check(context) }
        if let paths { diagnostics = CheckEngine.only(diagnostics, at: paths, in: content.configuration) }
        return Run(diagnostics: CheckEngine.sorted(applySettings(diagnostics)), entries: entries)
    }

    /// The enabled rules that look at one article or one pair, split by whether they read history.
    private struct ArticleRules {
        var article: [any ArticleRule]
        var translation: [any TranslationRule]

        init(_ enabled: [any Rule]) {
            article = enabled.compactMap(\.scope.articleRule)
            translation = enabled.compactMap(\.scope.translationRule)
        }

        /// The findings of the rules that read history (or of those that do not) for `article`.
        func findings(_ article: Article, _ pair: TranslationPair?, in context: CheckContext, readingHistory: Bool) -> [Diagnostic] {
            var found: [Diagnostic] = []
            for rule in self.article where rule.readsHistory == readingHistory { found += rule.check(article, in: context) }
            if let pair {
                for rule in translation where rule.readsHistory == readingHistory { found += rule.check(pair, in: context) }
            }
            return found
        }
    }

    /// The findings in a file at one of `paths` (relative to any locale's folder).
    static func only(_ diagnostics: [Diagnostic], at paths: Set<String>, in configuration: Configuration) -> [Diagnostic] {
        let roots = configuration.locales.map { $0.path.hasSuffix("/") ? $0.path : $0.path + "/" }
        return diagnostics.filter { diagnostic in
            let file = diagnostic.location.file
            return roots.contains { root in file.hasPrefix(root) && paths.contains(String(file.dropFirst(root.count))) }
        }
    }

    /// `diagnostics` with `rules:` applied: a rule set `off` is dropped, `warning` and `error`
    /// replace the severity. For findings of the stages that run outside the engine (loading,
    /// the site's media) as much as for the checks'.
    public func applySettings(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            var diagnostic = diagnostic
            switch settings[diagnostic.rule] {
            case .error: diagnostic.severity = .error
            case .warning: diagnostic.severity = .warning
            case .off: return nil
            case nil: break
            }
            return diagnostic
        }
    }

    /// Orders findings by file, line, column, rule and message, so output is deterministic.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.rule, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.rule, $1.message)
        }
    }
}
