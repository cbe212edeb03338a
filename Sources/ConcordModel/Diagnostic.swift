/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Hashable, Comparable, CaseIterable, ModelCodable, JSONWritable {
    case note, warning, error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a file, as shown to users.
@JSONWritable @ModelCodable
public struct FileLocation: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The file, as a path a user can open (relative to where Concord was run when possible).
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column (UTF-8 bytes).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(TerminalText.quoted(file)):\(line):\(column)" }
}

/// Every problem Concord reports to a user: a load error, a configuration error or a check finding.
@ModelCodable
public struct Diagnostic: Sendable, Codable, Hashable {
    /// The stable kebab-case identifier of the rule that produced it (`step-count`, `invalid-yaml`).
    public var rule: String
    /// How serious it is.
    public var severity: Severity
    /// The locale of the file it is about, if any.
    public var locale: String?
    /// Where it is.
    public var location: FileLocation
    /// One sentence, naming both sides for translation findings.
    public var message: String
    /// For translation findings: the matching place in the source article.
    public var source: FileLocation?
    /// Identifies the offending content independently of its line, for baselines.
    public var fingerprint: String?

    /// Creates a diagnostic.
    public init(
        rule: String, severity: Severity, locale: String? = nil, location: FileLocation,
        message: String, source: FileLocation? = nil, fingerprint: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.locale = locale
        self.location = location
        self.message = message
        self.source = source
        self.fingerprint = fingerprint
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: severity: message [rule]`, the form compilers and editors understand,
    /// on one line whatever the content holds (``TerminalText``).
    public var description: String {
        "\(location): \(severity.rawValue): \(TerminalText.quoted(message)) [\(rule)]"
    }
}
