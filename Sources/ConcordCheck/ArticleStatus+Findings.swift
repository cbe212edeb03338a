import ConcordModel

extension ArticleStatus {
    /// The status of every source path in every locale, from a content set and the checker's findings.
    ///
    /// `fallback` where a locale has no file for a source article; `stale` where the
    /// `stale-translation` rule fired on the file; `drift` where any other error-level
    /// finding did; `current` otherwise (the source locale is always `current`).
    public static func statuses(content: ContentSet, diagnostics: [Diagnostic]) -> [String: [String: ArticleStatus]] {
        var stale: Set<String> = []
        var drift: Set<String> = []
        for diagnostic in diagnostics {
            if diagnostic.rule == "stale-translation" { stale.insert(diagnostic.location.file) }
            else if diagnostic.severity == .error { drift.insert(diagnostic.location.file) }
        }
        var result: [String: [String: ArticleStatus]] = [:]
        let sourcePaths = content.sourceArticles.keys
        for locale in content.locales {
            var statuses: [String: ArticleStatus] = [:]
            for path in sourcePaths {
                guard let article = content.article(path, in: locale) else {
                    statuses[path] = .fallback
                    continue
                }
                if locale == content.sourceLocale {
                    statuses[path] = .current
                } else if stale.contains(article.file) {
                    statuses[path] = .stale
                } else if drift.contains(article.file) {
                    statuses[path] = .drift
                } else {
                    statuses[path] = .current
                }
            }
            result[locale] = statuses
        }
        return result
    }
}
