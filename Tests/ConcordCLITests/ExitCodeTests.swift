import Foundation
import Testing
@testable import ConcordCLI

/// The exit status contract CI jobs rely on: 0 clean, 1 error findings (or warnings with --strict), 2 usage,
/// configuration or unreadable input.
@Suite("Exit codes", .serialized)
struct ExitCodeTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func usageErrorsExitTwo() {
        #expect(ConcordCommand.execute(["check", "--no-such-flag"]) == 2)
        #expect(ConcordCommand.execute(["no-such-command"]) == 2)
        #expect(ConcordCommand.execute(["check", "--format", "yaml"]) == 2)
        #expect(ConcordCommand.execute(["check", "--content", "x", "--config", "y"]) == 2)
    }

    @Test func missingConfigurationExitsTwo() {
        #expect(ConcordCommand.execute(["check", "--config", "/nonexistent/concord.yml"]) == 2)
        #expect(ConcordCommand.execute(["check", "--content", "/nonexistent"]) == 2)
    }

    @Test func sampleContentIsClean() throws {
        let dir = try scratch()
        let report = dir.appendingPathComponent("report.json").path
        let status = ConcordCommand.execute([
            "check", "--config", Self.root.appendingPathComponent("concord.yml").path, "--format", "json", "--output", report,
        ])
        #expect(status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((object?["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func errorsExitOneAndWarningsOnlyWithStrict() throws {
        let dir = try scratch()
        let content = dir.appendingPathComponent("content")
        for (path, text) in [
            "en-US/a.md": "# A\n", "en-US/b.md": "# B\n",
            "fr-FR/a.md": "---\ntitle: [broken\n---\n# A\n",
        ] {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = dir.appendingPathComponent("out.txt").path
        // Broken YAML is an error finding: exit 1.
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--output", report]) == 1)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("fr-FR/a.md:2:"))
        #expect(text.contains("[invalid-front-matter]"))

        // Accept it in a baseline: exit 0.
        let baseline = dir.appendingPathComponent("baseline.json").path
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--write-baseline", baseline]) == 0)
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--baseline", baseline, "--output", report]) == 0)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("accepted by the baseline"))
    }

    @Test func unreadableInputExitsTwo() throws {
        let dir = try scratch()
        let url = dir.appendingPathComponent("content/en-US/a.md")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([0x00, 0x01, 0x02]).write(to: url)
        let report = dir.appendingPathComponent("out.txt").path
        #expect(ConcordCommand.execute(["check", "--content", dir.appendingPathComponent("content").path, "--output", report]) == 2)
    }

    @Test(.enabled(if: getuid() != 0, "root reads a folder whatever its mode"))
    func unreadableLocaleFolderExitsTwoWithoutMissingTranslations() throws {
        let dir = try scratch()
        let content = dir.appendingPathComponent("content")
        for path in ["en-US/a.md", "fr-FR/a.md"] {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("# A\n".utf8).write(to: url)
        }
        let locked = content.appendingPathComponent("fr-FR").path
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }
        let report = dir.appendingPathComponent("out.txt").path
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--output", report]) == 2)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("[unreadable-file]"))
        #expect(!text.contains("missing-translation"))
    }

    @Test func namedFilesLimitTheCheckToTheirPairs() throws {
        let dir = try scratch()
        let content = dir.appendingPathComponent("content")
        for (path, text) in [
            "en-US/a.md": "# A\n\n1. One\n2. Two\n", "en-US/b.md": "# B\n\n1. One\n2. Two\n",
            "fr-FR/a.md": "# A\n\n1. Un\n", "fr-FR/b.md": "# B\n\n1. Un\n",
        ] {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = dir.appendingPathComponent("out.txt").path
        // The pre-commit hook passes the changed files: only b.md's pair is checked.
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--output", report, content.path + "/en-US/b.md"]) == 1)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("fr-FR/b.md:1:1: error: 2 steps in source"))
        #expect(!text.contains("a.md"))
        // A file outside every locale names no pair: nothing to check.
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--output", report, dir.path + "/README.md"]) == 0)
    }
}
