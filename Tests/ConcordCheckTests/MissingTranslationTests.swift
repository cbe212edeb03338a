import ConcordCheck
import ConcordModel
import Testing

@Suite struct MissingTranslationTests {
    let rule = MissingTranslation()

    @Test func pairedArticlesGiveNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func deletedTranslationIsReportedOnItsWouldBePath() throws {
        let content = try Sample.content([
            "en-US/customer-support.md": Sample.source,
            "en-US/suspend-a-subscription.md": Sample.text("en-US", "suspend-a-subscription.md"),
            "es-ES/suspend-a-subscription.md": Sample.text("es-ES", "suspend-a-subscription.md"),
        ])
        let found = Sample.findings(rule, in: content)
        #expect(found.map(Sample.places) == ["content/es-ES/customer-support.md:1 <- content/en-US/customer-support.md:1"])
        #expect(found.first?.message == "no es-ES translation of content/en-US/customer-support.md; expected at this path")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.locale == "es-ES")
    }

    @Test func wholeSampleHasEveryTranslation() {
        let content = ContentSet.load(Configuration(contentRoot: Corpus.sampleContent, sourceLocale: "en-US"))
        #expect(content.translationLocales.count == 4)
        #expect(Sample.findings(rule, in: content).isEmpty)
    }
}
