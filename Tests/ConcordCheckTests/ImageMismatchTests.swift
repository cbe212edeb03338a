import ConcordCheck
import ConcordModel
import Testing

@Suite struct ImageMismatchTests {
    let rule = ImageMismatch()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    /// The seed article with a screenshot after the first procedure, in both languages.
    func withImages(_ translationImage: String?) throws -> (String, String) {
        let source = try Sample.source.inserting("![Partner Center requests](media/requests.png)\n", before: "## <a name=\"providing-customer-support\">")
        var translation = try Sample.translation
        if let translationImage {
            translation = try translation.inserting("![Solicitudes](\(translationImage))\n", before: "## <a name=\"providing-customer-support\">")
        }
        return (source, translation)
    }

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func localizedCopyInALocaleFolderIsTheSameImage() throws {
        let (source, translation) = try withImages("media/es-es/Requests.PNG")
        #expect(try Sample.findings(rule, source: source, translation: translation).isEmpty)
    }

    @Test func otherImageIsReportedWithBothNames() throws {
        let (source, translation) = try withImages("media/es-es/dashboard.png")
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):33 <- \(en):28"])
        #expect(found.first?.message == "image 'dashboard.png' here, 'requests.png' in source \(en):28")
    }

    @Test func missingImageIsReportedOnItsSection() throws {
        let (source, translation) = try withImages(nil)
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):23 <- \(en):28"])
        #expect(found.first?.message == "image 'requests.png' of source \(en):28 is missing here (1 image in source, 0 here)")
    }

    @Test func extraImageIsReported() throws {
        let translation = try Sample.translation.inserting("![Extra](media/extra.png)\n", before: "**Vea también**")
        let line = try translation.line(of: "media/extra.png")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):\(line) <- \(en):28"])
        #expect(found.first?.message == "image 'extra.png' is not in the source section \(en):28 (0 images in source, 1 here)")
    }
}
