@testable import ConcordTranslation
import Testing

/// A translation's unit put into its source unit's terms: the export's target for a unit.
@Suite struct CodeMappingTests {
    private func read(_ markdown: String) -> InlineContent {
        InlineScanner.content(of: Array(markdown.utf8), quoted: false)
    }

    @Test func wordsAloneKeepTheirTextAndLeaveOutOnlyWhatATranslationMay() {
        // Bold may be left out: the target is the words, with the source's codes for the writers.
        let bold = CodeMapping.target(read("Sélectionnez Nouveau."), onto: read("Select **New**."))
        #expect(bold?.pieces == [.text("Sélectionnez Nouveau.")])
        #expect(bold?.codes == read("Select **New**.").codes)
        // A link may not: the translation cannot be the target.
        #expect(CodeMapping.target(read("Voir le guide."), onto: read("See [the guide](guide.md).")) == nil)
        #expect(CodeMapping.target(read("Bonjour"), onto: read("Hello")) == InlineContent(pieces: [.text("Bonjour")]))
    }

    @Test func codesTakeTheSourcesIdsAndKeepTheirOwnMarkup() {
        let mapped = CodeMapping.target(read("Voir __le guide__ et [l'aide](fr/help.md)."), onto: read("See [help](help.md) and **the guide**."))
        #expect(mapped?.markdown == "Voir __le guide__ et [l'aide](fr/help.md).")
        #expect(mapped?.codeOrder == [2, 1])
        #expect(mapped?.code(1)?.end == "](fr/help.md)" && mapped?.code(2)?.start == "__")
    }
}
