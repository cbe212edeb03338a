import ConcordCheck
import ConcordModel
import Foundation
import ConcordTestSupport
import Testing
@testable import ConcordExport

/// The export on real localized documentation: six locales of the 21Vianet Partner Center articles.
@Suite("Export of the shared corpus", .enabled(if: Fixtures.corpusIsAvailable, "the shared corpus (../shared/corpus) is not on this machine"))
struct CorpusExportTests {
    static func partnerCenter() -> ContentSet {
        // No English source is published; es-ES serves as the reference, as the corpus README suggests.
        ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/partner-center-china", sourceLocale: "es-ES"))
    }

    @Test func everyLocaleExportsTheSameStepsShape() throws {
        let content = Self.partnerCenter()
        #expect(content.locales.count == 6)
        let records = try StepExport.records(content: content)
        var shapes: [String: [String]] = [:]
        for record in records {
            shapes[record.locale, default: []].append("\(record.article)#\(record.procedureIndex)/\(record.path)")
        }
        #expect(shapes.count == 6)
        // The corpus is structurally in sync: the same procedures and step numbers in every locale.
        let reference = try #require(shapes["es-ES"])
        #expect(reference.count > 50)
        for (locale, shape) in shapes { #expect(shape == reference, "\(locale) differs from es-ES") }
        let support = records.filter { $0.locale == "zh-CN" && $0.article == "China-customer-support.md" }
        #expect(support.count == 7)
        for format in StepExport.Format.allCases {
            let text = String(decoding: try StepExport.render(records, as: format), as: UTF8.self)
            #expect(!text.contains("\\u"))
            #expect(text.contains(support[0].text.split(separator: "\"").first.map(String.init) ?? ""))
        }
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
    func everyFileValidates() throws {
        let content = Self.partnerCenter()
        let statuses = ArticleStatus.statuses(content: content, diagnostics: CheckEngine().run(content))
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)
        let articles = written.filter { !$0.hasPrefix("bundles/") && $0 != "manifest.json" }.map { folder + "/" + $0 }
        #expect(articles.count == 6 * content.sourceArticles.count)
        #expect(try SchemaValidator.validate(articles, against: Fixtures.schemas + "/article.schema.json").map(\.description) == [])
        let bundles = written.filter { $0.hasPrefix("bundles/") }.map { folder + "/" + $0 }
        #expect(try SchemaValidator.validate(bundles, against: Fixtures.schemas + "/bundle.schema.json").map(\.description) == [])
        #expect(try SchemaValidator.validate([folder + "/manifest.json"], against: Fixtures.schemas + "/manifest.schema.json").map(\.description) == [])
    }
}
