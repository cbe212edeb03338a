import Foundation
import Testing
import ConcordModel
@testable import ConcordRender

/// Table cells render as inline content: the characters that would start a block are shown,
/// and reference links use the article's definitions.
@Suite("Table cells render as inline content")
struct TableCellRenderTests {
    @Test("+, -, * and # in cells are text; reference links are links")
    func cellsAreInline() {
        let html = renderBody("# T\n\n| Op | See |\n|---|---|\n| + | [about_Operators][] |\n| # | [x][y] |\n\n[about_operators]: about_Operators.md\n[Y]: y.md\n")
        #expect(html.contains("<td>+</td><td><a href=\"about_Operators.html\">about_Operators</a></td>"))
        #expect(html.contains("<td>#</td><td><a href=\"y.html\">x</a></td>"))
        #expect(!html.contains("<ul>"))
        #expect(!html.contains("<h1 id=\"\">"))
        #expect(!html.contains("[about_Operators][]"))
    }

    @Test("about_Arithmetic_Operators and about_Operator_Precedence of the corpus", .enabled(if: corpusIsPresent, "needs ../shared/corpus"))
    func corpusPages() throws {
        let folder = corpusRoot + "/powershell/en-US/7.1/Microsoft.PowerShell.Core/About/"
        let arithmetic = renderBody(String(decoding: try FileSystem.read(folder + "about_Arithmetic_Operators.md"), as: UTF8.self))
        #expect(arithmetic.contains("<td>+</td>"))
        #expect(arithmetic.contains("<td>*</td>"))
        #expect(!arithmetic.contains("<td><ul>"))
        let precedence = renderBody(String(decoding: try FileSystem.read(folder + "about_Operator_Precedence.md"), as: UTF8.self))
        #expect(!precedence.contains("[about_Operators][]"))
        #expect(precedence.contains(">about_Operators</a></td>"))
    }
}
