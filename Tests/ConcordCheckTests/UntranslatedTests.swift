@testable import ConcordCheck
import ConcordModel
import Testing

@Suite struct UntranslatedTests {
    let rule = Untranslated()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func offByDefault() {
        #expect(rule.defaultSetting == .off)
    }

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func paragraphLeftInEnglishIsReported() throws {
        let source = try Sample.source
        let english = try #require(source.split(separator: "\n").first { $0.hasPrefix("This article explains") })
        var lines = try Sample.translation.split(separator: "\n", omittingEmptySubsequences: false)
        lines[20] = english
        let found = try Sample.findings(rule, source: source, translation: lines.joined(separator: "\n"))
        #expect(found.map(Sample.places) == ["\(es):21 <- \(en):16"])
        #expect(found.first?.message == "text is identical to source \(en):16; not translated?")
    }

    @Test func namesCodeAndUrlsAloneAreNotProse() throws {
        let source = "# T\n\nPartner Center operated by 21Vianet\n\n`Get-Process -Name pwsh -IncludeUserName`\n\nSee https://example.com/a/b/c/d.\n"
        #expect(try Sample.findings(rule, source: source, translation: source, path: "a.md").isEmpty)
    }
}

extension UntranslatedTests {
    @Test func proseWordsOfSpacedAndUnspacedScripts() {
        #expect(Untranslated.proseWords(in: "This article explains how to get support.") == 6)
        #expect(Untranslated.proseWords(in: "Partner Center operated by 21Vianet") == 2)
        #expect(Untranslated.proseWords(in: "Get-Process -Name pwsh and $PSVersionTable.PSVersion") == 2)
        #expect(Untranslated.proseWords(in: "本文介绍如何获取支持") == 5)
        #expect(Untranslated.proseWords(in: "Office 365 管理中心") == 2)
    }
}
