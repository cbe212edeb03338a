import ConcordModel
import Testing
@testable import ConcordCheck
@testable import ConcordExport
@testable import ConcordRender

/// Each rule of the one link model, seen by the three consumers at once: what the check says of
/// a link, what the JSON gives for it, and what the page writes.
@Suite("Link rules: the check, the JSON and the page")
struct LinkRuleTests {
    static let files: [String: String] = [
        "en-US/guide/start.md": "# Start\n\nText.\n",
        "en-US/FAQ.md": "# FAQ\n\n## Top part\n\nText.\n\n## <a name=\"Legacy\"></a>Old part\n\nText.\n",
        "en-US/more info.md": "# More\n",
        "en-US/only-source.md": "# Only in the source\n",
        "en-US/media/Shot.png": "png",
        "en-US/guide/help.yml": "items: []\n",
        "en-US/guide/anchors.md": "# Anchors\n\n[a](../FAQ.md#TOP-PART)\n\n[b](../faq#legacy)\n\n[c](../FAQ.md#nowhere)\n\n[d](..\\faq.md#nowhere-else)\n",
        "fr-FR/guide/start.md": "# Démarrer\n\nTexte.\n",
        "fr-FR/FAQ.md": "# FAQ\n\n## Partie haute\n\nTexte.\n",
    ]

    /// What the three consumers say of one link.
    struct Seen: Equatable, CustomStringConvertible {
        var check: String
        var json: ResolvedLink
        var href: String?
        var description: String { "check: \(check), JSON: \(json), href: \(href ?? "none")" }
    }

    /// The content, and the consumers set up as a build sets them up.
    struct Fixture {
        let temporary: TemporaryContent
        let consumers: LinkAgreementTests.Consumers

        init() throws {
            temporary = try TemporaryContent(LinkRuleTests.files)
            consumers = LinkAgreementTests.Consumers(ContentSet.load(temporary.configuration))
        }

        /// What each consumer says of `destination`, written in the article at `path` of `locale`;
        /// with no disagreement among them (``LinkAgreementTests/compare(_:in:_:)``).
        func seen(_ destination: String, from path: String = "guide/start.md", locale: String = "en-US") -> Seen {
            let article = consumers.content.article(path, in: locale)!
            let (_, href, problems) = LinkAgreementTests.compare(destination, in: article, consumers)
            #expect(problems == [], "\(destination)")
            let link = LinkDestination(destination)
            var check: String
            switch link.kind {
            case .external: check = "external"
            case .xref: check = "xref"
            case .blocked: check = "blocked"
            case .siteRooted: check = "site path"
            case .empty, .fragment: check = "same article"
            case .relative:
                switch consumers.check.linkIndex.resolve(link, from: article, fallback: true) {
                case .found(let locale, _, let target?): check = "article \(locale)/\(target)"
                case .found(let locale, let path, nil): check = "file \(locale)/\(path)"
                case .missing: check = "broken"
                case .foundOutsideLocales, .unverifiable: check = "not checked"
                }
            }
            let json = consumers.export.resolve(destination, from: path, locale: locale)
            return Seen(check: check, json: json, href: href)
        }
    }

    static func json(_ path: String, anchor: String? = nil, _ url: String) -> ResolvedLink {
        ResolvedLink(article: path, anchor: anchor, url: "https://docs.example.com/" + url)
    }

    @Test("Paths match without letter case, and are named as the file is spelled")
    func letterCase() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("../faq.md") == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", "en-US/FAQ.html"), href: "../FAQ.html"))
        #expect(fixture.seen("../FAQ.MD") == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", "en-US/FAQ.html"), href: "../FAQ.html"))
        #expect(fixture.seen("../faq") == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", "en-US/FAQ.html"), href: "../FAQ.html"),
                "`.md` may be left off")
        #expect(fixture.seen("../MEDIA/shot.PNG") == Seen(check: "file en-US/media/Shot.png", json: ResolvedLink(), href: "../MEDIA/shot.PNG"),
                "a file that is no article: no JSON, the page keeps the path as written")
    }

    @Test("`\\` reads as `/` in a relative path; `\\…` is a site path")
    func backslash() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("..\\faq.md#top-part")
                == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", anchor: "top-part", "en-US/FAQ.html#top-part"), href: "../FAQ.html#top-part"))
        #expect(fixture.seen("..\\missing.md") == Seen(check: "broken", json: ResolvedLink(), href: "../missing.html"))
        #expect(fixture.seen("\\faq.md") == Seen(check: "site path", json: ResolvedLink(), href: "\\faq.md"))
    }

    @Test("One list of schemes: http, https, mailto, tel, ftp; nothing else reaches a page or the JSON")
    func schemes() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        for url in ["https://example.com/a?b#c", "HTTP://example.com", "mailto:help@example.com", "tel:+1-555-0100", "ftp://example.com/f"] {
            #expect(fixture.seen(url) == Seen(check: "external", json: ResolvedLink(url: url), href: url))
        }
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "C:\\docs\\a.md"] {
            #expect(fixture.seen(url) == Seen(check: "blocked", json: ResolvedLink(), href: nil), "\(url.debugDescription)")
        }
        #expect(fixture.seen("xref:System.String") == Seen(check: "xref", json: ResolvedLink(), href: nil))
        // A relative path that would read as a scheme once its `./` is gone keeps it.
        #expect(fixture.seen("./javascript:alert(1).md") == Seen(check: "broken", json: ResolvedLink(), href: "./javascript:alert(1).html"))
    }

    @Test("Anchors: the article the link leads to, any letter case, decoded")
    func anchors() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("../FAQ.md#Top-Part")
                == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", anchor: "Top-Part", "en-US/FAQ.html#Top-Part"), href: "../FAQ.html#Top-Part"))
        #expect(fixture.seen("../FAQ.md#top%2Dpart")
                == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", anchor: "top-part", "en-US/FAQ.html#top%2Dpart"), href: "../FAQ.html#top%2Dpart"))
        #expect(fixture.seen("#next", from: "FAQ.md") == Seen(check: "same article", json: Self.json("FAQ.md", anchor: "next", "en-US/FAQ.html#next"), href: "#next"))
        // `broken-anchor` looks in that article: a heading's slug and an explicit anchor are found, any case; a made-up one is not.
        let article = fixture.consumers.content.article("guide/anchors.md", in: "en-US")!
        let findings = BrokenAnchor().check(article, in: fixture.consumers.check)
        #expect(findings.map(\.location.line) == [7, 9])
        #expect(findings.allSatisfy { $0.message.hasSuffix("names no anchor of \(fixture.temporary.configuration.contentRoot)/en-US/FAQ.md") })
    }

    @Test("Query: kept as written by the page and the JSON URL; alone, it is the same article")
    func query() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("../FAQ.md?view=1#top-part")
                == Seen(check: "article en-US/FAQ.md", json: Self.json("FAQ.md", anchor: "top-part", "en-US/FAQ.html?view=1#top-part"),
                        href: "../FAQ.html?view=1#top-part"))
        #expect(fixture.seen("?view=1") == Seen(check: "same article", json: Self.json("guide/start.md", "en-US/guide/start.html?view=1"), href: "?view=1"))
        #expect(fixture.seen("help.yml?x#y") == Seen(check: "file en-US/guide/help.yml", json: ResolvedLink(), href: "help.yml?x#y"))
    }

    @Test("Percent-encoding: decoded to find the file; an escape that is no UTF-8 is kept")
    func percentEncoding() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("../more%20info.md")
                == Seen(check: "article en-US/more info.md", json: Self.json("more info.md", "en-US/more info.html"), href: "../more info.html"))
        #expect(fixture.seen("../more%20Info") == Seen(check: "article en-US/more info.md", json: Self.json("more info.md", "en-US/more info.html"),
                                                       href: "../more info.html"))
        #expect(fixture.seen("../more%FFinfo.md") == Seen(check: "broken", json: ResolvedLink(), href: "../more%FFinfo.html"))
    }

    @Test("`..` that climbs out of the locale: out of every consumer's reach")
    func escapingTheRoot() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        // Into the content root beside the locales: the check looks on disk, and finds nothing.
        #expect(fixture.seen("../../faq.md") == Seen(check: "broken", json: ResolvedLink(), href: "../../faq.html"))
        // Into another locale's folder: that locale's files answer.
        #expect(fixture.seen("../../fr-FR/FAQ.md") == Seen(check: "article fr-FR/FAQ.md", json: ResolvedLink(), href: "../../fr-FR/FAQ.html"))
        // Out of the content root: not checked, not followed, left as written.
        #expect(fixture.seen("../../../../etc/passwd") == Seen(check: "not checked", json: ResolvedLink(), href: "../../../../etc/passwd"))
    }

    @Test("A translation falls back to the source's article, and links to its own page in its own locale")
    func fallback() throws {
        let fixture = try Fixture()
        defer { fixture.temporary.remove() }
        #expect(fixture.seen("../only-source.md", locale: "fr-FR")
                == Seen(check: "article en-US/only-source.md", json: Self.json("only-source.md", "fr-FR/only-source.html"), href: "../only-source.html"))
        #expect(fixture.seen("../faq.md#partie-haute", locale: "fr-FR")
                == Seen(check: "article fr-FR/FAQ.md", json: Self.json("FAQ.md", anchor: "partie-haute", "fr-FR/FAQ.html#partie-haute"),
                        href: "../FAQ.html#partie-haute"))
        // A trailing `/` names a folder, never an article.
        #expect(fixture.seen("../guide/", locale: "fr-FR") == Seen(check: "file fr-FR/guide", json: ResolvedLink(), href: "../guide/"))
        #expect(fixture.seen("../faq.md/", locale: "fr-FR") == Seen(check: "broken", json: ResolvedLink(), href: "../faq.md/"))
    }
}
