import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("undefined-reference")
struct UndefinedReferenceTests {
    typealias File = LinkFixtures.File

    @Test func aMangledLabelNamesTheDefinitionItMeant() throws {
        let content = try LinkFixtures.content([File("fr-FR", "a.md", """
            # A

            La valeur est un [System. Int32][] ici.

            [System.Int32]: /dotnet/api/system.int32
            """)], source: "fr-FR")
        #expect(LinkFixtures.findings(UndefinedReference(), content).map(\.description) == [
            "fr-FR/a.md:3:18: error: '[System. Int32][]' is not a link: no definition for 'System. Int32'; "
                + "did you mean [System.Int32] (line 5)? The labels differ only in spacing. [undefined-reference]",
        ])
    }

    @Test func aNoBreakSpaceIsCalledOut() throws {
        let content = try LinkFixtures.content([File("fr-FR", "a.md", """
            # A

            Voir la [« technique »][].

            [«\u{00A0}technique\u{00A0}»]: ../x.md
            """)], source: "fr-FR")
        let message = try #require(LinkFixtures.findings(UndefinedReference(), content).first?.message)
        #expect(message.hasSuffix("The labels differ only in spacing (no-break spaces do not match plain ones)."))
    }

    @Test func aTranslatedLabelIsMatchedThroughTheSource() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", """
                # A

                Names are [Pascal-cased][].

                [Pascal-cased]: https://en.wikipedia.org/wiki/PascalCase
                """),
            File("fr-FR", "a.md", """
                # A

                Les noms sont [en respectant la casse][].

                [Casse Pascal]: https://en.wikipedia.org/wiki/PascalCase
                """),
        ])
        #expect(LinkFixtures.findings(UndefinedReference(), content).map(\.message) == [
            "'[en respectant la casse][]' is not a link: no definition for 'en respectant la casse'; "
                + "the source links here to https://en.wikipedia.org/wiki/PascalCase, defined here as [Casse Pascal] (line 5)",
        ])
    }

    @Test func fullReferencesWithAnUnknownLabelAreFound() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            Download it from the [releases][releases] page, or [here][1].

            [1]: https://example.com
            """)])
        #expect(LinkFixtures.findings(UndefinedReference(), content).map(\.message) == [
            "'[releases][releases]' is not a link: no definition for 'releases'",
        ])
    }

    @Test func bracketsThatAreNotLinkAttemptsAreLeftAlone() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            Get-Item [-Path] <String[]> [[-Filter] <String>] takes [string[]] values.

            Read $table[0][1] or $hash['a']['b'], cast with [int][char]'A' or call [Math][Type]::Pi.

            An optional [x] and a [y] (not links), [done](https://example.com), `[code][]`.

            ```powershell
            $a[0][1] = [System. Int32][]
            ```
            """)])
        #expect(LinkFixtures.findings(UndefinedReference(), content).isEmpty)
    }

    @Test func japaneseTextAgainstTheBracketsIsStillChecked() throws {
        let content = try LinkFixtures.content([File("ja-JP", "a.md", """
            # A

            詳細は[リンク先][]を参照してください。

            [リンク]: https://example.com
            """)], source: "ja-JP")
        #expect(LinkFixtures.findings(UndefinedReference(), content).count == 1)
    }

    @Test func aBrokenReferenceCopiedFromTheSourceIsReportedOnceInTheSource() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n- [Methods][]\n- [$PSBoundParameters][]\n\n[PSBoundParameters]: https://example.com\n"),
            File("fr-FR", "a.md", "# A\n\n- [Méthodes][]\n- [$PSBoundParameters][]\n\n[PSBoundParameters]: https://example.com\n"),
        ])
        #expect(LinkFixtures.findings(UndefinedReference(), content).map(\.location.file) == ["en-US/a.md", "en-US/a.md"])
    }

    @Test func anUntouchedArticleGivesNothing() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            An [System.Int32][] and a [full][label] and a [collapsed][].

            [System.Int32]: /dotnet/api/system.int32
            [label]: https://example.com
            [Collapsed]: https://example.com/c
            """)])
        #expect(LinkFixtures.findings(UndefinedReference(), content).isEmpty)
    }
}
