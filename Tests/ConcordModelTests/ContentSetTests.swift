import Foundation
import Testing
@testable import ConcordModel

/// Loading every locale, pairing translations with sources, and the configuration file.
@Suite("Content set and configuration")
struct ContentSetTests {
    @Test func sampleContentPairsEveryTranslation() throws {
        let configuration = try Configuration.load(file: Fixtures.repositoryRoot.appendingPathComponent("concord.yml").path)
        #expect(configuration.sourceLocale == "en-US")
        #expect(configuration.locales.map(\.id) == ["en-US", "es-ES", "ja-JP", "pt-BR", "zh-CN"])
        let set = ContentSet.load(configuration)
        #expect(set.diagnostics.isEmpty)
        #expect(set.sourceArticles.count == 9)
        for locale in set.translationLocales {
            #expect(set.missing(in: locale).isEmpty)
            #expect(set.orphans(in: locale).isEmpty)
            #expect(set.sortedArticles(in: locale).count == 9)
        }
        #expect(set.files["es-ES"]?.contains("TOC.md") == true, "navigation files are files, not articles")
        #expect(set.article("TOC.md", in: "es-ES") == nil)
    }

    /// `TOC.md` in any letter case and any folder is navigation; a name that only ends or starts
    /// like it is an article.
    @Test(arguments: [
        ("TOC.md", true), ("toc.MD", true), ("a/b/Toc.md", true), ("a/TOC.md/", true), ("/TOC.md", true),
        ("xTOC.md", false), ("TOC.mdx", false), ("a/TOC.md/b.md", false), ("TOC", false), ("", false), ("/", false), ("TOC.m", false),
    ])
    func navigationFilesAreToldByName(path: String, isNavigation: Bool) {
        #expect(ContentSet.isNavigation(path) == isNavigation)
    }

    @Test func missingAndOrphanedFiles() throws {
        let root = try TemporaryTree(files: [
            "en-US/a.md": "# A\n", "en-US/sub/b.md": "# B\n",
            "fr-FR/a.md": "# A fr\n", "fr-FR/old.md": "# Old\n",
            "not-a-locale/x.md": "# ignored\n",
        ])
        let set = ContentSet.load(Configuration(contentRoot: root.path, sourceLocale: "en-US"))
        #expect(set.locales == ["en-US", "fr-FR"])
        #expect(set.missing(in: "fr-FR") == ["sub/b.md"])
        #expect(set.orphans(in: "fr-FR") == ["old.md"])
        #expect(set.article("sub/b.md", in: "en-US")?.file == root.path + "/en-US/sub/b.md")
    }

    @Test func symlinksOutOfTheContentRootAreNotFollowed() throws {
        let outside = try TemporaryTree(files: ["secret.md": "# Secret\n"])
        let root = try TemporaryTree(files: ["en-US/a.md": "# A\n"])
        try FileManager.default.createSymbolicLink(atPath: root.path + "/en-US/leak.md", withDestinationPath: outside.path + "/secret.md")
        let set = ContentSet.load(Configuration(contentRoot: root.path, sourceLocale: "en-US"))
        #expect(set.sortedArticles(in: "en-US").map(\.path) == ["a.md"])
    }

    @Test func configurationErrorsNameTheKey() throws {
        let root = try TemporaryTree(files: ["content/en-US/a.md": "# A\n"])
        func failure(_ yaml: String) throws -> Configuration.Failure? {
            let file = root.path + "/concord.yml"
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
            do { _ = try Configuration.load(file: file); return nil } catch { return error }
        }
        #expect(try failure("content: content\n")?.key == "sourceLocale")
        #expect(try failure("sourceLocale: en-US\n")?.key == "content")
        #expect(try failure("sourceLocale: english\ncontent: content\n")?.key == "sourceLocale")
        #expect(try failure("sourceLocale: en-US\ncontent: nowhere\n")?.key == "content")
        #expect(try failure("sourceLocale: en-US\ncontent: content\nlocales: [en-US, fr-FR]\n")?.key == "locales")
        #expect(try failure("sourceLocale: en-US\ncontent: content\nrules:\n  step-count: loud\n")?.key == "rules.step-count")
        #expect(try failure("sourceLocale: en-US\ncontent: content\ncolour: red\n")?.key == "colour")
        let yamlError = try #require(try failure("sourceLocale: en-US\ncontent: [\n"))
        #expect(yamlError.line != nil)
        #expect(try failure("sourceLocale: en-US\ncontent: content\n") == nil)
    }

    @Test func localesKeptElsewhere() throws {
        let root = try TemporaryTree(files: [
            "site/concord.yml": """
            site: {title: Docs, baseURL: "https://docs.example.com/"}
            sourceLocale: en-US
            content: content
            locales:
              - en-US
              - id: de-DE
                path: ../de-repo/articles
            output: out
            """,
            "site/content/en-US/a.md": "# A\n",
            "de-repo/articles/a.md": "# A de\n",
        ])
        let configuration = try Configuration.load(file: root.path + "/site/concord.yml")
        #expect(configuration.baseURL == "https://docs.example.com")
        #expect(configuration.siteTitle == "Docs")
        #expect(configuration.output == root.path + "/site/out")
        #expect(configuration.locales.map(\.id) == ["en-US", "de-DE"])
        let set = ContentSet.load(configuration)
        #expect(set.article("a.md", in: "de-DE")?.title == "A de")
    }

    @Test func localeIDs() {
        #expect(LocaleID.isValid("es-ES"))
        #expect(LocaleID.isValid("zh-Hans-CN"))
        #expect(LocaleID.isValid("ar"))
        #expect(!LocaleID.isValid("english"))
        #expect(!LocaleID.isValid("es_ES"))
        #expect(!LocaleID.isValid("includes"))
        #expect(LocaleID.isRightToLeft("ar-SA"))
        #expect(LocaleID.isRightToLeft("he-IL"))
        #expect(!LocaleID.isRightToLeft("es-ES"))
    }
}

/// A folder of files in the temporary directory, removed when the value is released.
final class TemporaryTree {
    let path: String

    init(files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("concord-\(UUID().uuidString)").path
        for (relative, text) in files {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
