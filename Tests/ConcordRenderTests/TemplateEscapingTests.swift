import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Every `{{value}}` of a template is escaped byte by byte, by the same definition the page
/// bodies use: `& < > " '` become references whatever character follows or precedes them.
///
/// swift-mustache's own HTML escaping compares `Character`s, so a `"` followed by a combining
/// mark (U+0301) or a `<` after a prepended mark (U+0600) is one Character with its neighbour,
/// matches no special, and was left as it is: `<a href="#b"́ onfocus=…">` ran in browsers.
@Suite("Template escaping: every special byte, whatever touches it")
struct TemplateEscapingTests {
    /// Text where special characters touch combining marks, joiners, prepended marks, CRLF,
    /// emoji sequences and scripts of every width.
    static let samples: [String] = [
        "", "plain", "<b>&amp;\"quoted\" 'single'</b>", "l'écran d'accueil", "Ärger & Ösen <ü>",
        "<\u{338}", "a <\u{338} b", "'\u{301}", "\"\u{301}x", "&\u{200D}", ">\u{FE0F}", "\u{600}'", "\u{6DD}<",
        "\u{915}\u{94D}<", "'\u{903}", "<\r\n>", "\r\n'", "👍<", "<👍🏽", "👩‍💻&", "🇫🇷'🇫🇷", "ᄀ<ᅡ", "가'각",
        "Приложение \"Настройки\"", "«<»", "עברית 'ציטוט'", "العربية <نص>", "客户'支持", "ｶﾀｶﾅ<", "\u{10FFFF}<\u{E0001}",
        "b\"\u{301} onfocus=alert(2) autofocus z",
    ]

    /// The definition: each special byte replaced, every other byte kept.
    static func byDefinition(_ text: String) -> String {
        String(decoding: escapedByDefinition(text.utf8), as: UTF8.self)
    }

    @Test("Special characters joined to a mark are escaped like any other")
    func joinedSpecials() {
        #expect(TemplateHTMLContentType.escape("<\u{338}") == "&lt;\u{338}")
        #expect(TemplateHTMLContentType.escape("\u{600}'") == "\u{600}&#39;")
        #expect(TemplateHTMLContentType.escape("\"\u{301} onfocus=x") == "&quot;\u{301} onfocus=x")
        #expect(TemplateHTMLContentType.escape("l'écran & co") == "l&#39;écran &amp; co")
    }

    @Test("Templates escape by the definition, whatever pragma a theme writes")
    func templates() throws {
        var theme = Theme.builtIn
        theme.files["probe.mustache"] = Array("{{value}}|{{#list}}{{.}};{{/list}}".utf8)
        // A pragma asking for another escaping is read and ignored.
        theme.files["named.mustache"] = Array("{{% CONTENT_TYPE: TEXT }}{{value}}|{{#list}}{{.}};{{/list}}".utf8)
        let renderer = try TemplateRenderer(theme: theme)
        for sample in Self.samples {
            let context: [String: Any] = ["value": sample, "list": [sample, sample + sample]]
            let expected = Self.byDefinition(sample) + "|" + Self.byDefinition(sample) + ";" + Self.byDefinition(sample + sample) + ";"
            #expect(try renderer.render("probe", context) == expected, "\(sample.debugDescription)")
            #expect(try renderer.render("named", context) == expected, "named \(sample.debugDescription)")
        }
    }

    /// Every assigned plane but the private-use ones: planes 3 to 13 hold no mark or joiner
    /// (plane 14 holds tags and variation selectors, which extend a cluster).
    static let scalarValues: [ClosedRange<UInt32>] = [0x80...0x3FFFF, 0xE0000...0xE0FFF]

    @Test("Every scalar around every special character: the special is escaped")
    func everyScalar() {
        // Each scalar both before and after each special, 64 scalars per string, spaces keeping them apart.
        var batch = ""
        var count = 0
        func check() {
            #expect(TemplateHTMLContentType.escape(batch) == Self.byDefinition(batch))
            batch = ""
            count = 0
        }
        for value in Self.scalarValues.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for special in ["<", ">", "&", "\"", "'"] {
                batch.unicodeScalars.append(scalar)
                batch += special
                batch.unicodeScalars.append(scalar)
                batch += " "
            }
            count += 1
            if count == 256 { check() }
        }
        check()
    }

    @Test("No Character other than the ASCII ones byte scans look for is equal to one of them")
    func noEquivalents() {
        // The byte scans of links rely on it: a Character equal to "#" is "#" itself (and so
        // for the other separators links are split at).
        let specials: [Character] = ["<", ">", "&", "\"", "'", "#", "?", "/", "."]
        for value in Self.scalarValues.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(!specials.contains(Character(scalar)))
        }
    }

    @Test("A template's first line keeps its standalone tags")
    func firstLineStandalone() throws {
        var theme = Theme.builtIn
        theme.files["first.mustache"] = Array("{{#shown}}\nshown\n{{/shown}}\n{{^shown}}\nhidden\n{{/shown}}\nend {{value}}\n".utf8)
        let renderer = try TemplateRenderer(theme: theme)
        #expect(try renderer.render("first", ["shown": true, "value": "<&>"]) == "shown\nend &lt;&amp;&gt;\n")
        #expect(try renderer.render("first", ["shown": false, "value": "x"]) == "hidden\nend x\n")
    }

    @Test("HTMLEscaping finds every special byte at every offset of the eight-byte scan")
    func wordScan() {
        for text in textsWithOneProbe(lengthsBelow: 20) {
            #expect(HTMLEscaping.escape(text) == Self.byDefinition(text), "\(text.debugDescription)")
            var out = "x"
            HTMLEscaping.append(text, to: &out)
            #expect(out == "x" + Self.byDefinition(text))
        }
        #expect(HTMLEscaping.escape("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    }

    @Test("Payloads joined to marks stay text on a built page: description, date, anchors, headings, titles")
    func pageValues() throws {
        let payload = "\"\u{301} onfocus=alert(2) autofocus x=\u{301}'\u{301}<\u{338}b\u{301}>"
        let content = try TemporaryContent([
            "en-US/article.md": """
            ---
            title: T\(payload)
            description: D\(payload)
            ms.date: 1\(payload)
            ---
            # Title\(payload)

            ## <a name='b\(payload)'></a>Second\(payload)

            Text.

            ## Third\(payload)

            More.
            """,
            "en-US/toc.yml": "- name: N\(payload)\n  href: article.md\n",
        ])
        defer { content.remove() }
        var configuration = content.configuration
        configuration.siteTitle = "S\(payload)"
        let report = try BuildAction(configuration: configuration, output: content.output).run()
        #expect(report.site != nil)
        for page in ["en-US/article.html", "en-US/index.html", "index.html", "en-US/search.html"] {
            let html = try content.read(page)
            for raw in ["\"\u{301}", "'\u{301}", "<\u{338}", "\u{301}>"] {
                #expect(!html.contains(raw), "\(page) holds \(raw.debugDescription) unescaped")
            }
            #expect(html.contains("&quot;\u{301} onfocus"), "\(page) lost the payload's text")
        }
    }
}
