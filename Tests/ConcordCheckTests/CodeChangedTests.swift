import ConcordCheck
import ConcordModel
import Testing

@Suite struct CodeChangedTests {
    let rule = CodeChanged()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    static let code = """
        ```powershell
        # Get the open requests
        Get-SupportRequest -Status Open   # only open ones
        <# The list can be long:
           page through it. #>
        Get-SupportRequest | Select-Object -First 10 // first page
        ```

        """

    func withCode(_ translated: String?) throws -> (String, String) {
        let source = try Sample.source.inserting(Self.code, before: "## <a name=\"providing-customer-support\">")
        var translation = try Sample.translation
        if let translated { translation = try translation.inserting(translated, before: "## <a name=\"providing-customer-support\">") }
        return (source, translation)
    }

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
        let (source, translation) = try withCode(Self.code)
        #expect(try Sample.findings(rule, source: source, translation: translation).isEmpty)
    }

    @Test func translatedCommentsAndReflowedSpacesAreNoChange() throws {
        let translated = """
            ```powershell
            # Obtener las solicitudes abiertas
            Get-SupportRequest  -Status Open # solo las abiertas
            <# La lista puede ser larga: pagínela. #>
            Get-SupportRequest | Select-Object\u{A0}-First 10 // primera página
            ```

            """
        let (source, translation) = try withCode(translated)
        #expect(try Sample.findings(rule, source: source, translation: translation).isEmpty)
    }

    @Test func changedCodeIsReportedWithBothLines() throws {
        let (source, translation) = try withCode(Self.code.replacingOnce("-First 10", with: "-First 20"))
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):33 <- \(en):28"])
        #expect(found.first?.message == "code differs from source \(en):28: `…elect-Object -First 20` here, `…elect-Object -First 10` in source")
    }

    @Test func droppedCodeBlockIsReportedOnTheSection() throws {
        let (source, translation) = try withCode(nil)
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):23 <- \(en):28"])
        #expect(found.first?.message == "1 code block in source \(en):28, 0 here")
    }

    @Test func stringsAreNotComments() throws {
        let source = "# T\n\n```powershell\nWrite-Host \"# not a comment\"\n```\n"
        let translation = "# T\n\n```powershell\nWrite-Host \"# pas un commentaire\"\n```\n"
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        #expect(found.map(Sample.places) == ["content/es-ES/a.md:3 <- content/en-US/a.md:3"])
    }
}
