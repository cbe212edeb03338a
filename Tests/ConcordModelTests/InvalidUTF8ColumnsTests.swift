import Testing
@testable import ConcordModel

/// On a line with bytes that are not UTF-8 (the file gets `invalid-utf8`), what follows the bad
/// bytes keeps its column in the file: each bad sequence reads as U+FFFD, three bytes, and
/// columns counted in that text pointed past the end of the line. (Found by `scripts/fuzz`.)
@Suite("Columns after invalid UTF-8")
struct InvalidUTF8ColumnsTests {
    static func load(_ parts: [[UInt8]]) -> LoadResult {
        ArticleLoader.load(bytes: parts.flatMap { $0 }, path: "a.md", locale: "en-US", file: "a.md")
    }

    @Test("a link, an image and an unresolved reference after bad bytes point at themselves")
    func inlineAfterBadBytes() throws {
        let result = Self.load([Array("# T\n\n".utf8), [0xFF, 0xFE, 0xC3, 0xE3, 0x81], Array(" [a](x.md) ![i](y.png) [B C][]\n".utf8)])
        #expect(result.diagnostics.map(\.rule) == ["invalid-utf8"])
        let article = try #require(result.article)
        #expect(article.links.map(\.column) == [7])
        #expect(article.images.map(\.column) == [17])
        #expect(article.unresolvedReferences.map(\.column) == [29])
    }

    @Test("a table cell after a bad byte in an earlier cell points at itself")
    func tableCellAfterBadBytes() throws {
        let result = Self.load([Array("# T\n\n| a | b |\n|---|---|\n| ".utf8), [0xFF, 0xFF], Array(" | [l](x.md) |\n".utf8)])
        let article = try #require(result.article)
        #expect(article.links.map(\.column) == [8])
        #expect(article.links.map(\.line) == [5])
    }

    @Test("the text reads as it did: each bad sequence one U+FFFD, as cmark replaces them")
    func textIsUnchanged() throws {
        let result = Self.load([Array("# T\n\nx".utf8), [0xFF, 0xC3, 0x28, 0xE0, 0x80, 0xF4, 0x90, 0x80, 0x80], Array("y\n".utf8)])
        let block = try #require(result.article?.textBlocks.first { $0.text.hasPrefix("x") })
        #expect(block.text == "x\u{FFFD}\u{FFFD}(\u{FFFD}\u{FFFD}y")
    }
}
