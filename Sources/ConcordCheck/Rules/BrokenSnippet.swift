import ConcordModel

/// `broken-snippet`: a code snippet (`:::code source="…":::`, `[!code-…]`) whose file is missing,
/// outside the content root or too large, or whose range or region is not in the file. The page
/// shows a placeholder naming the file.
public struct BrokenSnippet: ArticleRule {
    /// `broken-snippet`.
    public let id = "broken-snippet"
    /// An error: the reader sees a placeholder instead of the code.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A code snippet's file is missing or outside the content root, or its range is not in the file."

    /// Creates the rule.
    public init() {}

    /// One finding per snippet that cannot be shown; in a translation, only those that differ
    /// from the source's (the source's finding covers a reference the translation repeats).
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        guard !article.snippets.isEmpty else { return [] }
        var inherited: [String: Int] = [:]
        if article.locale != context.sourceLocale, let source = context.content.source(of: article) {
            for snippet in source.snippets { inherited[SnippetMismatch.key(of: snippet), default: 0] += 1 }
        }
        let directory = ReferencePath.directory(of: article.path)
        var found: [Diagnostic] = []
        for snippet in article.snippets {
            if let count = inherited[SnippetMismatch.key(of: snippet)], count > 0 {
                inherited[SnippetMismatch.key(of: snippet)] = count - 1
                if context.content.snippets.excerpt(snippet, from: directory, locale: context.sourceLocale).isFailure { continue }
            }
            guard case .failure(let failure) = context.content.snippets.excerpt(snippet, from: directory, locale: article.locale) else { continue }
            found.append(finding(
                "\(failure); the page shows a placeholder",
                at: FileLocation(file: article.file, line: snippet.line, column: snippet.column), locale: article.locale,
                fingerprint: "\(id):\(SnippetMismatch.key(of: snippet))"))
        }
        return found
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
