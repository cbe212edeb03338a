import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordRender

/// The Markdown beside a DocFX directive in one paragraph is read like any paragraph's: an
/// `[!INCLUDE]` there is an include (expanded on the page, in `includes[]`, checked as one), and
/// a reference link there uses the article's definitions, wherever they are.
@Suite("Markdown beside a directive: includes and reference links")
struct DirectiveParagraphTests {
    static let article = """
        # Directives

        :::image type="content" source="media/x.png" alt-text="Picture"::: See [the guide][guide] and [!INCLUDE [inline](includes/note.md)]

        ::: zone pivot="windows"
        In a zone [!INCLUDE [z](includes/note.md)] and [Docs].
        ::: zone-end

        :::image type="content" source="media/y.png" alt-text="Y"::: Missing [!INCLUDE [gone](includes/gone.md)]

        Missing too [!INCLUDE [gone](includes/gone.md)]

        > [!NOTE]
        > :::image type="icon" source="media/i.png" alt-text="Info"::: Noted [!INCLUDE [n](includes/note.md)] with [the guide][guide].

        [guide]: https://example.com/guide
        [docs]: other.md
        """

    static let files = [
        "en-US/a.md": article,
        "en-US/other.md": "# Other\n",
        "en-US/includes/note.md": "Included **note** text.\n",
    ]

    @Test("the model: includes beside a directive are includes, reference links beside one are links")
    func model() throws {
        let article = try #require(ArticleLoader.load(markdown: Self.article, path: "a.md").article)
        #expect(article.includes.map { "\($0.line) \($0.path)" }
                == ["3 includes/note.md", "6 includes/note.md", "9 includes/gone.md", "11 includes/gone.md", "14 includes/note.md"])
        #expect(article.links.map { "\($0.line) \($0.kind) \($0.destination)" }
                == ["3 reference https://example.com/guide", "6 reference other.md", "14 reference https://example.com/guide"])
        #expect(article.unresolvedReferences.isEmpty)
    }

    @Test("the page: the include is expanded and the reference links are links; a missing include is found as in any paragraph")
    func page() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let html = try temporary.read("en-US/a.html")
        #expect(html.contains("<a href=\"https://example.com/guide\" rel=\"noopener\">the guide</a> and Included <strong>note</strong> text."))
        #expect(html.contains("In a zone Included <strong>note</strong> text. and <a href=\"other.html\">Docs</a>."))
        #expect(html.contains("Noted Included <strong>note</strong> text. with <a href=\"https://example.com/guide\" rel=\"noopener\">the guide</a>."))
        #expect(!html.contains("[guide]") && !html.contains("[!INCLUDE"))
        let content = ContentSet.load(temporary.configuration)
        // The fixture's zone names no `zone_pivot_groups`, so `unknown-pivot` fires too; this test
        // is about the links and includes around directives.
        let found = CheckEngine().run(content).filter { $0.severity != .note && $0.rule != "unknown-pivot" }
        // The same findings beside a directive (line 9) as in a paragraph of its own (line 11).
        #expect(found.map { "\($0.rule) \($0.location.line)" }.sorted()
                == ["broken-link 11", "broken-link 9", "include-not-found 11", "include-not-found 9"], "\(found)")
    }
}
