/// What loading one article file gave, as the build cache keeps it: the model, the file's
/// findings, and the findings of its includes with the files they depend on. A rebuild takes an
/// unchanged file's record instead of reading and parsing the file.
@ModelCodable
public struct ArticleLoadRecord: Sendable, Hashable {
    /// The digest of the file's bytes.
    public var digest: Digest
    /// The model; `nil` when the file gave none (not UTF-8, too large…).
    public var article: Article?
    /// The findings of reading and modelling the file.
    public var diagnostics: [Diagnostic]
    /// The findings of expanding its includes (``IncludeExpansion``).
    public var includeFindings: [Diagnostic]
    /// The files its includes expanded, which the include findings depend on.
    public var includedFiles: [String]
    /// Whether an include was not found: the include findings then depend on the file list.
    public var missedInclude: Bool

    /// Creates a record.
    public init(
        digest: Digest, article: Article?, diagnostics: [Diagnostic], includeFindings: [Diagnostic] = [],
        includedFiles: [String] = [], missedInclude: Bool = false
    ) {
        self.digest = digest
        self.article = article
        self.diagnostics = diagnostics
        self.includeFindings = includeFindings
        self.includedFiles = includedFiles
        self.missedInclude = missedInclude
    }
}

/// The records of the last build, as a rebuild loads content: an unchanged file's record
/// stands for the file (``ContentSet/load(_:keepingDocuments:reusing:)``).
public protocol ArticleLoadReuse: Sendable {
    /// The record of `file` (its path as findings name it), if it still holds: the file, the
    /// files its includes read, and (when an include was missing) the file list are unchanged.
    func record(for file: String) -> ArticleLoadRecord?
}
