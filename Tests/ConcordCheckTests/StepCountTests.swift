import ConcordCheck
import ConcordModel
import Testing

@Suite struct StepCountTests {
    let rule = StepCount()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func deletedStepNamesBothCountsAndBothLines() throws {
        let translation = try Sample.translation.removingLine(containing: "4. Si su cliente")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):60 <- \(en):55"])
        #expect(found.first?.message == "4 steps in source \(en):55, 3 here")
        #expect(found.first?.severity == .error)
        #expect(found.first?.locale == "es-ES")
    }

    @Test func duplicatedStepIsReported() throws {
        let translation = try Sample.translation.duplicatingLine(containing: "2. Selecciona **Nueva solicitud**")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):27 <- \(en):22"])
        #expect(found.first?.message == "3 steps in source \(en):22, 4 here")
    }

    @Test func subStepsAreCountedUnderAlignedSteps() throws {
        let source = """
            # Title

            **To do it**

            1. Open the menu.
               1. Select **File**.
               2. Select **Open**.
            2. Pick a file.
            """
        let translation = """
            # Título

            **Para hacerlo**

            1. Abra el menú.
               1. Seleccione **Archivo**.
            2. Elija un archivo.
            """
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        #expect(found.map(Sample.places) == ["content/es-ES/a.md:5 <- content/en-US/a.md:5"])
        #expect(found.first?.message == "2 sub-steps under step 1 in source content/en-US/a.md:5, 1 here")
    }

    @Test func procedureMissingInASectionIsLeftToProcedureCount() throws {
        // Pairing the remaining procedure by order would compare the wrong lists of steps.
        let translation = try Sample.translation.replacingOnce(
            "**Para enviar una solicitud de servicio con 21Vianet**", with: "Para enviar una solicitud de servicio con 21Vianet")
            .removingLine(containing: "3. Rellena el formulario")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }
}
