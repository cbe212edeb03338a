import ConcordModel

/// `unknown-extension`: DocFX syntax Concord does not render (`:::row:::`, a `::: zone-end` that
/// closes nothing, a complex image without `:::image-end:::`). The page shows it as written; this
/// tells the writer, who would otherwise find it printed as prose.
public struct UnknownExtensionRule: ArticleRule {
    /// `unknown-extension`.
    public let id = "unknown-extension"
    /// A warning: the page is readable, the syntax shows as text.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "DocFX syntax Concord does not render is shown as text."

    /// Creates the rule.
    public init() {}

    /// One finding per unknown extension of the article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        article.unknownExtensions.map { found in
            finding(
                "'\(found.text.prefix(120))' is shown as text: \(found.reason)",
                at: FileLocation(file: article.file, line: found.line, column: found.column), locale: article.locale,
                fingerprint: "\(id):\(found.name):\(found.text)")
        }
    }
}
