import ConcordModel

/// `missing-alt-text`: a `:::image:::` without `alt-text`, which a screen reader cannot describe.
/// (A Markdown image's empty alt text may mean a decorative image; DocFX's image requires one.)
public struct MissingAltText: ArticleRule {
    /// `missing-alt-text`.
    public let id = "missing-alt-text"
    /// A warning: the page works, the image is not described.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "An :::image::: has no alt-text."

    /// Creates the rule.
    public init() {}

    /// One finding per `:::image:::` without alt text.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        article.images.filter { $0.type != nil && $0.alt.allSatisfy(\.isWhitespace) }.map { image in
            finding(
                ":::image::: '\(ImageMismatch.name(of: image.source))' has no alt-text; a screen reader cannot describe it",
                at: FileLocation(file: article.file, line: image.line, column: image.column), locale: article.locale,
                fingerprint: "\(id):\(ImageMismatch.name(of: image.source))")
        }
    }
}
