import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordExport

/// The site's JSON written from the sample content: which files, what the seed article looks like, determinism.
@Suite("Site data from the sample content")
struct SiteDataWriterTests {
    static let locales = ["en-US", "es-ES", "ja-JP", "pt-BR", "zh-CN"]

    @Test func writesOneFilePerArticlePerLocaleThenBundlesAndManifest() throws {
        let (content, statuses) = try Fixtures.sample()
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)

        let paths = content.sourceArticles.keys.sorted()
        #expect(paths.count == 9)
        var expected = ["manifest.json"] + Self.locales.map { "bundles/\($0).json" }
        for locale in Self.locales { expected += paths.map { SitePaths.json(locale: locale, path: $0) } }
        #expect(written == expected.sorted())
        #expect(written.contains("es-ES/customer-support.json"))
        let onDisk = FileSystem.files(under: folder)
        #expect(onDisk == written, "no temporary files are left behind")
    }

    @Test func spanishBundleHoldsTheSeedArticleWithTwoProceduresAndSevenSteps() throws {
        let (content, statuses) = try Fixtures.sample()
        let bundle = SiteDataTranslator(content: content, statuses: statuses).bundle(for: "es-ES")
        #expect(bundle.locale == "es-ES")
        #expect(bundle.dir == .ltr)
        #expect(!bundle.isSource)
        #expect(bundle.sourceLocale == "en-US")
        #expect(bundle.articles.map(\.path) == content.sourceArticles.keys.sorted())

        let seed = try #require(bundle.articles.first { $0.path == "customer-support.md" })
        #expect(seed.title == "Soporte al cliente")
        #expect(seed.description == "Procedimientos recomendados y los requisitos para proporcionar soporte técnico a sus clientes.")
        #expect(seed.url == "https://help.example.com/es-ES/customer-support.html")
        #expect(seed.json == "es-ES/customer-support.json")
        #expect(seed.status == .current)
        #expect(seed.contentLocale == "es-ES")
        #expect(seed.procedures.count == 2)
        #expect(seed.procedures.map(\.steps.count) == [3, 4])
        #expect(seed.procedures.reduce(0) { $0 + $1.steps.count } == 7)
        #expect(seed.procedures[0].title == "Para enviar una solicitud de servicio con 21Vianet")
        #expect(seed.procedures[0].section == "getting-customer-support")
        #expect(seed.procedures[0].steps[0].uiElements == ["admitir solicitudes", "solicita el centro de partners"])
        #expect(seed.procedures[1].steps.map(\.number) == [1, 2, 3, 4])
        #expect(seed.sections.map(\.anchor) == [
            "customer-support", "getting-customer-support", "providing-customer-support", "escalate-a-customer-issue-to-21vianet",
        ])
        #expect(seed.categories.first?.items.count == 7)
        #expect(seed.appliesTo == ["Centro de partners operado por 21Vianet"])
        #expect(seed.relatedLinks.map(\.url) == [
            "https://help.example.com/es-ES/provide-technical-support.html",
            "https://help.example.com/es-ES/provide-billing-support.html",
            "https://help.example.com/es-ES/customer-self-support.html",
        ])
        #expect(seed.relatedLinks.map(\.article) == ["provide-technical-support.md", "provide-billing-support.md", "customer-self-support.md"])
    }

    @Test func spanishBundleMatchesItsGoldenFile() throws {
        let (content, statuses) = try Fixtures.sample()
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)
        let actual = try Fixtures.bytes(folder + "/bundles/es-ES.json")
        try GoldenFile.expect(actual, matches: Fixtures.golden + "/bundle-es-ES.json", "bundles/es-ES.json")
    }

    @Test("per-article files are the inspect model plus the site keys", arguments: locales)
    func articleFilesExtendTheInspectModel(locale: String) throws {
        let (content, statuses) = try Fixtures.sample()
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)

        for article in content.sortedArticles(in: locale) {
            let exported = try Fixtures.json(folder + "/" + SitePaths.json(locale: locale, path: article.path))
            let inspect = try #require(try JSONSerialization.jsonObject(with: article.jsonData()) as? [String: Any])
            for (key, value) in inspect {
                let exportedValue = try #require(exported[key], "\(article.path): inspect key '\(key)' missing")
                #expect(try canonical(exportedValue) == canonical(value), "\(locale)/\(article.path): '\(key)' differs from concord inspect")
            }
            #expect(Set(exported.keys).subtracting(inspect.keys) == ["schemaVersion", "url", "status", "contentLocale", "sourcePath"])
            #expect(exported["schemaVersion"] as? String == ExportFormat.schemaVersion)
            #expect(exported["url"] as? String == SitePaths.url(SitePaths.page(locale: locale, path: article.path), baseURL: "https://help.example.com"))
            #expect(exported["status"] as? String == "current")
            #expect(exported["contentLocale"] as? String == locale)
            #expect(exported["sourcePath"] as? String == "\(locale)/\(article.path)")
        }
    }

    @Test func articleFilesDecodeBackToTheModel() throws {
        let (content, statuses) = try Fixtures.sample()
        let translator = SiteDataTranslator(content: content, statuses: statuses)
        let source = try #require(content.article("customer-support.md", in: "en-US"))
        let document = translator.document(for: translator.placement(of: source, in: "zh-CN"))
        let decoded = try JSONDecoder().decode(ArticleDocument.self, from: try JSONOutput.encode(document))
        #expect(decoded.article.procedures == document.article.procedures)
        // Lines are not part of the JSON; keys and values are.
        let pairs = { (metadata: Metadata) in metadata.entries.map { "\($0.key)=\($0.value.text)" }.sorted() }
        #expect(pairs(decoded.article.metadata) == pairs(document.article.metadata))
        #expect(decoded.url == document.url)
        #expect(decoded.sourcePath == "zh-CN/customer-support.md")
    }

    @Test func manifestListsEveryLocaleArticleStatusAndPath() throws {
        let (content, statuses) = try Fixtures.sample()
        let manifest = SiteDataTranslator(content: content, statuses: statuses).manifest()
        #expect(manifest.schemaVersion == ExportFormat.schemaVersion)
        #expect(manifest.site.title == "Partner Center help (21Vianet)")
        #expect(manifest.site.baseURL == "https://help.example.com")
        #expect(manifest.sourceLocale == "en-US")
        #expect(manifest.locales.map(\.id) == Self.locales)
        #expect(manifest.locales.map(\.isSource) == [true, false, false, false, false])
        #expect(manifest.locales.allSatisfy { $0.dir == .ltr })
        #expect(manifest.locales.map(\.bundle) == Self.locales.map { "bundles/\($0).json" })
        #expect(manifest.locales.allSatisfy { $0.statusCounts.current + $0.statusCounts.stale + $0.statusCounts.drift + $0.statusCounts.fallback == 9 })
        #expect(manifest.articles.count == 9)
        let seed = try #require(manifest.articles.first { $0.path == "customer-support.md" })
        #expect(seed.title == "Customer support")
        #expect(seed.locales.keys.sorted() == Self.locales)
        let spanish = try #require(seed.locales["es-ES"])
        #expect(spanish.page == "es-ES/customer-support.html")
        #expect(spanish.json == "es-ES/customer-support.json")
        #expect(spanish.url == "https://help.example.com/es-ES/customer-support.html")
        #expect(spanish.sourcePath == "es-ES/customer-support.md")
        for entry in manifest.articles {
            for locale in Self.locales {
                #expect(entry.locales[locale]?.status == statuses[locale]?[entry.path], "\(locale)/\(entry.path)")
            }
        }
    }

    @Test func runningTwiceGivesByteIdenticalFiles() throws {
        let first = try Fixtures.scratchFolder()
        let second = try Fixtures.scratchFolder()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        // Two loads, not one reused: dictionary order inside the model differs between runs.
        let one = try Fixtures.loadSample()
        let written = try SiteDataWriter.write(content: one.content, statuses: one.statuses, to: first)
        let two = try Fixtures.loadSample()
        #expect(try SiteDataWriter.write(content: two.content, statuses: two.statuses, to: second) == written)
        for path in written {
            #expect(try Fixtures.bytes(first + "/" + path) == Fixtures.bytes(second + "/" + path), "\(path) differs between runs")
        }
    }

    @Test func japaneseAndChineseTextIsWrittenAsUTF8WithoutEscapes() throws {
        let (content, statuses) = try Fixtures.sample()
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)
        for path in written {
            let text = String(decoding: try Fixtures.bytes(folder + "/" + path), as: UTF8.self)
            #expect(!text.contains("\\u"), "\(path) escapes non-ASCII text")
        }
        for locale in ["ja-JP", "zh-CN"] {
            let article = try #require(content.article("customer-support.md", in: locale))
            let text = String(decoding: try Fixtures.bytes(folder + "/bundles/\(locale).json"), as: UTF8.self)
            #expect(text.contains(article.title))
            for step in article.procedures.flatMap(\.steps) {
                #expect(text.contains(try jsonString(step.text)), "\(locale): step \(step.number) text")
                for element in step.uiElements { #expect(text.contains(element)) }
            }
        }
    }

    /// Re-encodes a JSON value with sorted keys so two parses can be compared.
    private func canonical(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }

    /// A string as JSONEncoder writes it inside quotes (quotes and backslashes escaped).
    private func jsonString(_ text: String) throws -> String {
        let data = try JSONOutput.encode(text, pretty: false)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
