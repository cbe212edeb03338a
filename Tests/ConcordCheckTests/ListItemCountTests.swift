import ConcordCheck
import ConcordModel
import Testing

@Suite struct ListItemCountTests {
    let rule = ListItemCount()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func droppedCategoryIsReportedOnTheList() throws {
        let translation = try Sample.translation.removingLine(containing: "-   Configuración de software")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):39 <- \(en):34"])
        #expect(found.first?.message == "7 items in the source list \(en):34, 6 here")
    }

    @Test func droppedRelatedLinkIsReported() throws {
        let translation = try Sample.translation.removingLine(containing: "(provide-billing-support.md)")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):51 <- \(en):46"])
        #expect(found.first?.message == "3 links in the source's see-also list \(en):46, 2 here")
    }

    @Test func appliesToItemsAreCounted() throws {
        let source = "# T\n\n**Applies to**\n\n- Partner Center\n- Partner Center operated by 21Vianet\n\n## Next\n\nText.\n"
        let translation = "# T\n\n**Se aplica a**\n\n- Centro de partners\n\n## Siguiente\n\nTexto.\n"
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        #expect(found.map(Sample.places) == ["content/es-ES/a.md:5 <- content/en-US/a.md:5"])
        #expect(found.first?.message == "2 items in the source's applies-to list content/en-US/a.md:5, 1 here")
    }

    @Test func listThatStoppedBeingACategoryListIsNotCompared() throws {
        // A link added to an item makes it no plain list; pairing the remaining lists by order
        // would compare the wrong ones, so the section is skipped (link-mismatch speaks instead).
        let translation = try Sample.translation.replacingOnce(
            "-   Configuración de software ", with: "-   [Configuración de software](https://example.com)")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }
}
