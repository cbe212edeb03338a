import Foundation
import Testing
@testable import ConcordModel

@Suite("The fence reads a file by its folder and name, and leaves odd paths to the general look-up")
struct ContentFencePathTests {
    @Test("a path splits at its last slash only when both parts are plain")
    func folderAndName() {
        #expect(ContentFence.folderAndName("a/b.md")! == ("a", "b.md"))
        #expect(ContentFence.folderAndName("/root/en-US/x/b.md")! == ("/root/en-US/x", "b.md"))
        #expect(ContentFence.folderAndName("/b.md")! == ("/", "b.md"))
        #expect(ContentFence.folderAndName("dossier/é.md")! == ("dossier", "é.md"))
        for odd in ["b.md", "a/", "a//b.md", "a/.", "a/..", ""] { #expect(ContentFence.folderAndName(odd) == nil, "\(odd)") }
    }

    @Test("odd spellings of a path inside the root read the file; none reaches outside it")
    func oddPathsStayFenced() throws {
        let root = FileSystem.canonical(NSTemporaryDirectory() + "concord-fence-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/content/en-US", withIntermediateDirectories: true)
        try Data("inside".utf8).write(to: URL(fileURLWithPath: root + "/content/en-US/a.md"))
        try Data("outside".utf8).write(to: URL(fileURLWithPath: root + "/secret.md"))
        let fence = ContentFence(Configuration(contentRoot: root + "/content", sourceLocale: "en-US"))
        for path in ["/content/en-US/a.md", "/content/en-US//a.md", "/content/./en-US/a.md", "/content/en-US/../en-US/a.md"] {
            #expect((try? fence.read(root + path)).map { String(decoding: $0, as: UTF8.self) } == "inside", "\(path)")
        }
        #expect(throws: FileSystem.Failure.self) { try fence.read(root + "/content/en-US/../../secret.md") }
    }
}
