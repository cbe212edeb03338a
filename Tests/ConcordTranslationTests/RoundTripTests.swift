import ConcordCheck
import ConcordModel
@testable import ConcordTranslation
import Foundation
import Testing

/// Export a locale, import the document unchanged: the articles that come back have the model
/// of the translations they came from, and the checks find nothing new in them.
@Suite struct RoundTripTests {
    /// Exports `locale`, imports the XLIFF into a fresh folder, and compares every article.
    private func roundTrip(_ configuration: Configuration, locale: String) throws {
        let handoff = try TranslationExport.handoff(configuration, locale: locale).handoff
        let xliff = XLIFFWriter.document(handoff)
        let output = try Place.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try TranslationImport.run(Array(xliff.utf8), configuration: configuration, options: .init(output: output))
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20).map(\.description).joined(separator: "\n"))")
        #expect(report.written.count == handoff.files.count)
        let root = configuration.locales.first { $0.id == locale }!.path
        for path in report.written {
            let original = try #require(ArticleLoader.load(fileAt: root + "/" + path, path: path, locale: locale, file: path).article)
            let imported = try #require(ArticleLoader.load(fileAt: output + "/" + path, path: path, locale: locale, file: path).article)
            #expect(try ModelShape.of(imported) == ModelShape.of(original), "\(locale)/\(path)")
            #expect(imported.metadata.title == original.metadata.title && imported.metadata.description == original.metadata.description)
            #expect(imported.metadata.contentLocale == locale)
            #expect(imported.metadata.sourceHash != nil)
        }
    }

    @Test func theSampleSpanishRoundTrips() throws {
        try roundTrip(try Place.sample(), locale: "es-ES")
    }

    @Test(.enabled(if: Place.hasCorpus, "needs ../shared/corpus"), arguments: ["pt-BR", "ja-JP", "zh-CN"])
    func partnerCenterRoundTrips(locale: String) throws {
        try roundTrip(Configuration(contentRoot: Place.corpus + "/partner-center-china", sourceLocale: "es-ES"), locale: locale)
    }

    /// The source as its own translation: every unit's target is its source. The files that come
    /// back are the source files, but for the front matter import stamps and the line breaks
    /// inside paragraphs (a unit is written on one line; Markdown reads both as one space).
    @Test func theSourceAsItsOwnTargetGivesBackTheSource() throws {
        let configuration = try Place.sample()
        var handoff = try TranslationExport.handoff(configuration, locale: "es-ES").handoff
        for file in handoff.files.indices {
            for unit in handoff.files[file].units.indices {
                handoff.files[file].units[unit].target = handoff.files[file].units[unit].source.content
            }
        }
        let output = try Place.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let report = try TranslationImport.run(Array(XLIFFWriter.document(handoff).utf8), configuration: configuration, options: .init(output: output))
        #expect(report.written.count == handoff.files.count, "\(report.problems.prefix(10).map(\.description))")
        for path in report.written {
            let sourceBytes = try FileSystem.read(configuration.contentRoot + "/en-US/" + path)
            let writtenBytes = try FileSystem.read(output + "/" + path)
            let source = try #require(ArticleSegmenter.segment(bytes: sourceBytes, path: path, locale: "en-US", file: path))
            let written = try #require(ArticleSegmenter.segment(bytes: writtenBytes, path: path, locale: "es-ES", file: path))
            #expect(try ModelShape.of(written.article) == ModelShape.of(source.article), "\(path)")
            let unwrapped = source.body.split(separator: 0x0A, omittingEmptySubsequences: false).count
            if !source.units.contains(where: { unit in
                guard case .body(let span) = unit.place else { return false }
                return source.body[span].contains(0x0A)
            }) {
                #expect(written.body == source.body, "\(path): \(unwrapped) lines")
            }
        }
    }
}
