import ConcordBuild
import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// The model walks every article's includes while the content loads, for `concord check`; the
/// renderer expands them while it writes the page. The two must meet the same includes in the
/// same order, or check would report what the pages do not leave out (or miss what they do).
@Suite("Includes: the model's walk meets what the renderer meets")
struct IncludeParityTests {
    /// Every page of a site, as the build renders it: each source path in every locale (the
    /// source's article where the locale has none), then each locale's orphans.
    static func pages(_ site: SiteContent) -> [(locale: String, article: Article)] {
        let content = site.content
        return content.locales.flatMap { locale in
            content.sourceArticles.keys.sorted().compactMap { path in
                (content.article(path, in: locale) ?? content.article(path, in: content.sourceLocale)).map { (locale, $0) }
            } + content.orphans(in: locale).compactMap { path in content.article(path, in: locale).map { (locale, $0) } }
        }
    }

    /// For every page, what the renderer left out equals what the model finds, in order; and the
    /// content set's findings are those of every page, each once.
    static func expectParity(_ site: SiteContent) {
        let content = site.content
        let renderer = HTMLRenderer(links: LinkResolver(content: content), includes: content.includes)
        var all: [String] = []
        for (locale, article) in pages(site) {
            guard let document = site.document(article.path, in: article.locale) else { continue }
            let rendered = renderer.render(document, article: article, locale: locale).includeFindings.map(\.description)
            let walked = IncludeExpansion.findings(article: article, document: document, store: content.includes).map(\.description)
            #expect(rendered == walked, "\(locale) page of \(article.file)")
            all += walked
        }
        var seen: Set<String> = []
        let reported = content.structureDiagnostics.filter { $0.rule.hasPrefix("include-") }.map(\.description)
        #expect(Set(reported) == Set(all.filter { seen.insert($0).inserted }))
        #expect(reported.count == Set(reported).count)
    }

    @Test("Alerts, sentences, table cells, fallbacks, loops and limits")
    func shapes() throws {
        let temporary = try TemporaryContent([
            "en-US/a.md": """
            # A

            > [!NOTE]
            > [!INCLUDE [note](includes/nested.md)]

            > [!TIP] [!INCLUDE [tip](includes/missing-tip.md)]

            A sentence with [!INCLUDE [inline](includes/nested.md)] inside.

            | Name | Value |
            |------|-------|
            | x    | [!INCLUDE [cell](includes/missing-cell.md)] |

            [!INCLUDE [one](includes/missing-1.md)] [!INCLUDE [two](includes/loop.md)]

            *[!INCLUDE [emphasis](includes/missing-emphasis.md)]*

            [!INCLUDE [empty]()]
            """,
            "en-US/includes/nested.md": "Nested.\n\n[!INCLUDE [deeper](missing-deeper.md)]\n",
            "en-US/includes/loop.md": "Loop.\n\n[!INCLUDE [self](loop.md)]\n",
            "en-US/b.md": "# B\n\n[!INCLUDE [n](includes/nested.md)]\n\n" + String(repeating: "[!INCLUDE [l](includes/x.md)]\n\n", count: 300),
            "en-US/includes/x.md": "X.\n",
            "es-ES/b.md": "# B\n\n[!INCLUDE [n](includes/nested.md)]\n",
            "es-ES/orphan.md": "# Orphan\n\n[!INCLUDE [o](includes/none.md)]\n",
        ])
        defer { temporary.remove() }
        let site = temporary.site()
        Self.expectParity(site)
        let rules = Set(site.content.structureDiagnostics.map(\.rule))
        #expect(rules == ["include-not-found", "include-cycle", "include-limit"], "\(rules.sorted())")
    }

    @Test("Every page of the PowerShell corpus", .enabled(if: corpusIsPresent, "shared/corpus/powershell is not beside the repository; skipped"))
    func corpus() {
        Self.expectParity(CorpusTests.site)
    }

    @Test("On the PowerShell corpus, check reports the navigation and include findings build reports",
          .enabled(if: corpusIsPresent, "shared/corpus/powershell is not beside the repository; skipped"))
    func corpusCheckAndBuild() throws {
        let configuration = Configuration(contentRoot: corpusRoot + "/powershell", sourceLocale: "en-US")
        let rules = Set(RuleRegistry.contentProblems.filter { $0.stage == .structure }.map(\.id))
        let checked = CheckEngine().run(ContentSet.load(configuration)).filter { rules.contains($0.rule) }
        let output = NSTemporaryDirectory() + "concord-corpus-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let built = try BuildAction(configuration: configuration, output: output).run().diagnostics.filter { rules.contains($0.rule) }
        #expect(built.map(\.description) == checked.map(\.description))
        #expect(checked.filter { $0.rule == "include-not-found" }.count == 51)
    }
}
