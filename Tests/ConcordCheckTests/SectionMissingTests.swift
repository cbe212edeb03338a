import ConcordCheck
import ConcordModel
import Testing

@Suite struct SectionMissingTests {
    let rule = SectionMissing()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func droppedHeadingIsReportedWhereItShouldBe() throws {
        let translation = try Sample.translation.removingLine(containing: "<a name=\"providing-customer-support\">")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        // Reported under the heading before it, the place a writer would add it back.
        #expect(found.map(Sample.places) == ["\(es):23 <- \(en):28"])
        #expect(found.first?.message == "section 'Providing customer support' (#providing-customer-support, source \(en):28) is missing here")
    }

    @Test func headingThatLostItsAnchorIsReportedOnTheHeading() throws {
        let translation = try Sample.translation.replacingOnce(
            "## <a name=\"providing-customer-support\"></a>Atención al cliente", with: "## Atención al cliente")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):33 <- \(en):28"])
        #expect(found.first?.message == "heading has no anchor; source heading \(en):28 has 'providing-customer-support'")
    }

    @Test func anchorKeptOutsideTheHeadingStillCounts() throws {
        // The anchor moved into the text: links still land in the section.
        let translation = try Sample.translation.replacingOnce(
            "## <a name=\"providing-customer-support\"></a>Atención al cliente",
            with: "## Atención al cliente\n\n<a name=\"providing-customer-support\"></a>Texto.")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }

    @Test func renamedAnchorIsLeftToAnchorMismatch() throws {
        let translation = try Sample.translation.replacingOnce("name=\"providing-customer-support\"", with: "name=\"atencion\"")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }

    @Test func droppedHeadingWithoutAnchorsIsReported() throws {
        let source = "# Title\n\n## Install\n\nText.\n\n## Configure\n\nText.\n\n## Uninstall\n\nText.\n"
        let translation = "# Titre\n\n## Installer\n\nTexte.\n\n## Désinstaller\n\nTexte.\n"
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        // Paired by position, the last heading is the one left over; the message says so.
        #expect(found.map(Sample.places) == ["content/es-ES/a.md:7 <- content/en-US/a.md:11"])
        #expect(found.first?.message == "section 'Uninstall' (source content/en-US/a.md:11) has no counterpart here; headings without anchors pair by position, so one of the headings of this part is missing")
    }
}
