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
        let context = CheckContext(content: content)
        let enabled = rules.filter { setting(of: $0) != .off }
        let articleRules = enabled.compactMap { $0 as? any ArticleRule }
        let translationRules = enabled.compactMap { $0 as? any TranslationRule }
        let setRules = enabled.compactMap { $0 as? any ContentSetRule }

        var articles: [Article] = []
        for locale in content.locales { articles += content.sortedArticles(in: locale) }
        if let paths { articles.removeAll { !paths.contains($0.path) } }
        let sourceLocale = content.sourceLocale
        let perArticle = parallelMap(articles) { article -> [Diagnostic] in
            var found: [Diagnostic] = []
            for rule in articleRules { found += rule.check(article, in: context) }
            if article.locale != sourceLocale, let source = content.source(of: article) {
                let pair = TranslationPair(source: source, translation: article)
                for rule in translationRules { found += rule.check(pair, in: context) }
            }
            return found
        }
        var diagnostics = content.diagnostics + content.structureDiagnostics
        for found in perArticle { diagnostics += found }
        for rule in setRules { diagnostics += rule.check(context) }
        if let paths { diagnostics = CheckEngine.only(diagnostics, at: paths, in: content.configuration) }
        return CheckEngine.sorted(applySettings(diagnostics))
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
