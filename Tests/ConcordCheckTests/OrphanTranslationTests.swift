import ConcordCheck
import ConcordModel
import Testing

@Suite struct OrphanTranslationTests {
    let rule = OrphanTranslation()

    @Test func pairedArticlesGiveNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func addedTranslationWithoutSourceIsReported() throws {
        let content = try Sample.content([
            "en-US/customer-support.md": Sample.source,
            "es-ES/customer-support.md": Sample.translation,
            "es-ES/soporte.md": "# Soporte\n\nTexto.\n",
        ])
        let found = Sample.findings(rule, in: content)
        #expect(found.map(Sample.places) == ["content/es-ES/soporte.md:1"])
        #expect(found.first?.message == "no en-US source for this translation at content/en-US/soporte.md")
        #expect(found.first?.severity == .warning)
    }
}
