import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

@Suite("[!INCLUDE] expansion and images")
struct IncludeTests {
    static let files: [String: String] = [
        "en-US/guide/article.md": """
        # Article

        [!INCLUDE [shared](../includes/shared.md)]

        Text with [!INCLUDE [inline](../includes/inline.md)] inside.

        [!INCLUDE [missing](../includes/none.md)]

        [!INCLUDE [escape](../../../etc/passwd)]

        [!INCLUDE [loop](../includes/loop-a.md)]
        """,
        "en-US/includes/shared.md": "## Shared heading\n\nShared [link](../other.md) and ![pic](../media/pic.png).\n",
        "en-US/includes/inline.md": "inline *words*\n",
        "en-US/includes/loop-a.md": "Loop A\n\n[!INCLUDE [b](loop-b.md)]\n",
        "en-US/includes/loop-b.md": "Loop B\n\n[!INCLUDE [a](loop-a.md)]\n",
        "en-US/other.md": "# Other\n",
        "en-US/media/pic.png": "not really a png",
        "es-ES/guide/article.md": "# Artículo\n\n[!INCLUDE [shared](../includes/shared.md)]\n\nTexto con [!INCLUDE [inline](../includes/inline.md)] dentro.\n",
        "es-ES/includes/shared.md": "## Encabezado compartido\n\nTexto compartido.\n",
    ]

    func render(locale: String, content temporary: TemporaryContent) -> RenderedBody {
        let site = temporary.site()
        let renderer = HTMLRenderer(links: LinkResolver(content: site.content), includes: IncludeStore(content: site.content))
        return renderer.render(site.document("guide/article.md", in: locale)!, article: site.content.article("guide/article.md", in: locale)!, locale: locale)
    }

    @Test("An include alone in its paragraph is replaced by the included blocks, links rebased to the page")
    func blockInclude() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let body = render(locale: "en-US", content: temporary)
        #expect(body.html.contains("<h2 id=\"shared-heading\">Shared heading</h2>"))
        #expect(body.html.contains("<a href=\"../other.html\">link</a>"))
        #expect(body.html.contains("<img src=\"../media/pic.png\" alt=\"pic\" loading=\"lazy\">"))
        #expect(body.assets.contains { $0.outputPath == "en-US/media/pic.png" })
        #expect(!body.html.contains("[!INCLUDE"))
    }

    @Test("An include inside a sentence is expanded inline")
    func inlineInclude() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let body = render(locale: "en-US", content: temporary)
        #expect(body.html.contains("<p>Text with inline <em>words</em> inside.</p>"))
    }

    @Test("The locale's include is used, else the source's")
    func localeThenSource() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let body = render(locale: "es-ES", content: temporary)
        #expect(body.html.contains("Encabezado compartido"))
        #expect(!body.html.contains("Shared heading"))
        #expect(body.html.contains("Texto con inline <em>words</em> dentro."))
    }

    @Test("Missing includes, paths outside the content and cycles are reported, not followed")
    func guards() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let body = render(locale: "en-US", content: temporary)
        #expect(body.html.contains("Loop A"))
        #expect(body.html.contains("Loop B"))
        #expect(body.diagnostics.isEmpty, "the model reports what the page leaves out, not the renderer")
        let site = temporary.site()
        let findings = site.content.structureDiagnostics.filter { $0.location.file.hasPrefix(temporary.configuration.contentRoot + "/en-US/") }
        #expect(Set(findings.map(\.rule)) == ["include-not-found", "include-outside-content", "include-cycle"])
        // Each where its include is written: the cycle closes in loop-b.md.
        #expect(findings.filter { $0.rule != "include-cycle" }.allSatisfy { $0.location.file.hasSuffix("guide/article.md") && $0.location.line > 0 })
        let cycle = try #require(findings.first { $0.rule == "include-cycle" })
        #expect(cycle.location.file.hasSuffix("en-US/includes/loop-b.md") && cycle.location.line == 3)
        #expect(cycle.message == "include 'loop-a.md' leads back to en-US/includes/loop-a.md, which is being included here; not expanded")
    }

    @Test("Images come from the locale, else from the source; unsafe or unknown ones are not copied")
    func images() throws {
        let temporary = try TemporaryContent([
            "en-US/a.md": "![one](media/one.png) ![two](media/two.png) ![x](data:image/png;base64,AAAA) ![y](../../outside.png)",
            "en-US/media/one.png": "en one",
            "en-US/media/two.png": "en two",
            "es-ES/a.md": "![uno](media/one.png) ![dos](media/two.png)",
            "es-ES/media/one.png": "es one",
        ])
        defer { temporary.remove() }
        let site = temporary.site()
        let renderer = HTMLRenderer(links: LinkResolver(content: site.content), includes: nil)
        let spanish = renderer.render(site.document("a.md", in: "es-ES")!, article: site.content.article("a.md", in: "es-ES")!, locale: "es-ES")
        #expect(spanish.assets.sorted().map(\.outputPath) == ["es-ES/media/one.png", "es-ES/media/two.png"])
        #expect(spanish.assets.first { $0.outputPath == "es-ES/media/one.png" }!.sourceFile.hasSuffix("es-ES/media/one.png"))
        #expect(spanish.assets.first { $0.outputPath == "es-ES/media/two.png" }!.sourceFile.hasSuffix("en-US/media/two.png"))
        let english = renderer.render(site.document("a.md", in: "en-US")!, article: site.content.article("a.md", in: "en-US")!, locale: "en-US")
        #expect(!english.html.contains("data:"))
        #expect(english.assets.count == 2)
    }
}
