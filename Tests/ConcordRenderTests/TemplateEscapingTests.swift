import Testing
@testable import ConcordRender

/// The templates' fast escaping must write the bytes swift-mustache's own `HTML` content type
/// writes: pages are compared byte for byte with earlier builds.
@Suite("Template escaping: the same bytes as swift-mustache's HTML content type")
struct TemplateEscapingTests {
    /// Text where special characters touch combining marks, joiners, prepended marks, CRLF,
    /// emoji sequences and scripts of every width.
    static let samples: [String] = [
        "", "plain", "<b>&amp;\"quoted\" 'single'</b>", "l'écran d'accueil", "Ärger & Ösen <ü>",
        "<\u{338}", "a <\u{338} b", "'\u{301}", "\"\u{301}x", "&\u{200D}", ">\u{FE0F}", "\u{600}'", "\u{6DD}<",
        "\u{915}\u{94D}<", "'\u{903}", "<\r\n>", "\r\n'", "👍<", "<👍🏽", "👩‍💻&", "🇫🇷'🇫🇷", "ᄀ<ᅡ", "가'각",
        "Приложение \"Настройки\"", "«<»", "עברית 'ציטוט'", "العربية <نص>", "客户'支持", "ｶﾀｶﾅ<", "\u{10FFFF}<\u{E0001}",
    ]

    @Test("Tricky text escapes as swift-mustache escapes it")
    func matchesSwiftMustache() throws {
        // A theme's own `CONTENT_TYPE` pragma wins over the one added before it, so `upstream`
        // renders with swift-mustache's escaping and `fast` with ours.
        var theme = Theme.builtIn
        theme.files["fast.mustache"] = Array("{{value}}|{{#list}}{{.}};{{/list}}".utf8)
        theme.files["upstream.mustache"] = Array("{{% CONTENT_TYPE: HTML }}{{value}}|{{#list}}{{.}};{{/list}}".utf8)
        let renderer = try TemplateRenderer(theme: theme)
        for sample in Self.samples {
            let context: [String: Any] = ["value": sample, "list": [sample, sample + sample]]
            let fast = try renderer.render("fast", context)
            let upstream = try renderer.render("upstream", context)
            #expect(Array(fast.utf8) == Array(upstream.utf8), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Every assigned plane but the private-use ones: planes 3 to 13 hold no mark or joiner
    /// (plane 14 holds tags and variation selectors, which extend a cluster).
    static let scalarValues: [ClosedRange<UInt32>] = [0x80...0x3FFFF, 0xE0000...0xE0FFF]

    @Test("Known joins stay unescaped, as swift-mustache leaves them")
    func joins() {
        #expect(TemplateHTMLContentType.escape("<\u{338}") == "<\u{338}")
        #expect(TemplateHTMLContentType.escape("\u{600}'") == "\u{600}'")
        #expect(TemplateHTMLContentType.escape("l'écran <\u{338}") == "l&#39;écran <\u{338}")
        #expect(TemplateHTMLContentType.escape("l'écran & co") == "l&#39;écran &amp; co")
    }

    @Test("Every scalar around every special character escapes as the Character walk does")
    func everyScalar() {
        // Each scalar both before and after each special, 64 scalars per string, spaces keeping them apart.
        var batch = ""
        var count = 0
        func check() {
            #expect(TemplateHTMLContentType.escape(batch) == TemplateHTMLContentType.characterWalk(batch))
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
        // The byte scans rely on it: a Character equal to "<" is "<" itself (and so for the
        // separators links are split at).
        let specials: [Character] = ["<", ">", "&", "\"", "'", "#", "?", "/", "."]
        for value in Self.scalarValues.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(!specials.contains(Character(scalar)))
        }
    }

    @Test("The added pragma line keeps a template's first line standalone")
    func firstLineStandalone() throws {
        var theme = Theme.builtIn
        theme.files["first.mustache"] = Array("{{#shown}}\nshown\n{{/shown}}\n{{^shown}}\nhidden\n{{/shown}}\nend {{value}}\n".utf8)
        let renderer = try TemplateRenderer(theme: theme)
        #expect(try renderer.render("first", ["shown": true, "value": "<&>"]) == "shown\nend &lt;&amp;&gt;\n")
        #expect(try renderer.render("first", ["shown": false, "value": "x"]) == "hidden\nend x\n")
    }

    @Test("A template that does not parse is reported at its own line, not the pragma's")
    func parseErrorLines() throws {
        var theme = Theme.builtIn
        theme.files["broken.mustache"] = Array("line one\n{{/open}}\n".utf8)
        do {
            _ = try TemplateRenderer(theme: theme)
            Issue.record("a template with a stray section end parsed")
        } catch {
            #expect(error.template == "broken")
            #expect(error.reason.contains("lineNumber: 2"), "\(error.reason)")
        }
    }

    @Test("HTMLEscaping finds every special byte at every offset of the eight-byte scan")
    func wordScan() {
        // The escaping it replaced: byte by byte.
        func reference(_ text: String) -> String { String(decoding: escapedByDefinition(text.utf8), as: UTF8.self) }
        for text in textsWithOneProbe(lengthsBelow: 20) {
            #expect(HTMLEscaping.escape(text) == reference(text), "\(text.debugDescription)")
            var out = "x"
            HTMLEscaping.append(text, to: &out)
            #expect(out == "x" + reference(text))
        }
        #expect(HTMLEscaping.escape("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    }
}
