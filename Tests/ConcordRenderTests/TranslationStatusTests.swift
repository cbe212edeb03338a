import ConcordBuild
import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// `concord status` and the site's `status/` page: each translation's state as the checks see
/// it, in counts a translation manager can trust and text content cannot break.
@Suite("Translation status: counts, what changed, the page and the Markdown report")
struct TranslationStatusTests {
    /// en-US has four articles; es-ES has one in sync, one stamped from an older source, one
    /// that lost a link, and lacks the fourth.
    static let files: [String: String] = [
        "en-US/a.md": "# Alpha\n\nSee [B](b.md).\n",
        "en-US/b.md": "# Beta\n\nNew source text.\n",
        "en-US/c.md": "# Gamma\n\nRead [the guide](https://example.com/guide).\n",
        "en-US/d.md": "# Delta\n\nText.\n",
        "es-ES/a.md": "# Alfa\n\nVea [B](b.md).\n",
        "es-ES/b.md": "---\nsource-hash: \(String(repeating: "0", count: 64))\n---\n# Beta\n\nTexto antiguo.\n",
        "es-ES/c.md": "# Gama\n\nLea la guía.\n",
    ]

    static func status(_ temporary: TemporaryContent) -> (TranslationStatus, [Diagnostic]) {
        let content = ContentSet.load(temporary.configuration)
        let diagnostics = CheckEngine(settings: temporary.configuration.rules).run(content)
        let statuses = ArticleStatus.statuses(content: content, diagnostics: diagnostics)
        return (TranslationStatus(content: content, diagnostics: diagnostics, statuses: statuses), diagnostics)
    }

    @Test("Each article is current, outdated, drifted or missing, with the finding that says why")
    func statuses() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let (status, diagnostics) = Self.status(temporary)
        #expect(status.sourceLocale == "en-US")
        let summary = try #require(status.locales.first)
        #expect(status.locales.map(\.locale) == ["es-ES"])
        let counts = [summary.articles, summary.current, summary.stale, summary.drift, summary.fallback]
        #expect(counts == [4, 1, 1, 1, 1])
        #expect(summary.percentCurrent == 25)
        #expect(status.articles.map(\.path) == ["a.md", "b.md", "c.md", "d.md"])
        #expect(status.articles.map(\.status) == [.current, .stale, .drift, .fallback])

        let stale = status.articles[1]
        #expect(stale.file == temporary.configuration.contentRoot + "/es-ES/b.md")
        let change = try #require(stale.findings.first { $0.rule == "stale-translation" })
        #expect(change.line == 2)
        #expect(change.message.contains("source changed"))
        let drift = status.articles[2]
        #expect(drift.errors >= 1)
        #expect(drift.findings.contains { $0.rule == "link-mismatch" && $0.line == 1 && $0.sourceLine == 3 })
        let missing = status.articles[3]
        #expect(missing.file == nil && missing.title == "Delta")
        #expect(missing.findings.map(\.rule) == ["missing-translation"])

        // The counts are the check's, file for file.
        let translationFindings = diagnostics.filter { $0.location.file.contains("/es-ES/") }
        #expect(summary.errors == translationFindings.count { $0.severity == .error })
        #expect(summary.warnings == translationFindings.count { $0.severity == .warning })
    }

    @Test("The Markdown report lists what needs work, and content cannot add markup to it")
    func markdown() throws {
        var files = Self.files
        files["en-US/e.md"] = "# E\n"
        files["en-US/x|<b>[y](z)*w*.md"] = "# X\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let (status, _) = Self.status(temporary)
        let report = status.markdown()
        #expect(report.contains("| es\\-ES |") == false)
        #expect(report.contains("| es-ES | 1 (16%) | 1 | 1 | 3 |"))
        #expect(report.contains("**Outdated**: b.md (line 2): source changed"))
        #expect(report.contains("**Drifted**: c.md, 1 error; line 1: link to 'https://example.com/guide'"))
        #expect(report.contains("**Missing**: x\\|\\<b\\>\\[y\\](z)\\*w\\*.md"))
        // Every table row has the header's eight pipes: no cell was added.
        let rows = report.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") }
        let unescapedPipes = rows.map { row in row.count { $0 == "|" } - row.components(separatedBy: "\\|").count + 1 }
        #expect(unescapedPipes == [8, 8])
        let limited = status.markdown(limit: 2)
        #expect(limited.contains("- … and 3 more"))
    }

    @Test("The built site has a status page whose links reach the pages, with every value escaped")
    func sitePage() throws {
        var files = Self.files
        files["es-ES/c.md"] = "# Gama \\<img src=x onerror=alert(1)\\> & co\n\nLea la guía.\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        let page = try temporary.read("status/index.html")
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("<script src=\"status.js\"></script>"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("Gama &lt;img src=x onerror=alert(1)&gt; &amp; co"))
        #expect(page.contains("<progress max=\"4\" value=\"1\" aria-label=\"es-ES: 25% current\">"))
        #expect(FileSystem.exists(temporary.output + "/status/status.css"))
        #expect(FileSystem.exists(temporary.output + "/status/status.js"))
        // Every link of the page is to a file of the site.
        let hrefs = page.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(hrefs.count == 1 + 4 * 2)
        for href in hrefs {
            #expect(FileSystem.exists(temporary.output + "/status/" + href), "\(href)")
        }
        // Not a page for readers: out of the sitemap.
        #expect(!(try temporary.read("sitemap.xml")).contains("status/"))
    }

    @Test("A site without translations has no status page")
    func singleLocale() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n"])
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        #expect(!FileSystem.exists(temporary.output + "/status"))
    }

    @Test("The standalone page carries its style and script, and shows files instead of links")
    func standalone() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let (status, _) = Self.status(temporary)
        let page = StatusPage(status: status, siteTitle: "Help & <more>", assets: .inline).html()
        #expect(page.contains("<title>Translation status · Help &amp; &lt;more&gt;</title>"))
        #expect(page.contains("<style>") && page.contains("<script>"))
        #expect(!page.contains("href="))
        #expect(page.contains(temporary.configuration.contentRoot + "/es-ES/b.md"))
    }
}
