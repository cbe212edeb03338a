import ConcordCheck
import ConcordModel
import Foundation
import Testing

/// What raw HTML blocks hold is compared like Markdown: numbers in cells, links (`<a href>` and
/// Markdown links in cell text), images and table shape, at the line inside the block.
@Suite struct HTMLBlockChecksTests {
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    /// A table as older articles write it: one row per line, a blank line inside a cell (which
    /// ends cmark's HTML block there), a Markdown link and an `<a href>` in cells.
    static let table = """
        <table>
        <tr><th>Plan</th><th>Support</th></tr>
        <tr>
        <td>Basic</td>
        <td><ul>
        <li>Reply within 24 hours</li>

        </ul></td>
        </tr>
        <tr>
        <td>Premium</td>
        <td><p>Reply within 2 hours. See [billing](customer-support.md#billing).</p>
        <p><a href="https://example.com/plans">Plans</a> <img src="media/plan.png" alt="Plans"></p></td>
        </tr>
        </table>

        """

    static let translatedTable = """
        <table>
        <tr><th>Plan</th><th>Soporte</th></tr>
        <tr>
        <td>Básico</td>
        <td><ul>
        <li>Respuesta en 24 horas</li>

        </ul></td>
        </tr>
        <tr>
        <td>Premium</td>
        <td><p>Respuesta en 2 horas. Consulte [facturación](customer-support.md#billing).</p>
        <p><a href="https://example.com/plans">Planes</a> <img src="media/plan.png" alt="Planes"></p></td>
        </tr>
        </table>

        """

    func pair(_ translated: String, source: String = Self.table) throws -> (String, String) {
        (try Sample.source.inserting(source, before: "**See also**"), try Sample.translation.inserting(translated, before: "**Vea también**"))
    }

    func findings(_ translated: String, source: String = Self.table) throws -> [String] {
        let (source, translation) = try pair(translated, source: source)
        let content = try Sample.content(["en-US/customer-support.md": source, "es-ES/customer-support.md": translation])
        return Corpus.findings(content, rules: CorpusTests.structuralRules + [LinkMismatch()]).map { "\($0.rule) \(Sample.places($0))" }
    }

    @Test func anAlignedHTMLTableGivesNothing() throws {
        #expect(try findings(Self.translatedTable) == [])
    }

    @Test func aChangedNumberInACellIsFlaggedOnItsLine() throws {
        let changed = try findings(Self.translatedTable.replacingOnce("en 24 horas", with: "en 48 horas"))
        #expect(changed == ["number-mismatch \(es):54 <- \(en):49"])
    }

    @Test func aDroppedRowChangesTheTableShape() throws {
        let basicRow = "<tr>\n<td>Básico</td>\n<td><ul>\n<li>Respuesta en 24 horas</li>\n\n</ul></td>\n</tr>\n"
        let dropped = try findings(Self.translatedTable.replacingOnce(basicRow, with: ""))
        #expect(dropped == ["table-shape \(es):49 <- \(en):44"])
    }

    @Test func aChangedHrefIsALinkMismatchOnItsLine() throws {
        let changed = try findings(Self.translatedTable.replacingOnce("https://example.com/plans", with: "https://example.com/precios"))
        #expect(changed == ["link-mismatch \(es):61 <- \(en):56"])
    }

    @Test func aBrokenMarkdownLinkInACellIsReported() throws {
        let (source, translation) = try pair(Self.translatedTable.replacingOnce("(customer-support.md#billing)", with: "(no-such-page.md)"))
        let content = try Sample.content(["en-US/customer-support.md": source, "es-ES/customer-support.md": translation])
        // The fixture holds one article: the sample's links to the others are broken too.
        let found = Sample.findings(BrokenLink(), in: content).filter { $0.message.contains("no-such-page.md") }
        #expect(found.map { "\($0.location.line):\($0.location.column ?? 0)" } == ["60:39"])
    }

    @Test func aReplacedImageIsAnImageMismatch() throws {
        let changed = try findings(Self.translatedTable.replacingOnce("media/plan.png", with: "media/plan-es.png"))
        #expect(changed.count == 1)
        #expect(changed.first?.hasPrefix("image-mismatch \(es):61") == true)
    }

    // MARK: - The shared corpus

    /// partner-center-china's billing article, whose rules of payment are a raw HTML table.
    static func billing(_ locale: String) throws -> String {
        try String(contentsOfFile: Corpus.root + "/partner-center-china/\(locale)/China-billing.md", encoding: .utf8)
    }

    @Test(.enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func aChangedNumberInARealHTMLCellIsFlagged() throws {
        let source = try Self.billing("es-ES"), translation = try Self.billing("fr-FR")
        func found(_ translation: String) throws -> [String] {
            let content = try Sample.content(["es-ES/China-billing.md": source, "fr-FR/China-billing.md": translation], sourceLocale: "es-ES")
            return Corpus.findings(content, rules: CorpusTests.structuralRules).map { "\($0.rule) \(Sample.places($0)) \($0.message)" }
        }
        #expect(try found(translation) == [])
        let line = try translation.line(of: "Conditions de paiement - 30 jours net")
        let changed = try found(translation.replacingOnce("Conditions de paiement - 30 jours net", with: "Conditions de paiement - 45 jours net"))
        #expect(changed == [
            "number-mismatch content/fr-FR/China-billing.md:\(line) <- content/es-ES/China-billing.md:\(line) "
                + "45 here where source content/es-ES/China-billing.md:\(line) has 30",
        ])
    }

    @Test(.enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func theBookTableOfPowerShell101IsModelled() throws {
        let file = Corpus.root + "/powershell/en-US/docs-conceptual/learn/ps101/00-introduction.md"
        let article = try #require(ArticleLoader.load(markdown: try String(contentsOfFile: file, encoding: .utf8)).article)
        #expect(article.tables.map(\.line) == [10])
        #expect(article.tables.first?.columnCount == 2)
        #expect(article.links.filter { $0.kind == .html }.map { "\($0.line) \($0.destination)" }
                == ["12 https://leanpub.com/powershell101", "20 https://leanpub.com/powershell101"])
        #expect(article.images.map { "\($0.line) \($0.source)" } == ["13 media/powershell101-150x194.png"])
    }
}
