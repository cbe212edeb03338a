import ConcordCheck
import ConcordModel
import Testing

@Suite struct AlertMismatchTests {
    let rule = AlertMismatch()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    func withNote(_ translationAlert: String?) throws -> (String, String) {
        let source = try Sample.source.inserting("> [!NOTE]\n> Requests are answered within one day.\n", before: "**See also**")
        var translation = try Sample.translation
        if let translationAlert {
            translation = try translation.inserting("> [!\(translationAlert)]\n> Las solicitudes se responden en un día.\n", before: "**Vea también**")
        }
        return (source, translation)
    }

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
        let (source, translation) = try withNote("NOTE")
        #expect(try Sample.findings(rule, source: source, translation: translation).isEmpty)
    }

    @Test func droppedAlertIsReported() throws {
        let (source, translation) = try withNote(nil)
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):33 <- \(en):44"])
        #expect(found.first?.message == "[!NOTE] alert of source \(en):44 is missing here (1 alert in source section, 0 here)")
        #expect(found.first?.severity == .warning)
    }

    @Test func alertOfAnotherKindIsReported() throws {
        let (source, translation) = try withNote("WARNING")
        let line = try translation.line(of: "> [!WARNING]")
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):\(line) <- \(en):44"])
        #expect(found.first?.message == "[!WARNING] alert here, [!NOTE] alert in source \(en):44")
    }

    @Test func alertInAnotherSectionIsMissingThereAndExtraHere() throws {
        let (source, _) = try withNote(nil)
        let translation = try Sample.translation.inserting("> [!NOTE]\n> Nota.\n", before: "**Para enviar una solicitud de servicio con 21Vianet**")
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(\.message) == [
            "[!NOTE] alert here is not in the source section \(en):18 (0 alerts in source section, 1 here)",
            "[!NOTE] alert of source \(en):44 is missing here (1 alert in source section, 0 here)",
        ])
    }
}
