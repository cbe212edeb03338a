import Testing
@testable import ConcordModel

/// Raw HTML blocks in the article model: their text, links, images and tables in the section
/// they are in, and a finding where one is too large to read.
@Suite("HTML blocks in the model")
struct HTMLBlockModelTests {
    @Test func aTableItsCellsAndLinksJoinTheirSection() throws {
        let markdown = """
            # Title

            ## <a name="plans"></a>Plans

            <table>
            <tr><td>Basic</td><td>See [billing](billing.md) within 30 days</td></tr>
            <tr><td>Premium</td><td><a href="https://example.com/p">Plans</a></td></tr>
            </table>

            After.
            """
        let article = try #require(ArticleLoader.load(markdown: markdown).article)
        #expect(article.tables == [Table(section: "plans", header: ["Basic", "See billing within 30 days"], alignments: [.none, .none],
                                         rows: [["Premium", "Plans"]], line: 5)])
        #expect(article.links.map { "\($0.kind) \($0.destination) \($0.line):\($0.column) \($0.section ?? "-")" } == [
            "inline billing.md 6:27 plans", "html https://example.com/p 7:25 plans",
        ])
        let cells = article.textBlocks.filter { $0.kind == .tableCell }
        #expect(cells.map(\.text) == ["Basic", "See billing within 30 days", "Premium", "Plans"])
        #expect(cells.map(\.line) == [6, 6, 7, 7])
        #expect(article.textBlocks.last?.text == "After.")
    }

    @Test func htmlThatSaysNothingIsNotParsed() {
        #expect(!ArticleBuilder.mayHoldContent(Array("<a name=\"x\"></a>\n<!-- a note -->\n<br/>".utf8)))
        #expect(ArticleBuilder.mayHoldContent(Array("<p>Text</p>".utf8)))
        #expect(ArticleBuilder.mayHoldContent(Array("<img src=\"a.png\">".utf8)))
        #expect(ArticleBuilder.mayHoldContent(Array("<A HREF=\"a.md\"></A>".utf8)))
    }

    @Test func repeatedTextIsPlacedWhereEachIsWritten() throws {
        // Each cell is looked for after the one before: the second "Yes" is not given the first's column.
        let markdown = "# Title\n\n<table><tr><td>Yes</td><td>Yes</td><td>A &amp; B</td></tr></table>\n"
        let article = try #require(ArticleLoader.load(markdown: markdown).article)
        let cells = article.textBlocks.filter { $0.kind == .tableCell }
        #expect(cells.map(\.text) == ["Yes", "Yes", "A & B"])
        // "A & B" is written "A &amp; B": not found as written, it is placed at the line's start.
        #expect(cells.map(\.column) == [16, 28, 1])
        #expect(cells.map(\.line) == [3, 3, 3])
    }

    @Test func aBlockOverTheCellLimitIsReportedAtItsLine() {
        let cells = String(repeating: "<td>1</td>", count: 10_001)
        let result = ArticleLoader.load(markdown: "# Title\n\n<table>\n<tr>\(cells)</tr>\n</table>\n", file: "big.md")
        #expect(result.diagnostics.map { "\($0.rule) \($0.severity) \($0.location.line)" } == ["html-block-limit warning 4"])
        #expect(result.diagnostics.first?.message.contains("more than 10000 table cells") == true)
        #expect(result.article?.tables.first?.header.count == 10_000)
    }
}
