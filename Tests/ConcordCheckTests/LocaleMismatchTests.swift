import ConcordCheck
import ConcordModel
import Testing

@Suite struct LocaleMismatchTests {
    let rule = LocaleMismatch()

    @Test func untouchedArticlesGiveNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func wrongContentLocaleIsReportedOnItsLine() throws {
        let translation = try Sample.translation.replacingOnce("ms.contentlocale: es-ES", with: "ms.contentlocale: es-MX")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["content/es-ES/customer-support.md:11"])
        #expect(found.first?.message == "ms.contentlocale is 'es-MX' but the file is in the es-ES folder")
        #expect(found.first?.severity == .error)
    }

    @Test func sourceLocaleIsCheckedToo() throws {
        let source = try Sample.source.replacingOnce("ms.contentlocale: en-US", with: "ms.contentlocale: es-ES")
        let found = try Sample.findings(rule, source: source, translation: Sample.translation)
        #expect(found.map(Sample.places) == ["content/en-US/customer-support.md:8"])
    }

    @Test func caseDoesNotMatter() throws {
        let translation = try Sample.translation.replacingOnce("ms.contentlocale: es-ES", with: "ms.contentlocale: es-es")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }

    @Test func absentKeyIsNotAMismatch() throws {
        let translation = try Sample.translation.removingLine(containing: "ms.contentlocale")
        #expect(try Sample.findings(rule, source: Sample.source, translation: translation).isEmpty)
    }
}
