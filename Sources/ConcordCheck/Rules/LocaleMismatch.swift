import ConcordModel

/// `locale-mismatch`: `ms.contentlocale` names another locale than the folder the file is in.
public struct LocaleMismatch: ArticleRule {
    /// `locale-mismatch`.
    public let id = "locale-mismatch"
    /// An error: the published page declares the wrong language to browsers and search engines.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "ms.contentlocale disagrees with the locale folder the file is in."

    /// Creates the rule.
    public init() {}

    /// A finding on the `ms.contentlocale` line when its value differs (ignoring case) from the folder's locale.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        guard let declared = article.metadata.contentLocale else { return [] }
        // BCP 47 tags are case-insensitive: `es-es` and `es-ES` name the same locale.
        let value = declared.collapsingWhitespace()
        guard value.lowercased() != article.locale.lowercased() else { return [] }
        let line = article.metadata.line(of: "ms.contentlocale") ?? 1
        return [finding(
            "ms.contentlocale is '\(value)' but the file is in the \(article.locale) folder",
            at: FileLocation(file: article.file, line: line), locale: article.locale,
            fingerprint: value)]
    }
}
