import ConcordModel
import Foundation

/// The output formats of `concord check`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `file:line:col: severity: message [rule]`, as compilers print.
    case text
    /// `{"diagnostics": […], "summary": {…}}`.
    case json
    /// SARIF 2.1.0, as GitHub code scanning accepts it.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…::…`).
    case github
    /// A GitLab Code Quality report (the Code Climate issue format GitLab reads).
    case codeclimate
}

/// Renders findings in one of the ``DiagnosticFormat``s.
public struct DiagnosticFormatter: Sendable {
    /// The format.
    public var format: DiagnosticFormat
    /// Whether to colour text output (only on a terminal, never with `NO_COLOR`).
    public var colour: Bool
    /// The rules, for SARIF rule metadata.
    public var rules: [any Rule]
    /// The tool version, for SARIF.
    public var version: String
    /// How SARIF and GitHub annotations name files: relative to the repository root.
    public var paths: ReportPaths
    /// Where the rule pages are (docs/rules.md as published), for SARIF's `helpUri`.
    public var rulesURL: String?

    /// Creates a formatter.
    public init(
        format: DiagnosticFormat, colour: Bool = false, rules: [any Rule] = RuleRegistry.all, version: String = ConcordVersion.current,
        paths: ReportPaths = ReportPaths(base: nil), rulesURL: String? = nil
    ) {
        self.format = format
        self.colour = colour
        self.rules = rules
        self.version = version
        self.paths = paths
        self.rulesURL = rulesURL
    }

    /// The whole output for a run.
    public func render(_ diagnostics: [Diagnostic], summary: CheckSummary) throws -> Data {
        switch format {
        case .text: return Data(text(diagnostics, summary: summary).utf8)
        case .json:
            // Room for a few hundred bytes a finding, about what one takes, so the buffer seldom grows.
            return Data(try JSONOutput.bytes(JSONReport(diagnostics: diagnostics, summary: summary), capacity: 256 * diagnostics.count + 4096))
        case .sarif: return try SARIFReport.make(diagnostics, rules: rules, version: version, paths: paths, rulesURL: rulesURL)
        case .github: return Data(github(diagnostics, summary: summary).utf8)
        case .codeclimate: return try JSONOutput.encode(CodeQualityIssue.report(diagnostics, paths: paths))
        }
    }

    // MARK: text

    private func text(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
        var out = ""
        for d in diagnostics {
            let severity: String
            switch d.severity {
            case .error: severity = paint("error:", "1;31")
            case .warning: severity = paint("warning:", "1;33")
            case .note: severity = paint("note:", "1;36")
            }
            out += "\(paint("\(d.location):", "1")) \(severity) \(TerminalText.quoted(d.message)) \(paint("[\(d.rule)]", "2"))\n"
            if let source = d.source {
                out += "\(paint("\(source):", "1")) \(paint("note:", "1;36")) source of this translation\n"
            }
        }
        out += summary.sentence + "\n"
        return out
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    // MARK: GitHub workflow commands

    /// Workflow commands GitHub turns into annotations: files relative to the repository root,
    /// columns in UTF-16 code units (what the annotation counts; bytes would put a column on a
    /// CJK line about three times too far right).
    private func github(_ diagnostics: [Diagnostic], summary: CheckSummary) -> String {
        var out = ""
        var columns = UTF16Columns()
        for d in diagnostics {
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var message = paths.message(d.message)
            if let source = d.source {
                message += " (source: \(TerminalText.quoted(paths.shown(source.file))):\(source.line):\(columns.column(of: source)))"
            }
            out += "::\(command) file=\(Self.escapeProperty(paths.shown(d.location.file))),line=\(d.location.line),col=\(columns.column(of: d.location)),"
            out += "title=\(Self.escapeProperty("Concord \(d.rule)"))::\(Self.escapeData(message))\n"
        }
        out += summary.sentence + "\n"
        return out
    }

    /// Escapes a workflow-command message as the Actions runner expects.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Escapes a workflow-command property value (`file=`, `title=`).
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for ch in escapeData(text).unicodeScalars {
            switch ch {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// Concord's version, as reported in SARIF and `--version`.
public enum ConcordVersion {
    /// The current version.
    public static let current = "0.1.0"
}

/// The `--format json` document.
@JSONWritable
struct JSONReport: Encodable {
    @JSONWritable
    struct Entry: Encodable {
        var rule: String
        var severity: Severity
        var locale: String?
        var file: String
        var line: Int
        var column: Int
        var message: String
        var source: FileLocation?
        var fingerprint: String
    }

    /// The report's format version (schemas/check.schema.json): a minor version only adds fields.
    var schemaVersion: String = "1.0.0"
    var diagnostics: [Entry]
    var summary: CheckSummary

    init(diagnostics: [Diagnostic], summary: CheckSummary) {
        // On every core: a fingerprint reads the whole message, and a run can have thousands.
        self.diagnostics = parallelMap(diagnostics) {
            Entry(rule: $0.rule, severity: $0.severity, locale: $0.locale, file: $0.location.file, line: $0.location.line,
                  column: $0.location.column, message: $0.message, source: $0.source, fingerprint: Fingerprint.of($0))
        }
        self.summary = summary
    }
}

/// One entry of a GitLab Code Quality report: the fields GitLab reads of the Code Climate format.
struct CodeQualityIssue: Encodable {
    struct Location: Encodable {
        struct Lines: Encodable { var begin: Int }
        var path: String
        var lines: Lines
    }

    var type = "issue"
    var checkName: String
    var description: String
    var categories = ["Bug Risk"]
    var severity: String
    var fingerprint: String
    var location: Location

    enum CodingKeys: String, CodingKey {
        case type, checkName = "check_name", description, categories, severity, fingerprint, location
    }

    /// The report: paths relative to the repository root, one fingerprint per issue (GitLab
    /// compares them between the branches).
    static func report(_ diagnostics: [Diagnostic], paths: ReportPaths) -> [CodeQualityIssue] {
        zip(diagnostics, Fingerprint.unique(diagnostics)).map { d, fingerprint in
            CodeQualityIssue(
                checkName: d.rule, description: paths.message(d.message),
                severity: d.severity == .error ? "major" : d.severity == .warning ? "minor" : "info",
                fingerprint: fingerprint,
                location: Location(path: paths.shown(d.location.file), lines: Location.Lines(begin: max(d.location.line, 1))))
        }
    }
}
