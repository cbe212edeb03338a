import ConcordCheck
import ConcordModel
import Foundation
import Testing
import ConcordTestSupport

/// `concord status --format json` is read by other tools: it validates against
/// `schemas/status.schema.json`, and a broken copy does not.
@Suite("Translation status JSON", .enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
struct StatusSchemaTests {
    /// A status with every kind of entry the checks can make here: current, drifted (a link
    /// lost, with a source line) and missing.
    static func status() throws -> TranslationStatus {
        let content = try Fixtures.content([
            "en-US": ["a.md": "# A\n\nSee [B](b.md).\n", "b.md": "# B\n\nRead [the guide](https://example.com/g).\n", "c.md": "# C\n"],
            "es-ES": ["a.md": "# A\n\nVea [B](b.md).\n", "b.md": "# B\n\nLea la guía.\n"],
        ])
        let diagnostics = CheckEngine(settings: content.configuration.rules).run(content)
        return TranslationStatus(content: content, diagnostics: diagnostics, statuses: ArticleStatus.statuses(content: content, diagnostics: diagnostics))
    }

    static func write(_ object: Any, to folder: String) throws -> String {
        let path = folder + "/status.json"
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("The status of a content set with current, drifted and missing articles validates")
    func validates() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let status = try Self.status()
        #expect(status.articles.map(\.status) == [.current, .drift, .fallback])
        let path = folder + "/status.json"
        try JSONOutput.encode(status).write(to: URL(fileURLWithPath: path))
        #expect(try SchemaValidator.validate([path], against: Fixtures.schemas + "/status.schema.json").map(\.description) == [])
        // Decoded back, it is the same status: the JSON is the whole report.
        #expect(try JSONDecoder().decode(TranslationStatus.self, from: Data(contentsOf: URL(fileURLWithPath: path))) == status)
    }

    @Test("A broken status fails validation", arguments: ["unknown status", "negative count", "finding without line", "schemaVersion 2"])
    func brokenFails(breakage: String) throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var document = try JSONSerialization.jsonObject(with: JSONOutput.encode(try Self.status())) as! [String: Any]
        var articles = document["articles"] as! [[String: Any]]
        var locales = document["locales"] as! [[String: Any]]
        switch breakage {
        case "unknown status": articles[0]["status"] = "outdated"
        case "negative count": locales[0]["stale"] = -1
        case "finding without line":
            var findings = articles[1]["findings"] as! [[String: Any]]
            findings[0]["line"] = nil
            articles[1]["findings"] = findings
        default: document["schemaVersion"] = "2.0.0"
        }
        document["articles"] = articles
        document["locales"] = locales
        let failures = try SchemaValidator.validate([try Self.write(document, to: folder)], against: Fixtures.schemas + "/status.schema.json")
        #expect(failures.count == 1, "\(breakage): the validator accepted a broken status")
    }
}
