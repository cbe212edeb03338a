import Testing
@testable import ConcordRender

@Suite("sitemap.xml and robots.txt")
struct SitemapTests {
    @Test("Each page lists its existing translations and x-default; single-locale pages have no alternates")
    func alternatesOnlyForExistingPages() {
        let xml = Sitemap.xml(
            entries: [Sitemap.Entry(path: "a.md", locales: ["en-US", "ja-JP"]), Sitemap.Entry(path: "only-en.md", locales: ["en-US"])],
            sourceLocale: "en-US", baseURL: "https://help.example.com", homeLocales: ["en-US", "ja-JP"])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"))
        #expect(xml.contains("""
          <url>
            <loc>https://help.example.com/ja-JP/a.html</loc>
            <xhtml:link rel="alternate" hreflang="en-US" href="https://help.example.com/en-US/a.html"/>
            <xhtml:link rel="alternate" hreflang="ja-JP" href="https://help.example.com/ja-JP/a.html"/>
            <xhtml:link rel="alternate" hreflang="x-default" href="https://help.example.com/en-US/a.html"/>
          </url>
        """))
        #expect(xml.contains("  <url>\n    <loc>https://help.example.com/en-US/only-en.html</loc>\n  </url>"))
        #expect(!xml.contains("ja-JP/only-en"))
        #expect(xml.contains("<loc>https://help.example.com/ja-JP/index.html</loc>"))
    }

    @Test("URLs are escaped; without a base URL they are root-relative")
    func escaping() {
        let xml = Sitemap.xml(entries: [Sitemap.Entry(path: "q&a.md", locales: ["en-US"])], sourceLocale: "en-US", baseURL: "", homeLocales: [])
        #expect(xml.contains("<loc>/en-US/q&amp;a.html</loc>"))
        #expect(Sitemap.robots(baseURL: "https://x.example") == "User-agent: *\nAllow: /\n\nSitemap: https://x.example/sitemap.xml\n")
    }
}
