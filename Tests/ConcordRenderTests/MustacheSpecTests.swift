import Foundation
import Testing
@testable import ConcordRender

/// The specification's JSON files beside the repository (`../shared/mustache-spec`).
let mustacheSpecFolder = URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/mustache-spec").path
let mustacheSpecIsPresent = FileManager.default.fileExists(atPath: mustacheSpecFolder + "/sections.json")

/// The official Mustache specification (`../shared/mustache-spec`, JSON): every test of
/// comments, delimiters, interpolation, inverted sections, partials, sections and inheritance
/// rendered by Concord's own parser and renderer.
@Suite("Mustache specification", .enabled(if: mustacheSpecIsPresent, "shared/mustache-spec is not beside the repository; specification tests skipped"))
struct MustacheSpecTests {
    static let specFolder = mustacheSpecFolder
    static let specFolderIsPresent = mustacheSpecIsPresent
    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// A JSON value as the specification's data gives it.
    indirect enum JSONValue: Decodable, Sendable {
        case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        /// The value as a page context holds it.
        var context: Any {
            switch self {
            case .null: TemplateValue.null
            case .bool(let value): value
            case .integer(let value): value
            case .number(let value): value
            case .string(let value): value
            case .array(let values): values.map(\.context) as [Any]
            case .object(let values): TemplateObject(values: values.mapValues(\.context))
            }
        }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var desc: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
        var file = ""

        enum CodingKeys: String, CodingKey { case name, desc, data, template, partials, expected }
        var testDescription: String { "\(file): \(name)" }
    }

    struct File: Decodable { var tests: [Case] }

    static let cases: [Case] = {
        guard specFolderIsPresent else { return [] }
        return files.flatMap { name -> [Case] in
            guard let data = FileManager.default.contents(atPath: specFolder + "/\(name).json"),
                  let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
            return file.tests.map { var test = $0; test.file = name; return test }
        }
    }()

    @Test("Every file of the specification is read")
    func filesAreRead() {
        #expect(Set(Self.cases.map(\.file)) == Set(Self.files))
        #expect(Self.cases.count > 100)
    }

    @Test("Each test renders what the specification expects", arguments: cases)
    func specification(_ test: Case) throws {
        var files: [String: [UInt8]] = ["test-template.mustache": Array(test.template.utf8)]
        for (name, text) in test.partials ?? [:] { files[name + ".mustache"] = Array(text.utf8) }
        let renderer = try TemplateRenderer(theme: Theme(files: files))
        let rendered = String(decoding: try renderer.renderUTF8("test-template", test.data.context), as: UTF8.self)
        #expect(rendered == test.expected, "\(test.desc)\ntemplate: \(test.template.debugDescription)\nrendered: \(rendered.debugDescription)")
    }
}
