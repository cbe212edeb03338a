import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("broken-link")
struct BrokenLinkTests {
    typealias File = LinkFixtures.File

    @Test func linkToMissingFileIsReportedWithItsPosition() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\nSee [B](b.md) and [C](c.md).\n"),
            File("en-US", "b.md", "# B\n"),
        ])
        let findings = LinkFixtures.findings(BrokenLink(), content)
        #expect(findings.map(\.description) == [
            "en-US/a.md:3:19: error: link target 'c.md' does not exist in en-US [broken-link]",
        ])
        #expect(findings.first?.locale == "en-US")
    }

    @Test func linksThatAreNotFileLinksAreNotChecked() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            [site](/powershell/module/x) [web](https://example.com/missing.md) [mail](mailto:a@b.c)
            [here](#a) [uid](xref:System.String) [proto](//cdn.example.com/x.png) [empty]()
            """)])
        #expect(LinkFixtures.findings(BrokenLink(), content).isEmpty)
    }

    @Test func pathsResolveRelativeToTheArticleFolderAsDocsPlatformsServeThem() throws {
        let content = try LinkFixtures.content([
            File("en-US", "guide/start.md", """
                # Start

                [up](../index.md) [same](./next.md) [case](NEXT.MD) [no extension](next)
                [query](next.md?view=powershell-7.1) [fragment](next.md#top) [folder](../media/)
                [encoded](my%20file.md) [folder with slash](./) [backslash](..\\index.md)
                """),
            File("en-US", "guide/next.md", "# Next\n"),
            File("en-US", "guide/my file.md", "# Mine\n"),
            File("en-US", "index.md", "# Home\n"),
        ], others: ["en-US": ["media/a.png"]])
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.description) == [])
    }

    @Test func imagesAndIncludesAreFileLinksToo() throws {
        let content = try LinkFixtures.content([File("en-US", "a.md", """
            # A

            ![shot](media/missing.png)

            [!INCLUDE [note](includes/missing.md)]
            """)], others: ["en-US": ["media/other.png", "includes/other.md"]])
        let findings = LinkFixtures.findings(BrokenLink(), content)
        #expect(findings.map(\.message) == [
            "image target 'media/missing.png' does not exist in en-US",
            "include target 'includes/missing.md' does not exist in en-US",
        ])
    }

    @Test func translationsFallBackToTheSourceLocale() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[B](b.md)\n"),
            File("en-US", "b.md", "# B\n"),
            File("es-ES", "a.md", "# A\n\n[B](b.md) [C](c.md)\n"),
        ])
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.description) == [
            "es-ES/a.md:3:11: error: link target 'c.md' exists neither in es-ES nor in en-US [broken-link]",
        ])
    }

    @Test func aBrokenLinkCopiedFromTheSourceIsReportedOnceInTheSource() throws {
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n[gone](gone.md)\n"),
            File("fr-FR", "a.md", "# A\n\n[parti](gone.md)\n"),
        ])
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.location.file) == ["en-US/a.md"])
    }

    @Test func anyReferenceCopiedBrokenFromTheSourceIsReportedOnceInTheSource() throws {
        // Whichever kind of reference writes it in the source (an image here, a link there).
        let content = try LinkFixtures.content([
            File("en-US", "a.md", "# A\n\n![pic](media/gone.png)\n\n[gone](gone.md)\n"),
            File("fr-FR", "a.md", "# A\n\n[image](media/gone.png)\n\n![parti](gone.md) [autre](other.md)\n"),
        ], others: ["en-US": ["media/x.png"]])
        #expect(LinkFixtures.findings(BrokenLink(), content).map { "\($0.location.file):\($0.location.line)" } == [
            "en-US/a.md:3", "en-US/a.md:5", "fr-FR/a.md:5",
        ])
    }

    @Test func aNearSpellingIsSuggested() throws {
        let content = try LinkFixtures.content([
            File("en-US", "install/a.md", "# A\n\n[B](Installing-Windows-PowerShel.md) [C](c.md)\n"),
            File("en-US", "install/Installing-Windows-PowerShell.md", "# B\n"),
            File("en-US", "install/b.md", "# B\n"),
        ])
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.message) == [
            "link target 'Installing-Windows-PowerShel.md' does not exist in en-US; did you mean 'Installing-Windows-PowerShell.md'?",
            "link target 'c.md' does not exist in en-US",
        ])
    }

    @Test func aRenamedFileIsSuggested() throws {
        let content = try LinkFixtures.content([
            File("es-ES", "China-a.md", "# A\n\n[B](customer-support.md)\n"),
            File("es-ES", "China-customer-support.md", "# B\n"),
        ], source: "es-ES")
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.message) == [
            "link target 'customer-support.md' does not exist in es-ES; did you mean 'China-customer-support.md'?",
        ])
    }

    @Test func linksIntoPartsOfTheTreeThatAreNotThereCannotBeVerified() throws {
        // No image at all in the tree (media kept elsewhere), and no `includes/` folder in any
        // locale (a partial checkout): a missing file there proves nothing.
        let content = try LinkFixtures.content([File("en-US", "docs/a.md", """
            # A

            ![x](media/x.png) [!INCLUDE [t](../../includes/x.md)] [i](../includes/y.md)
            [outside](../../../elsewhere/z.md) [typo](../docs/b.md)
            """)])
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.message) == [
            "link target '../docs/b.md' does not exist in en-US",
        ])
    }

    @Test func linksAboveTheLocaleRootAreCheckedOnDiskInsideTheContentRootOnly() throws {
        let root = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write("# A\n\n![shared](../media/logo.png) ![missing](../media/gone.png) [es](../es-ES/a.md) [out](../../secret.md) [de](../es-ES/b.md)\n",
                               to: "content/en-US/a.md", in: root)
        try LinkFixtures.write("png", to: "content/media/logo.png", in: root)
        try LinkFixtures.write("# A\n", to: "content/es-ES/a.md", in: root)
        try LinkFixtures.write("secret", to: "secret.md", in: root)
        let content = ContentSet.load(Configuration(contentRoot: root + "/content", sourceLocale: "en-US"))
        let findings = LinkFixtures.findings(BrokenLink(), content)
        #expect(findings.map(\.message) == [
            "image target '../media/gone.png' does not exist in the content root",
            "link target '../es-ES/b.md' does not exist in es-ES",
        ])
    }

    @Test func symbolicLinksOutOfTheContentRootDoNotCount() throws {
        let root = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write("# A\n\n[x](../shared/secret.md)\n", to: "content/en-US/a.md", in: root)
        try LinkFixtures.write("secret", to: "outside/secret.md", in: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/shared", withDestinationPath: root + "/outside")
        let content = ContentSet.load(Configuration(contentRoot: root + "/content", sourceLocale: "en-US"))
        #expect(LinkFixtures.findings(BrokenLink(), content).map(\.message) == [
            "link target '../shared/secret.md' does not exist in the content root",
        ])
    }
}
