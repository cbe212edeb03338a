import ConcordModel

/// Counts of a check's findings.
@JSONWritable
public struct CheckSummary: Sendable, Codable, Equatable {
    /// Error-level findings.
    public var errors: Int
    /// Warnings.
    public var warnings: Int
    /// Notes.
    public var notes: Int
    /// Files with at least one finding.
    public var files: Int
    /// Findings per rule id.
    public var rules: [String: Int]
    /// Findings hidden by a baseline.
    public var suppressed: Int

    /// Counts `diagnostics`.
    public init(_ diagnostics: [Diagnostic], suppressed: Int = 0) {
        errors = diagnostics.count { $0.severity == .error }
        warnings = diagnostics.count { $0.severity == .warning }
        notes = diagnostics.count { $0.severity == .note }
        files = Set(diagnostics.map(\.location.file)).count
        rules = Dictionary(diagnostics.map { ($0.rule, 1) }, uniquingKeysWith: +)
        self.suppressed = suppressed
    }

    /// "2 errors, 1 warning in 3 files".
    public var sentence: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(errors, "error"), plural(warnings, "warning")]
        if notes > 0 { parts.append(plural(notes, "note")) }
        var text = parts.joined(separator: ", ") + " in " + plural(files, "file")
        if suppressed > 0 { text += " (\(suppressed) more accepted by the baseline)" }
        return text
    }
}
