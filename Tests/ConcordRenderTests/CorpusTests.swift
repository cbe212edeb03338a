import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Real documentation (../shared/corpus): the PowerShell docs in en-US and fr-FR. Skipped when absent.
@Suite("The PowerShell corpus", .enabled(if: corpusIsPresent, "shared/corpus/powershell is not beside the repository; corpus tests skipped"))
struct CorpusTests {
    static let site: SiteContent = {
        SiteContent.load(Configuration(contentRoot: corpusRoot + "/powershell", sourceLocale: "en-US"))
    }()

    @Test("The DocFX toc.yml gives docs-conceptual its navigation; 7.1 comes from its folders")
    func navigation() throws {
        let content = Self.site.content
        for locale in ["en-US", "fr-FR"] {
            var titles: [String: String] = [:]
            for (path, article) in content.articles[locale] ?? [:] { titles[path] = article.title }
            let navigation = Navigation.load(
                root: corpusRoot + "/powershell/" + locale, files: content.files[locale]!, titles: titles, resolver: LinkResolver(content: content))
            #expect(navigation.origin == .folders)
            let conceptual = try #require(navigation.items.first { $0.title == "docs-conceptual" })
            #expect(conceptual.children.count > 10)
            let renderer = NavigationRenderer(navigation: navigation, locale: locale)
            #expect(renderer.ancestors(of: "docs-conceptual/learn/ps101/01-getting-started.md").count >= 2)
            let html = renderer.html(currentPath: "docs-conceptual/learn/ps101/01-getting-started.md", pageDirectory: "docs-conceptual/learn/ps101")
            #expect(html.contains("aria-current=\"page\""))
            #expect(html.utf8.count < 40_000)
        }
    }

    @Test("Every article's search document is what copying its blocks made")
    func searchDocuments() {
        for locale in ["en-US", "fr-FR"] {
            for article in Self.site.content.sortedArticles(in: locale) {
                let document = SearchIndex.document(for: article, url: article.path)
                let expected = ReferenceSearch.document(for: article, url: article.path)
                #expect(document.title == expected.title && document.headings == expected.headings, "\(locale)/\(article.path)")
                #expect(document.excerpt == expected.excerpt && document.text == expected.text, "\(locale)/\(article.path)")
            }
        }
    }

    @Test("A sample of articles renders with every heading anchored, .md links rewritten and nothing unsafe")
    func renderSample() {
        let content = Self.site.content
        let renderer = HTMLRenderer(links: LinkResolver(content: content), includes: IncludeStore(content: content))
        var rendered = 0
        for locale in ["en-US", "fr-FR"] {
            let articles = content.sortedArticles(in: locale)
            for article in stride(from: 0, to: articles.count, by: 13).map({ articles[$0] }) {
                let body = renderer.render(Self.site.document(article.path, in: locale)!, article: article, locale: locale)
                let headings = body.html.components(separatedBy: "<h").count - 1 - body.html.components(separatedBy: "<hr").count + 1
                #expect(headings == article.sections.count, "\(article.file)")
                #expect(!body.html.contains("<script"), "\(article.file)")
                let relativeMarkdownLink = body.html.components(separatedBy: "href=\"").dropFirst().contains { rest in
                    let href = rest.prefix { $0 != "\"" }
                    return !href.contains(":") && !href.hasPrefix("/") && href.split(separator: "#").first?.lowercased().hasSuffix(".md") == true
                }
                #expect(!relativeMarkdownLink, "\(article.file) keeps a relative .md link")
                #expect(!body.html.contains("<blockquote>\n<p>[!NOTE]"), "\(article.file) shows an alert marker")
                rendered += 1
            }
        }
        #expect(rendered > 150)
    }
}
