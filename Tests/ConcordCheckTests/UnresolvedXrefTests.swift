import Testing
import ConcordModel
@testable import ConcordCheck

/// Cross references (`<xref:uid>`, `[text](xref:uid)`, `@uid`) in the checks: `unresolved-xref`,
/// `duplicate-uid`, and `link-mismatch` comparing them by the page their uid names.
@Suite("unresolved-xref and cross references in link-mismatch")
struct UnresolvedXrefTests {
    typealias File = LinkFixtures.File

    /// The cmdlet pages' rule of the PowerShell docs.
    static let cmdletRule = UIDPattern(pattern: "7.1/{module}/{name}.md", uid: "{module}.{name}")!

    static let pages = [
        File("en-US", "concepts/paths.md", "---\nuid: concepts.paths\n---\n# About paths\n"),
        File("en-US", "7.1/Management/Get-Location.md", "# Get-Location\n\n## <a name=\"examples\"></a>Examples\n"),
        File("en-US", "7.1/Management/Set-Location.md", "# Set-Location\n"),
    ]

    static func content(_ files: [File]) throws -> ContentSet {
        try LinkFixtures.content(pages + files, uidFromPath: [cmdletRule])
    }

    @Test("A uid no page defines is a finding at its line; front matter and uidFromPath define uids")
    func unresolvedUIDs() throws {
        let content = try Self.content([File("en-US", "a.md", """
            # A

            See <xref:concepts.paths>, [where you are](xref:Management.Get-Location#examples) and
            <xref:Management.Get-Location?displayProperty=fullName>.

            Not there: [Remove-Thing](xref:Management.Remove-Thing) and <xref:management.set-location>.
            """)])
        #expect(content.uids.path(of: "Management.Get-Location") == "7.1/Management/Get-Location.md")
        #expect(content.uids.path(of: "concepts.paths") == "concepts/paths.md")
        #expect(LinkFixtures.findings(UnresolvedXref(), content).map(\.description) == [
            "en-US/a.md:6:12: warning: cross reference to uid 'Management.Remove-Thing' is unresolved: no page defines it "
                + "(uid: front matter or xref.uidFromPath in concord.yml) [unresolved-xref]",
            "en-US/a.md:6:61: warning: cross reference to uid 'management.set-location' is unresolved: no page defines it "
                + "(uid: front matter or xref.uidFromPath in concord.yml); did you mean 'Management.Set-Location'? (uids match letter case) [unresolved-xref]",
        ])
    }

    @Test("A translation does not repeat its source's unresolved uid, but reports its own")
    func translationsReportTheirOwnOnly() throws {
        let content = try Self.content([
            File("en-US", "a.md", "# A\n\n[Gone](xref:Gone.Uid)\n"),
            File("fr-FR", "a.md", "# A\n\n[Parti](xref:Gone.Uid) et [autre](xref:Other.Uid)\n"),
        ])
        #expect(LinkFixtures.findings(UnresolvedXref(), content).map { "\($0.location.file):\($0.location.line) \($0.fingerprint ?? "")" } == [
            "en-US/a.md:3 unresolved-xref:Gone.Uid", "fr-FR/a.md:3 unresolved-xref:Other.Uid",
        ])
    }

    @Test("A translation that changes or drops a cross reference gets a link-mismatch finding with both lines")
    func changedAndDroppedCrossReferences() throws {
        let content = try Self.content([
            File("en-US", "a.md", """
                # A

                Use <xref:Management.Get-Location>.

                Then [Set-Location](xref:Management.Set-Location).
                """),
            File("fr-FR", "a.md", """
                # A

                Utilisez <xref:concepts.paths>.

                Puis Set-Location.
                """),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).map(\.description) == [
            "fr-FR/a.md:1:1: error: link to 'xref:Management.Set-Location' (en-US/a.md:5:6) is missing here [link-mismatch]",
            "fr-FR/a.md:3:10: error: link changed from 'xref:Management.Get-Location' (en-US/a.md:3:5) to 'xref:concepts.paths' [link-mismatch]",
        ])
    }

    @Test("xref:X, a link to X's file and xref:X?displayProperty=fullName are the same link")
    func sameTargetWrittenOtherwise() throws {
        let content = try Self.content([
            File("en-US", "7.1/a.md", "# A\n\nUse <xref:Management.Get-Location> and <xref:Management.Set-Location>.\n"),
            File("fr-FR", "7.1/a.md", "# A\n\nUtilisez [Get-Location](Management/Get-Location.md) et <xref:Management.Set-Location?displayProperty=fullName>.\n"),
        ])
        #expect(LinkFixtures.findings(LinkMismatch(), content).isEmpty)
    }

    @Test("@uid is a cross reference only where the uid is defined; an e-mail address never is")
    func shorthand() throws {
        let content = try Self.content([
            File("en-US", "a.md", "# A\n\nSee @Management.Get-Location. Thanks @octocat, write to me@concepts.paths or `@concepts.paths`.\n"),
            File("fr-FR", "a.md", "# A\n\nVoir Get-Location. Merci @octocat.\n"),
        ])
        let links = try #require(content.article("a.md", in: "en-US")).links
        #expect(links.map(\.destination) == ["xref:Management.Get-Location"])
        #expect(links.map(\.kind) == [.shorthand])
        #expect(LinkFixtures.findings(UnresolvedXref(), content).isEmpty)
        #expect(LinkFixtures.findings(LinkMismatch(), content).map(\.description) == [
            "fr-FR/a.md:1:1: error: link to 'xref:Management.Get-Location' (en-US/a.md:3:5) is missing here [link-mismatch]",
        ])
    }

    @Test("Two pages defining one uid: the first keeps it, the second is reported at its uid: line")
    func duplicateUIDs() throws {
        let content = try Self.content([
            File("en-US", "b.md", "---\ntitle: B\nuid: concepts.paths\n---\n# B\n"),
            File("fr-FR", "concepts/paths.md", "---\nuid: concepts.paths\n---\n# Chemins\n"),
        ])
        #expect(content.uids.path(of: "concepts.paths") == "b.md")
        #expect(content.structureDiagnostics.map(\.description) == [
            "en-US/concepts/paths.md:2:1: warning: uid 'concepts.paths' is already defined by en-US/b.md; cross references lead there [duplicate-uid]",
        ])
    }

    @Test("Past the limit, uids are not defined and one finding says so")
    func limit() {
        let pages = (0..<5).map { UIDTable.Page(locale: "en-US", path: "p\($0).md", file: "en-US/p\($0).md", uid: "u\($0)", line: 2) }
        let (table, findings) = UIDTable.build(pages: pages, rules: [], sourceLocale: "en-US", limit: 3)
        #expect(table.count == 3)
        #expect(findings.map(\.description) == [
            "en-US/p3.md:2:1: warning: more than 3 uids are defined; this page's uid 'u3' and later ones are not, so cross references to them are unresolved [uid-limit]",
        ])
    }
}
