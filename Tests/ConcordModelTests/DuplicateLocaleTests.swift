import Foundation
import Testing
@testable import ConcordModel

/// A locale listed twice in `concord.yml` is a configuration error naming the key, never a crash.
@Suite("A locale listed twice")
struct DuplicateLocaleTests {
    static func failure(_ yaml: String) throws -> Configuration.Failure? {
        let root = try TemporaryTree(files: ["content/en-US/a.md": "# A\n", "content/fr-FR/a.md": "# A\n", "concord.yml": yaml])
        do { _ = try Configuration.load(file: root.path + "/concord.yml"); return nil } catch { return error }
    }

    @Test("The repeat is named by its key and line, with the entry it repeats")
    func repeatedID() throws {
        let failure = try #require(try Self.failure("sourceLocale: en-US\ncontent: content\nlocales:\n  - en-US\n  - fr-FR\n  - fr-FR\n"))
        #expect(failure.key == "locales[2]")
        #expect(failure.line == 6)
        #expect(failure.description.hasSuffix("concord.yml:6: 'locales[2]': fr-FR is listed twice (also locales[1]); list each locale once"))
    }

    @Test("Locale ids compare without case, as BCP 47 says; a repeat in {id, path} form is found too")
    func repeatedIgnoringCase() throws {
        #expect(try Self.failure("sourceLocale: en-US\ncontent: content\nlocales: [en-US, fr-FR, fr-fr]\n")?.key == "locales[2]")
        #expect(try Self.failure("sourceLocale: en-US\ncontent: content\nlocales: [en-US, fr-FR, {id: fr-FR, path: content/en-US}]\n")?.key == "locales[2].id")
    }

    @Test("A configuration made in code keeps the first of repeated locales")
    func inCode() {
        let configuration = Configuration(contentRoot: "/nonexistent", sourceLocale: "en-US", locales: ["en-US", "fr-FR", "fr-FR"])
        #expect(configuration.locales.map(\.id) == ["en-US", "fr-FR"])
    }
}
