import ConcordCheck
import ConcordModel
import Testing

@Suite struct ProcedureCountTests {
    let rule = ProcedureCount()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func procedureWithoutItsLeadInIsMissing() throws {
        // Without the bold lead-in the numbered list is no procedure any more.
        let translation = try Sample.translation.replacingOnce(
            "**Para enviar una solicitud de servicio con 21Vianet parte de un cliente**",
            with: "Para enviar una solicitud de servicio con 21Vianet parte de un cliente")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        // No procedure left in the section: the finding sits on the section's heading.
        #expect(found.map(Sample.places) == ["\(es):56 <- \(en):55"])
        #expect(found.first?.message == "1 procedure in source \(en):55, 0 here")
    }

    @Test func extraProcedureIsReportedAtTheFirstProcedureOfTheSection() throws {
        let translation = try Sample.translation.inserting(
            "**Otro procedimiento**\n\n1. Paso uno.\n2. Paso dos.\n", before: "## <a name=\"providing-customer-support\">")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):27 <- \(en):22"])
        #expect(found.first?.message == "1 procedure in source \(en):22, 2 here")
    }
}
