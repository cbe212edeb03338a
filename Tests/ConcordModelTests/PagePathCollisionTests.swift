import Foundation
import Testing
@testable import ConcordModel

/// Two articles whose pages would be the same file (`p.md` and `p.MD` both make `p.html`, and
/// paths that differ only in case are one file on a case-insensitive disk and one page to
/// Concord's case-insensitive links): one is kept, the same one every time, and the other is an error.
@Suite("Articles whose pages collide")
struct PagePathCollisionTests {
    static func load(_ files: [String: String]) throws -> (ContentSet, String, TemporaryTree) {
        let tree = try TemporaryTree(files: files)
        return (ContentSet.load(Configuration(contentRoot: tree.path, sourceLocale: "en-US")), tree.path, tree)
    }

    @Test("p.md beside p.MD: p.md is kept, p.MD is reported at its line 1")
    func extensionCase() throws {
        let (set, root, tree) = try Self.load(["en-US/p.md": "# Lower\n", "en-US/p.MD": "# Upper\n", "en-US/q.Md": "# Q\n"])
        defer { withExtendedLifetime(tree) {} }
        #expect(set.sortedArticles(in: "en-US").map(\.path) == ["p.md", "q.Md"])
        #expect(set.article("p.md", in: "en-US")?.title == "Lower")
        let collisions = set.diagnostics.filter { $0.rule == "page-path-collision" }
        #expect(collisions.map(\.location) == [FileLocation(file: root + "/en-US/p.MD", line: 1)])
        #expect(collisions.first?.severity == .error)
        #expect(collisions.first?.message.contains("p.md") == true)
        #expect(collisions.first?.message.contains("en-US/p.html") == true)
    }

    @Test("Paths that differ only in case: the first in byte order is kept")
    func folderCase() throws {
        let (set, root, tree) = try Self.load(["en-US/guide/a.md": "# a\n", "en-US/Guide/a.md": "# A\n", "en-US/GUIDE/A.md": "# AA\n"])
        defer { withExtendedLifetime(tree) {} }
        #expect(set.sortedArticles(in: "en-US").map(\.path) == ["GUIDE/A.md"])
        #expect(set.diagnostics.filter { $0.rule == "page-path-collision" }.map(\.location.file)
            == [root + "/en-US/Guide/a.md", root + "/en-US/guide/a.md"])
    }

    @Test("A translation whose page is its source's page under another name is reported, not paired")
    func translationNamedOtherwise() throws {
        let (set, root, tree) = try Self.load(["en-US/p.md": "# P\n", "fr-FR/P.md": "# P fr\n", "fr-FR/q.md": "# Q fr\n"])
        defer { withExtendedLifetime(tree) {} }
        #expect(set.sortedArticles(in: "fr-FR").map(\.path) == ["q.md"])
        let collision = try #require(set.diagnostics.first { $0.rule == "page-path-collision" })
        #expect(collision.location.file == root + "/fr-FR/P.md")
        #expect(collision.message.contains("p.md"))
    }

    @Test("Unique paths are left alone")
    func noCollision() throws {
        let (set, _, tree) = try Self.load(["en-US/p.md": "# P\n", "en-US/p/index.md": "# P index\n", "en-US/pp.md": "# PP\n"])
        defer { withExtendedLifetime(tree) {} }
        #expect(set.diagnostics.isEmpty)
        #expect(set.sortedArticles(in: "en-US").count == 3)
    }
}
