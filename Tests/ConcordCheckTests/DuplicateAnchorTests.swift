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
        #expect(found.first?.message == "anchor 'getting-customer-support' is defined 2 times: lines 21, 23; no link targets it yet; one would reach only the first")
        // Nothing links to it: a warning until a link does.
        #expect(found.first?.severity == .warning)
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
        #expect(found.first?.message == "anchor 'cmdlets-supported' is defined 3 times: lines 3, 7, 9; no link targets it yet; one would reach only the first")
    }

    @Test func slugsOfRepeatedTitlesAreNotDuplicates() throws {
        let markdown = "# T\n\n## Examples\n\n## Examples\n"
        #expect(Sample.findings(rule, in: try Sample.content(["en-US/a.md": markdown])).isEmpty)
    }

    static let repeated = "# T\n\n## <a name=\"summary\"></a>Summary\n\nText.\n\n## <a name=\"summary\"></a>Summary\n"
    static let repeatedFr = "# T\n\n## <a name=\"summary\"></a>Résumé\n\nTexte.\n\n## <a name=\"summary\"></a>Résumé\n"

    @Test func aLinkedDuplicateIsAnError() throws {
        let linking = "# L\n\nSee [the summary](a.md#Summary).\n"
        let found = Sample.findings(rule, in: try Sample.content(["en-US/a.md": Self.repeated, "en-US/l.md": linking]))
        #expect(found.map(\.severity) == [.error])
        #expect(found.first?.message == "anchor 'summary' is defined 2 times: lines 3, 7; links to it reach only the first")
    }

    @Test func aDuplicateTheSourceHasTooIsReportedOnceAtTheSource() throws {
        let found = Sample.findings(rule, in: try Sample.content([
            "en-US/a.md": Self.repeated, "fr-FR/a.md": Self.repeatedFr, "de-DE/a.md": Self.repeatedFr,
        ]))
        #expect(found.map(Sample.places) == ["content/en-US/a.md:7"])
    }

    @Test func aTranslationIsBlamedForTheRepeatsItAdds() throws {
        // The source defines 'summary' twice; the translation three times.
        let more = Self.repeatedFr + "\n## <a name=\"summary\"></a>Résumé\n"
        let found = Sample.findings(rule, in: try Sample.content(["en-US/a.md": Self.repeated, "fr-FR/a.md": more]))
        #expect(found.map(Sample.places) == ["content/en-US/a.md:7", "content/fr-FR/a.md:7"])
        #expect(found.last?.message.hasPrefix("anchor 'summary' is defined 3 times") == true)
    }

    @Test(.enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func partnerCenterDuplicatesAreReportedOncePerSource() {
        let content = Corpus.load("partner-center", source: "es-ES")
        let found = Corpus.findings(content, rules: [rule])
        let bySource = found.filter { $0.locale == "es-ES" }
        // The source's repeats are reported there; every locale copies them and is not blamed.
        #expect(bySource.count > 100)
        // What is left in translations are repeats the es-ES source does not have (de-DE, ja-JP
        // and zh-CN are snapshots of older sources).
        for finding in found where finding.locale != "es-ES" {
            let path = String(finding.location.file.split(separator: "/").drop { !["de-DE", "fr-FR", "ja-JP", "pt-BR", "zh-CN"].contains($0) }.dropFirst().joined(separator: "/"))
            let source = content.article(path, in: "es-ES")
            let name = String(finding.message.split(separator: "'")[1])
            #expect(source.map { article in article.anchorMentions.filter { $0.name == name }.count < 2 } ?? true, "\(finding)")
        }
        #expect(found.filter { $0.locale != "es-ES" }.count < bySource.count / 10)
    }
}
