import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("link-mismatch")
struct LinkMismatchTests {
    typealias File = LinkFixtures.File

    static let source = """
        # <a name="top"></a>Support

        See [help](help.md) and [the portal](https://portal.example.com/).

        ## <a name="billing"></a>Billing

        Read [your bill](billing.md#invoice) and [FAQ](https://learn.microsoft.com/en-us/partner-center/faq).
        """

    static func pair(_ translation: String) throws -> ContentSet {
        try LinkFixtures.content([
            File("en-US", "support.md", source),
            File("en-US", "help.md", "# Help\n"),
            File("en-US", "billing.md", "# Billing\n\n## <a name=\"invoice\"></a>Invoice\n"),
            File("es-ES", "support.md", translation),
        ])
    }

    @Test func anUntouchedTranslationGivesNothing() throws {
        let content = try Self.pair("""
            # <a name="top"></a>Soporte

            Consulte [la ayuda](help.md) y [el portal](https://portal.example.com/).

            ## <a name="billing"></a>Facturación

            Lea [su factura](billing.md#invoice) y [P+F](https://learn.microsoft.com/en-us/partner-center/faq).
            """)
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
    }

    @Test func aChangedDestinationNamesBothSidesAndBothPositions() throws {
        let content = try Self.pair("""
            # <a name="top"></a>Soporte

            Consulte [la ayuda](help.md) y [el portal](https://portal.example.com/).

            ## <a name="billing"></a>Facturación

            Lea [su factura](billing.md#invoice) y [P+F](https://learn.microsoft.com/es-es/partner-center/preguntas).
            """)
        let findings = LinkFixtures.findings(LinkMismatch(), content)
        #expect(findings.map(\.description) == [
            "es-ES/support.md:7:40: error: link changed from 'https://learn.microsoft.com/en-us/partner-center/faq' "
                + "(en-US/support.md:7:42) to 'https://learn.microsoft.com/es-es/partner-center/preguntas' [link-mismatch]",
        ])
        #expect(findings.first?.source == FileLocation(file: "en-US/support.md", line: 7, column: 42))
        #expect(findings.first?.locale == "es-ES")
    }

    @Test func missingAndExtraLinksAreSaidSo() throws {
        let content = try Self.pair("""
            # <a name="top"></a>Soporte

            Consulte la ayuda y [el portal](https://portal.example.com/).

            ## <a name="billing"></a>Facturación

            Lea [su factura](billing.md#invoice), [P+F](https://learn.microsoft.com/en-us/partner-center/faq)
            y [el blog](https://blog.example.com).
            """)
        let findings = LinkFixtures.findings(LinkMismatch(), content)
        #expect(findings.map(\.description) == [
            "es-ES/support.md:1:1: error: link to 'help.md' (en-US/support.md:3:5) is missing here [link-mismatch]",
            "es-ES/support.md:8:3: error: link to 'https://blog.example.com' is not in the source [link-mismatch]",
        ])
        #expect(findings.map(\.source) == [
            FileLocation(file: "en-US/support.md", line: 3, column: 5),
            FileLocation(file: "en-US/support.md", line: 5, column: 1),
        ])
    }

    @Test func localePartsOfURLsSlashesCaseAndRelativeSpellingsAreTheSame() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", """
                # A

                [1](https://learn.microsoft.com/en-us/powershell/scripting/overview)
                [2](https://Docs.Microsoft.com/en-us/windows/?view=win-11&locale=en-us)
                [3](https://www.example.com/page?lang=en&id=4)
                [4](https://support.microsoft.com/zh-hans/help/1)
                [5](./b.md) [6](/en-us/azure/x/) [7](xref:System.String) [8](mailto:Help@Example.com)
                """),
            File("en-US", "b.md", "# B\n"),
            File("fr-FR", "a.md", """
                # A

                [1](https://learn.microsoft.com/fr-fr/powershell/scripting/overview/)
                [2](https://docs.microsoft.com/fr-FR/windows?view=win-11&locale=fr-fr)
                [3](https://www.example.com/page?lang=fr&id=4)
                [4](https://support.microsoft.com/fr-fr/help/1)
                [5](B.md) [6](/fr-fr/azure/x) [7](xref:System.String) [8](mailto:help@example.com)
                """),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
    }

    @Test func segmentsThatOnlyLookLikeLocalesStillCount() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[1](https://example.com/get-help/how-to)\n"),
            File("fr-FR", "a.md", "# A\n\n[1](https://example.com/how-to)\n"),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).count == 1)
        #expect(!LinkKey.isLocaleSegment("get-help"))
        #expect(!LinkKey.isLocaleSegment("how-to"))
        #expect(LinkKey.isLocaleSegment("pt-BR"))
        #expect(LinkKey.isLocaleSegment("zh-Hans"))
        #expect(LinkKey.isLocaleSegment("sr-latn-rs"))
    }

    @Test func fragmentsCountOnlyWhenTheyNameExplicitAnchors() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", """
                # A

                [slug](#getting-started) [explicit](b.md#pinned) [explicit here](#start)

                ## <a name="start"></a>Getting started
                """),
            File("en-US", "b.md", "# B\n\n## <a name=\"pinned\"></a>Pinned\n\n## Free\n"),
            File("de-DE", "a.md", """
                # A

                [Slug](#erste-schritte) [explizit](b.md#frei) [hier](#start)

                ## <a name="start"></a>Erste Schritte
                """),
        ])
        // '#getting-started' vs '#erste-schritte': a translated heading's slug, not drift.
        // 'b.md#pinned' vs 'b.md#frei': an explicit anchor replaced, drift.
        #expect(LinkFixtures.findings(LinkMismatch(), content).map(\.message) == [
            "link changed from 'b.md#pinned' (en-US/a.md:3:26) to 'b.md#frei'",
        ])
    }

    @Test func orderWithinASectionIsFreeButMovingToAnotherSectionIsNot() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[x](x.md) [y](y.md)\n\n## <a name=\"more\"></a>More\n\n[z](z.md)\n"),
            File("it-IT", "a.md", "# A\n\n[y](y.md) [x](x.md) [z](z.md)\n\n## <a name=\"more\"></a>Altro\n\nNiente.\n"),
        ], others: ["en-US": ["x.md", "y.md", "z.md"]])
        #expect(LinkFixtures.findings(LinkMismatch(), content).map(\.message) == [
            "link to 'z.md' is not in the source",
            "link to 'z.md' (en-US/a.md:7:1) is missing here",
        ])
    }

    @Test func sectionsOnOneSideOnlyAreLeftToTheSectionRules() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# <a name=\"a\"></a>A\n\n## <a name=\"extra\"></a>Extra\n\n[x](https://x.example)\n"),
            File("ja-JP", "a.md", "# <a name=\"a\"></a>エー\n"),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
    }

    @Test func aReferenceLinkLostToAMangledLabelIsLeftToUndefinedReference() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\nAn [System.Int32][] value.\n\n[System.Int32]: /dotnet/api/system.int32\n"),
            File("fr-FR", "a.md", "# A\n\nUne valeur [System. Int32][].\n\n[System.Int32]: /dotnet/api/system.int32\n"),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
        #expect(LinkFixtures.findings(UndefinedReference(), content).count == 1)
    }

    @Test func repeatedAnchorsInTheTranslationDoNotMisplaceLinks() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", """
                # A

                ## One

                ### Cmdlets supported

                - [Get-Content](xref:Get-Content)

                ## Two

                ### Cmdlets supported

                - [Set-Content](xref:Set-Content)
                """),
            File("fr-FR", "a.md", """
                # A

                ## <a name="one"></a>Un

                ### <a name="cmdlets-supported"></a>Applets de commande prises en charge

                - [Get-Content](xref:Get-Content)

                ## <a name="two"></a>Deux

                ### <a name="cmdlets-supported"></a>Applets de commande prises en charge

                - [Set-Content](xref:Set-Content)
                """),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
    }
}
