import Foundation
import ConcordTestSupport
import Testing

/// The schemas are the integrators' documentation: every field says what it is, and no object is
/// closed, since readers ignore the fields a later minor version adds.
@Suite("Schema documentation")
struct SchemaDocumentationTests {
    @Test("every field of every schema has a description", arguments: ["article", "bundle", "manifest", "steps", "check", "inspect", "status"])
    func schemaDocumentsEveryField(name: String) throws {
        let schema = try Fixtures.json(Fixtures.schemas + "/\(name).schema.json")
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["description"] is String)
        var undocumented: [String] = []
        var closed = 0
        func walk(_ node: Any, at path: String) {
            if let object = node as? [String: Any] {
                if let properties = object["properties"] as? [String: Any] {
                    for (key, value) in properties where (value as? [String: Any])?["description"] == nil {
                        undocumented.append("\(path)/properties/\(key)")
                    }
                    if object["additionalProperties"] as? Bool == false { closed += 1 }
                }
                for (key, value) in object { walk(value, at: "\(path)/\(key)") }
            } else if let array = node as? [Any] {
                for (index, value) in array.enumerated() { walk(value, at: "\(path)/\(index)") }
            }
        }
        walk(schema, at: "#")
        #expect(undocumented.sorted() == [], "fields without a description")
        #expect(closed == 0, "objects with additionalProperties: false")
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
    func aFieldALaterMinorVersionAddsIsAccepted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("check.json")
        try Data(#"{"schemaVersion": "1.1.0", "diagnostics": [], "summary": {"errors": 0, "warnings": 0, "notes": 0, "files": 0, "rules": {}, "suppressed": 0, "durationSeconds": 1}, "newField": true}"#.utf8).write(to: report)
        let schema = Fixtures.schemas + "/check.schema.json"
        #expect(try SchemaValidator.validate([report.path], against: schema, asPublished: true).isEmpty)
        // The same file fails the closed form the writer's tests use.
        #expect(try !SchemaValidator.validate([report.path], against: schema).isEmpty)
    }
}
