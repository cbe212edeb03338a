import ConcordTestSupport
import Testing
@testable import ConcordModel

/// A link or image on a paragraph's later lines is placed at its `[` (or `!`). cmark 0.30 gives
/// a wrapped link the line of its closing bracket with the column of its opening one, does not
/// count a line ended by a backslash, and counts columns on lazy lines from the first line's
/// indentation: places that may not exist at all. (Found by `scripts/fuzz`: a column past the
/// end of its line.)
@Suite("Links wrapped over lines start where their bracket is")
struct MultilineLinkPositionTests {
    static func article(_ markdown: String) throws -> Article {
        try #require(ArticleLoader.load(markdown: markdown).article)
    }

    @Test("a link wrapped over two and three lines")
    func wrappedLinks() throws {
        let article = try Self.article("# T\n\nFor details, see [Provide billing\nsupport](billing.md) and [a\nb\nc](c.md), or [d](d.md).\n")
        #expect(article.links.map { [$0.line, $0.column] } == [[3, 18], [4, 26], [6, 14]])
    }

    @Test("an image, a hard break and a link in a list item")
    func imagesBreaksAndItems() throws {
        let article = try Self.article("# T\n\n1. Select ![The\nscreen](s.png) and [one  \ntwo\\\nthree](x.md).\n")
        #expect(article.images.map { [$0.line, $0.column] } == [[3, 11]])
        #expect(article.links.map { [$0.line, $0.column] } == [[4, 20]])
        #expect(article.procedures.first?.steps.first?.links.first.map { [$0.line, $0.column] } == [4, 20])
    }

    @Test("after a line ended by a backslash, and on a lazy line of a list item")
    func backslashBreaksAndLazyLines() throws {
        let article = try Self.article("# T\n\na\\\nb [x](y.md) [z][]\n\n- item\nlazy [w](w.md)\n")
        #expect(article.links.map { [$0.line, $0.column] } == [[4, 3], [7, 6]])
        #expect(article.unresolvedReferences.map { [$0.line, $0.column] } == [[4, 13]])
    }

    @Test("a paragraph of two lines and 100,000 links is placed in time that grows with it")
    func manyLinksOnALaterLine() throws {
        // 1 MB on one later line: counting the line breaks before each link anew was quadratic.
        let markdown = "# T\n\na\n" + String(repeating: "[a](b.md) ", count: 100_000) + "\n"
        let loaded = try #require(finished(within: 30) { ArticleLoader.load(markdown: markdown) }, "placing links must be linear")
        let article = try #require(loaded.article)
        #expect(article.links.count == 100_000)
        #expect(article.links.last.map { [$0.line, $0.column] } == [4, 999_991])
    }
}

/// Line ends inside a code span leave no line break in the tree: the lines after them are found
/// in the source.
@Suite("Links after a code span wrapped over lines")
struct CodeSpanLineEndTests {
    @Test("a link after a wrapped code span, on its line and at the start of a later one")
    func afterWrappedCodeSpan() throws {
        let article = try #require(ArticleLoader.load(markdown: "# T\n\nSee `a\nb` and [x](x.md), then\n[y](y.md).\n\nText `c\nd`\ne `f\ng`.\n[z](z.md)\n").article)
        #expect(article.links.map { [$0.line, $0.column] } == [[4, 8], [5, 1], [11, 1]])
    }
}
