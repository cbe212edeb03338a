import ConcordMarkdown
import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordRender

@Suite("HTML from the Markdown tree and the model")
struct HTMLRendererTests {
    @Test("Headings carry their anchor as id, explicit or slug, without a duplicate <a>")
    func headingAnchors() {
        let html = renderBody("""
        # <a name="top"></a>Customer support

        <a name="requests"></a>
        ## Support requests

        ## Billing & invoices
        """)
        #expect(html.contains("<h1 id=\"top\">Customer support</h1>"))
        #expect(html.contains("<h2 id=\"requests\">Support requests</h2>"))
        #expect(html.contains("<h2 id=\"billing--invoices\">Billing &amp; invoices</h2>"))
        #expect(!html.contains("<a id=\"top\">"))
        #expect(!html.contains("<a id=\"requests\">"))
    }

    @Test("Procedures are ordered lists whose bold spans are UI elements")
    func procedures() {
        let html = renderBody("""
        **To submit a request**

        1. Select **Support** > **New request**.
        2. Fill out the form.
           1. Select **Submit**.

        Some **bold** prose.
        """)
        #expect(html.contains("<p class=\"procedure-title\"><strong>To submit a request</strong></p>"))
        #expect(html.contains("<ol class=\"procedure\">"))
        #expect(html.contains("<strong class=\"ui\">Support</strong> &gt; <strong class=\"ui\">New request</strong>"))
        #expect(html.contains("<strong class=\"ui\">Submit</strong>"))
        #expect(html.contains("Some <strong>bold</strong> prose."))
    }

    @Test("A numbered list without a lead-in is a plain ordered list; start numbers are kept")
    func plainOrderedList() {
        let html = renderBody("Intro text.\n\n3. three\n4. four\n")
        #expect(html.contains("<ol start=\"3\">"))
        #expect(!html.contains("procedure"))
    }

    @Test("Alerts become callouts with a localized title and no marker", arguments: [
        ("> [!NOTE]\n> Save your work first.", "note", "Save your work first."),
        ("> [!WARNING]\n> Deleting is permanent.", "warning", "Deleting is permanent."),
        ("> [!Tip]\n>\n> Use keyboard shortcuts.", "tip", "Use keyboard shortcuts."),
    ])
    func alerts(markdown: String, kind: String, text: String) {
        let loaded = ArticleLoader.load(markdown: markdown)
        let content = ContentSet(configuration: Configuration(contentRoot: "/x", sourceLocale: "en-US", locales: ["en-US"]), articles: [loaded.article!])
        let renderer = HTMLRenderer(links: LinkResolver(content: content), includes: nil, alertTitles: [.note: "Nota", .warning: "Advertencia", .tip: "Sugerencia"])
        let html = renderer.render(loaded.document!, article: loaded.article!, locale: "en-US").html
        #expect(html.contains("<div class=\"alert alert-\(kind)\" role=\"note\">"))
        #expect(html.contains("<p class=\"alert-title\">"))
        #expect(html.contains(text))
        #expect(!html.contains("[!"))
        #expect(!html.contains("<p></p>"))
    }

    @Test("A plain block quote stays a block quote")
    func blockQuote() {
        #expect(renderBody("> Just a quote.").contains("<blockquote>\n<p>Just a quote.</p>\n</blockquote>"))
    }

    @Test("Pipe tables render with alignment and inline Markdown in cells")
    func tables() {
        let html = renderBody("""
        | Name | Size |
        |:-----|-----:|
        | **Basic** | `10` GB |
        | [Pro](pro.md) | 100 |
        """)
        #expect(html.contains("<div class=\"table-wrapper\"><table>"))
        #expect(html.contains("<th class=\"align-left\">Name</th><th class=\"align-right\">Size</th>"))
        #expect(html.contains("<td class=\"align-left\"><strong>Basic</strong></td><td class=\"align-right\"><code>10</code> GB</td>"))
        #expect(html.contains("<a href=\"pro.html\">Pro</a>"))
    }

    @Test("Tables and cells found for the model are rendered from there, as finding them again would give")
    func tablesFoundOnce() throws {
        let markdown = """
        # Sizes

        A line of *prose* before the table, in its paragraph:
        | Key | Value |
        |-----|-------|
        | a | `b` |

        | Name | Size | Note |
        |:-----|-----:|------|
        | **Basic** | `10` GB | [Pro](pro.md) <br> ![icon](icon.png) |
        | Plain words | 20 | [!INCLUDE [shared](missing.md)] |
        | **Basic** | *20* | <b>raw</b> &amp; \\| |
        """
        let loaded = ArticleLoader.load(markdown: markdown)
        let document = try #require(loaded.document)
        // Every cell that is more than plain words was kept, each text once (`20` could open a
        // list, and an escaped pipe is a pipe in its cell); plain cells were not parsed.
        #expect(Set(document.fragments.keys) == ["`b`", "**Basic**", "`10` GB", "[Pro](pro.md) <br> ![icon](icon.png)", "20",
                                                 "[!INCLUDE [shared](missing.md)]", "*20*", "<b>raw</b> &amp; |"])
        #expect(document.fragments["Plain words"] == nil)
        // Both tables, by their paragraph.
        #expect(document.tables.keys.sorted().map { document[$0].kind } == [.paragraph, .paragraph])
        #expect(document.tables.values.map(\.header.cells.count).sorted() == [2, 3])
        for (cell, fragment) in document.fragments {
            #expect(fragment.nodes.map(\.kind) == MarkdownParser.parse(cell).nodes.map(\.kind), "\(cell)")
        }

        let configuration = Configuration(contentRoot: "/nonexistent", sourceLocale: "en-US", locales: ["en-US"])
        let content = ContentSet(configuration: configuration, articles: [loaded.article!])
        let renderer = HTMLRenderer(links: LinkResolver(content: content), includes: IncludeStore(content: content))
        var unparsed = document
        unparsed.tables = [:]
        unparsed.fragments = [:]
        let reused = renderer.render(document, article: loaded.article!, locale: "en-US")
        let reparsed = renderer.render(unparsed, article: loaded.article!, locale: "en-US")
        #expect(reused.html == reparsed.html)
        #expect(reused.diagnostics.map(\.description) == reparsed.diagnostics.map(\.description))
        #expect(reused.assets == reparsed.assets)
        #expect(reused.html.contains("<td class=\"align-left\"><strong>Basic</strong></td><td class=\"align-right\"><code>10</code> GB</td>"))
        #expect(reused.html.contains("<p>A line of <em>prose</em> before the table, in its paragraph:</p>\n<div class=\"table-wrapper\">"))
    }

    @Test("Code blocks carry a language class; their text is escaped")
    func codeBlocks() {
        let html = renderBody("```PowerShell\nGet-Item | Where-Object { $_.Length -gt 1 } # <b>\n```\n\n```c#\nvar x = 1;\n```\n\n    indented <code>\n")
        #expect(html.contains("<pre tabindex=\"0\" role=\"group\" aria-label=\"Code\"><code class=\"language-powershell\"><span class=\"hl-t\">Get-Item</span> | <span class=\"hl-t\">Where-Object</span> { <span class=\"hl-v\">$_</span>.Length <span class=\"hl-p\">-gt</span> <span class=\"hl-n\">1</span> } <span class=\"hl-c\"># &lt;b&gt;</span>\n</code></pre>"))
        #expect(html.contains("<code class=\"language-csharp\">"))
        #expect(html.contains("<pre tabindex=\"0\" role=\"group\" aria-label=\"Code\"><code>indented &lt;code&gt;\n</code></pre>"))
    }

    @Test("Relative .md links become .html links in the same locale; others are kept")
    func linkRewriting() {
        let html = renderBody("""
        [a](other.md) [b](sub/page.md#section) [c](../up.md?x=1) [d](https://example.com/a.md)
        [e](#local) [f](image.png) [g](/absolute/path.md) [h](mailto:help@example.com)
        """, path: "guide/article.md")
        #expect(html.contains("<a href=\"other.html\">a</a>"))
        #expect(html.contains("<a href=\"sub/page.html#section\">b</a>"))
        #expect(html.contains("<a href=\"../up.html?x=1\">c</a>"))
        #expect(html.contains("<a href=\"https://example.com/a.md\" rel=\"noopener\">d</a>"))
        #expect(html.contains("<a href=\"#local\">e</a>"))
        #expect(html.contains("<a href=\"image.png\">f</a>"))
        #expect(html.contains("<a href=\"/absolute/path.md\">g</a>"))
        #expect(html.contains("<a href=\"mailto:help@example.com\">h</a>"))
    }

    @Test("Links match existing articles case-insensitively, so case-sensitive servers find them")
    func linkCase() {
        let other = ArticleLoader.load(markdown: "# Other", path: "Guide/Overview.md").article!
        let loaded = ArticleLoader.load(markdown: "[x](guide/overview.md)", path: "index.md")
        let content = ContentSet(configuration: Configuration(contentRoot: "/x", sourceLocale: "en-US", locales: ["en-US"]), articles: [loaded.article!, other])
        let html = HTMLRenderer(links: LinkResolver(content: content), includes: nil).render(loaded.document!, article: loaded.article!, locale: "en-US").html
        #expect(html.contains("<a href=\"Guide/Overview.html\">x</a>"))
    }

    @Test("Tight lists have no <p>; loose lists do")
    func tightAndLoose() {
        #expect(renderBody("- one\n- two\n").contains("<li>one</li>"))
        #expect(renderBody("- one\n\n- two\n").contains("<li><p>one</p>"))
    }

    @Test("Images keep alt text and are lazy; line breaks and rules render")
    func imagesAndBreaks() {
        let html = renderBody("![The **dashboard**](media/dash.png \"Dashboard\")\n\nline one  \nline two\n\n---\n")
        #expect(html.contains("<img src=\"media/dash.png\" alt=\"The dashboard\" title=\"Dashboard\" loading=\"lazy\">"))
        #expect(html.contains("line one<br>\nline two"))
        #expect(html.contains("<hr>"))
    }

    @Test("Paragraphs of white space only (non-breaking spacers) are dropped")
    func blankParagraphs() {
        #expect(!renderBody("Text.\n\n\u{00A0}\u{00A0}\n\nMore.").contains("<p>\u{00A0}"))
    }

    @Test("Code language classes from ASCII info strings match the Unicode definition")
    func languageClassParity() {
        let samples = ["powershell", "PowerShell", "  csharp {.line-numbers}", "C#", "F#", "c++", "\tyaml\t", "{json}", "", "   ", "objective-c x",
                       "Shell-Session", "x86_64", "VB.NET", "html+erb", "#", "{", "a{b", "ps1 title=\"x\""]
        var generator = SeededRandom()
        let alphabet = Array("aZ9#+-_ {}\t.{=\"Kk".utf8)
        let random = (0..<2_000).map { _ in
            String(decoding: (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
        }
        for info in samples + random {
            #expect(HTMLRenderer.Writer.asciiLanguageClass(info) == HTMLRenderer.Writer.unicodeLanguageClass(info), "\(info)")
        }
        #expect(HTMLRenderer.Writer.languageClass("\u{212A}otlin") == "kotlin")
        #expect(HTMLRenderer.Writer.languageClass("C#") == "csharp")
    }

    @Test("Plain table cells render as parsing them would")
    func plainCellsMatchParsing() {
        /// What the renderer gives for `markdown` as a paragraph, without the paragraph's tags.
        func parsed(_ markdown: String) -> String {
            var html = renderBody(markdown)
            if html.hasPrefix("<p>") { html.removeFirst(3) }
            if html.hasSuffix("</p>\n") { html.removeLast(5) }
            return html
        }
        /// The `<td>` of a one-cell table, as the renderer gives it.
        func cell(_ markdown: String) -> String? {
            let html = renderBody("| Head |\n|------|\n| \(markdown) |\n")
            guard let start = html.range(of: "<td>"), let end = html.range(of: "</td>", range: start.upperBound..<html.endIndex) else { return nil }
            return String(html[start.upperBound..<end.lowerBound])
        }
        let alphabet: [String] = ["a", "Z", " ", " ", "\t", "#", "-", "+", "1", ".", ")", "*", "_", ">", "=", "~", "`", "&",
                                  "é", "日", "(", ":", "\"", "'", "/", "\u{00A0}", "\u{3000}", "\u{0B}", "\u{0C}", "\u{0}", "[", "!", "<", "%", "$"]
        var generator = SeededRandom()
        var fast = 0
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 1...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            // Cells the shortcut takes must read as the parsed paragraph; the others are parsed anyway.
            guard !trimmed.isEmpty, HTMLRenderer.Writer.plainCellText(trimmed) != nil, let rendered = cell(trimmed) else { continue }
            fast += 1
            #expect(rendered == parsed(trimmed), "\(trimmed.debugDescription)")
        }
        #expect(fast > 300)
        #expect(HTMLRenderer.Writer.plainCellText("Get-Item -Path") == "Get-Item -Path")
        #expect(HTMLRenderer.Writer.plainCellText("\u{00A0}\u{00A0}") == nil)
        #expect(HTMLRenderer.Writer.plainCellText("`code`") == nil)
    }
}
