import Foundation
import Testing
@testable import ConcordModel

/// Bad input gives a diagnostic naming file and line; the file still loads when it can.
@Suite("Load diagnostics")
struct LoadDiagnosticsTests {
    @Test func bomAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}---\r\ntitle: Hello\r\nms.contentlocale: fr-FR\r\n---\r\n# Bonjour\r\n\r\n**Pour faire**\r\n\r\n1. Un\r\n2. Deux\r\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "a.md", locale: "fr-FR", file: "fr-FR/a.md")
        #expect(result.diagnostics.isEmpty)
        let article = try #require(result.article)
        #expect(article.metadata.title == "Hello")
        #expect(article.metadata.line(of: "ms.contentlocale") == 3)
        #expect(article.sections.first?.line == 5)
        #expect(article.procedures.first?.steps.map(\.line) == [9, 10])
        #expect(article.procedures.first?.steps.first?.text == "Un")
    }

    @Test func brokenYAMLNamesTheLine() throws {
        let text = "---\ntitle: ok\nms.date: [unclosed\nauthor: x\n---\n# Still here\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "b.md", locale: "en-US", file: "content/en-US/b.md")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule == "invalid-front-matter")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.file == "content/en-US/b.md")
        #expect((3...5).contains(diagnostic.location.line))
        #expect(result.article?.title == "Still here", "the body still builds")
    }

    @Test func aRepeatedFrontMatterKeyIsOneLineAtTheRepeat() throws {
        let text = "---\ntitle: A\nms.date: 01/02/2024\ntitle: B\n---\n# Body\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "r.md", locale: "en-US", file: "content/en-US/r.md")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.description
            == "content/en-US/r.md:4:1: error: front matter is not valid YAML: the key 'title' is repeated (first on line 2) [invalid-front-matter]")
        #expect(result.article?.title == "Body")
    }

    @Test func unterminatedFrontMatter() throws {
        let result = ArticleLoader.load(markdown: "---\ntitle: x\n\n# Body\n", file: "c.md")
        #expect(result.diagnostics.map(\.rule) == ["invalid-front-matter"])
        #expect(result.diagnostics.first?.location.line == 1)
        #expect(result.article != nil)
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        var bytes = Array("---\ntitle: t\n---\n# Title\n\nGood line\nBad ".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(" rest\n".utf8)
        let result = ArticleLoader.load(bytes: bytes, path: "d.md", locale: "en-US", file: "d.md")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.rule == "invalid-utf8")
        #expect(diagnostic.location.line == 7)
        #expect(diagnostic.location.column == 5)
        #expect(result.article?.title == "Title")
    }

    @Test func binaryFileIsSkipped() throws {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        let result = ArticleLoader.load(bytes: bytes, path: "e.md", locale: "en-US", file: "e.md")
        #expect(result.article == nil)
        #expect(result.diagnostics.map(\.rule) == ["binary-file"])
        #expect(result.diagnostics.first?.location.line == 3)
    }

    @Test("A NUL after a lone CR is placed on the line the CR starts, as every other position is")
    func binaryPositionCountsALoneCR() throws {
        let result = ArticleLoader.load(bytes: Array("a\rb\0".utf8), path: "f.md", locale: "en-US", file: "f.md")
        #expect(result.diagnostics.map(\.description) == ["f.md:2:2: error: file is not text (NUL byte at line 2); skipped [binary-file]"])
    }

    @Test("A front-matter problem after bytes that are not UTF-8 keeps its column in the file")
    func frontMatterColumnAfterBadBytes() throws {
        let bytes = Array("---\nms.author: s".utf8) + [0xFF, 0xFF, 0xFF, 0x19] + Array("x\n---\n# T\n".utf8)
        let result = ArticleLoader.load(bytes: bytes, path: "g.md", locale: "en-US", file: "g.md")
        #expect(result.diagnostics.map(\.description) == [
            "g.md:2:13: error: invalid UTF-8 at line 2, column 13; the bad bytes read as U+FFFD [invalid-utf8]",
            "g.md:2:16: error: front matter is not valid YAML: control characters are not allowed [invalid-front-matter]",
        ])
    }

    @Test func frontMatterThatIsNotAMapping() throws {
        let result = ArticleLoader.load(markdown: "---\n- a\n- b\n---\n# T\n")
        #expect(result.diagnostics.map(\.rule) == ["invalid-front-matter"])
        #expect(result.article?.title == "T")
    }

    @Test func otherKeysAreKeptInFileOrder() throws {
        let article = try Fixtures.article("""
        ---
        zeta: 1
        title: T
        ms.custom: [a, b]
        alpha:
          nested: yes
        ---
        body
        """)
        #expect(article.metadata.entries.map(\.key) == ["zeta", "title", "ms.custom", "alpha"])
        #expect(article.metadata["ms.custom"] == .list([.string("a"), .string("b")]))
        #expect(article.metadata.entries.map(\.line) == [2, 3, 4, 5])
    }

    @Test func aBadFileDoesNotStopTheOthers() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("en-US")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("# Good\n".utf8).write(to: folder.appendingPathComponent("good.md"))
        try Data([0, 1, 2, 3]).write(to: folder.appendingPathComponent("binary.md"))
        try Data("---\ntitle: [\n---\n# Bad yaml\n".utf8).write(to: folder.appendingPathComponent("yaml.md"))
        let set = ContentSet.load(Configuration(contentRoot: root.path, sourceLocale: "en-US"))
        #expect(set.sortedArticles(in: "en-US").map(\.path) == ["good.md", "yaml.md"])
        #expect(Set(set.diagnostics.map(\.rule)) == ["binary-file", "invalid-front-matter"])
    }
}
