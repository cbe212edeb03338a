import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("broken-anchor")
struct BrokenAnchorTests {
    typealias File = LinkFixtures.File

    @Test func fragmentNamingNoAnchorOfTheSameArticle() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # Title

            See [setup](#set-up) and [usage](#usage).

            ## Setup

            ## Usage
            """)])
        let findings = LinkFixtures.findings(BrokenAnchor(), content)
        #expect(findings.map(\.description) == [
            "en-US/a.md:3:5: error: link to '#set-up' names no anchor of this article; did you mean '#setup'? [broken-anchor]",
        ])
    }

    @Test func fragmentOfAnotherArticleIsLookedUpThere() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[ok](b.md#details) [case](B.md#DETAILS) [bad](b.md#nowhere) [image anchor](b.md#pic)\n"),
            File("en-US", "b.md", "# B\n\n## Details\n\n<a name=\"pic\"></a>\n![p](p.png)\n"),
        ], others: ["en-US": ["p.png"]])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).map(\.message) == [
            "link to 'b.md#nowhere' names no anchor of en-US/b.md",
        ])
    }

    @Test func headingsWithAnExplicitAnchorAnswerToTheirSlugToo() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            [zip](#zip) [slug](#installing-the-zip-package) [again](#notes-1)

            ## <a id="zip" />Installing the ZIP package

            ## Notes

            ## Notes
            """)])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).isEmpty)
    }

    @Test func fragmentsOfURLsAndUnreadFilesAreNotChecked() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            [web](https://example.com/page#x) [site](/docs/page#x) [code](sample.vb#L10-L20) [gone](gone.md#x)
            """)], others: ["en-US": ["sample.vb"]])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).isEmpty)
    }

    @Test func aTranslationThatKeptTheSourceFragmentOfATranslatedHeadingIsToldTheNewAnchor() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# Get-Date\n\nSee [Notes](#notes).\n\n## Notes\n"),
            File("fr-FR", "a.md", "# Get-Date\n\nVoir [Remarques](#notes).\n\n## Remarques\n"),
        ])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).map(\.description) == [
            "fr-FR/a.md:3:6: error: link to '#notes' names no anchor of this article; did you mean '#remarques'? [broken-anchor]",
        ])
    }

    @Test func aBrokenFragmentCopiedFromTheSourceIsReportedOnceInTheSource() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[x](#missing)\n"),
            File("es-ES", "a.md", "# A\n\n[x](#missing)\n"),
        ])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).map(\.location.file) == ["en-US/a.md"])
    }

    @Test func aLinkFallingBackToTheSourceIsCheckedAgainstTheSourceArticle() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[b](b.md#part)\n"),
            File("en-US", "b.md", "# B\n\n## Part\n"),
            File("es-ES", "a.md", "# A\n\n[b](b.md#part) [b](b.md#parte)\n"),
        ])
        #expect(LinkFixtures.findings(BrokenAnchor(), content).map(\.message) == [
            "link to 'b.md#parte' names no anchor of en-US/b.md; did you mean '#part'?",
        ])
    }
}
