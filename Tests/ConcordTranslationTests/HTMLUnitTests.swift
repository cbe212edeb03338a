@testable import ConcordTranslation
import Testing

/// The text of raw HTML blocks (the HTML tables of older articles) is handed to translators
/// like the rest: a unit per run of text between block tags, the tags inside a run as codes.
@Suite struct HTMLUnitTests {
    static let article = """
        # <a name="fees"></a>Fees

        <table>
        <colgroup><col width="50%" /></colgroup>
        <tr><th>Plan</th><th>Price</th></tr>
        <tr><td>Basic</td><td><p>Costs 10 USD. See <strong>Billing</strong> and [the terms](terms.md).</p>
        <p>Second paragraph of the cell.</p></td></tr>
        <!-- A comment
        over two lines -->
        <tr><td><span
          class="wide">Wide</span></td><td>42</td></tr>
        </table>

        <div><script>var hidden = "no text";</script><pre>Get-Help</pre>After the code.</div>

        """

    private func units(_ markdown: String) throws -> SegmentedArticle {
        try #require(ArticleSegmenter.segment(bytes: Array(markdown.utf8), path: "fees.md", locale: "en-US", file: "fees.md"))
    }

    @Test func eachRunOfTextBetweenBlockTagsIsAUnit() throws {
        let article = try units(Self.article)
        let html = article.units.filter { $0.id.contains("/html-") }
        #expect(html.map(\.id) == [
            "fees/html-1/t-1", "fees/html-1/t-2", "fees/html-1/t-3", "fees/html-1/t-4", "fees/html-1/t-5",
            "fees/html-1/t-6", "fees/html-1/t-7", "fees/html-2/t-1",
        ])
        #expect(html.map(\.content.text) == [
            "Plan", "Price", "Basic", "Costs 10 USD. See Billing and the terms.", "Second paragraph of the cell.",
            "Wide", "42", "After the code.",
        ])
        // A tag written over two lines ends a run: "Wide" is a run of its own, on the tag's last line.
        #expect(html.map(\.line) == [5, 5, 6, 6, 7, 11, 11, 14])
        let sentence = html[3]
        #expect(sentence.content.codes.map(\.kind) == [.html, .html, .link])
        #expect(!sentence.isVerbatim)
        // The span of each unit is its text as written, tags around it left out.
        for unit in html {
            guard case .body(let span) = unit.place else { Issue.record("no span"); continue }
            #expect(String(decoding: article.body[span], as: UTF8.self) == unit.content.markdown)
        }
    }

    @Test func aCommentScriptAndPreformattedTextAreNoUnits() throws {
        let texts = try units(Self.article).units.map(\.content.text)
        #expect(!texts.contains { $0.contains("comment") || $0.contains("hidden") || $0.contains("Get-Help") || $0.contains("class") })
    }

    @Test func aTableInAQuoteIsReadLineByLine() throws {
        let quoted = "# T\n\n> <table><tr><td>One</td>\n> <td>Two words</td></tr></table>\n"
        let html = try units(quoted).units.filter { $0.id.contains("/html-") }
        #expect(html.map(\.content.text) == ["One", "Two words"])
    }

    @Test func aLessThanSignThatStartsNoTagIsText() {
        let bytes = Array("<td>1 < 2 and a<b</td>".utf8)
        let runs = HTMLTextRuns.runs(in: bytes, 0..<bytes.count, quoted: false)
        #expect(runs.map { String(decoding: bytes[$0], as: UTF8.self) } == ["1 < 2 and a<b"])
    }
}
