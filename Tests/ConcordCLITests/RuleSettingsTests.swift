import ConcordBuild
import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordCLI

/// Every problem Concord reports is a rule: `--list-rules` lists it, `rules:` sets it, and a
/// name under `rules:` that is no rule is refused rather than silently ignored.
@Suite("Rules: listed, set by concord.yml, and checked for spelling", .serialized)
struct RuleSettingsTests {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func scratch(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-rules-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    @Test("--list-rules lists the checks and the problems found while loading and building")
    func listed() {
        let list = CheckCommand.ruleList()
        for id in ["step-count", "broken-link", "invalid-utf8", "unreadable-file", "invalid-toc", "include-not-found",
                   "reserved-path", "unsafe-media", "outside-content-root", "markdown-too-complex",
                   "unresolved-xref", "duplicate-uid", "uid-limit"] {
            #expect(list.contains("\n\(id) ") || list.hasPrefix("\(id) "), "\(id) is not listed")
        }
        #expect(list.contains("invalid-toc") && list.contains("  build  "))
        #expect(list.contains("  load   "))
    }

    @Test("Every rule id the code reports is a known rule")
    func everyReportedIDIsKnown() throws {
        // The ids written in the sources: `rule: "…"` and `… rule = "…"` constants.
        let sources = Self.repositoryRoot + "/Sources"
        var ids: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"(?:rule: |[Rr]ule = )"([a-z0-9-]+)""#)
        for case let path as String in FileManager.default.enumerator(atPath: sources)! where path.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + path, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                ids.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(ids.count > 15)
        for id in ids.sorted() { #expect(RuleRegistry.anyRule(id) != nil, "'\(id)' is reported but is not a rule") }
    }

    @Test("A rule name that is not a rule is refused, with the nearest and the known ones")
    func unknownNames() throws {
        #expect(RuleRegistry.unknownSettings(["step-count": .off, "invalid-toc": .error]).isEmpty)
        let unknown = RuleRegistry.unknownSettings(["stepcount": .off, "zzz": .error])
        #expect(unknown.map(\.id) == ["stepcount", "zzz"])
        #expect(unknown[0].suggestion == "step-count")
        #expect(unknown[1].suggestion == nil)

        let root = try scratch([
            "concord.yml": "sourceLocale: en-US\ncontent: content\nrules:\n  untranslated: warning\n  stepcount: off\n",
            "content/en-US/a.md": "# A\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(ConcordCommand.execute(["check", "--config", root + "/concord.yml"]) == 2)
        #expect(ConcordCommand.execute(["build", "--config", root + "/concord.yml", "--output", root + "/_site"]) == 2)
    }

    @Test("rules: turns a load problem off or changes its severity, in check and in build")
    func settingsApplyToEveryStage() throws {
        let broken = "---\ntitle: [broken\n---\n# B\n"
        let engine = CheckEngine(settings: ["invalid-front-matter": .off])
        let root = try scratch(["content/en-US/a.md": "# A\n", "content/en-US/b.md": broken])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let content = ContentSet.load(Configuration(contentRoot: root + "/content", sourceLocale: "en-US"))
        #expect(CheckEngine().run(content).contains { $0.rule == "invalid-front-matter" && $0.severity == .error })
        #expect(!engine.run(content).contains { $0.rule == "invalid-front-matter" })
        let warning = CheckEngine(settings: ["invalid-front-matter": .warning]).run(content)
        #expect(warning.contains { $0.rule == "invalid-front-matter" && $0.severity == .warning })

        // A problem of the site's structure: an include that does not exist (which the checks
        // also report as a broken link, turned off here to see the include's own finding).
        // `check` and `build` report it alike, and check's exit status counts it.
        try Data("# C\n\n[!INCLUDE [x](missing.md)]\n".utf8).write(to: URL(fileURLWithPath: root + "/content/en-US/c.md"))
        try Data("# B\n".utf8).write(to: URL(fileURLWithPath: root + "/content/en-US/b.md"))
        func build(_ rules: String, checkExit: Int32) throws -> [Diagnostic] {
            try Data("sourceLocale: en-US\ncontent: content\nrules:\n  broken-link: off\n\(rules)".utf8)
                .write(to: URL(fileURLWithPath: root + "/concord.yml"))
            #expect(ConcordCommand.execute(["check", "--config", root + "/concord.yml", "--output", root + "/findings.txt"]) == checkExit)
            let configuration = try Configuration.load(file: root + "/concord.yml")
            let built = try BuildAction(configuration: configuration, output: root + "/_site").run().diagnostics
            let checked = try String(contentsOfFile: root + "/findings.txt", encoding: .utf8)
            for finding in built where finding.rule == "include-not-found" { #expect(checked.contains(finding.description)) }
            return built
        }
        #expect(try build("", checkExit: 0).contains { $0.rule == "include-not-found" && $0.severity == .warning })
        #expect(try build("  include-not-found: error\n", checkExit: 1).contains { $0.rule == "include-not-found" && $0.severity == .error })
        #expect(try !build("  include-not-found: off\n", checkExit: 0).contains { $0.rule == "include-not-found" })
    }

    @Test("xref.uidFromPath in concord.yml defines uids; unresolved-xref follows rules:; a bad rule is refused with its key and line")
    func crossReferenceSettings() throws {
        let root = try scratch([
            "content/en-US/7.1/Core/Get-Help.md": "# Get-Help\n",
            "content/en-US/a.md": "# A\n\n<xref:Core.Get-Help> and <xref:Core.Get-Nothing>\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        func findings(_ yaml: String) throws -> [Diagnostic] {
            try Data("sourceLocale: en-US\ncontent: content\n\(yaml)".utf8).write(to: URL(fileURLWithPath: root + "/concord.yml"))
            let configuration = try Configuration.load(file: root + "/concord.yml")
            let engine = CheckEngine(settings: configuration.rules)
            return engine.run(ContentSet.load(configuration)).filter { $0.rule == "unresolved-xref" }
        }
        let rule = "xref:\n  uidFromPath:\n    - pattern: \"7.1/{module}/{name}.md\"\n      uid: \"{module}.{name}\"\n"
        #expect(try findings(rule).map(\.description) == [
            "content/en-US/a.md:3:26: warning: cross reference to uid 'Core.Get-Nothing' is unresolved: no page defines it "
                + "(uid: front matter or xref.uidFromPath in concord.yml) [unresolved-xref]",
        ].map { root + "/" + $0 })
        #expect(try findings(rule + "rules:\n  unresolved-xref: error\n").map(\.severity) == [.error])
        #expect(try findings("").count == 2)
        #expect(throws: Configuration.Failure.self) { try findings("xref:\n  uidFromPath:\n    - pattern: \"7.1/{a}{b}.md\"\n      uid: \"{a}\"\n") }
        let refusal = #expect(throws: Configuration.Failure.self) {
            try findings("xref:\n  uidFromPath:\n    - pattern: \"../{name}.md\"\n      uid: \"{name}\"\n")
        }
        if let refusal {
            #expect(refusal.description.hasSuffix("concord.yml:5: 'xref.uidFromPath[0]': the pattern '../{name}.md' is a path from the locale root (no leading '/', no '..', no empty folder)"))
        }
    }
}
