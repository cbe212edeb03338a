import ConcordCheck
import ConcordModel
import Testing

@Suite struct NumberMismatchTests {
    let rule = NumberMismatch()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func changedNumberIsReportedWithBothNumbers() throws {
        let translation = try Sample.translation.replacingOnce("(24 horas al día", with: "(12 horas al día")
        let found = try Sample.findings(rule, source: Sample.source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):35 <- \(en):30"])
        #expect(found.first?.message == "12 here where source \(en):30 has 24")
    }

    @Test func changedNumberInAStepIsReportedOnTheStep() throws {
        let source = try Sample.text("en-US", "suspend-a-subscription.md")
        let translation = try Sample.text("es-ES", "suspend-a-subscription.md").replacingOnce("60 días", with: "30 días")
        let found = try Sample.findings(rule, source: source, translation: translation, path: "suspend-a-subscription.md")
        let here = try translation.line(of: "30 días"), there = try source.line(of: "60 days")
        #expect(found.map(Sample.places) == ["content/es-ES/suspend-a-subscription.md:\(here) <- content/en-US/suspend-a-subscription.md:\(there)"])
        #expect(found.first?.message == "30 here where source content/en-US/suspend-a-subscription.md:\(there) has 60")
    }

    @Test(arguments: ["customer-support.md", "provide-technical-support.md", "suspend-a-subscription.md"])
    func spelledOutAndAddedNumbersInTheSampleAreNoMismatch(path: String) throws {
        // zh-CN "全年全天候" for "24 hours a day, 365 days a year", "六十天" for 60 days;
        // ja-JP "1 日に" adds a 1 for "a day" and splits "21Vianet" into "21 vianet".
        let content = try Sample.content([
            "en-US/\(path)": Sample.text("en-US", path),
            "ja-JP/\(path)": Sample.text("ja-JP", path),
            "zh-CN/\(path)": Sample.text("zh-CN", path),
        ])
        #expect(Sample.findings(rule, in: content).isEmpty)
    }

    @Test func localeNotationsOfTheSameNumberAgree() throws {
        let source = "# T\n\nUp to 1,000 users, 1.5 GB each, for 43200000 ms.\n"
        let translation = "# T\n\nJusqu’à 1\u{202F}000 utilisateurs, 1,5 Go chacun, pendant 43,2 millions de ms.\n"
        #expect(try Sample.findings(rule, source: source, translation: translation, path: "a.md").isEmpty)
    }

    @Test func aRepeatedNumberPairsOncePerOccurrence() throws {
        // 365 is in the translation, but only once: the second 365 became 372.
        let source = "# T\n\nOffice 365 and Office 365 ProPlus for 30 days.\n"
        let translation = "# T\n\nOffice 365 et Office 372 ProPlus pendant 30 jours.\n"
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        #expect(found.map(\.message) == ["372 here where source content/en-US/a.md:3 has 365"])
    }

    @Test func aRepeatedNumberSpelledOutOnceOrAnAddedOneIsNoMismatch() throws {
        // One of two 365s spelled out leaves nothing extra; an added 1 leaves nothing missing.
        let source = "# T\n\n365 days, 365 nights, for a day.\n"
        let spelled = "# T\n\n365 jours, trois cent soixante-cinq nuits, pour une journée.\n"
        let added = "# T\n\n365 jours, 365 nuits, pour 1 journée.\n"
        #expect(try Sample.findings(rule, source: source, translation: spelled, path: "a.md").isEmpty)
        #expect(try Sample.findings(rule, source: source, translation: added, path: "a.md").isEmpty)
    }

    @Test func stepsAreComparedWhereParagraphsDoNotLineUp() throws {
        let source = "# T\n\nIntro.\n\n**To wait**\n\n1. Wait 5 minutes.\n2. Retry.\n"
        // An extra paragraph: blocks no longer pair by order, steps still do.
        let translation = "# T\n\nIntro.\n\nMás texto.\n\n**Para esperar**\n\n1. Espere 10 minutos.\n2. Reintente.\n"
        let found = try Sample.findings(rule, source: source, translation: translation, path: "a.md")
        #expect(found.map(Sample.places) == ["content/es-ES/a.md:9 <- content/en-US/a.md:7"])
        #expect(found.first?.message == "10 here where source content/en-US/a.md:7 has 5")
    }

    @Test func numbersInCodeAndUrlsAreNotCompared() throws {
        let source = "# T\n\nRun `Get-Item -Depth 2` or see https://example.com/page/3 for 4 items.\n"
        let translation = "# T\n\nExécutez `Get-Item -Depth 5` ou voyez https://example.com/page/7 pour 4 éléments.\n"
        #expect(try Sample.findings(rule, source: source, translation: translation, path: "a.md").isEmpty)
    }
}
