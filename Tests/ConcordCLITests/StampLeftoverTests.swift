import Foundation
import Testing
@testable import ConcordCLI

/// `concord stamp` writes each file through a temporary `.<name>.concord-<n>` beside it; a stamp
/// killed before the rename left those in the content tree. The next stamp removes them.
@Suite("Temporary files a killed stamp left behind", .serialized)
struct StampLeftoverTests {
    @Test("A stamp removes them (a dry run only names them); hidden files that are not its own stay")
    func removed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let files = [
            "en-US/a.md": "# A\n", "en-US/guide/b.md": "# B\n",
            "fr-FR/a.md": "# A\n", "fr-FR/guide/b.md": "# B\n",
            "fr-FR/.a.md.concord-1234567": "half", "fr-FR/guide/.b.md.concord-9": "half",
            "fr-FR/.notes.concord-1": "not a leftover: there is no notes file",
            "fr-FR/.a.md.concord-tmp": "not a leftover: not a number",
            "fr-FR/.keep": "",
        ]
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let leftovers = [root + "/fr-FR/.a.md.concord-1234567", root + "/fr-FR/guide/.b.md.concord-9"]

        #expect(ConcordCommand.execute(["stamp", "--content", root, "--dry-run"]) == 0)
        #expect(leftovers.allSatisfy { FileManager.default.fileExists(atPath: $0) })

        #expect(ConcordCommand.execute(["stamp", "--content", root]) == 0)
        #expect(leftovers.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        for kept in ["fr-FR/.notes.concord-1", "fr-FR/.a.md.concord-tmp", "fr-FR/.keep", "fr-FR/a.md", "fr-FR/guide/b.md"] {
            #expect(FileManager.default.fileExists(atPath: root + "/" + kept), "\(kept)")
        }
    }
}
