import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

/// `concord stamp` reads and writes only inside the content root, after resolving symbolic links.
@Suite("concord stamp stays inside the content root")
struct StampFenceTests {
    static let original = "---\ntitle: A\n---\n# A\n"

    /// A content root with a source article, and a folder beside it that is not content.
    static func tree() throws -> (root: String, configuration: () -> Configuration) {
        let root = try LinkFixtures.temporaryFolder()
        try LinkFixtures.write("# A\n", to: "content/en-US/a.md", in: root)
        try LinkFixtures.write(original, to: "outside/a.md", in: root)
        return (root, { Configuration(contentRoot: root + "/content", sourceLocale: "en-US") })
    }

    @Test("A locale folder linked outside the content root is skipped, and the files it leads to are left as they were")
    func localeLinkedOutside() throws {
        let (root, configuration) = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/content/xx-XX", withDestinationPath: root + "/outside")

        let plan = try SourceHashStamp.plan(configuration())
        #expect(plan.changes.isEmpty)
        #expect(plan.skipped.map(\.file) == [root + "/content/xx-XX"])
        #expect(plan.skipped.first?.reason.contains("outside the content root") == true)
        try SourceHashStamp.apply(plan)
        #expect(try String(contentsOfFile: root + "/outside/a.md", encoding: .utf8) == Self.original)
    }

    @Test("A source article linked outside the content root is not read (its hash would tell what it holds)")
    func sourceLinkedOutside() throws {
        let (root, configuration) = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write(Self.original, to: "content/fr-FR/b.md", in: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/en-US/b.md", withDestinationPath: root + "/outside/a.md")

        let plan = try SourceHashStamp.plan(configuration())
        #expect(plan.changes.isEmpty)
        #expect(plan.skipped.map(\.file) == [root + "/content/fr-FR/b.md"])
    }

    @Test("A translation linked to a file inside the content root is written through the link, which stays a link")
    func translationLinkedInside() throws {
        let (root, configuration) = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write(Self.original, to: "content/shared/a.fr.md", in: root)
        try LinkFixtures.write("", to: "content/fr-FR/.keep", in: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/fr-FR/a.md", withDestinationPath: "../shared/a.fr.md")

        let plan = try SourceHashStamp.plan(configuration())
        #expect(plan.changes.map(\.path) == ["a.md"])
        try SourceHashStamp.apply(plan)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: root + "/content/fr-FR/a.md")
        #expect(destination == "../shared/a.fr.md")
        #expect(SourceHashStamp.recordedHash(in: try FileSystem.read(root + "/content/shared/a.fr.md")) != nil)
    }
}
