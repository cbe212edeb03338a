import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordRender

/// `.openpublishing.redirection.json`: a locale's redirect table. Links to a moved path are not
/// broken; a link to a path both redirected and present is a finding; each moved path gets a
/// redirect page, kept out of the sitemap and the search index.
@Suite("Redirects")
struct RedirectTests {
    static let redirects = """
        {
            "redirections": [
                {
                    "source_path": "moved.md",
                    "redirect_url": "/docs/new-page",
                    "redirect_document_id": "TRUE"
                },
                {
                    "source_path": "kept.md",
                    "redirect_url": "https://example.com/x?a=1&b=\\"<script>",
                    "redirect_document_id": false
                },
                {
                    "source_path": "../outside.md",
                    "redirect_url": "https://example.com/"
                },
                {
                    "source_path": "evil.md",
                    "redirect_url": "javascript:alert(1)"
                }
            ]
        }
        """
    static let files = [
        "en-US/.openpublishing.redirection.json": redirects,
        "en-US/new-page.md": "# New page\n",
        "en-US/kept.md": "# Kept\n",
        "en-US/index.md": "# Home\n\nSee [moved](moved.md), [kept](kept.md), [gone](gone.md) and [MOVED](Moved).\n",
    ]

    static func content() throws -> (TemporaryContent, ContentSet) {
        let temporary = try TemporaryContent(files)
        var configuration = temporary.configuration
        configuration.urlMap = URLMap(["/docs/": ""])
        return (temporary, ContentSet.load(configuration))
    }

    @Test("the table is read with its lines; entries that cannot be used are findings")
    func table() throws {
        let (temporary, content) = try Self.content()
        defer { temporary.remove() }
        let table = try #require(content.redirects["en-US"])
        #expect(table.entries.map { "\($0.sourcePath) \($0.redirectDocumentID) \($0.line)" } == ["moved.md true 4", "kept.md false 9", "evil.md false 18"])
        #expect(table.redirect(for: "MOVED")?.redirectURL == "/docs/new-page")
        let findings = content.structureDiagnostics.filter { $0.rule == "invalid-redirects" }
        #expect(findings.map { "\($0.location.line): \($0.message)" } == ["14: source_path '../outside.md' is not a path inside the locale; skipped"])
    }

    @Test("a link to a moved path is not broken; to a redirected file still there, a finding")
    func checks() throws {
        let (temporary, content) = try Self.content()
        defer { temporary.remove() }
        let found = CheckEngine(rules: [BrokenLink(), RedirectedLink()]).run(content).filter { $0.rule == "broken-link" || $0.rule == "redirected-link" }
        #expect(found.map { "\($0.rule):\($0.location.line):\($0.location.column)" }.sorted() == ["broken-link:3:41", "redirected-link:3:24"])
        #expect(found.first { $0.rule == "redirected-link" }?.message.contains(".openpublishing.redirection.json:9") == true)
        let targets = LinkTargets(content: content)
        #expect(targets.resolve(LinkDestination("moved.md"), from: "index.md", locale: "en-US") == .redirected(locale: "en-US", path: "moved.md", url: "/docs/new-page"))
    }

    @Test("a redirect page per moved path without an article: refresh, canonical and link, escaped; not in the sitemap or search")
    func pages() throws {
        let (temporary, _) = try Self.content()
        defer { temporary.remove() }
        var temporaryWithMap = temporary
        temporaryWithMap.configuration.urlMap = URLMap(["/docs/": ""])
        try buildSite(temporaryWithMap)
        let moved = try temporary.read("en-US/moved.html")
        #expect(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=new-page.html\">"))
        #expect(moved.contains("<link rel=\"canonical\" href=\"https://docs.example.com/en-US/new-page.html\">"))
        #expect(moved.contains("<a href=\"new-page.html\">/docs/new-page</a>"))
        // An article at the path keeps its page; an unsafe URL gets no page.
        #expect(try temporary.read("en-US/kept.html").contains("<h1"))
        #expect(!FileManager.default.fileExists(atPath: temporary.output + "/en-US/evil.html"))
        #expect(!(try temporary.read("sitemap.xml")).contains("moved"))
        #expect(!(try temporary.read("en-US/search-index.json")).contains("moved.html"))
        // Escaped as any value of a page.
        let builder = try SiteBuilder(site: temporaryWithMap.site(), statuses: [:], theme: .builtIn)
        let kept = Redirect(sourcePath: "kept.md", redirectURL: "https://example.com/x?a=1&b=\"<script>", redirectDocumentID: false, line: 9)
        let html = String(decoding: try #require(builder.redirectPage(kept, locale: "en-US")), as: UTF8.self)
        #expect(!html.contains("<script>"))
        #expect(html.contains("<title>https://example.com/x?a=1&amp;b=&quot;&lt;script&gt;</title>"))
    }

    @Test("partner-center: no broken-link finding names a redirected path", .enabled(if: corpusIsPresent, "needs ../shared/corpus"))
    func partnerCenter() throws {
        let content = ContentSet.load(Configuration(contentRoot: corpusRoot + "/partner-center", sourceLocale: "es-ES"))
        #expect(content.redirects.count == 6)
        #expect(content.redirects["es-ES"]?.entries.count == 108)
        let targets = LinkTargets(content: content)
        var redirectedLinks = 0
        for locale in content.locales {
            for article in content.sortedArticles(in: locale) {
                for link in article.links where targets.namesContentPath(LinkDestination(link.destination)) {
                    if case .redirected = targets.resolve(LinkDestination(link.destination), from: article.path, locale: locale) { redirectedLinks += 1 }
                }
            }
        }
        // About 20 links per tree point at redirected paths (the corpus README).
        #expect(redirectedLinks > 60)
        let found = CheckEngine(rules: [BrokenLink()]).run(content).filter { $0.rule == "broken-link" }
        let redirected = found.filter { finding in
            content.redirects.values.contains { table in table.entries.contains { finding.message.contains(($0.sourcePath as NSString).lastPathComponent) } }
        }
        #expect(redirected.isEmpty, "\(redirected.map(\.message))")
    }
}
