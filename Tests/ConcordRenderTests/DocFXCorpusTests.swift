import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// No DocFX syntax reaches a page of the real corpora as text: every page of PowerShell (en-US,
/// fr-FR) and of partner-center (es-ES as source, all six locales) is rendered and searched.
@Suite(
    "DocFX syntax in the corpora",
    .enabled(if: corpusIsPresent && FileSystem.isDirectory(corpusRoot + "/partner-center"),
             "shared/corpus/powershell or partner-center is not beside the repository; DocFX corpus test skipped"))
struct DocFXCorpusTests {
    /// What must never be printed as text on a page.
    static let markers = [":::", "[!code-", "[!div", "[!VIDEO", "#tab/"]

    /// Renders every page of `family` and returns the pages showing a marker, the `:::image`
    /// directives whose page lacks their `<img alt>`, and the pages that would load `selectors.js`
    /// without zones, monikers or tabs, or not load it with them.
    func render(_ family: String, source: String) -> (marked: [String], missingImages: [String], pages: Int, images: Int, scriptMismatch: [String]) {
        let site = SiteContent.load(Configuration(contentRoot: corpusRoot + "/" + family, sourceLocale: source))
        let content = site.content
        let renderer = HTMLRenderer(
            links: LinkResolver(content: content), includes: IncludeStore(content: content), snippets: content.snippets)
        var marked: [String] = [], missingImages: [String] = [], scriptMismatch: [String] = []
        var pages = 0, images = 0
        for locale in content.locales {
            for article in content.sortedArticles(in: locale) {
                guard let document = site.document(article.path, in: locale) else { continue }
                let body = renderer.render(document, article: article, locale: locale)
                let html = body.html
                pages += 1
                if body.usesSelectors != !(article.zones.isEmpty && article.tabGroups.isEmpty) { scriptMismatch.append(article.file) }
                if let marker = Self.markers.first(where: html.contains) { marked.append("\(article.file): \(marker)") }
                for image in article.images where image.type != nil {
                    images += 1
                    var alt = HTMLBuffer(capacity: 64)
                    alt.appendEscaped(image.alt.collapsingWhitespace())
                    let expected = "alt=\"" + String(decoding: alt.array(), as: UTF8.self) + "\""
                    if !html.contains(expected) { missingImages.append("\(article.file):\(image.line)") }
                }
            }
        }
        return (marked, missingImages, pages, images, scriptMismatch)
    }

    @Test("PowerShell: no page shows :::code, [!code-] or any other DocFX marker")
    func powershell() {
        let result = render("powershell", source: "en-US")
        #expect(result.pages > 2_000)
        #expect(result.marked.isEmpty, "\(result.marked.prefix(10))")
        #expect(result.scriptMismatch.isEmpty, "\(result.scriptMismatch.prefix(10))")
    }

    @Test("partner-center: no page shows a marker and every :::image gives an <img> with its alt text")
    func partnerCenter() {
        let result = render("partner-center", source: "es-ES")
        #expect(result.pages > 1_500)
        #expect(result.images > 1_500)
        #expect(result.marked.isEmpty, "\(result.marked.prefix(10))")
        #expect(result.missingImages.isEmpty, "\(result.missingImages.prefix(10))")
        #expect(result.scriptMismatch.isEmpty, "\(result.scriptMismatch.prefix(10))")
    }
}
