import Foundation
import Testing

/// The schemas are the integrators' documentation: every field says what it is, and objects are closed.
@Suite("Schema documentation")
struct SchemaDocumentationTests {
    @Test("every field of every schema has a description", arguments: ["article", "bundle", "manifest", "steps"])
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
        #expect(closed > 0)
    }
}
