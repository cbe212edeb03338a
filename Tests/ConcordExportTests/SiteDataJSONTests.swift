import ConcordCheck
@testable import ConcordModel
import Foundation
import Testing
@testable import ConcordExport

/// The site data written by the fast JSON writer is byte for byte what `JSONEncoder` writes.
@Suite("Fast JSON writer: the site data")
struct SiteDataJSONTests {
    static func fullLink(_ text: String = "text") -> HelpBundle.Link {
        HelpBundle.Link(text: text, destination: "x.md#a", article: "x.md", anchor: "a", url: "https://help.example.com/es-ES/x.html#a")
    }

    /// A bundle in which every optional is set and every list has an element, down to the leaves.
    static func fullBundle(text: String = "text") -> HelpBundle {
        let substep = HelpBundle.Step(number: 1, text: text, uiElements: [text], links: [fullLink(text)], substeps: [])
        let step = HelpBundle.Step(number: 2, text: text, uiElements: [text, "b"], links: [fullLink()], substeps: [substep])
        let entry = HelpBundle.Entry(
            path: "x.md", url: "https://help.example.com/ar-SA/x.html", json: "ar-SA/x.json", status: .stale, contentLocale: "ar-SA",
            title: text, description: text,
            sections: [HelpBundle.Section(anchor: "a", level: 2, title: text)],
            procedures: [HelpBundle.Procedure(title: text, section: "a", steps: [step])],
            categories: [HelpBundle.CategoryList(section: "a", intro: text, items: [text])],
            appliesTo: [text], relatedLinks: [fullLink(text)]
        )
        return HelpBundle(schemaVersion: ExportFormat.schemaVersion, locale: "ar-SA", dir: .rtl, isSource: false, sourceLocale: "en-US", siteTitle: text, articles: [entry, entry])
    }

    /// A manifest with every list and map filled.
    static func fullManifest(text: String = "text") -> SiteManifest {
        func placement(_ locale: String, _ status: ArticleStatus) -> SiteManifest.Placement {
            SiteManifest.Placement(status: status, contentLocale: locale, page: "\(locale)/x.html", json: "\(locale)/x.json", url: "/\(locale)/x.html", sourcePath: "\(locale)/x.md")
        }
        return SiteManifest(
            schemaVersion: ExportFormat.schemaVersion,
            site: SiteManifest.Site(title: text, baseURL: "https://help.example.com"),
            sourceLocale: "en-US",
            locales: [SiteManifest.LocaleEntry(id: "en-US", dir: .ltr, isSource: true, bundle: "bundles/en-US.json",
                                               statusCounts: SiteManifest.StatusCounts(current: 1, stale: 2, fallback: 3, drift: 4))],
            articles: [SiteManifest.ArticleEntry(path: "x.md", title: text, locales: [
                "fr-FR": placement("en-US", .fallback), "en-US": placement("en-US", .current), "ar-SA": placement("ar-SA", .drift),
                "zh-CN": placement("zh-CN", .stale), "de-DE": placement("de-DE", .current), "es-419": placement("es-419", .current),
            ])]
        )
    }

    static func fullDocument(text: String = "text") -> ArticleDocument {
        ArticleDocument(article: JSONWriterTests.fullArticle(text: text), url: "https://help.example.com/fr-FR/x.html", status: .drift, contentLocale: "en-US", sourcePath: "en-US/x.md")
    }

    @Test func fullFixturesAreWrittenAsJSONEncoderWritesThem() throws {
        for text in ["text", JSONComparison.awkwardText] {
            try JSONComparison.expectSameBytes(Self.fullBundle(text: text))
            try JSONComparison.expectSameBytes(Self.fullManifest(text: text))
            try JSONComparison.expectSameBytes(Self.fullDocument(text: text))
        }
    }

    @Test func theSiteKeysAreMergedAmongTheArticleKeys() throws {
        // Empty and minimal articles put the site keys first, last and between every pair of keys.
        try JSONComparison.expectSameBytes(ArticleDocument(article: Article(path: "", locale: "", file: ""), url: "", status: .current, contentLocale: "", sourcePath: ""))
        try JSONComparison.expectSameBytes(Self.fullDocument())
    }

    @Test func absentOptionalsAreLeftOut() throws {
        var bundle = Self.fullBundle()
        bundle.articles[0].description = nil
        bundle.articles[0].procedures[0].section = nil
        bundle.articles[0].categories[0].section = nil
        bundle.articles[0].relatedLinks = [HelpBundle.Link(text: "t", destination: "https://example.com", article: nil, anchor: nil, url: nil)]
        bundle.articles[0].procedures[0].steps[0].links[0].url = nil
        bundle.articles[1].sections = []
        bundle.articles[1].procedures = []
        try JSONComparison.expectSameBytes(bundle)
        try JSONComparison.expectSameBytes(HelpBundle(schemaVersion: "1", locale: "x", dir: .ltr, isSource: true, sourceLocale: "x", siteTitle: "", articles: []))
        var manifest = Self.fullManifest()
        manifest.articles[0].locales = [:]
        manifest.locales = []
        try JSONComparison.expectSameBytes(manifest)
    }

    @Test func everySampleFileIsWrittenAsJSONEncoderWritesIt() throws {
        let (content, statuses) = try Fixtures.sample()
        try Self.expectEncoderBytes(content: content, statuses: statuses)
    }

    @Test(.enabled(if: Fixtures.corpusIsAvailable, "the shared corpus (../shared/corpus) is not on this machine"),
          arguments: ["partner-center-china", "powershell"])
    func everyCorpusFileIsWrittenAsJSONEncoderWritesIt(family: String) throws {
        let content = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/" + family, sourceLocale: family == "powershell" ? "en-US" : "es-ES"))
        // Statuses only choose among four enum strings; the checks would add minutes in a debug build.
        try Self.expectEncoderBytes(content: content, statuses: [:])
    }

    /// Every file `SiteDataWriter.encodedFiles` returns is `JSONEncoder`'s encoding of the same value.
    static func expectEncoderBytes(content: ContentSet, statuses: [String: [String: ArticleStatus]], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let translator = SiteDataTranslator(content: content, statuses: statuses)
        var expected: [String: [UInt8]] = [:]
        for locale in content.locales {
            for source in translator.sourceArticles {
                let document = translator.document(for: translator.placement(of: source, in: locale))
                expected[SitePaths.json(locale: locale, path: source.path)] = [UInt8](try JSONOutput.encode(document))
            }
            expected[SiteDataWriter.bundlePath(locale: locale)] = [UInt8](try JSONOutput.encode(translator.bundle(for: locale)))
        }
        expected[SiteDataWriter.manifestPath] = [UInt8](try JSONOutput.encode(translator.manifest()))

        let files = try SiteDataWriter.encodedFiles(content: content, statuses: statuses)
        #expect(files.count == expected.count, sourceLocation: sourceLocation)
        #expect(files.count == content.locales.count * (content.sourceArticles.count + 1) + 1, sourceLocation: sourceLocation)
        var failures: [String] = []
        for file in files {
            guard let reference = expected[file.path] else {
                failures.append("\(file.path) is not a file of the export")
                continue
            }
            if let difference = JSONComparison.difference(file.bytes, reference) { failures.append("\(file.path) \(difference)") }
        }
        JSONComparison.expectNone(failures, of: files.count, sourceLocation: sourceLocation)
    }
}
