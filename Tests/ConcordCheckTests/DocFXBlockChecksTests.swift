import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck

/// The checks of DocFX blocks on a source and a translation that use every one of them, with
/// snippet files on disk: a faithful translation gets no finding, and each thing a translation
/// drops or changes gets one with both lines.
@Suite struct DocFXBlockChecksTests {
    static let source = """
        ---
        title: Blocks
        no-loc: [Contoso]
        ---
        # Blocks

        :::image type="content" source="media/dashboard.png" alt-text="The dashboard with the requests list open":::

        ## Code

        :::code language="powershell" source="~/snippets/get.ps1" range="2-3" highlight="1":::

        [!code-csharp[Main](snippets/main.cs#L1-L2 "Main")]

        ## Terms

        Use :::no-loc text="Partner Center"::: every day.

        :::row:::

        ## Pivots

        ::: zone pivot="cli"

        Use the CLI.

        ::: zone-end

        ::: moniker range=">= v2"

        New in v2.

        ::: moniker-end

        > [!div class="nextstepaction"]
        > [Next](blocks.md)

        > [!VIDEO https://www.youtube.com/embed/abc]

        #### [Windows](#tab/windows)

        Run it.

        #### [Linux](#tab/linux)

        Use apt.

        ---

        ## Links

        See <xref:docs.blocks> and [the code](xref:docs.blocks#code).

        """

    static let translation = """
        ---
        title: Blocs
        no-loc: [Contoso]
        ---
        # Blocs

        :::image type="content" source="media/dashboard.png" alt-text="Le tableau de bord avec la liste des demandes":::

        ## Code

        :::code language="powershell" source="~/snippets/get.ps1" range="2-3" highlight="1":::

        [!code-csharp[Principal](snippets/main.cs#L1-L2 "Main")]

        ## Termes

        Utilisez :::no-loc text="Partner Center"::: chaque jour.

        :::row:::

        ## Pivots

        ::: zone pivot="cli"

        Utilisez la CLI.

        ::: zone-end

        ::: moniker range=">= v2"

        Nouveau dans v2.

        ::: moniker-end

        > [!div class="nextstepaction"]
        > [Suivant](blocks.md)

        > [!VIDEO https://www.youtube.com/embed/abc]

        #### [Windows](#tab/windows)

        Lancez-le.

        #### [Linux](#tab/linux)

        Utilisez apt.

        ---

        ## Liens

        Voir <xref:docs.blocks> et [le code](xref:docs.blocks#code).

        """

    /// The findings of the DocFX rules on the pair, with the snippet files written beside them.
    func findings(translation: String, source: String = Self.source) throws -> [Diagnostic] {
        let folder = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try LinkFixtures.write(source, to: "en-US/blocks.md", in: folder)
        try LinkFixtures.write(translation, to: "fr-FR/blocks.md", in: folder)
        try LinkFixtures.write("line 1\n    line 2\n    line 3\nline 4\n", to: "en-US/snippets/get.ps1", in: folder)
        try LinkFixtures.write("class Main {}\nclass Other {}\n", to: "en-US/snippets/main.cs", in: folder)
        var configuration = Configuration(contentRoot: folder, sourceLocale: "en-US", locales: ["en-US", "fr-FR"])
        configuration.uidFromPath = [UIDPattern(pattern: "{name}.md", uid: "docs.{name}")!]
        let content = ContentSet.load(configuration)
        let rules: [any Rule] = [
            ImageMismatch(), SnippetMismatch(), BrokenSnippet(), ProtectedTermMissing(), MissingAltText(), UnknownExtensionRule(), ZoneMismatch(),
            TypedBlockMismatch(), TabMismatch(), LinkMismatch(), UnresolvedXref(),
        ]
        return CheckEngine(rules: rules).run(content).map { finding in
            var relative = finding
            relative.message = finding.message.replacingOccurrences(of: folder + "/", with: "")
            relative.location.file = String(finding.location.file.dropFirst(folder.count + 1))
            if let source = finding.source {
                relative.source = FileLocation(file: String(source.file.dropFirst(folder.count + 1)), line: source.line, column: source.column)
            }
            return relative
        }
    }

    func places(_ found: [Diagnostic], rule: String) -> [String] {
        found.filter { $0.rule == rule }.map(Sample.places)
    }

    @Test func faithfulTranslationGetsOnlyTheUnknownExtensionWarnings() throws {
        let found = try findings(translation: Self.translation)
        #expect(found.map(\.rule) == ["unknown-extension", "unknown-extension"])
        #expect(found.map(Sample.places) == ["en-US/blocks.md:19", "fr-FR/blocks.md:19"])
        #expect(found.first?.message == "':::row:::' is shown as text: Concord does not know the DocFX extension 'row'")
    }

    @Test func droppedImageIsFoundWithBothLines() throws {
        let translation = Self.translation.replacingOccurrences(
            of: ":::image type=\"content\" source=\"media/dashboard.png\" alt-text=\"Le tableau de bord avec la liste des demandes\":::\n", with: "")
        #expect(places(try findings(translation: translation), rule: "image-mismatch") == ["fr-FR/blocks.md:5 <- en-US/blocks.md:7"])
    }

    @Test func altTextLeftUntranslatedIsFound() throws {
        let translation = Self.translation.replacingOccurrences(of: "Le tableau de bord avec la liste des demandes", with: "The dashboard with the requests list open")
        let found = try findings(translation: translation).filter { $0.rule == "image-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:7 <- en-US/blocks.md:7"])
        #expect(found.first?.message.contains("left untranslated") == true)
    }

    @Test func missingAltTextIsFound() throws {
        let translation = Self.translation.replacingOccurrences(of: " alt-text=\"Le tableau de bord avec la liste des demandes\"", with: "")
        #expect(places(try findings(translation: translation), rule: "missing-alt-text") == ["fr-FR/blocks.md:7"])
    }

    @Test func changedSnippetRangeIsFoundWithBothLines() throws {
        let translation = Self.translation.replacingOccurrences(of: "range=\"2-3\"", with: "range=\"2-4\"")
        let found = try findings(translation: translation).filter { $0.rule == "snippet-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:11 <- en-US/blocks.md:11"])
        #expect(found.first?.message == "snippet '~/snippets/get.ps1' lines 2-4 highlight 1 here, '~/snippets/get.ps1' lines 2-3 highlight 1 in source en-US/blocks.md:11")
    }

    @Test func droppedCodeReferenceIsFound() throws {
        let translation = Self.translation.replacingOccurrences(of: "[!code-csharp[Principal](snippets/main.cs#L1-L2 \"Main\")]\n", with: "")
        #expect(places(try findings(translation: translation), rule: "snippet-mismatch") == ["fr-FR/blocks.md:9 <- en-US/blocks.md:13"])
    }

    @Test func rangeOutOfBoundsAndMissingFileAreFound() throws {
        let source = Self.source.replacingOccurrences(of: "range=\"2-3\"", with: "range=\"3-9\"")
            .replacingOccurrences(of: "snippets/main.cs", with: "snippets/gone.cs")
        let found = try findings(translation: Self.translation, source: source).filter { $0.rule == "broken-snippet" }
        #expect(found.map(Sample.places) == ["en-US/blocks.md:11", "en-US/blocks.md:13"])
        #expect(found.first?.message == "range '3-9' is outside '~/snippets/get.ps1', which has 4 lines; the page shows a placeholder")
        #expect(found.last?.message == "snippet file 'snippets/gone.cs' does not exist; the page shows a placeholder")
    }

    @Test func snippetOutsideTheContentRootIsNotRead() throws {
        let source = Self.source.replacingOccurrences(of: "~/snippets/get.ps1", with: "~/../../etc/passwd")
        let found = try findings(translation: Self.translation, source: source).filter { $0.rule == "broken-snippet" }
        #expect(found.first?.message == "snippet file '~/../../etc/passwd' is outside the content root; it is not read; the page shows a placeholder")
    }

    @Test func translatedProtectedTermIsFoundWithBothLines() throws {
        let translation = Self.translation.replacingOccurrences(of: ":::no-loc text=\"Partner Center\":::", with: "l’Espace partenaires")
        let found = try findings(translation: translation).filter { $0.rule == "protected-term" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:15 <- en-US/blocks.md:17"])
        #expect(found.first?.message.hasPrefix("protected term 'Partner Center' of source en-US/blocks.md:17 is missing here") == true)
    }

    @Test func protectedTermWrittenAsIsWithoutTheMarkupIsEnough() throws {
        let translation = Self.translation.replacingOccurrences(of: ":::no-loc text=\"Partner Center\":::", with: "Partner Center")
        #expect(places(try findings(translation: translation), rule: "protected-term").isEmpty)
    }

    @Test func droppedFrontMatterTermIsFound() throws {
        let translation = Self.translation.replacingOccurrences(of: "no-loc: [Contoso]\n", with: "")
        #expect(places(try findings(translation: translation), rule: "protected-term") == ["fr-FR/blocks.md:1 <- en-US/blocks.md:3"])
    }

    @Test func changedPivotIsFoundWithBothLines() throws {
        let translation = Self.translation.replacingOccurrences(of: "pivot=\"cli\"", with: "pivot=\"portal\"")
        let found = try findings(translation: translation).filter { $0.rule == "zone-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:23 <- en-US/blocks.md:23"])
        #expect(found.first?.message == "zone pivot=\"portal\" here, zone pivot=\"cli\" in source en-US/blocks.md:23")
    }

    @Test func droppedMonikerIsFound() throws {
        let translation = Self.translation.replacingOccurrences(of: "::: moniker range=\">= v2\"\n\nNouveau dans v2.\n\n::: moniker-end\n", with: "")
        #expect(places(try findings(translation: translation), rule: "zone-mismatch") == ["fr-FR/blocks.md:21 <- en-US/blocks.md:29"])
    }

    @Test func zonesInAnotherOrderAreFound() throws {
        let translation = Self.translation
            .replacingOccurrences(of: "::: zone pivot=\"cli\"", with: "::: moniker range=\"X\"")
            .replacingOccurrences(of: "::: zone-end", with: "::: moniker-end-X")
            .replacingOccurrences(of: "::: moniker range=\">= v2\"", with: "::: zone pivot=\"cli\"")
            .replacingOccurrences(of: "::: moniker-end\n", with: "::: zone-end\n")
            .replacingOccurrences(of: "::: moniker range=\"X\"", with: "::: moniker range=\">= v2\"")
            .replacingOccurrences(of: "::: moniker-end-X", with: "::: moniker-end")
        let found = try findings(translation: translation).filter { $0.rule == "zone-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:23 <- en-US/blocks.md:23"])
        #expect(found.first?.message.hasSuffix("same blocks, another order") == true)
    }

    @Test func droppedNextStepAndChangedDivAreFound() throws {
        let dropped = Self.translation.replacingOccurrences(of: "> [!VIDEO https://www.youtube.com/embed/abc]\n", with: "")
        #expect(places(try findings(translation: dropped), rule: "typed-block-mismatch") == ["fr-FR/blocks.md:21 <- en-US/blocks.md:38"])
        let changed = Self.translation.replacingOccurrences(of: "nextstepaction", with: "checklist")
        let found = try findings(translation: changed).filter { $0.rule == "typed-block-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:35 <- en-US/blocks.md:35"])
        #expect(found.first?.message == "[!div class=\"checklist\"] here, [!div class=\"nextstepaction\"] in source en-US/blocks.md:35")
    }

    @Test func droppedOrRenamedTabIsFoundWithBothLines() throws {
        let renamed = Self.translation.replacingOccurrences(of: "(#tab/linux)", with: "(#tab/macos)")
        let found = try findings(translation: renamed).filter { $0.rule == "tab-mismatch" }
        #expect(found.map(Sample.places) == ["fr-FR/blocks.md:40 <- en-US/blocks.md:40"])
        #expect(found.first?.message == "tabs [windows, macos] here, [windows, linux] in source en-US/blocks.md:40")
        let dropped = Self.translation.replacingOccurrences(of: "#### [Linux](#tab/linux)\n\nUtilisez apt.\n\n", with: "")
        #expect(places(try findings(translation: dropped), rule: "tab-mismatch") == ["fr-FR/blocks.md:40 <- en-US/blocks.md:40"])
    }

    @Test func changedOrDroppedCrossReferenceIsFoundWithBothLines() throws {
        let changed = Self.translation.replacingOccurrences(of: "[le code](xref:docs.blocks#code)", with: "[le code](xref:docs.other#code)")
        let found = try findings(translation: changed)
        #expect(places(found, rule: "link-mismatch") == ["fr-FR/blocks.md:52 <- en-US/blocks.md:52"])
        #expect(found.first { $0.rule == "link-mismatch" }?.message == "link changed from 'xref:docs.blocks#code' (en-US/blocks.md:52:28) to 'xref:docs.other#code'")
        #expect(places(found, rule: "unresolved-xref") == ["fr-FR/blocks.md:52"])
        let dropped = Self.translation.replacingOccurrences(of: "Voir <xref:docs.blocks> et ", with: "Voir ")
        let missing = try findings(translation: dropped).filter { $0.rule == "link-mismatch" }
        #expect(missing.map(Sample.places) == ["fr-FR/blocks.md:50 <- en-US/blocks.md:52"])
        #expect(missing.first?.message.hasPrefix("link to 'xref:docs.blocks") == true)
    }
}
