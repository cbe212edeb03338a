import ConcordCheck
import ConcordModel
import Testing

@Suite struct AnchorMismatchTests {
    let rule = AnchorMismatch()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func renamedAnchorIsOneMismatchNotAMissingAndAnExtraSection() throws {
        let content = try Sample.content([
            "en-US/customer-support.md": Sample.source,
            "es-ES/customer-support.md": Sample.translation.replacingOnce("name=\"providing-customer-support\"", with: "name=\"atencion-al-cliente\""),
        ])
        let found = CheckEngine(rules: [rule, SectionMissing(), SectionExtra()]).run(content)
        #expect(found.map { "\($0.rule) \(Sample.places($0))" } == ["anchor-mismatch \(es):33 <- \(en):28"])
        #expect(found.first?.message == "anchor 'atencion-al-cliente' here, 'providing-customer-support' in source \(en):28")
    }

    @Test func secondAnchorInTheHeadingKeepsTheSourceAnchor() throws {
        // `## <a name="installing-the-msi-package"></a><a id="msi" />…`: links to #msi still work.
        let source = "# T\n\n## <a id=\"msi\"></a>Installing the MSI package\n\nText.\n"
        let translation = "# T\n\n## <a name=\"installing-the-msi-package\"></a><a id=\"msi\"></a>Installation du package MSI\n\nTexte.\n"
        #expect(try Sample.findings(rule, source: source, translation: translation, path: "a.md").isEmpty)
    }
}
