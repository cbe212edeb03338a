import ConcordModel
import Testing
@testable import ConcordExport

/// Which links get a URL in the bundles, and which do not.
@Suite("Link resolver")
struct LinkResolverTests {
    /// Source articles, a translation with one article of its own, and a file that is not an article.
    static let resolver: LinkResolver = {
        var configuration = Configuration(contentRoot: "/nonexistent", sourceLocale: "en-US", locales: ["en-US", "es-ES"])
        configuration.baseURL = "https://help.example.com"
        let articles = ["index.md", "guide/start.md", "guide/more info.md", "faq.md", "Guide/Overview.md"].map {
            ArticleLoader.load(markdown: "# T\n", path: $0, locale: "en-US").article!
        } + [ArticleLoader.load(markdown: "# Solo\n", path: "solo.md", locale: "es-ES").article!]
        var files = ["en-US": Set(articles.filter { $0.locale == "en-US" }.map(\.path)), "es-ES": ["solo.md"]]
        files["en-US"]!.insert("guide/shot.png")
        return LinkResolver(content: ContentSet(configuration: configuration, articles: articles, files: files))
    }()

    private func resolve(_ destination: String, from path: String = "guide/start.md") -> ResolvedLink {
        Self.resolver.resolve(destination, from: path, locale: "es-ES")
    }

    @Test func relativeLinksToArticlesBecomePagesInTheSameLocale() {
        #expect(resolve("../faq.md") == ResolvedLink(article: "faq.md", url: "https://help.example.com/es-ES/faq.html"))
        #expect(resolve("./start.md#setup") == ResolvedLink(article: "guide/start.md", anchor: "setup", url: "https://help.example.com/es-ES/guide/start.html#setup"))
        #expect(resolve("more%20info.md") == ResolvedLink(article: "guide/more info.md", url: "https://help.example.com/es-ES/guide/more info.html"))
        // The query stays, as on the page.
        #expect(resolve("faq.md?view=1", from: "index.md") == ResolvedLink(article: "faq.md", url: "https://help.example.com/es-ES/faq.html?view=1"))
    }

    @Test func articlesMatchAsThePagesAndTheChecksMatchThem() {
        // Any letter case, named as the file is spelled.
        #expect(resolve("../guide/OVERVIEW.MD") == ResolvedLink(article: "Guide/Overview.md", url: "https://help.example.com/es-ES/Guide/Overview.html"))
        // `\` reads as `/`; `.md` may be left off.
        #expect(resolve("..\\faq.md#a%20b") == ResolvedLink(article: "faq.md", anchor: "a b", url: "https://help.example.com/es-ES/faq.html#a%20b"))
        #expect(resolve("../faq") == ResolvedLink(article: "faq.md", url: "https://help.example.com/es-ES/faq.html"))
    }

    @Test func fragmentOnlyLinksPointIntoTheArticleItself() {
        #expect(resolve("#next") == ResolvedLink(article: "guide/start.md", anchor: "next", url: "https://help.example.com/es-ES/guide/start.html#next"))
        #expect(resolve("") == ResolvedLink(article: "guide/start.md", url: "https://help.example.com/es-ES/guide/start.html"))
    }

    @Test func urlsWithAnAllowedSchemeKeepTheirDestination() {
        #expect(resolve("https://example.org/a#b") == ResolvedLink(url: "https://example.org/a#b"))
        #expect(resolve("HTTP://example.org") == ResolvedLink(url: "HTTP://example.org"))
        #expect(resolve("mailto:help@example.org") == ResolvedLink(url: "mailto:help@example.org"))
        #expect(resolve("tel:+1-555-0100") == ResolvedLink(url: "tel:+1-555-0100"))
        #expect(resolve("ftp://files.example.org/a") == ResolvedLink(url: "ftp://files.example.org/a"))
    }

    @Test func linksTheSiteCannotVouchForGetNoURL() {
        #expect(resolve("javascript:alert(1)") == ResolvedLink())
        #expect(resolve("java\tscript:alert(1)") == ResolvedLink())
        #expect(resolve("data:text/html,x") == ResolvedLink())
        #expect(resolve("xref:System.String") == ResolvedLink())
        #expect(resolve("/partner-center/overview") == ResolvedLink(), "site-root path")
        #expect(resolve("missing.md") == ResolvedLink(), "no such article")
        #expect(resolve("../../../etc/passwd") == ResolvedLink(), "climbs out of the locale root")
        #expect(resolve("shot.png") == ResolvedLink(), "not an article")
        #expect(resolve("../solo.md") == ResolvedLink(), "an article of the translation alone has no page")
    }
}
