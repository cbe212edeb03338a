import Testing
@testable import ConcordMarkdown

/// Raw HTML read with libxml2's HTML parser: text, links, images and table shape, with the
/// file lines they are on, and the limits that bound it.
@Suite("HTML block reader")
struct HTMLBlockReaderTests {
    func read(_ html: String, firstLine: Int = 1) -> HTMLBlockContent {
        HTMLBlockReader.read(Array(html.utf8), firstLine: firstLine)
    }

    @Test func tableShapeTextAndLinesOfItsCells() {
        let html = """
            <table>
            <thead>
            <tr><th>Offer</th><th>Upgrades</th></tr>
            </thead>
            <tbody>
            <tr>
            <td>Office 365 &amp; more</td>
            <td><ul>
            <li>Office 365 E3</li>
            <li>See [billing](billing.md)</li>
            </ul></td>
            </tr>
            </tbody>
            </table>
            """
        let content = read(html, firstLine: 20)
        #expect(content.tables.count == 1)
        let table = content.tables[0]
        #expect(table.line == 20)
        #expect(table.rows.map(\.cells.count) == [2, 2])
        #expect(table.rows[0].cells.map(\.isHeader) == [true, true])
        #expect(table.rows.map(\.line) == [22, 25])
        #expect(content.paragraphs.map(\.text) == ["Offer", "Upgrades", "Office 365 & more", "Office 365 E3", "See [billing](billing.md)"])
        #expect(content.paragraphs.map(\.line) == [22, 22, 26, 28, 29])
        #expect(content.paragraphs.allSatisfy { $0.inCell })
        // The second cell's own text is its two list items.
        #expect(table.rows[1].cells[1].paragraphs == [3, 4])
        #expect(content.limit == nil)
    }

    @Test func linksImagesAndTheirLines() {
        let html = """
            <table>
              <tr><td>
              <a href="https://leanpub.com/powershell101">
              <img src="media/book.png" alt="PowerShell 101 (the book)" />
              </a>
              </td>
              <td colspan=2>
              From <em>PowerShell 101</em>; get it at
              <a href='https://leanpub.com/powershell101'>Leanpub</a>.
              </td></tr>
            </table>
            """
        let content = read(html, firstLine: 10)
        #expect(content.links.map(\.href) == ["https://leanpub.com/powershell101", "https://leanpub.com/powershell101"])
        #expect(content.links.map(\.text) == ["", "Leanpub"])
        #expect(content.links.map(\.line) == [12, 18])
        #expect(content.images == [HTMLBlockContent.Image(source: "media/book.png", alt: "PowerShell 101 (the book)", line: 13)])
        #expect(content.tables.first?.rows.map(\.cells.count) == [2])
        #expect(content.paragraphs.map(\.text) == ["From PowerShell 101; get it at Leanpub."])
        #expect(content.paragraphs.map(\.line) == [17])
    }

    @Test func whatAReaderDoesNotSeeIsNotText() {
        let html = """
            <div>
            <!-- 42 comments -->
            <script>var x = 7;</script>
            <p>Keep 3 <span class="sxs-lookup"><span class="sxs-lookup">English 9</span></span>days, run <code>Get-Item 5</code>.</p>
            </div>
            """
        let content = read(html)
        #expect(content.paragraphs.map(\.text) == ["Keep 3 days, run Get-Item 5."])
        #expect(content.paragraphs.map(\.prose) == ["Keep 3 days, run ."])
        #expect(content.paragraphs.map(\.line) == [4])
        #expect(content.tables.isEmpty && content.links.isEmpty)
    }

    @Test func brokenHTMLIsReadAsABrowserWould() {
        // Unclosed cells and rows, stray end tags: the parser's recovery, not a guess of ours.
        let content = read("<table><tr><td>a<td>b</span><tr><td>c</table></ul>tail")
        #expect(content.tables.first?.rows.map(\.cells.count) == [2, 1])
        #expect(content.paragraphs.map(\.text) == ["a", "b", "c", "tail"])
        #expect(content.paragraphs.map(\.inCell) == [true, true, true, false])
    }

    @Test func aNestedTableKeepsItsOwnCells() {
        let content = read("<table><tr><td>outer<table><tr><td>inner</td></tr></table>after</td></tr></table>")
        #expect(content.tables.count == 2)
        #expect(content.tables[0].rows[0].cells[0].paragraphs.map { content.paragraphs[$0].text } == ["outer", "after"])
        #expect(content.tables[1].rows[0].cells[0].paragraphs.map { content.paragraphs[$0].text } == ["inner"])
    }

    @Test func noNetworkAndNoExternalEntities() {
        // An external DTD and a SYSTEM entity are neither fetched nor expanded.
        let html = """
            <!DOCTYPE html SYSTEM "http://127.0.0.1:9/x.dtd" [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <p>a &e; b</p>
            """
        let content = read(html)
        #expect(!content.paragraphs.contains { $0.text.contains("root:") })
    }

    @Test func limitsStopTheReadingWithTheirLine() {
        let big = read("<p>" + String(repeating: "x", count: HTMLBlockReader.maximumBytes) + "</p>", firstLine: 7)
        #expect(big.limit == HTMLBlockContent.Limit(kind: .bytes, line: 7))
        #expect(big.paragraphs.isEmpty)

        let deep = read(String(repeating: "<div>", count: HTMLBlockReader.maximumDepth) + "\n<span>deep</span>" + "<p>x</p>")
        #expect(deep.limit?.kind == .depth)
        #expect(deep.limit?.line == 2)

        let cells = String(repeating: "<td>1</td>", count: HTMLBlockReader.maximumCells + 5)
        let wide = read("<table>\n<tr>\(cells)</tr></table>")
        #expect(wide.limit == HTMLBlockContent.Limit(kind: .cells, line: 2))
        #expect(wide.tables[0].rows[0].cells.count == HTMLBlockReader.maximumCells)
    }

    @Test func emptyAndTextOnlyInput() {
        #expect(read("") == HTMLBlockContent())
        #expect(read("<br>").paragraphs.isEmpty)
        #expect(read("<a name=\"x\"></a>").links.isEmpty)
    }
}
