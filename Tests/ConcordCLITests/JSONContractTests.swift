import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordCLI

/// `check --format json` and `inspect --format json` are contracts other tools read: their
/// output validates against schemas/check.schema.json and schemas/inspect.schema.json.
@Suite("JSON contracts", .serialized)
struct JSONContractTests {
    static let root = ExitCodeTests.root
    static let schemas = root.appendingPathComponent("schemas").path

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
    func checkReportValidates() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = dir.appendingPathComponent("content")
        // Findings of several kinds: a translation problem with a source place, a load problem, a missing file.
        for (path, text) in [
            "en-US/a.md": "# A\n\n1. One\n2. Two\n", "en-US/b.md": "# B\n",
            "fr-FR/a.md": "---\ntitle: [broken\n---\n# A\n\n1. Un\n",
        ] {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = dir.appendingPathComponent("report.json").path
        #expect(ConcordCommand.execute(["check", "--content", content.path, "--format", "json", "--output", report]) == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(object["schemaVersion"] as? String == "1.0.0")
        #expect((object["diagnostics"] as? [Any])?.count ?? 0 >= 2)
        #expect(try SchemaValidator.validate([report], against: Self.schemas + "/check.schema.json").map(\.description) == [])
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
    func inspectOutputsValidate() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = dir.appendingPathComponent("summary.json").path
        let article = dir.appendingPathComponent("article.json").path
        let sample = Self.root.appendingPathComponent("content").path
        #expect(ConcordCommand.execute(["inspect", "--content", sample, "--output", summary]) == 0)
        #expect(ConcordCommand.execute(["inspect", sample + "/es-ES/customer-support.md", "--output", article]) == 0)
        let schema = Self.schemas + "/inspect.schema.json"
        #expect(try SchemaValidator.validate([summary, article], against: schema).map(\.description) == [])
        // Each validates as what it is, not only as "one of the two".
        #expect(try SchemaValidator.validate([summary], against: schema, definition: "summary").isEmpty)
        #expect(try SchemaValidator.validate([article], against: schema, definition: "article").isEmpty)
        #expect(try !SchemaValidator.validate([article], against: schema, definition: "summary").isEmpty)
    }
}
