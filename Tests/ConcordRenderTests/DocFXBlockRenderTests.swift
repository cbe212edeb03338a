import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// DocFX blocks on the page: what a reader sees of each, never the raw syntax.
@Suite("DocFX blocks on the page")
struct DocFXBlockRenderTests {
    static let files: [String: String] = [
        "en-US/guide/article.md": """
        # Article

        Intro **bold** :::image type="content" source="../media/pic.png" alt-text="A 'quoted' <pic> & more":::

        1. Step.

           :::image type="content" source="../media/pic.png" alt-text="Step pic" lightbox="../media/pic.png" border="true":::

        :::image type="complex" source="../media/pic.png" alt-text="Chart":::
           Sales rose *sharply* in May.
        :::image-end:::

        :::image type="complex" source="../media/pic.png" alt-text="Spread":::

        A long description over two paragraphs.

        :::image-end:::

        :::code language="powershell" source="~/snippets/get.ps1" range="2-3" highlight="2":::

        [!code-csharp[Main](../snippets/main.cs#L1-L1 "Main")]

        :::code language="csharp" source="~/../outside.cs":::

        :::code source="~/snippets/get.ps1" range="7-9":::

        :::image type="content" source="../page.html" alt-text="Not an image":::

        :::row:::

        | Term | Note |
        |---|---|
        | :::no-loc text="Contoso <Ltd>"::: | kept |

        > [!div class="nextstepaction"]
        > [Next](article.md)

        > [!VIDEO https://www.youtube.com/embed/abc]

        > [!VIDEO javascript:alert(1)]

        ## [Windows](#tab/windows)

        Run it.

        ## [Linux](#tab/linux/apt)

        Use apt.

        ---

        After.
        """,
        "en-US/snippets/get.ps1": "line 1\n    line 2 <b>\n    line 3\n",
        "en-US/snippets/main.cs": "class Main {}\nclass Other {}\n",
        "en-US/media/pic.png": "not really a png",
        "en-US/page.html": "<p>page</p>",
    ]

    func render() throws -> (html: String, body: RenderedBody) {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let site = temporary.site()
        let renderer = HTMLRenderer(
            links: LinkResolver(content: site.content), includes: IncludeStore(content: site.content), snippets: site.content.snippets,
            words: ["snippetMissing": "Code sample not available:", "watchVideo": "Watch the video"])
        let body = renderer.render(site.document("guide/article.md", in: "en-US")!, article: site.content.article("guide/article.md", in: "en-US")!, locale: "en-US")
        return (body.html, body)
    }

    @Test("An image gives <img> with its alt text escaped, in the sentence it was written in")
    func inlineImage() throws {
        let html = try render().html
        #expect(html.contains("<p>Intro <strong>bold</strong>\n<img src=\"../media/pic.png\" alt=\"A &#39;quoted&#39; &lt;pic&gt; &amp; more\" loading=\"lazy\"></p>"))
    }

    @Test("A lightbox links the image to the larger one; border=true gives the border class")
    func lightbox() throws {
        let html = try render().html
        #expect(html.contains("<a class=\"lightbox\" href=\"../media/pic.png\"><img src=\"../media/pic.png\" alt=\"Step pic\" class=\"border\" loading=\"lazy\"></a>"))
    }

    @Test("A complex image's long description is a <details>, in one paragraph or across blocks")
    func complexImage() throws {
        let html = try render().html
        #expect(html.contains("<figure class=\"image-complex\">\n<img src=\"../media/pic.png\" alt=\"Chart\" loading=\"lazy\">\n<details><summary>Chart</summary>\n<p>Sales rose <em>sharply</em> in May.</p>\n</details>\n</figure>"))
        #expect(html.contains("<details><summary>Spread</summary>\n<p>A long description over two paragraphs.</p>\n</details>\n</figure>"))
    }

    @Test("A snippet shows the lines named, dedented, the highlighted one marked, and the file is watched")
    func snippet() throws {
        let (html, body) = try render()
        #expect(html.contains("<pre><code class=\"language-powershell\">line 2 &lt;b&gt;\n<mark class=\"highlight\">line 3</mark>\n</code></pre>"))
        #expect(html.contains("<pre><code class=\"language-csharp\">class Main {}\n</code></pre>"))
        #expect(body.includedFiles.contains("en-US/snippets/get.ps1"))
        #expect(body.includedFiles.contains("en-US/snippets/main.cs"))
    }

    @Test("A snippet outside the content root or out of range shows a placeholder naming it, never the syntax")
    func placeholder() throws {
        let html = try render().html
        #expect(html.contains("<div class=\"snippet-missing\" role=\"note\"><p>Code sample not available: <code>~/../outside.cs</code></p></div>"))
        #expect(html.contains("<code>~/snippets/get.ps1</code></p></div>"))
        #expect(!html.contains(":::code"))
        #expect(!html.contains("[!code-"))
    }

    @Test("An :::image of a file the site may not publish is left out with a media finding")
    func mediaPolicy() throws {
        let (html, body) = try render()
        #expect(!html.contains("page.html"))
        #expect(body.diagnostics.contains { $0.message.contains("'../page.html' is not an image the site may publish") })
    }

    @Test("Unknown syntax stays visible; no-loc in a table cell is its text")
    func unknownAndNoLoc() throws {
        let html = try render().html
        #expect(html.contains("<p>:::row:::</p>"))
        #expect(html.contains("<td>Contoso &lt;Ltd&gt;</td>"))
    }

    @Test("[!div] is a <div> of its class, [!VIDEO] a link to an allowed host and text otherwise")
    func typedBlocks() throws {
        let html = try render().html
        #expect(html.contains("<div class=\"docfx-nextstepaction\">\n<p><a href=\"article.html\">Next</a></p>\n</div>"))
        #expect(html.contains("<p class=\"video\"><a href=\"https://www.youtube.com/embed/abc\" rel=\"noopener\">Watch the video</a></p>"))
        #expect(html.contains("<p class=\"video\">javascript:alert(1)</p>"))
        #expect(!html.contains("<iframe") && !html.contains("<script") && !html.contains("[!div") && !html.contains("[!VIDEO"))
    }

    @Test("Tabs are readable without JavaScript: each a panel with its heading and content, no #tab/ link, no rule for the end marker")
    func tabs() throws {
        let html = try render().html
        #expect(html.contains("""
            <div class="tabs">
            <div class="tab-panel" data-tab="windows">
            <h2 id="windows">Windows</h2>
            <p>Run it.</p>
            </div>
            <div class="tab-panel" data-tab="linux" data-tab-condition="apt">
            <h2 id="linux">Linux</h2>
            <p>Use apt.</p>
            </div>
            </div>
            <p>After.</p>
            """))
        #expect(!html.contains("#tab/"))
    }
}
