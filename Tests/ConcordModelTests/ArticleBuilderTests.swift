import ConcordMarkdown
import Testing
@testable import ConcordModel

/// The model built from small inline documents: one behaviour per test.
@Suite("Article builder")
struct ArticleBuilderTests {
    @Test func headingsWithoutAnchorsGetUniqueSlugs() throws {
        let article = try Fixtures.article("""
        # Get started

        ## Install it
        text
        ## Install it
        Setext heading
        --------------
        ## Ça marche ? Oui!
        """)
        #expect(article.title == "Get started")
        #expect(article.sections.map(\.anchor) == ["get-started", "install-it", "install-it-1", "setext-heading", "ça-marche--oui"])
        #expect(article.sections.map(\.level) == [1, 2, 2, 2, 2])
        #expect(article.sections.map(\.line) == [1, 3, 5, 6, 8])
        #expect(article.sections.allSatisfy { !$0.explicitAnchor })
    }

    @Test func anchorOnItsOwnLineBeforeTheHeading() throws {
        let article = try Fixtures.article("""
        <a name="first"></a>
        ## First

        <a id="second"></a>

        ## Second

        ## <a name="third"></a>Third

        Text with <a name="inline-spot"></a> an anchor.
        """)
        #expect(article.sections.map(\.anchor) == ["first", "second", "third"])
        #expect(article.sections.map(\.title) == ["First", "Second", "Third"])
        #expect(article.extraAnchors == ["inline-spot"])
        #expect(article.anchors.contains("inline-spot"))
    }

    @Test func procedureFromHeadingWithNestedSubsteps() throws {
        let article = try Fixtures.article("""
        ## Reset a password

        1. Open **Settings** > **Users**.
        2. Choose the user:
           1. Select **Reset**.
           2. Confirm with **OK**.
        3. Done.
        """)
        let procedure = try #require(article.procedures.first)
        #expect(procedure.title == "Reset a password")
        #expect(procedure.section == "reset-a-password")
        #expect(procedure.steps.map(\.number) == [1, 2, 3])
        #expect(procedure.steps[0].uiElements == ["Settings", "Users"])
        #expect(procedure.steps[1].text == "Choose the user:")
        #expect(procedure.steps[1].uiElements.isEmpty)
        #expect(procedure.steps[1].substeps.map(\.uiElements) == [["Reset"], ["OK"]])
        #expect(procedure.steps[1].substeps.map(\.line) == [5, 6])
        #expect(procedure.steps[1].substeps.map(\.column) == [4, 4])
        #expect(article.procedures.count == 1, "the nested list is a sub-step list, not a procedure")
    }

    @Test func orderedListAfterOrdinaryParagraphIsNotAProcedure() throws {
        let article = try Fixtures.article("""
        Some text first.

        1. one
        2. two
        """)
        #expect(article.procedures.isEmpty)
    }

    @Test func procedureNumbersFollowTheListStart() throws {
        let article = try Fixtures.article("""
        **To continue**

        4. four
        5. five
        """)
        #expect(article.procedures.first?.steps.map(\.number) == [4, 5])
    }

    @Test func linksOfEveryKindWithPositions() throws {
        let article = try Fixtures.article("""
        See [inline](a.md#x "Title"), [ref][r], [collapsed][] and <https://example.com>.

        [r]: https://r.example/path
        [collapsed]: b.md
        """)
        #expect(article.links.map(\.destination) == ["a.md#x", "https://r.example/path", "b.md", "https://example.com"])
        #expect(article.links.map(\.kind) == [.inline, .reference, .reference, .autolink])
        #expect(article.links.map(\.text) == ["inline", "ref", "collapsed", "https://example.com"])
        #expect(article.links[0].line == 1)
        #expect(article.links[0].column == 5)
        #expect(article.links[1].column == 31)
        #expect(article.referenceDefinitions.map(\.label) == ["r", "collapsed"])
        #expect(article.referenceDefinitions.map(\.line) == [3, 4])
        #expect(article.unresolvedReferences.isEmpty)
    }

    @Test func mangledReferenceLabelIsUnresolved() throws {
        let article = try Fixtures.article("""
        The value is an [System. Int32][] here.

        [System.Int32]: /dotnet/api/system.int32
        """)
        #expect(article.links.isEmpty)
        let unresolved = try #require(article.unresolvedReferences.first)
        #expect(unresolved.text == "[System. Int32][]")
        #expect(unresolved.label == "System. Int32")
        #expect(unresolved.line == 1)
        #expect(unresolved.column == 17)
        #expect(article.referenceDefinitions.first?.label == "System.Int32")
    }

    @Test func alertsOfEveryKind() throws {
        let article = try Fixtures.article("""
        > [!NOTE]
        > A note.

        > [!Warning]
        > Careful **now**.

        > A plain quote.

        > [!div class="nextstepaction"]
        > [Next](next.md)
        """)
        #expect(article.alerts.map(\.kind) == [.note, .warning])
        #expect(article.alerts.map(\.text) == ["A note.", "Careful now."])
        #expect(article.alerts.map(\.line) == [1, 4])
    }

    @Test func includesAreNotLinks() throws {
        let article = try Fixtures.article("""
        [!INCLUDE [sign in](../includes/sign-in.md)]

        Inline [!include[x](x.md)] and a [real link](y.md).
        """)
        #expect(article.includes.map(\.path) == ["../includes/sign-in.md", "x.md"])
        #expect(article.includes.map(\.title) == ["sign in", "x"])
        #expect(article.includes.map(\.line) == [1, 3])
        #expect(article.links.map(\.destination) == ["y.md"])
    }

    @Test func pipeTablesWithInlineMarkdownCells() throws {
        let article = try Fixtures.article("""
        ## Options

        | Name | Value | Notes |
        |:-----|------:|:-----:|
        | **Size** | `10` | see [docs](d.md) |
        | Pipe \\| escaped | 2 |
        """)
        let table = try #require(article.tables.first)
        #expect(table.header == ["Name", "Value", "Notes"])
        #expect(table.alignments == [.left, .right, .center])
        #expect(table.rows == [["Size", "10", "see docs"], ["Pipe | escaped", "2", ""]])
        #expect(table.line == 3)
        #expect(table.section == "options")
        let link = try #require(article.links.first)
        #expect(link.destination == "d.md")
        #expect(link.line == 5)
        #expect(link.column == 25)
    }

    @Test func codeBlocksWithInfoStrings() throws {
        let article = try Fixtures.article("""
        ```powershell title="x"
        Get-Item
        ```

            indented code
        """)
        #expect(article.codeBlocks.map(\.language) == ["powershell", nil])
        #expect(article.codeBlocks.map(\.info) == ["powershell title=\"x\"", ""])
        #expect(article.codeBlocks.map(\.code) == ["Get-Item\n", "indented code\n"])
        #expect(article.codeBlocks.map(\.line) == [1, 5])
    }

    @Test func imagesWithAltText() throws {
        let article = try Fixtures.article("""
        ## Screens
        ![The **main** window](media/main.png "Main")
        """)
        #expect(article.images.map(\.source) == ["media/main.png"])
        #expect(article.images.map(\.alt) == ["The main window"])
        #expect(article.images.first?.section == "screens")
        #expect(article.images.first?.line == 2)
    }

    @Test func relatedLinksAndAppliesToNeedABoldLabel() throws {
        let article = try Fixtures.article("""
        # Title

        **Applies to:**

        - Product A
        - Product B

        ## Body

        Intro to plain items:

        - alpha
        - beta

        **See also**

        - [One](one.md)
        - [Two](two.md)
        """)
        #expect(article.appliesTo == ["Product A", "Product B"])
        #expect(article.relatedLinks.map(\.text) == ["One", "Two"])
        #expect(article.categories.map(\.items) == [["alpha", "beta"]])
        #expect(article.categories.first?.intro == "Intro to plain items:")
        #expect(article.categories.first?.section == "body")
    }

    @Test func theSameCodeRecognisesStructureInEveryScript() throws {
        let arabic = try Fixtures.article("""
        # <a name="support"></a>الدعم

        **لإرسال طلب**

        1. حدد **طلبات الدعم**.
        2. حدد **إرسال**.
        """, locale: "ar-SA")
        #expect(arabic.sections.first?.anchor == "support")
        #expect(arabic.procedures.first?.steps.map(\.uiElements) == [["طلبات الدعم"], ["إرسال"]])
        let japanese = try Fixtures.article("## 設定を変更する\n\n1. **設定** を選択します。\n", locale: "ja-JP")
        #expect(japanese.procedures.first?.title == "設定を変更する")
        #expect(japanese.sections.first?.anchor == "設定を変更する")
    }

    @Test func deepNestingDoesNotOverflowTheStack() throws {
        let depth = 50_000
        let quotes = String(repeating: ">", count: depth) + " deep\n"
        let list = (0..<2_000).map { String(repeating: "   ", count: $0) + "1. step" }.joined(separator: "\n")
        // Built from the parsed text directly: 2,000 levels of list take 6 MB, over the loader's
        // file-size limit.
        let text = "**Lead**\n\n" + list + "\n\n" + quotes
        var builder = ArticleBuilder(
            document: MarkdownParser.parse(SourceText(bytes: Array(text.utf8), firstLine: 1)),
            article: Article(path: "article.md", locale: "en-US", file: "article.md", metadata: Metadata()))
        let article = builder.build()
        #expect(article.procedures.count == 1)
        var depthSeen = 0
        var steps = article.procedures[0].steps
        while let first = steps.first { depthSeen += 1; steps = first.substeps }
        #expect(depthSeen == ArticleBuilder.maximumStepDepth + 1)
    }
}
