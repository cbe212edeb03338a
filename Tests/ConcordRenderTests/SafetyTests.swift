import Foundation
import Testing
@testable import ConcordRender

@Suite("Content is untrusted: XSS payloads come out harmless")
struct SafetyTests {
    /// Whatever the payload, none of these may appear in the output (as markup: text is harmless).
    static let forbidden = ["<script", "<iframe", "<img src=x", "<svg", "<style", "<object", "<div", " onerror", " onload", " onclick", " srcdoc"]

    static func assertHarmless(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lower = html.lowercased()
        for needle in forbidden {
            #expect(!lower.contains(needle), "output contains \(needle): \(html)", sourceLocation: sourceLocation)
        }
        for attribute in ["href=\"", "src=\""] {
            for scheme in ["javascript:", "vbscript:", "data:", "java"] {
                #expect(!lower.contains(attribute + scheme), "output has \(attribute)\(scheme): \(html)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("Raw HTML blocks and inline tags outside the allow-list are dropped", arguments: [
        "<script>alert(1)</script>",
        "Text <script>alert(1)</script> more",
        "<img src=x onerror=alert(1)>",
        "<div onclick=\"alert(1)\">click</div>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a name=\"ok\" onclick=\"alert(1)\">x</a>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<!-- <script>alert(1)</script> -->",
    ])
    func rawHTML(_ payload: String) {
        Self.assertHarmless(renderBody(payload))
        Self.assertHarmless(renderBody("Inline \(payload) in a paragraph."))
    }

    @Test("Links and images with script-capable schemes are neutralised", arguments: [
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](<java\nscript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x](\u{01}javascript:alert(1))",
    ])
    func schemes(_ markdown: String) {
        Self.assertHarmless(renderBody(markdown))
    }

    @Test("Quotes and angle brackets in URLs and titles cannot break out of attributes")
    func attributeBreakout() {
        let html = renderBody("[x](https://a.example/\"onmouseover=\"alert(1) \"t\\\"itle\") ![y](a.png \"<b>\\\"onerror=alert(1)\")")
        #expect(!html.contains("\"onmouseover"))
        #expect(!html.contains("\"onerror"))
        #expect(html.contains("&quot;") || html.contains("%22"))
    }

    @Test("Text is escaped")
    func text() {
        let html = renderBody("5 < 6 & 7 > 3 \\<script\\> `<b>`")
        #expect(html.contains("5 &lt; 6 &amp; 7 &gt; 3 &lt;script&gt; <code>&lt;b&gt;</code>"))
    }

    @Test("The allow-list keeps anchors, line breaks, sup, sub and kbd, without attributes")
    func allowList() {
        let html = renderBody("Press <kbd class=\"x\">Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup style=\"a\">2</sup><br/>next <a name=\"here\"></a> <a id='there' href='https://x'>t</a>")
        #expect(html.contains("<kbd>Ctrl</kbd>+<kbd>C</kbd>"))
        #expect(html.contains("H<sub>2</sub>O"))
        #expect(html.contains("x<sup>2</sup><br>"))
        #expect(html.contains("<a id=\"here\"></a>"))
        #expect(html.contains("<a id=\"there\">t</a>"))
        #expect(!html.contains("class=\"x\""))
        #expect(!html.contains("style="))
        #expect(!html.contains("href=\"https://x\""))
    }

    @Test("Machine-translation wrappers are reduced to the translated text")
    func machineTranslation() {
        let markdown = """
        <span data-ttu-id="c5cd3-101">Cliquez sur **Enregistrer**.</span><span class="sxs-lookup"><span data-stu-id="c5cd3-101">Click **Save**.</span></span>

        <span data-ttu-id="c5cd3-102" class="x">Deuxième phrase.</span> <span class="sxs-lookup"><span data-stu-id="c5cd3-102">Second sentence.</span></span> Suite.
        """
        let html = renderBody(markdown)
        #expect(html.contains("Cliquez sur <strong>Enregistrer</strong>."))
        #expect(html.contains("Deuxième phrase."))
        #expect(html.contains("Suite."))
        #expect(!html.contains("Click"))
        #expect(!html.contains("Save"))
        #expect(!html.contains("Second sentence"))
        #expect(!html.contains("span"))
    }

    @Test("An unclosed suppressing tag cannot swallow the rest of the page")
    func unclosedSuppression() {
        let html = renderBody("A <span class=\"sxs-lookup\">hidden\n\nNext paragraph stays. <script>\n\nAfter the paragraph.")
        #expect(html.contains("Next paragraph stays."))
        #expect(html.contains("After the paragraph."))
        #expect(!html.contains("hidden"))
    }

    @Test("Deep nesting renders without recursion")
    func deepNesting() {
        let markdown = String(repeating: "> ", count: 5_000) + "deep\n\n" + String(repeating: "- ", count: 3_000) + "list"
        let html = renderBody(markdown)
        #expect(html.contains("deep"))
    }

    @Test("URL scheme detection follows browsers", arguments: [
        ("javascript:x", false), (" javascript:x", false), ("JaVaScRiPt:x", false), ("java\tscript:x", false),
        ("vbscript:x", false), ("data:x", false), ("file:///etc/passwd", false),
        ("https://x", true), ("mailto:a@b", true), ("page.md", true), ("a/b:c", true), ("#x", true), ("?q=1", true),
    ])
    func schemesPolicy(url: String, safe: Bool) {
        #expect(URLPolicy.isSafe(url) == safe)
    }
}
