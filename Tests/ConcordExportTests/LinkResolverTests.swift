import Testing
@testable import ConcordExport

/// Which links get a URL in the bundles, and which do not.
@Suite("Link resolver")
struct LinkResolverTests {
    let resolver = LinkResolver(articlePaths: ["index.md", "guide/start.md", "guide/more info.md", "faq.md"], baseURL: "https://help.example.com")

    private func resolve(_ destination: String, from path: String = "guide/start.md") -> ResolvedLink {
        resolver.resolve(destination, from: path, locale: "es-ES")
    }

    @Test func relativeLinksToArticlesBecomePagesInTheSameLocale() {
        #expect(resolve("../faq.md") == ResolvedLink(article: "faq.md", url: "https://help.example.com/es-ES/faq.html"))
        #expect(resolve("./start.md#setup") == ResolvedLink(article: "guide/start.md", anchor: "setup", url: "https://help.example.com/es-ES/guide/start.html#setup"))
        #expect(resolve("more%20info.md") == ResolvedLink(article: "guide/more info.md", url: "https://help.example.com/es-ES/guide/more info.html"))
        #expect(resolve("faq.md?view=1", from: "index.md") == ResolvedLink(article: "faq.md", url: "https://help.example.com/es-ES/faq.html"))
    }

    @Test func fragmentOnlyLinksPointIntoTheArticleItself() {
        #expect(resolve("#next") == ResolvedLink(article: "guide/start.md", anchor: "next", url: "https://help.example.com/es-ES/guide/start.html#next"))
    }

    @Test func webAndMailLinksKeepTheirDestination() {
        #expect(resolve("https://example.org/a#b") == ResolvedLink(url: "https://example.org/a#b"))
        #expect(resolve("HTTP://example.org") == ResolvedLink(url: "HTTP://example.org"))
        #expect(resolve("mailto:help@example.org") == ResolvedLink(url: "mailto:help@example.org"))
    }

    @Test func linksTheSiteCannotVouchForGetNoURL() {
        #expect(resolve("javascript:alert(1)") == ResolvedLink())
        #expect(resolve("data:text/html,x") == ResolvedLink())
        #expect(resolve("/partner-center/overview") == ResolvedLink(), "site-root path")
        #expect(resolve("missing.md") == ResolvedLink(), "no such article")
        #expect(resolve("../../../etc/passwd") == ResolvedLink(), "climbs out of the locale root")
        #expect(resolve("images/shot.png") == ResolvedLink(), "not an article")
    }
}
