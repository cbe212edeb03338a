import Foundation
import Testing
@testable import ConcordModel
import ConcordMarkdown

/// Every article of the real corpus builds, and translations of the same article have the same shape.
@Suite("Corpus", .enabled(if: Fixtures.corpusIsAvailable, "needs ../shared/corpus beside the repository"))
struct CorpusTests {
    @Test func everyCorpusArticleBuildsWithoutError() throws {
        var total = 0
        for family in ["partner-center-china", "powershell"] {
            let root = Fixtures.corpus + "/" + family
            let source = family == "powershell" ? "en-US" : "es-ES"
            let set = ContentSet.load(Configuration(contentRoot: root, sourceLocale: source))
            // One real defect: a Windows-1252 ellipsis (0x85) in an English cmdlet page.
            let expected = family == "powershell" ? ["en-US/7.1/ThreadJob/Start-ThreadJob.md:128:invalid-utf8"] : []
            #expect(set.diagnostics.map { "\($0.location.file.dropFirst(root.count + 1)):\($0.location.line):\($0.rule)" } == expected)
            for locale in set.locales { total += set.articles[locale]?.count ?? 0 }
        }
        #expect(total >= 2_800)
    }

    @Test func partnerCenterTranslationsHaveTheSameShape() throws {
        let set = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/partner-center-china", sourceLocale: "es-ES"))
        #expect(set.locales.count == 6)
        var compared = 0
        for source in set.sortedArticles(in: "es-ES") {
            for locale in set.translationLocales {
                let translation = try #require(set.article(source.path, in: locale), "\(locale)/\(source.path)")
                let where_ = "\(locale)/\(source.path)"
                #expect(translation.sections.map(\.anchor) == source.sections.map(\.anchor), "\(where_)")
                #expect(translation.procedures.map(\.steps.count) == source.procedures.map(\.steps.count), "\(where_)")
                #expect(translation.categories.map(\.items.count) == source.categories.map(\.items.count), "\(where_)")
                #expect(translation.appliesTo.count == source.appliesTo.count, "\(where_)")
                #expect(translation.relatedLinks.map(\.destination) == source.relatedLinks.map(\.destination), "\(where_)")
                #expect(translation.links.map(\.destination) == source.links.map(\.destination), "\(where_)")
                compared += 1
            }
        }
        #expect(compared == set.sourceArticles.count * 5)
        #expect(set.sourceArticles.count == 35)
    }

    @Test func seedArticleInTheCorpus() throws {
        for locale in ["es-ES", "pt-BR"] {
            let file = Fixtures.corpus + "/partner-center-china/\(locale)/China-customer-support.md"
            let article = try #require(ArticleLoader.load(fileAt: file, path: "China-customer-support.md", locale: locale, file: file).article)
            #expect(article.procedures.map(\.steps.count) == [3, 4])
            #expect(article.categories.first?.items.count == 7)
            #expect(article.appliesTo.count == 1)
            #expect(article.relatedLinks.count == 3)
            #expect(article.sections.count == 4)
        }
    }

    @Test func powershellFeaturesAreRecognised() throws {
        let set = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/powershell", sourceLocale: "en-US"))
        let english = set.sortedArticles(in: "en-US")
        #expect(english.count > 1_000)
        #expect(english.reduce(0) { $0 + $1.tables.count } > 100)
        #expect(english.reduce(0) { $0 + $1.alerts.count } > 100)
        #expect(english.reduce(0) { $0 + $1.codeBlocks.count } > 5_000)
        #expect(english.reduce(0) { $0 + $1.links.filter { $0.kind == .reference }.count } > 10)
        let french = set.sortedArticles(in: "fr-FR")
        #expect(french.contains { !$0.unresolvedReferences.isEmpty }, "the corpus has mangled reference labels")
    }
}

/// The flat front-matter fast path reads exactly what Yams reads, on every file it accepts.
@Suite("Front matter fast path")
struct FlatFrontMatterTests {
    @Test(arguments: [
        "title: Hello\nms.date: 10/29/2018\n",
        "ms.locfileid: \"62132545\"\ndescription: 'It''s here'\nempty:\n",
        "url: https://example.com/a#b\nversion: 7.1\nflag: yes\n# a comment\n\nauthor: x-y_z\nexternal help file: Microsoft.PowerShell.Commands.Utility.dll-Help.xml\n",
    ])
    func agreesWithYams(yaml: String) throws {
        let flat = try #require(FlatFrontMatter.parse(yaml, firstLine: 2))
        let yams = try MetadataParser.parseWithYams(yaml, firstLine: 2).get()
        #expect(flat == yams)
    }

    @Test(arguments: [
        "ms.custom: [a, b]\n", "keywords:\n  - a\n", "description: >\n  folded\n", "a: \"esc\\n\"\n",
        "a: b: c\n", "a: value # comment\n", "a: &anchor x\n", "a: 1\na: 2\n", "\"quoted key\": x\n", "a: 'unterminated\n",
        "- item\n", "a:b\n", " a: b\n",
    ])
    func declinesWhatItCannotReadExactly(yaml: String) {
        #expect(FlatFrontMatter.parse(yaml, firstLine: 2) == nil)
    }

    @Test(.enabled(if: Fixtures.corpusIsAvailable, "needs ../shared/corpus beside the repository"))
    func agreesWithYamsOnTheWholeCorpus() throws {
        var checked = 0
        for file in FileSystem.files(under: Fixtures.corpus, extensions: ["md"]) {
            let input = ConcordMarkdown.MarkdownInput(bytes: try FileSystem.read(Fixtures.corpus + "/" + file))
            guard let yaml = input.frontMatter, let flat = FlatFrontMatter.parse(yaml, firstLine: 2) else { continue }
            let yams = try MetadataParser.parseWithYams(yaml, firstLine: 2).get()
            #expect(flat == yams, "\(file)")
            checked += 1
        }
        #expect(checked > 2_500, "the fast path should take nearly every corpus file")
    }

    /// The PowerShell corpus's reference links in table cells (114 in 12 files of both locales)
    /// are links of the model, and cells of operators keep their character.
    @Test func powershellTableCellsAreInline() throws {
        let set = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/powershell", sourceLocale: "en-US"))
        var inCells = 0
        var files = 0
        for locale in set.locales {
            for article in set.sortedArticles(in: locale) {
                let tableLines = Set(article.tables.flatMap { table in table.line...(table.line + table.rows.count + 1) })
                let count = article.links.count { $0.kind == .reference && tableLines.contains($0.line) }
                inCells += count
                if count > 0 { files += 1 }
            }
        }
        #expect(inCells == 114)
        #expect(files == 12)
        let arithmetic = try #require(set.article("7.1/Microsoft.PowerShell.Core/About/about_Arithmetic_Operators.md", in: "en-US"))
        #expect(arithmetic.tables.first?.rows.compactMap(\.first).filter { !$0.isEmpty }.prefix(4) == ["+", "-", "-", "*"])
    }

    /// Root-relative links of the PowerShell corpus resolve through the `urlMap` that
    /// docs/url-map.md gives for it: how many, printed for the record.
    @Test func powershellRootRelativeLinksResolveThroughTheMap() throws {
        var configuration = Configuration(contentRoot: Fixtures.corpus + "/powershell", sourceLocale: "en-US")
        configuration.urlMap = URLMap(["/powershell/module/": "7.1/", "/powershell/scripting/": "docs-conceptual/"])
        let set = ContentSet.load(configuration)
        let targets = LinkTargets(content: set)
        var rooted = 0, mapped = 0, resolved = 0
        var pages: Set<String> = [], resolvedPages: Set<String> = []
        for locale in set.locales {
            for article in set.sortedArticles(in: locale) {
                for link in article.links {
                    let destination = LinkDestination(link.destination)
                    guard destination.kind == .siteRooted, !link.destination.hasPrefix("//") else { continue }
                    rooted += 1
                    pages.insert(article.file)
                    guard targets.urlMap.contentPath(of: destination) != nil else { continue }
                    mapped += 1
                    if case .article = targets.resolve(destination, from: article.path, locale: locale) {
                        resolved += 1
                        resolvedPages.insert(article.file)
                    }
                }
            }
        }
        print("root-relative links: \(rooted) on \(pages.count) pages; under the map: \(mapped); resolved to an article: \(resolved) on \(resolvedPages.count) pages")
        // Four of them in the FAQ page `gallery/faqs.yml` (en-US and fr-FR), read as an article.
        #expect(rooted == 6_436)
        #expect(mapped == 1_708)
        #expect(resolved == 1_344)
        // Unmapped site paths stay what they were.
        #expect(targets.resolve(LinkDestination("/dotnet/api/system.string"), from: "a.md", locale: "en-US") == .siteRooted)
    }

    /// The PowerShell docs' `xref:<module>.<cmdlet>` links, with the rule of docs/docfx-xref.md:
    /// how many reach a page, and why the others do not.
    @Test func powershellCrossReferencesResolveThroughUIDFromPath() throws {
        var configuration = Configuration(contentRoot: Fixtures.corpus + "/powershell", sourceLocale: "en-US")
        configuration.uidFromPath = [try #require(UIDPattern(pattern: "7.1/{module}/{name}.md", uid: "{module}.{name}"))]
        let set = ContentSet.load(configuration)
        let targets = LinkTargets(content: set)
        var total: [String: Int] = [:], resolved: [String: Int] = [:], shorthand = 0
        var unresolved: [String] = []
        for locale in set.locales {
            for article in set.sortedArticles(in: locale) {
                for link in article.links {
                    let destination = LinkDestination(link.destination)
                    guard destination.kind == .xref else { continue }
                    if link.kind == .shorthand { shorthand += 1 }
                    total[locale, default: 0] += 1
                    if case .article = targets.resolve(destination, from: article.path, locale: locale) {
                        resolved[locale, default: 0] += 1
                    } else {
                        unresolved.append("\(article.file.dropFirst(configuration.contentRoot.count + 1)):\(link.line) \(link.destination)")
                    }
                }
            }
        }
        print("xref links: \(total) resolved: \(resolved) shorthand: \(shorthand) uids: \(set.uids.count); unresolved: \(unresolved)")
        // One uid per cmdlet page of 7.1 (`about_` topics are in `About/`, which the rule does not match).
        #expect(set.uids.count == 358)
        // 599 in Markdown articles and 19 in the answers of `gallery/faqs.yml`, an FAQ page.
        #expect(total["en-US"] == 618 && total["fr-FR"] == 618)
        #expect(resolved == total)
        #expect(unresolved.isEmpty)
        // `@Microsoft.PowerShell.Core.ForEach-Object` in about_Remote_Variables' related links, in both locales.
        #expect(shorthand == 2)
        #expect(set.structureDiagnostics.filter { $0.rule == "duplicate-uid" || $0.rule == "uid-limit" }.isEmpty)
    }
}
