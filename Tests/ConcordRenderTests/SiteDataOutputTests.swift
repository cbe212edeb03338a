import ConcordCheck
import ConcordExport
import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// `concord build` publishes the JSON for other tools with the pages (issue: JSON help bundles).
@Suite("Site data in the build")
struct SiteDataOutputTests {
    static let files = [
        "en-US/a.md": "---\ntitle: A\n---\n# Article A\n\n**To do it**\n\n1. Select **Start**.\n2. Select **Go**.\n",
        "en-US/b.md": "# Article B\n\nText.\n",
        "es-ES/a.md": "---\ntitle: A es\n---\n# Artículo A\n\n**Para hacerlo**\n\n1. Seleccione **Inicio**.\n2. Seleccione **Ir**.\n",
    ]

    @Test func buildWritesBundlesManifestAndArticleJSON() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()

        let bundle = try JSONSerialization.jsonObject(with: Data(temporary.read("bundles/es-ES.json").utf8)) as? [String: Any]
        let articles = try #require(bundle?["articles"] as? [[String: Any]])
        let a = try #require(articles.first { $0["path"] as? String == "a.md" })
        #expect(a["status"] as? String == "current")
        #expect(a["url"] as? String == "https://docs.example.com/es-ES/a.html")
        let steps = try #require(((a["procedures"] as? [[String: Any]])?.first?["steps"]) as? [[String: Any]])
        #expect(steps.map { $0["uiElements"] as? [String] } == [["Inicio"], ["Ir"]])
        let b = try #require(articles.first { $0["path"] as? String == "b.md" })
        #expect(b["status"] as? String == "fallback", "the missing translation is served from the source")

        let manifest = try temporary.read("manifest.json")
        #expect(manifest.contains("\"schemaVersion\""))
        #expect(try temporary.read("es-ES/a.json").contains("\"sourcePath\""))
        #expect(FileManager.default.fileExists(atPath: temporary.output + "/es-ES/a.html"), "pages and data side by side")
    }

    @Test("An article named search-index.md at the root keeps its page; the search index keeps its file")
    func articleNamedLikeTheSearchIndex() throws {
        var files = Self.files
        files["en-US/search-index.md"] = "# Search index\n\nHow the search index works.\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let report = try BuildAction(configuration: temporary.configuration).run()

        for locale in ["en-US", "es-ES"] {
            let index = try JSONSerialization.jsonObject(with: Data(temporary.read("\(locale)/search-index.json").utf8)) as? [String: Any]
            #expect(index?["terms"] != nil, "\(locale)'s search index is the index, not the article's JSON")
            #expect(try temporary.read("\(locale)/search-index.html").contains("How the search index works."))
        }
        let warnings = report.diagnostics.filter { $0.rule == "reserved-path" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.file == temporary.configuration.contentRoot + "/en-US/search-index.md")
        #expect(warnings.first?.severity == .warning)
        // Other articles' JSON is written as before.
        #expect(try temporary.read("es-ES/a.json").contains("\"sourcePath\""))
    }

    @Test func buildJSONIsTheSameAsExportSiteData() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        let content = ContentSet.load(temporary.configuration)
        let statuses = ArticleStatus.statuses(content: content, diagnostics: CheckEngine().run(content))
        let exported = temporary.root + "/export"
        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: exported)
        #expect(written.contains("bundles/es-ES.json"))
        for path in written {
            let built = try Data(contentsOf: URL(fileURLWithPath: temporary.output + "/" + path))
            let alone = try Data(contentsOf: URL(fileURLWithPath: exported + "/" + path))
            #expect(built == alone, "\(path) differs between concord build and concord export site-data")
        }
    }
}
