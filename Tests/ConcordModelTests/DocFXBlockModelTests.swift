import ConcordMarkdown
import ConcordModel
import Testing

/// DocFX blocks in the model and the syntax reader under them.
@Suite struct DocFXBlockModelTests {
    static let markdown = """
        ---
        no-loc: [Contoso]
        ---
        # Title

        :::image type="content" source="media/a.png" alt-text="An A" lightbox="media/a-big.png" border="false":::

        :::image type="complex" source="media/c.png" alt-text="A C":::
           The long *description*.
        :::image-end:::

        :::code language="powershell" source="~/snippets/a.ps1" range="2-3" highlight="2" id="first":::

        [!code-csharp[Main](snippets/b.cs?name=region1 "Sample")]

        Text with [a link](other.md) :::no-loc text="Wingtip"::: and more.

        ::: zone pivot="cli"

        ::: moniker-end

        :::row:::
        """

    func article() throws -> Article {
        try #require(ArticleLoader.load(markdown: Self.markdown).article)
    }

    @Test func imagesCarryTypeAltLightboxAndLongDescription() throws {
        let images = try article().images
        #expect(images.map(\.source) == ["media/a.png", "media/c.png"])
        #expect(images.map(\.alt) == ["An A", "A C"])
        #expect(images.map(\.type) == ["content", "complex"])
        #expect(images[0].lightbox == "media/a-big.png")
        #expect(images[0].border == false)
        #expect(images[1].longDescription == "The long *description*.")
        #expect(images.map(\.line) == [6, 8])
    }

    @Test func snippetsFromBothSyntaxes() throws {
        let snippets = try article().snippets
        #expect(snippets.map(\.source) == ["~/snippets/a.ps1", "snippets/b.cs"])
        #expect(snippets.map(\.range) == ["2-3", nil])
        #expect(snippets.map(\.name) == ["first", "region1"])
        #expect(snippets.map(\.language) == ["powershell", "csharp"])
        #expect(snippets[1].title == "Sample")
        #expect(snippets.map(\.line) == [12, 14])
    }

    @Test func protectedTermsFromFrontMatterAndText() throws {
        let article = try article()
        #expect(article.protectedTerms.map(\.text) == ["Contoso", "Wingtip"])
        #expect(article.protectedTerms.map(\.line) == [2, 16])
    }

    @Test func textAroundADirectiveKeepsItsLinksAndProse() throws {
        let article = try article()
        #expect(article.links.map(\.destination) == ["other.md"])
        #expect(article.links.first?.line == 16)
        #expect(article.textBlocks.contains { $0.text == "Text with a link" && $0.line == 16 })
        #expect(!article.textBlocks.contains { $0.text.contains(":::") })
    }

    @Test func unknownAndUnmatchedSyntaxIsRecorded() throws {
        let unknown = try article().unknownExtensions
        #expect(unknown.map(\.name) == ["zone", "moniker-end", "row"])
        #expect(unknown.map(\.line) == [18, 20, 22])
        #expect(unknown[0].reason == "no '::: zone-end' closes it at this level")
    }

    @Test func codeReferencePathsGiveRangesAndNames() {
        func attributes(_ path: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: DocFXDirectives.snippetAttributes(of: path).map { ($0.name, $0.value) })
        }
        #expect(attributes("a.cs#L3-L7") == ["source": "a.cs", "range": "3-7"])
        #expect(attributes("a.cs#L3") == ["source": "a.cs", "range": "3"])
        #expect(attributes("a.cs#snippet1") == ["source": "a.cs", "name": "snippet1"])
        #expect(attributes("a.cs?range=1-2&highlight=2") == ["source": "a.cs", "range": "1-2", "highlight": "2"])
    }

    @Test func textThatOnlyLooksLikeADirectiveStaysText() throws {
        let article = try #require(ArticleLoader.load(markdown: "# T\n\nA ratio of 1:::2 and `:::image:::` in code, and :::x=\"unclosed.\n").article)
        #expect(article.images.isEmpty)
        #expect(article.unknownExtensions.isEmpty)
    }

    @Test func mayHoldFindsBothMarkers() {
        #expect(DocFXDirectives.mayHold(Array("a :::b".utf8)))
        #expect(DocFXDirectives.mayHold(Array("[!CODE-cs[".utf8)))
        #expect(!DocFXDirectives.mayHold(Array("a :: b [!NOTE]".utf8)))
    }

    @Test func zonesAndMonikersWithTheirEnds() throws {
        let article = try #require(ArticleLoader.load(markdown: """
            # T

            ::: zone pivot="cli,bash"

            Text.

            ::: zone-end

            - ::: moniker range=">= v2"
              Item.
              ::: moniker-end
            """).article)
        #expect(article.zones.map(\.kind) == [.zone, .moniker])
        #expect(article.zones.map(\.value) == ["cli,bash", ">= v2"])
        #expect(article.zones.map(\.line) == [3, 9])
        #expect(article.zones.map(\.endLine) == [7, 11])
        #expect(article.unknownExtensions.isEmpty)
    }

    @Test func tabGroupsEndAtARuleOrAHigherHeading() throws {
        let article = try #require(ArticleLoader.load(markdown: """
            # T

            ## [A](#tab/a)

            Text.

            ## [B](#tab/b/cli)

            More.

            ---

            ### [C](#tab/c)

            # Next
            """).article)
        #expect(article.tabGroups.map { $0.tabs.map(\.id) } == [["a", "b/cli"], ["c"]])
        #expect(article.tabGroups.map(\.line) == [3, 13])
        #expect(article.tabGroups.map(\.endLine) == [11, 14])
        #expect(article.tabGroups.first?.tabs.map(\.title) == ["A", "B"])
        #expect(article.links.isEmpty)
    }
}
