import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Builds a temporary content tree with the built-in theme and returns the result.
@discardableResult
func buildSite(_ temporary: TemporaryContent, diagnostics: [Diagnostic] = [], output: String? = nil) throws -> SiteBuildResult {
    let site = temporary.site()
    let statuses = ArticleStatus.statuses(content: site.content, diagnostics: diagnostics)
    let builder = try SiteBuilder(site: site, statuses: statuses, theme: .builtIn)
    let folder = try OutputFolder(path: output ?? temporary.output, protecting: [temporary.configuration.contentRoot])
    let staging = try folder.makeStaging()
    let result = try SiteStages(builder: builder).run(into: staging).result
    try folder.swap(in: staging)
    return result
}

/// Every `hreflang`/`href` pair in a page or sitemap.
func alternates(in text: String) -> [(lang: String, href: String)] {
    var result: [(String, String)] = []
    var rest = Substring(text)
    while let range = rest.range(of: "hreflang=\"") {
        rest = rest[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        let lang = String(rest[..<end])
        rest = rest[end...]
        guard let hrefStart = rest.range(of: "href=\""), rest.distance(from: rest.startIndex, to: hrefStart.lowerBound) < 8 else { continue }
        let after = rest[hrefStart.upperBound...]
        guard let hrefEnd = after.firstIndex(of: "\"") else { break }
        result.append((lang, String(after[..<hrefEnd])))
        rest = after[hrefEnd...]
    }
    return result
}

@Suite("The built site: fallbacks, notices, RTL, hreflang, sitemap, determinism, atomic output")
struct SiteBuildTests {
    static let files: [String: String] = [
        "en-US/a.md": "---\ntitle: A\ndescription: About A.\n---\n# Article A\n\nSee [B](b.md) and [the section](b.md#details).\n\n## Details\n\nText.\n",
        "en-US/b.md": "# Article B\n\n## Details\n\n1. Select **Save**.\n",
        "en-US/guide/c.md": "# Article C\n\nBack to [A](../a.md).\n",
        "es-ES/a.md": "---\ntitle: A\n---\n# Artículo A\n\nConsulte [B](b.md) y [la sección](b.md#details).\n\n## Detalles\n\nTexto.\n",
        "es-ES/guide/c.md": "# Artículo C\n\nVolver a [A](../a.md).\n",
    ]

    @Test("A missing translation gets a fallback page: source text in the source's language, a notice, no index")
    func fallback() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        #expect(result.fallbacks == ["es-ES": 1])
        #expect(result.pages == ["en-US": 3, "es-ES": 3])
        let page = try temporary.read("es-ES/b.html")
        #expect(page.contains("<html lang=\"es-ES\" dir=\"ltr\">"))
        #expect(page.contains("data-notice=\"fallback\""))
        #expect(page.contains("Este artículo aún no está traducido al <bdi>español</bdi>. Está leyendo la versión en <bdi>inglés</bdi>."))
        #expect(page.contains("<article class=\"content\" lang=\"en-US\" dir=\"ltr\">"))
        #expect(page.contains("<h1 id=\"article-b\">Article B</h1>"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://docs.example.com/en-US/b.html\">"))
        #expect(page.contains("En este artículo"))
        // The switcher says which languages only have the source.
        #expect(page.contains("<a href=\"../es-ES/b.html\" lang=\"es-ES\" hreflang=\"es-ES\" aria-current=\"true\">Español (España) <span class=\"untranslated\">(sin traducir)</span></a>"))
        // Translated pages carry no notice and no lang override.
        let translated = try temporary.read("es-ES/a.html")
        #expect(!translated.contains("data-notice"))
        #expect(translated.contains("<article class=\"content\">"))
    }

    @Test("A stale translation carries an outdated notice linking to the source")
    func outdated() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let stale = Diagnostic(rule: "stale-translation", severity: .warning, locale: "es-ES",
                               location: FileLocation(file: temporary.configuration.contentRoot + "/es-ES/a.md", line: 1), message: "stale")
        let result = try buildSite(temporary, diagnostics: [stale])
        #expect(result.stale == ["es-ES": 1])
        let page = try temporary.read("es-ES/a.html")
        #expect(page.contains("data-notice=\"outdated\""))
        #expect(page.contains("<a href=\"../en-US/a.html\">Leer la versión en <bdi>inglés</bdi></a>"))
        #expect(!(try temporary.read("es-ES/guide/c.html")).contains("data-notice"))
    }

    @Test("Right-to-left locales get dir=rtl; fallback text inside keeps the source's direction")
    func rightToLeft() throws {
        let temporary = try TemporaryContent([
            "en-US/a.md": "# A\n", "en-US/b.md": "# B\n",
            "ar-SA/a.md": "# أ\n", "he-IL/a.md": "# א\n", "fa-IR/a.md": "# ا\n", "ur-PK/a.md": "# ا\n",
        ])
        defer { temporary.remove() }
        try buildSite(temporary)
        for locale in ["ar-SA", "he-IL", "fa-IR", "ur-PK"] {
            #expect(try temporary.read("\(locale)/a.html").contains("<html lang=\"\(locale)\" dir=\"rtl\">"))
            let fallback = try temporary.read("\(locale)/b.html")
            #expect(fallback.contains("<html lang=\"\(locale)\" dir=\"rtl\">"))
            #expect(fallback.contains("<article class=\"content\" lang=\"en-US\" dir=\"ltr\">"))
        }
        #expect(try temporary.read("en-US/a.html").contains("dir=\"ltr\""))
    }

    @Test("hreflang alternates in pages and the sitemap only name real translations, plus x-default")
    func hreflang() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let a = try temporary.read("en-US/a.html")
        let pairs = alternates(in: a).filter { $0.href.hasPrefix("https://") }
        #expect(pairs.map(\.lang) == ["en-US", "es-ES", "x-default"])
        #expect(pairs.last?.href == "https://docs.example.com/en-US/a.html")
        // b.md exists only in en-US: no alternate links at all on its English page.
        #expect(alternates(in: try temporary.read("en-US/b.html")).filter { $0.href.hasPrefix("https://") }.isEmpty)

        // Every alternate anywhere points to a page that exists and is not a fallback.
        let sitemap = try temporary.read("sitemap.xml")
        var checked = 0
        for file in FileSystem.files(under: temporary.output) where file.hasSuffix(".html") || file == "sitemap.xml" {
            for pair in alternates(in: try temporary.read(file)) where pair.href.hasPrefix("https://docs.example.com/") {
                let relative = String(pair.href.dropFirst("https://docs.example.com/".count))
                let target = try temporary.read(relative)
                #expect(!target.contains("data-notice=\"fallback\""), "\(file) names fallback page \(relative) as an alternate")
                checked += 1
            }
        }
        #expect(checked > 10)
        #expect(sitemap.contains("<loc>https://docs.example.com/es-ES/a.html</loc>"))
        #expect(!sitemap.contains("es-ES/b.html"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://docs.example.com/en-US/a.html\"/>"))
        #expect(try temporary.read("robots.txt").contains("Sitemap: https://docs.example.com/sitemap.xml"))
    }

    @Test("Links between articles become .html links in the page's own locale, fallbacks included")
    func links() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let page = try temporary.read("es-ES/a.html")
        #expect(page.contains("<a href=\"b.html\">B</a>"))
        #expect(page.contains("<a href=\"b.html#details\">la sección</a>"))
        #expect(try temporary.read("es-ES/guide/c.html").contains("<a href=\"../a.html\">A</a>"))
        #expect(FileSystem.exists(temporary.output + "/es-ES/b.html"))
    }

    @Test("Locale homes, the language chooser, search pages and indexes are written")
    func otherPages() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let chooser = try temporary.read("index.html")
        #expect(chooser.contains("<a href=\"es-ES/index.html\" hreflang=\"es-ES\">"))
        #expect(chooser.contains("<script src=\"assets/chooser.js\" data-locales=\"en-US,es-ES\"></script>"))
        #expect(try temporary.read("assets/chooser.js").contains("navigator.languages"))
        let home = try temporary.read("es-ES/index.html")
        #expect(home.contains("<html lang=\"es-ES\" dir=\"ltr\">"))
        #expect(home.contains("Artículo A"))
        #expect(try temporary.read("es-ES/search.html").contains("search.js"))
        let index = try JSONSerialization.jsonObject(with: Data(try temporary.read("es-ES/search-index.json").utf8)) as! [String: Any]
        let terms = index["terms"] as! [String: [Int]]
        #expect(terms["articulo"] != nil)
        #expect((index["docs"] as! [[String: Any]]).count == 3)
        #expect(FileSystem.exists(temporary.output + "/assets/site.css"))
        #expect(FileSystem.exists(temporary.output + "/assets/search.js"))
    }

    @Test("Pages are taken in turn from each locale, each locale keeping its order")
    func interleavedJobs() {
        #expect(PagePlan.interleaved([[1, 2, 3], [10], [20, 21]]) == [1, 10, 20, 2, 21, 3])
        #expect(PagePlan.interleaved([[Int]]()) == [])
        #expect(PagePlan.interleaved([[], [5, 6]]) == [5, 6])
    }

    @Test("A source toc.yml that cannot be read is reported once, though every locale falls back to it")
    func unreadableTOCReportedOnce() throws {
        var files = Self.files
        files["en-US/toc.yml"] = "- name: A\n  href: a.md\n- name: [B\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let report = try BuildAction(configuration: temporary.configuration).run()
        let warnings = report.diagnostics.filter { $0.rule == "invalid-toc" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.file == temporary.configuration.contentRoot + "/en-US/toc.yml")
        // The pages are still written, with the folders' navigation.
        #expect(try temporary.read("es-ES/guide/c.html").contains("Artículo C"))
    }

    @Test("An index.md at the locale root is the locale's home page, not overwritten by the generated one")
    func indexArticle() throws {
        let temporary = try TemporaryContent(["en-US/index.md": "# Welcome home\n", "en-US/a.md": "# A\n", "es-ES/a.md": "# A\n"])
        defer { temporary.remove() }
        try buildSite(temporary)
        #expect(try temporary.read("en-US/index.html").contains("<h1 id=\"welcome-home\">Welcome home</h1>"))
        #expect(try temporary.read("es-ES/index.html").contains("data-notice=\"fallback\""))
    }

    @Test("Chrome strings come from the locale's file, else English; the language name from locale data")
    func chromeStrings() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n\n## One\n", "sw-KE/a.md": "# A\n\n## Moja\n", "ja-JP/a.md": "# A\n\n## 一\n"])
        defer { temporary.remove() }
        try buildSite(temporary)
        let swahili = try temporary.read("sw-KE/a.html")
        #expect(swahili.contains("In this article"))
        #expect(swahili.contains(">Kiswahili (Kenya)<"))
        #expect(try temporary.read("ja-JP/a.html").contains("この記事の内容"))
    }

    @Test("The same input gives byte-identical output")
    func deterministic() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary, output: temporary.root + "/one")
        try buildSite(temporary, output: temporary.root + "/two")
        let one = try snapshot(of: temporary.root + "/one")
        let two = try snapshot(of: temporary.root + "/two")
        #expect(one.count > 15)
        #expect(one.keys.sorted() == two.keys.sorted())
        for (path, bytes) in one { #expect(two[path] == bytes, "\(path) differs between two builds") }
    }

    @Test("A rebuild links unchanged files from the previous site and writes changed ones anew")
    func rebuildReusesUnchangedFiles() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        func inode(_ relative: String) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: temporary.output + "/" + relative)[.systemFileNumber] as! NSNumber).uint64Value
        }
        try BuildAction(configuration: temporary.configuration).run()
        let unchanged = try inode("en-US/guide/c.html")
        let changed = try inode("en-US/b.html")
        // The title stays (every page's navigation shows it); the body changes.
        try Data("# Article B\n\nRevised text.\n".utf8).write(to: URL(fileURLWithPath: temporary.configuration.contentRoot + "/en-US/b.md"))
        try BuildAction(configuration: temporary.configuration).run()
        #expect(try inode("en-US/guide/c.html") == unchanged)
        #expect(try inode("en-US/b.html") != changed)
        #expect(try temporary.read("en-US/b.html").contains("Revised text."))
        #expect(try temporary.read("es-ES/b.html").contains("Revised text."))
    }

    @Test("A failed build leaves the previous site untouched and no staging folder behind")
    func atomic() throws {
        struct Failing: SiteOutputWriter {
            func write(_ build: BuildSnapshot, into folder: String) throws { throw OutputFolder.Failure(reason: "disk full") }
        }
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        let before = try snapshot(of: temporary.output)
        var action = BuildAction(configuration: temporary.configuration)
        action.outputWriters = [Failing()]
        try Data("# Changed\n".utf8).write(to: URL(fileURLWithPath: temporary.configuration.contentRoot + "/en-US/a.md"))
        #expect(throws: OutputFolder.Failure.self) { try action.run() }
        #expect(try snapshot(of: temporary.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.root).filter { $0.contains("concord-") }
        #expect(leftovers.isEmpty)
    }

    @Test("Output writers write into the staging folder after the pages, in order, and are published with the site")
    func outputWriters() throws {
        /// Writes how many articles there are, whether the pages are there to read, and what an
        /// earlier writer left.
        struct Extra: SiteOutputWriter {
            var name: String
            func write(_ build: BuildSnapshot, into folder: String) throws {
                let pages = FileSystem.exists(folder + "/en-US/b.html")
                let earlier = (try? FileSystem.read(folder + "/first.txt")).map { String(decoding: $0, as: UTF8.self) } ?? "-"
                try Data("\(build.site.content.sourceArticles.count) \(pages) \(earlier)".utf8).write(to: URL(fileURLWithPath: folder + "/\(name).txt"))
            }
        }
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        var action = BuildAction(configuration: temporary.configuration)
        action.outputWriters = [Extra(name: "first"), SiteDataOutput(), Extra(name: "second")]
        try action.run()
        #expect(try temporary.read("first.txt") == "3 true -")
        #expect(try temporary.read("second.txt") == "3 true 3 true -")
        #expect(FileSystem.exists(temporary.output + "/manifest.json"))
    }

    @Test("A writer that fails while the pages render fails the build, and nothing is published")
    func failingPreparation() throws {
        struct FailingEarly: SiteOutputWriter {
            func prepare(_ build: BuildSnapshot, into folder: String) throws -> @Sendable (String) throws -> Void {
                throw OutputFolder.Failure(reason: "cannot encode")
            }
            func write(_ build: BuildSnapshot, into folder: String) throws {}
        }
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        var action = BuildAction(configuration: temporary.configuration)
        action.outputWriters = [FailingEarly()]
        #expect(throws: OutputFolder.Failure.self) { try action.run() }
        #expect(!FileSystem.exists(temporary.output))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.root).filter { $0.contains("concord-") }
        #expect(leftovers.isEmpty)
    }

    @Test("A folder that concord did not make is never replaced")
    func refusesForeignFolder() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: temporary.output, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: temporary.output + "/important.txt"))
        #expect(throws: OutputFolder.Failure.self) { try BuildAction(configuration: temporary.configuration).run() }
        #expect(try temporary.read("important.txt") == "keep me")
        #expect(throws: OutputFolder.Failure.self) {
            try BuildAction(configuration: temporary.configuration, output: temporary.configuration.contentRoot).run()
        }
    }

    @Test("--strict stops before writing when the checks find errors")
    func strict() throws {
        var files = Self.files
        files["es-ES/broken.md"] = "# Roto \u{FFFD}\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        try Data([0x23, 0x20, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: temporary.configuration.contentRoot + "/es-ES/broken.md"))
        let report = try BuildAction(configuration: temporary.configuration, strict: true).run()
        #expect(report.stoppedByFindings)
        #expect(report.diagnostics.contains { $0.rule == "invalid-utf8" })
        #expect(!FileSystem.exists(temporary.output))
        #expect(report.summary.contains("--strict"))
        // Without --strict the same content builds, and the summary counts pages per locale.
        let lenient = try BuildAction(configuration: temporary.configuration).run()
        #expect(lenient.site != nil)
        #expect(lenient.summary.contains("es-ES"))
        #expect(lenient.summary.contains("1 fallback"))
    }

    @Test("--strict also stops on errors found while rendering, and leaves the live site as it was")
    func strictSiteFindings() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        let before = try snapshot(of: temporary.output)
        // An HTML file shown as an image is refused by the media stage (`unsafe-media`, an error).
        let root = temporary.configuration.contentRoot
        try Data("<script>alert(1)</script>".utf8).write(to: URL(fileURLWithPath: root + "/en-US/evil.html"))
        try Data("# Article B\n\n## Details\n\n1. Select **Save**.\n\n![d](evil.html)\n".utf8).write(to: URL(fileURLWithPath: root + "/en-US/b.md"))
        let report = try BuildAction(configuration: temporary.configuration, strict: true).run()
        #expect(report.stoppedByFindings)
        #expect(report.site == nil)
        let finding = report.diagnostics.first { $0.rule == "unsafe-media" }
        #expect(finding?.location.file == root + "/en-US/b.md")
        #expect(finding?.location.line == 7)
        #expect(try snapshot(of: temporary.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.root).filter { $0.contains("concord-") }
        #expect(leftovers.isEmpty)
        // The rule turned off, the same content builds.
        var lenient = temporary.configuration
        lenient.rules["unsafe-media"] = .off
        #expect(try BuildAction(configuration: lenient, strict: true).run().site != nil)
    }
}
