import Foundation
import Testing
@testable import ConcordCLI

/// `locales: [en-US, fr-FR, fr-FR]` crashed `concord build` (exit 132); it is a configuration error.
@Suite("A locale listed twice in concord.yml", .serialized)
struct DuplicateLocaleCLITests {
    @Test("Every command that reads the content exits 2 with the configuration error")
    func exitsTwo() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["content/en-US", "content/fr-FR"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try Data("# A\n".utf8).write(to: URL(fileURLWithPath: root + "/content/en-US/a.md"))
        let config = root + "/concord.yml"
        try Data("sourceLocale: en-US\ncontent: content\noutput: site\nlocales: [en-US, fr-FR, fr-FR]\n".utf8).write(to: URL(fileURLWithPath: config))
        #expect(ConcordCommand.execute(["build", "--config", config]) == 2)
        #expect(ConcordCommand.execute(["check", "--config", config]) == 2)
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
    }
}
