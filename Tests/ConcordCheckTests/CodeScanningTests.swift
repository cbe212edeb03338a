import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck

/// SARIF and annotations as GitHub reads them: files relative to the repository root, columns
/// in the unit each format states, one fingerprint per result, rule help, and a step summary.
@Suite("Code scanning")
struct CodeScanningTests {
    /// A repository with one CJK line, and a finding on its last word.
    struct Repository {
        let root: String
        let finding: Diagnostic

        init() throws {
            root = try LinkFixtures.temporaryFolder()
            let line = "見出しの説明 [リンク](a.md)"
            try LinkFixtures.write("# 見出し\n\n\(line)\n", to: "docs/ja-JP/a.md", in: root)
            // Findings carry byte columns: the link starts after 6 CJK characters (18 bytes) and a space.
            let column = line.utf8.count - "[リンク](a.md)".utf8.count + 1
            finding = Diagnostic(
                rule: "broken-link", severity: .error, locale: "ja-JP",
                location: FileLocation(file: root + "/docs/ja-JP/a.md", line: 3, column: column),
                message: "link target 'a.md' does not exist in \(root)/docs/ja-JP", fingerprint: "a.md")
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func githubAnnotationsNameFilesFromTheRootAndCountColumnsInCharacters() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let findings = [repository.finding]
        let data = try DiagnosticFormatter(format: .github, rules: [], paths: ReportPaths(base: repository.root))
            .render(findings, summary: CheckSummary(findings))
        let first = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
        // 6 characters and a space before the link: column 8, not the byte column 20.
        #expect(first == "::error file=docs/ja-JP/a.md,line=3,col=8,title=Concord broken-link::link target 'a.md' does not exist in docs/ja-JP")
    }

    @Test func sarifURIsAreRelativeToSRCROOT() throws {
        let repository = try Repository()
        defer { repository.remove() }
        let findings = [repository.finding]
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all, paths: ReportPaths(base: repository.root))
            .render(findings, summary: CheckSummary(findings))
        let run = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any]).flatMap { ($0["runs"] as? [[String: Any]])?.first })
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases["%SRCROOT%"]?["uri"] == URL(fileURLWithPath: repository.root, isDirectory: true).absoluteString)
        #expect(bases["%SRCROOT%"]?["uri"]?.hasSuffix("/") == true)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let physical = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(physical["artifactLocation"] as? [String: String] == ["uri": "docs/ja-JP/a.md", "uriBaseId": "%SRCROOT%"])
        #expect((physical["region"] as? [String: Int])?["startColumn"] == 8)
        #expect((result["message"] as? [String: String])?["text"] == "link target 'a.md' does not exist in docs/ja-JP")
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"" + repository.root), "no absolute path but the base's own URI")
    }

    @Test func repeatedFindingsGetFingerprintsOfTheirOwn() {
        var second = ReportingTests.findings[0]
        second.location.line += 10
        let findings = [ReportingTests.findings[0], second, ReportingTests.findings[1]]
        let fingerprints = Fingerprint.unique(findings)
        #expect(Set(fingerprints).count == 3)
        #expect(fingerprints[0] == Fingerprint.of(findings[0]), "the first keeps the plain fingerprint")
        #expect(Fingerprint.unique(findings) == fingerprints, "stable")
    }

    @Test func everyRuleHasHelpAndADocumentedSection() throws {
        let page = try String(contentsOf: Corpus.repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        for rule in RuleRegistry.all.map({ $0 as any Rule }) + RuleRegistry.contentProblems.map({ $0 as any Rule }) {
            let advice = try #require(RuleHelp.advice(rule.id), "\(rule.id) has no advice")
            #expect(page.contains("\n## \(rule.id)\n\n\(rule.summary) *(default: "), "docs/rules.md: \(rule.id)")
            #expect(page.contains(advice), "docs/rules.md: the advice for \(rule.id)")
        }
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all, rulesURL: "https://example.org/docs/rules.md")
            .render([], summary: CheckSummary([]))
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let driver = try #require(((log["runs"] as? [[String: Any]])?.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        for rule in try #require(driver["rules"] as? [[String: Any]]) {
            let id = try #require(rule["id"] as? String)
            #expect(rule["helpUri"] as? String == "https://example.org/docs/rules.md#\(id)")
            #expect(((rule["help"] as? [String: String])?["markdown"])?.contains(RuleHelp.advice(id) ?? "-") == true)
            #expect((rule["fullDescription"] as? [String: String])?["text"] != nil)
        }
    }

    @Test func stepSummaryCountsPerRuleAndLocaleAndEscapesContent() {
        var hostile = ReportingTests.findings[1]
        hostile.message = "![x](https://evil.example/t.png) <script>| **bold**"
        let findings = [ReportingTests.findings[0], hostile]
        let text = StepSummary.markdown(findings, summary: CheckSummary(findings), paths: ReportPaths(base: nil))
        #expect(text.hasPrefix("## Concord check\n\n1 error, 1 warning in 2 files\n"))
        #expect(text.contains("| `step-count` | es-ES | 1 | 0 |"))
        #expect(text.contains("| `missing-translation` | ja-JP | 0 | 1 |"))
        #expect(text.contains("\\!\\[x\\]\\(https://evil.example/t.png\\) &lt;script&gt;\\| \\*\\*bold\\*\\*"))
        #expect(!text.contains("<script>"))
    }

    /// Whether sarif-tools' `sarif` command is installed.
    static let hasSarifTools: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "command -v sarif"]
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func powershellSARIFIsWhatCodeScanningReads() throws {
        let found = CheckEngine().run(Corpus.load("powershell", source: "en-US"))
        let base = Corpus.root
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all, paths: ReportPaths(base: base))
            .render(found, summary: CheckSummary(found))
        if SARIFSchema.path != nil {
            #expect(try SARIFSchema.validate(data) == "valid")
        }
        let run = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any]).flatMap { ($0["runs"] as? [[String: Any]])?.first })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == found.count)
        var fingerprints: Set<String> = []
        for result in results {
            let artifact = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String]
            #expect(artifact?["uriBaseId"] == "%SRCROOT%")
            #expect(artifact?["uri"]?.hasPrefix("powershell/") == true, "\(String(describing: artifact))")
            let message = (result["message"] as? [String: String])?["text"] ?? ""
            #expect(!message.contains(base), "an absolute path in: \(message)")
            if let fingerprint = (result["partialFingerprints"] as? [String: String])?["concordContent/v1"] { fingerprints.insert(fingerprint) }
        }
        #expect(fingerprints.count == results.count, "every result its own fingerprint")
        #expect(String(decoding: data, as: UTF8.self).components(separatedBy: "\"file://").count == 2, "no absolute file URI but the base's")

        guard Self.hasSarifTools else { return }
        // sarif-tools reads it back: one CSV row per result, at the same repository-relative places.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sarif = folder.appendingPathComponent("concord.sarif")
        try data.write(to: sarif)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sarif", "csv", sarif.path, "-o", folder.appendingPathComponent("out.csv").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let csv = try String(contentsOf: folder.appendingPathComponent("out.csv"), encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst()
        let errors = found.filter { $0.severity == .error }.count
        #expect(rows.filter { $0.hasPrefix("Concord,error,") }.count == errors)
        #expect(rows.contains { $0.contains(",powershell/fr-FR/") })
        #expect(!rows.contains { $0.contains(base) })
    }

    @Test func codeClimateReportIsWhatGitLabReads() throws {
        let repository = try Repository()
        defer { repository.remove() }
        var repeated = repository.finding
        repeated.location.line = 1
        let findings = [repository.finding, repeated]
        let data = try DiagnosticFormatter(format: .codeclimate, rules: [], paths: ReportPaths(base: repository.root))
            .render(findings, summary: CheckSummary(findings))
        let issues = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(issues.count == 2)
        let first = issues[0]
        #expect(first["type"] as? String == "issue")
        #expect(first["check_name"] as? String == "broken-link")
        #expect(first["severity"] as? String == "major")
        #expect(first["description"] as? String == "link target 'a.md' does not exist in docs/ja-JP")
        let location = first["location"] as? [String: Any]
        #expect(location?["path"] as? String == "docs/ja-JP/a.md")
        #expect((location?["lines"] as? [String: Int])?["begin"] == 3)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 2)
    }
}
