import ConcordCheck
import ConcordModel
import Testing

@Suite struct DuplicateAnchorTests {
    let rule = DuplicateAnchor()

    @Test func sampleArticlesHaveNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func sectionAndExtraAnchorWithTheSameNameAreReportedOnce() throws {
        let translation = try Sample.translation.replacingOnce(
            "En este artículo se explica", with: "<a name=\"getting-customer-support\"></a>En este artículo se explica")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        // Reported on the second definition, the one a reader would not reach.
        #expect(found.map(Sample.places) == ["content/es-ES/customer-support.md:23"])
        #expect(found.first?.message == "anchor 'getting-customer-support' is defined 2 times: lines 21, 23; links reach only the first")
        #expect(found.first?.severity == .error)
    }

    @Test func repeatedHeadingAnchorsAreOneFindingNamingEveryLine() throws {
        let markdown = """
            # T

            ## <a name="cmdlets-supported"></a>Applets

            Texte.

            ## <a name="cmdlets-supported"></a>Applets

            ## <a name="cmdlets-supported"></a>Applets
            """
        let found = Sample.findings(rule, in: try Sample.content(["en-US/a.md": markdown]))
        #expect(found.map(Sample.places) == ["content/en-US/a.md:7"])
        #expect(found.first?.message == "anchor 'cmdlets-supported' is defined 3 times: lines 3, 7, 9; links reach only the first")
    }

    @Test func slugsOfRepeatedTitlesAreNotDuplicates() throws {
        let markdown = "# T\n\n## Examples\n\n## Examples\n"
        #expect(Sample.findings(rule, in: try Sample.content(["en-US/a.md": markdown])).isEmpty)
    }
}
