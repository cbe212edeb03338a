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
    static let markers = [":::", "[!code-", "[!div", "[!VIDEO", "#tab/", "xref:", "&lt;xref"]

    /// The page without its code (`<code>…</code>`, which `<pre>` blocks hold too): a page may
    /// show syntax as code (the PowerShell style guide shows `xref:<module-name>.<cmdlet-name>`).
    static func withoutCode(_ html: String) -> String {
        var text = Substring(html), kept = ""
        while let open = text.range(of: "<code") {
            kept += text[..<open.lowerBound]
            guard let close = text[open.upperBound...].range(of: "</code>") else { return kept }
            text = text[close.upperBound...]
        }
        return kept + text
    }

    /// Renders every page of `family` and returns the pages showing a marker, the `:::image`
    /// directives whose page lacks their `<img alt>`, and the pages that would load `selectors.js`
    /// without zones, monikers or tabs, or not load it with them.
    func render(_ family: String, source: String) -> (marked: [String], missingImages: [String], pages: Int, images: Int, scriptMismatch: [String]) {
        var configuration = Configuration(contentRoot: corpusRoot + "/" + family, sourceLocale: source)
        // The corpus's documented setting (docs/docfx-xref.md): the cmdlet pages' uids.
        configuration.uidFromPath = [UIDPattern(pattern: "7.1/{module}/{name}.md", uid: "{module}.{name}")!]
        let site = SiteContent.load(configuration)
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
                let prose = Self.withoutCode(html)
                if let marker = Self.markers.first(where: prose.contains) { marked.append("\(article.file): \(marker)") }
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

    @Test("PowerShell: no page shows :::code, [!code-], xref: or any other DocFX marker")
    func powershell() {
        let result = render("powershell", source: "en-US")
        #expect(Self.withoutCode("a <code>xref:x</code> b <pre><code class=\"l\">:::</code></pre> c") == "a  b <pre></pre> c")
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
