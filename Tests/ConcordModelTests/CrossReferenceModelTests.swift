import Testing
@testable import ConcordModel

/// The parts of cross references the model owns: `xref.uidFromPath` rules, the `@uid` scanner,
/// and `xref:` destinations resolved through the uid table.
@Suite("Cross references in the model")
struct CrossReferenceModelTests {
    @Test("A uidFromPath rule matches whole path components, as spelled, and makes the uid")
    func patterns() throws {
        let rule = try #require(UIDPattern(pattern: "7.1/{module}/{name}.md", uid: "{module}.{name}"))
        #expect(rule.uid(forPath: "7.1/Microsoft.PowerShell.Management/Get-Location.md") == "Microsoft.PowerShell.Management.Get-Location")
        #expect(rule.uid(forPath: "7.1/Microsoft.PowerShell.Core/About/about_Scopes.md") == nil)
        #expect(rule.uid(forPath: "7.1/Core/Get-Help.MD") == nil)
        #expect(rule.uid(forPath: "7.2/Core/Get-Help.md") == nil)
        #expect(rule.uid(forPath: "7.1/Core/.md") == nil)
        let prefixed = try #require(UIDPattern(pattern: "docs/{area}/howto-{topic}.md", uid: "howto:{area}/{topic}"))
        #expect(prefixed.uid(forPath: "docs/billing/howto-pay.md") == "howto:billing/pay")
        #expect(prefixed.uid(forPath: "docs/billing/pay.md") == nil)
    }

    @Test("A rule that cannot be used says why", arguments: [
        ("/7.1/{name}.md", "{name}", "is a path from the locale root"),
        ("../{name}.md", "{name}", "is a path from the locale root"),
        ("{a}{b}.md", "{a}", "two placeholders side by side"),
        ("{name}/{name}.md", "{name}", "names '{name}' twice"),
        ("{name.md", "{name}", "unclosed or empty"),
        ("{name}.md", "{module}.{name}", "uses '{module}', which the pattern does not match"),
        ("{name}.md", "", "both needed"),
    ])
    func problems(pattern: String, uid: String, reason: String) {
        #expect(UIDPattern(pattern: pattern, uid: uid) == nil)
        #expect(UIDPattern.problem(pattern: pattern, uid: uid)?.contains(reason) == true, "\(UIDPattern.problem(pattern: pattern, uid: uid) ?? "no problem")")
    }

    @Test("@uid starts at a space, a bracket or a quote, never inside a word; closing punctuation is not part of it")
    func shorthandCandidates() {
        func uids(_ text: String) -> [String] { UIDShorthand.candidates(in: Array(text.utf8)).map(\.uid) }
        #expect(uids("See @System.String.") == ["System.String"])
        #expect(uids("@a.b: (@c-d) [@e] \"@f\" '@g'") == ["a.b", "c-d", "e", "f", "g"])
        #expect(uids("me@contoso.com, a@b, @1x, @ alone, @") == [])
        let candidate = UIDShorthand.candidates(in: Array("x @Uid.One y".utf8))
        #expect(candidate.map { [$0.start, $0.end] } == [[2, 10]])
    }

    @Test("An xref: resolves to the page of its uid, in the reader's locale else the source's; letter case counts")
    func resolution() throws {
        var configuration = Configuration(contentRoot: "/nonexistent", sourceLocale: "en-US", locales: ["en-US", "fr-FR"])
        configuration.uidFromPath = [try #require(UIDPattern(pattern: "ref/{name}.md", uid: "Ref.{name}"))]
        func article(_ locale: String, _ path: String, _ markdown: String) throws -> Article {
            try #require(ArticleLoader.load(markdown: markdown, path: path, locale: locale, file: "\(locale)/\(path)").article)
        }
        let content = ContentSet(configuration: configuration, articles: [
            try article("en-US", "ref/Get.md", "# Get\n"), try article("en-US", "ref/Set.md", "# Set\n"),
            try article("fr-FR", "ref/Get.md", "# Obtenir\n"), try article("en-US", "guide.md", "---\nuid: guide\n---\n# Guide\n"),
        ])
        let targets = LinkTargets(content: content)
        func target(_ destination: String) -> LinkTarget { targets.resolve(LinkDestination(destination), from: "x/y.md", locale: "fr-FR") }
        #expect(target("xref:Ref.Get") == .article(locale: "fr-FR", path: "ref/Get.md"))
        #expect(target("xref:Ref.Set?displayProperty=fullName#a") == .article(locale: "en-US", path: "ref/Set.md"))
        #expect(target("xref:guide") == .article(locale: "en-US", path: "guide.md"))
        #expect(target("xref:ref.get") == .xref)
        #expect(target("xref:Nothing") == .xref)
        #expect(LinkDestination("xref:Ref.Set?displayProperty=fullName#a").pageSuffix == "#a")
        #expect(LinkDestination("xref:A%60B").uid == "A`B")
        #expect(content.uids.differentlyCased("ref.get") == "Ref.Get")
    }
}
