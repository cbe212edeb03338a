import Testing
import ConcordMarkdown
@testable import ConcordModel

/// A pipe table's cell is inline content (GitHub Flavored Markdown): `+`, `-`, `*` or `#` in a
/// cell is text, not a list or a heading, and reference links in a cell use the article's
/// `[label]: url` definitions, as they do anywhere else in the article.
@Suite("Table cells are inline content")
struct TableCellInlineTests {
    static func article(_ markdown: String) throws -> (Article, [Diagnostic]) {
        let loaded = ArticleLoader.load(markdown: markdown)
        return (try #require(loaded.article), loaded.diagnostics)
    }

    @Test("a cell of +, -, * or # keeps its character")
    func blockMarkersAreText() throws {
        let (article, _) = try Self.article("# T\n\n| Operator | Use |\n|---|---|\n| + | adds |\n| - | subtracts |\n| * | multiplies |\n| # | comment |\n| > q | quote |\n| 1. | one |\n| [x]: y | not a definition |\n")
        #expect(article.tables.first?.rows.map(\.first) == ["+", "-", "*", "#", "> q", "1.", "[x]: y"])
    }

    @Test("inline Markdown in a cell is still parsed, emphasis after the cell's start included")
    func inlinesStillParsed() throws {
        let (article, _) = try Self.article("# T\n\n| a | b |\n|---|---|\n| _em_ and `code` | [link](x.md) |\n")
        #expect(article.tables.first?.rows.first == ["em and code", "link"])
        #expect(article.links.map { [$0.line, $0.column] } == [[5, 21]])
        #expect(article.links.first?.kind == .inline)
    }

    @Test("reference links in cells use the article's definitions, at their place in the line")
    func referenceLinksInCells() throws {
        let (article, diagnostics) = try Self.article("""
            # T

            | Operator | See |
            |---|---|
            | `-` | [about_Operators][] |
            | `*` | [the page][ops] and [Missing][] |

            [about_operators]: about_Operators.md
            [OPS]: ops.md "Operators"

            """)
        #expect(diagnostics.isEmpty)
        #expect(article.links.map(\.destination) == ["about_Operators.md", "ops.md"])
        #expect(article.links.map(\.kind) == [.reference, .reference])
        #expect(article.links.map { [$0.line, $0.column] } == [[5, 9], [6, 9]])
        #expect(article.unresolvedReferences.map { [$0.label, "\($0.line)", "\($0.column)"] } == [["Missing", "6", "29"]])
        #expect(article.tables.first?.rows.map(\.last) == ["about_Operators", "the page and [Missing][]"])
    }

    @Test("a definition is given to the cells that name it, within a limit, with a warning past it")
    func definitionBudget() throws {
        // Each cell names a definition of 100 kB: the eleventh goes past the 1 MB given to cells.
        let long = String(repeating: "a", count: 100_000)
        let rows = (1...12).map { "| [d][] | \($0) |" }.joined(separator: "\n")
        let (article, diagnostics) = try Self.article("# T\n\n| a | b |\n|---|---|\n\(rows)\n\n[d]: \(long).md\n")
        // Identical cells are parsed once: each distinct cell costs the budget once.
        #expect(article.links.count == 12)
        #expect(diagnostics.isEmpty)
        let distinct = (1...12).map { "| [d][] x\($0) | \($0) |" }.joined(separator: "\n")
        let (limited, found) = try Self.article("# T\n\n| a | b |\n|---|---|\n\(distinct)\n\n[d]: \(long).md\n")
        #expect(limited.links.count == 10)
        #expect(found.map { "\($0.rule):\($0.location.line)" } == ["cell-reference-limit:15"])
    }

    @Test("parsing a line as inline content gives cmark's inlines, at the line's columns")
    func parseInline() {
        let document = MarkdownParser.parseInline("# _a_ [b](c)")
        let paragraph = document[document.root].firstChild
        #expect(document[paragraph].kind == .paragraph)
        #expect(document.children(of: paragraph).map { document[$0].kind } == [.text, .emphasis, .text, .link])
        #expect(document.literal(of: document[paragraph].firstChild) == "# ")
        #expect(document.children(of: paragraph).map { document[$0].start?.column } == [1, 3, 6, 7])
        #expect(document[document.root].subtreeEnd == document.nodes.count)
        let empty = MarkdownParser.parseInline("")
        #expect(empty.nodes.count == 1)
    }
}
