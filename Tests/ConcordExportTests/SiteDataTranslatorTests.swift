import ConcordModel
import Foundation
import Testing
@testable import ConcordExport

/// What the export serves where, from small inline sites: fallbacks, statuses, directions, links.
@Suite("Site data translator")
struct SiteDataTranslatorTests {
    static let source = """
        ---
        title: Reset a password
        description: How to reset a user's password.
        ---
        # <a name="reset"></a>Reset a password

        **To reset a password**

        1. Select **Users** > **Active users**.
        2. Select the user, then [Reset password](other.md#steps).
           1. Choose **Auto-generate**.
        3. Select **Done**.

        **See also**

        - [Other](other.md)
        - [Outside](https://example.org/page)
        """

    static let other = "# Other\n\n## <a name=\"steps\"></a>Steps\n\nText.\n"

    static func site() throws -> ContentSet {
        try Fixtures.content([
            "en-US": ["reset.md": source, "other.md": other],
            "ar-SA": ["other.md": "# أخرى\n\n## <a name=\"steps\"></a>خطوات\n\nنص.\n", "orphan.md": "# Orphan\n"],
            "es-ES": ["reset.md": source.replacingOccurrences(of: "Reset a password", with: "Restablecer una contraseña"), "other.md": other],
        ])
    }

    @Test func missingTranslationIsServedFromTheSourceAsFallback() throws {
        let content = try Self.site()
        let statuses: [String: [String: ArticleStatus]] = ["ar-SA": ["other.md": .current, "reset.md": .fallback]]
        let translator = SiteDataTranslator(content: content, statuses: statuses)

        let bundle = translator.bundle(for: "ar-SA")
        #expect(bundle.dir == .rtl)
        #expect(bundle.articles.map(\.path) == ["other.md", "reset.md"], "every source article, and no orphan")
        let fallback = try #require(bundle.articles.last)
        #expect(fallback.status == .fallback)
        #expect(fallback.contentLocale == "en-US")
        #expect(fallback.title == "Reset a password")
        #expect(fallback.url == "https://help.example.com/ar-SA/reset.html")
        #expect(fallback.procedures.first?.steps.count == 3)
        #expect(fallback.relatedLinks.first?.url == "https://help.example.com/ar-SA/other.html", "links stay in the bundle's locale")

        let source = try #require(content.article("reset.md", in: "en-US"))
        let document = translator.document(for: translator.placement(of: source, in: "ar-SA"))
        #expect(document.status == .fallback)
        #expect(document.article.locale == "ar-SA")
        #expect(document.contentLocale == "en-US")
        #expect(document.sourcePath == "en-US/reset.md")
        #expect(document.url == "https://help.example.com/ar-SA/reset.html")

        let placement = try #require(translator.manifest().articles.first { $0.path == "reset.md" }?.locales["ar-SA"])
        #expect(placement.status == .fallback)
        #expect(placement.contentLocale == "en-US")
        #expect(placement.sourcePath == "en-US/reset.md")
        #expect(placement.page == "ar-SA/reset.html")
    }

    @Test func statusesComeFromTheChecksButPresenceFromTheContent() throws {
        let content = try Self.site()
        let statuses: [String: [String: ArticleStatus]] = [
            "es-ES": ["reset.md": .drift, "other.md": .stale],
            // Contradicts the content: the file exists, so it cannot be a fallback.
            "ar-SA": ["other.md": .fallback],
        ]
        let manifest = SiteDataTranslator(content: content, statuses: statuses).manifest()
        let byPath = Dictionary(uniqueKeysWithValues: manifest.articles.map { ($0.path, $0.locales) })
        #expect(byPath["reset.md"]?["es-ES"]?.status == .drift)
        #expect(byPath["other.md"]?["es-ES"]?.status == .stale)
        #expect(byPath["other.md"]?["ar-SA"]?.status == .current)
        #expect(byPath["reset.md"]?["ar-SA"]?.status == .fallback, "no file: fallback whatever the statuses say")
        #expect(byPath["reset.md"]?["en-US"]?.status == .current, "no status given: current")

        let counts = Dictionary(uniqueKeysWithValues: manifest.locales.map { ($0.id, $0.statusCounts) })
        #expect(counts["es-ES"] == SiteManifest.StatusCounts(current: 0, stale: 1, fallback: 0, drift: 1))
        #expect(counts["ar-SA"] == SiteManifest.StatusCounts(current: 1, stale: 0, fallback: 1, drift: 0))
        #expect(manifest.locales.map(\.id) == ["en-US", "ar-SA", "es-ES"])
        #expect(manifest.locales.map(\.dir) == [.ltr, .rtl, .ltr])
    }

    @Test func stepLinksAndSubstepsReachTheBundle() throws {
        let translator = SiteDataTranslator(content: try Self.site(), statuses: [:])
        let entry = try #require(translator.bundle(for: "es-ES").articles.first { $0.path == "reset.md" })
        #expect(entry.title == "Restablecer una contraseña")
        #expect(entry.description == "How to reset a user's password.")
        let steps = try #require(entry.procedures.first?.steps)
        #expect(steps[0].uiElements == ["Users", "Active users"])
        #expect(steps[1].links == [HelpBundle.Link(
            text: "Reset password", destination: "other.md#steps", article: "other.md", anchor: "steps",
            url: "https://help.example.com/es-ES/other.html#steps")])
        #expect(steps[1].substeps.map(\.uiElements) == [["Auto-generate"]])
        #expect(entry.relatedLinks.map(\.url) == ["https://help.example.com/es-ES/other.html", "https://example.org/page"])
        #expect(entry.relatedLinks.last?.article == nil)
    }

    @Test func siteWithoutBaseURLUsesRootRelativeURLs() throws {
        let content = try Fixtures.content(["en-US": ["a/b.md": "# B\n"]], baseURL: "")
        let translator = SiteDataTranslator(content: content, statuses: [:])
        let entry = try #require(translator.bundle(for: "en-US").articles.first)
        #expect(entry.url == "/en-US/a/b.html")
        #expect(entry.json == "en-US/a/b.json")
        #expect(translator.manifest().site.baseURL == "")
    }

    @Test func sourcePathsAreFilesRelativeToTheContentRootWhicheverWayEitherIsSpelled() {
        // The definition the translator had, on `Character`s: its own takes paths as UTF-8 bytes.
        func expected(root: String, file: String) -> String {
            func trimmed(_ path: String) -> String {
                var path = Substring(path)
                while path.hasPrefix("./") { path = path.dropFirst(2) }
                while path.hasSuffix("/") { path = path.dropLast() }
                return String(path)
            }
            let root = trimmed(root)
            let file = trimmed(file)
            if root.isEmpty || root == "." { return file }
            return file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
        }
        let roots = ["", ".", "./", "././", "content", "content/", "content//", "./content", "././content/", "/srv/content", "contenu-é", "内容"]
        let files = ["a.md", "./a.md", "en-US/a.md", "content/en-US/a.md", "./content/en-US/a.md", "././content/en-US/a.md/",
                     "content", "content/", "contentx/a.md", "/srv/content/fr-FR/b.md", "/srv/contentfr/b.md", "contenu-é/fr-FR/é.md",
                     "内容/zh-CN/文章.md", "x/content/a.md", "./", ".", ""]
        for root in roots {
            var configuration = Configuration(contentRoot: root, sourceLocale: "en-US", locales: ["en-US"])
            configuration.baseURL = ""
            let translator = SiteDataTranslator(content: ContentSet(configuration: configuration, articles: []), statuses: [:])
            for file in files {
                let article = Article(path: "a.md", locale: "en-US", file: file)
                #expect(translator.sourcePath(of: article) == expected(root: root, file: file), "root \(root.debugDescription), file \(file.debugDescription)")
            }
        }
    }

    @Test func nestedArticlesAreWrittenInNestedFolders() throws {
        let content = try Fixtures.content(["en-US": ["guide/start.md": "# Start\n", "index.md": "# Home\n"], "ja-JP": ["index.md": "# ホーム\n"]])
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try SiteDataWriter.write(content: content, statuses: [:], to: folder)
        #expect(written == [
            "bundles/en-US.json", "bundles/ja-JP.json", "en-US/guide/start.json", "en-US/index.json",
            "ja-JP/guide/start.json", "ja-JP/index.json", "manifest.json",
        ])
        let fallback = try Fixtures.json(folder + "/ja-JP/guide/start.json")
        #expect(fallback["status"] as? String == "fallback")
        #expect(fallback["locale"] as? String == "ja-JP")
        #expect(fallback["contentLocale"] as? String == "en-US")
    }

    @Test func unwritableFolderFailsNamingTheFile() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A file where the locale folder should be.
        try FileSystem.writeAtomically(Array("x".utf8), to: folder + "/en-US")
        let content = try Fixtures.content(["en-US": ["a.md": "# A\n"]])
        #expect {
            _ = try SiteDataWriter.write(content: content, statuses: [:], to: folder)
        } throws: { error in
            (error as? ExportFailure)?.path == folder + "/en-US/a.json"
        }
        #expect(!FileSystem.exists(folder + "/manifest.json"), "no manifest for a failed export")
    }
}
