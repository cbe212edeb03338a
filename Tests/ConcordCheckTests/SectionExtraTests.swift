import ConcordCheck
import ConcordModel
import Testing

@Suite struct SectionExtraTests {
    let rule = SectionExtra()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func addedAnchoredSectionIsReported() throws {
        let translation = try Sample.translation.inserting(
            "## <a name=\"contacto\"></a>Contacto\n\nLlámenos.\n", before: "## <a name=\"providing-customer-support\">")
        let line = try translation.line(of: "<a name=\"contacto\">")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):\(line) <- \(en):18"])
        #expect(found.first?.message == "section 'Contacto' (#contacto) is not in source (nearest source heading \(en):18)")
    }

    @Test func writtenAnchorOnAHeadingAlignedWithASlugHeadingIsNoExtraSection() throws {
        // Localisation tools write the publishing platform's slug of the source title as an anchor;
        // it may differ from Concord's slug ("example-4--redirecting" for "Example 4:  Redirecting").
        let source = "# Title\n\n## Example 4:  Redirecting\n\nText.\n"
        let translation = "# Titre\n\n## <a name=\"example-4--redirecting\"></a>Exemple 4 : Redirection\n\nTexte.\n"
        #expect(try Sample.findings(rule, source: source, translation: translation, path: "a.md").isEmpty)
    }

    @Test func addedHeadingWithoutAnchorIsReportedWithTheCaveatOfPositionalPairing() throws {
        let translation = try Sample.translation.inserting("## Contacto\n", before: "## <a name=\"providing-customer-support\">")
        let line = try translation.line(of: "## Contacto")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):\(line) <- \(en):18"])
        #expect(found.first?.message.hasPrefix("section 'Contacto' has no counterpart in source (nearest source heading \(en):18)") == true)
    }
}
