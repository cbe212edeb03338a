import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("concord stamp")
struct SourceHashStampTests {
    static let hash = String(repeating: "ab", count: 32)

    static func stamp(_ text: String) throws -> String {
        String(decoding: try SourceHashStamp.stamped(Array(text.utf8), hash: hash), as: UTF8.self)
    }

    @Test func theKeyIsInsertedBeforeTheClosingFence() throws {
        #expect(try Self.stamp("---\ntitle: T\nms.locfileid: \"1\"\n---\n# T\n")
            == "---\ntitle: T\nms.locfileid: \"1\"\nsource-hash: \(Self.hash)\n---\n# T\n")
    }

    @Test func anExistingValueIsReplacedOnItsLineOnly() throws {
        #expect(try Self.stamp("---\ntitle: T\nsource-hash:   old  # comment\nauthor: x\n---\n# T\n")
            == "---\ntitle: T\nsource-hash: \(Self.hash)\nauthor: x\n---\n# T\n")
    }

    @Test func crlfAndBOMAreKept() throws {
        #expect(try Self.stamp("\u{FEFF}---\r\ntitle: T\r\n---\r\n# T\r\n")
            == "\u{FEFF}---\r\ntitle: T\r\nsource-hash: \(Self.hash)\r\n---\r\n# T\r\n")
    }

    @Test func frontMatterIsCreatedWhenThereIsNone() throws {
        #expect(try Self.stamp("# T\r\n\r\nText\r\n") == "---\r\nsource-hash: \(Self.hash)\r\n---\r\n# T\r\n\r\nText\r\n")
        #expect(try Self.stamp("\u{FEFF}# T") == "\u{FEFF}---\nsource-hash: \(Self.hash)\n---\n# T")
        #expect(try Self.stamp("") == "---\nsource-hash: \(Self.hash)\n---\n")
    }

    @Test func nestedKeysAndLookalikesAreNotTheKey() throws {
        #expect(try Self.stamp("---\nextra:\n  source-hash: nested\nsource-hashes: x\n---\n")
            == "---\nextra:\n  source-hash: nested\nsource-hashes: x\nsource-hash: \(Self.hash)\n---\n")
    }

    /// What the loader (and so `stale-translation`) reads as the file's source hash.
    static func loadedHash(_ text: String) -> (hash: String?, problems: [String]) {
        let result = ArticleLoader.load(markdown: text)
        return (result.article?.metadata.sourceHash, result.diagnostics.map(\.description))
    }

    @Test("Front matter whose keys are all indented gets the key at their indentation, and still loads")
    func indentedKeys() throws {
        let inserted = try Self.stamp("---\n  title: T\n---\n# T\n")
        #expect(inserted == "---\n  title: T\n  source-hash: \(Self.hash)\n---\n# T\n")
        #expect(Self.loadedHash(inserted) == (Self.hash, []))
        let replaced = try Self.stamp("---\n  title: T\n  source-hash: old\n---\n# T\n")
        #expect(replaced == "---\n  title: T\n  source-hash: \(Self.hash)\n---\n# T\n")
        #expect(Self.loadedHash(replaced) == (Self.hash, []))
    }

    @Test("Front matter a key line cannot join (a flow mapping) is refused, not broken")
    func flowMappingIsRefused() throws {
        #expect(Self.loadedHash("---\n{title: T}\n---\n# T\n").problems.isEmpty, "valid YAML to begin with")
        #expect(throws: SourceHashStamp.Failure.self) {
            try SourceHashStamp.stamped(Array("---\n{title: T}\n---\n# T\n".utf8), hash: Self.hash)
        }
    }

    @Test func aCurrentFileIsLeftByteForByte() throws {
        let text = "---\r\nsource-hash: \(Self.hash)\r\n---\r\nBody  \r\n"
        #expect(try SourceHashStamp.stamped(Array(text.utf8), hash: Self.hash) == Array(text.utf8))
    }

    @Test func anUnclosedFrontMatterIsRefused() {
        #expect(throws: SourceHashStamp.Failure.self) {
            try SourceHashStamp.stamped(Array("---\ntitle: T\n# T\n".utf8), hash: Self.hash)
        }
    }

    @Test func theRecordedHashReadsBack() throws {
        let stamped = try SourceHashStamp.stamped(Array("---\ntitle: T\n---\n".utf8), hash: Self.hash)
        #expect(SourceHashStamp.recordedHash(in: stamped) == Self.hash)
        #expect(SourceHashStamp.recordedHash(in: Array("---\nsource-hash: \"abc\"\n---\n".utf8)) == "abc")
        #expect(SourceHashStamp.recordedHash(in: Array("# none\n".utf8)) == nil)
    }

    @Test func stampingTheSampleContentChangesOneLinePerFileAndReadsBackAsCurrent() throws {
        let root = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: LinkTestCorpus.sampleContent, toPath: root + "/content")
        let configuration = Configuration(contentRoot: root + "/content", sourceLocale: "en-US")

        let plan = try SourceHashStamp.plan(configuration)
        #expect(plan.changes.count == 36)
        #expect(plan.skipped.isEmpty)
        for change in plan.changes {
            let before = try FileSystem.read(change.file)
            #expect(SourceHashStamp.recordedHash(in: change.bytes) == change.hash)
            // The stamped file is the original plus one line.
            let beforeLines = before.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            var afterLines = change.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let inserted = try #require(afterLines.firstIndex { $0.starts(with: Array("source-hash: ".utf8)) })
            afterLines.remove(at: inserted)
            #expect(afterLines.map(Array.init) == beforeLines.map(Array.init), "\(change.file)")
        }
        try SourceHashStamp.apply(plan)
        let again = try SourceHashStamp.plan(configuration)
        #expect(again.changes.isEmpty)
        #expect(again.current.count == 36)
    }

    @Test func pathsSelectFilesAndFoldersOfTranslationsOnly() throws {
        let root = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write("# A\n", to: "content/en-US/a.md", in: root)
        try LinkFixtures.write("# B\n", to: "content/en-US/guide/b.md", in: root)
        try LinkFixtures.write("# A\n", to: "content/es-ES/a.md", in: root)
        try LinkFixtures.write("# B\n", to: "content/es-ES/guide/b.md", in: root)
        try LinkFixtures.write("# Solo\n", to: "content/es-ES/orphan.md", in: root)
        try LinkFixtures.write("# A\n", to: "content/de-DE/a.md", in: root)
        let configuration = Configuration(contentRoot: root + "/content", sourceLocale: "en-US")

        let all = try SourceHashStamp.plan(configuration)
        #expect(all.changes.map { "\($0.locale)/\($0.path)" } == ["de-DE/a.md", "es-ES/a.md", "es-ES/guide/b.md"])
        #expect(all.skipped.map(\.file) == [root + "/content/es-ES/orphan.md"])

        let folder = try SourceHashStamp.plan(configuration, paths: [root + "/content/es-ES/guide"])
        #expect(folder.changes.map(\.path) == ["guide/b.md"])
        let file = try SourceHashStamp.plan(configuration, paths: [root + "/content/de-DE/a.md"])
        #expect(file.changes.map(\.locale) == ["de-DE"])

        #expect(throws: SourceHashStamp.Failure.self) { try SourceHashStamp.plan(configuration, paths: [root + "/content/en-US/a.md"]) }
        #expect(throws: SourceHashStamp.Failure.self) { try SourceHashStamp.plan(configuration, paths: [root + "/content/xx.md"]) }
    }
}
