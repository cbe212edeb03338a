import ConcordMarkdown
import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordExport
@testable import ConcordRender

/// The checks, the JSON export and the pages each read links through the one model
/// (``LinkDestination``, ``LinkTargets``); on every link of real content they must say the same:
/// a link the check finds leads the JSON and the page to that article (and its anchors are looked
/// for there), one it calls broken reaches no page of an article, an external one is kept by both
/// as written, an unsafe one by neither.
@Suite("The checks, the JSON and the pages agree on every link of the corpus")
struct LinkAgreementTests {
    /// One corpus part: a family, its source locale, the locales taken, and whether each article's
    /// page body is rendered too, to see that the page writes the very `href` the resolver gives.
    struct Part: CustomTestStringConvertible, Sendable {
        var family: String
        var source: String
        var locales: [String]
        var renderPages: Bool
        /// The verdicts the part is chosen for: each must occur in it.
        var verdicts: Set<String>
        /// `urlMap`, as docs/url-map.md gives it for the family.
        var urlMap: [String: String] = [:]
        var testDescription: String { "\(family) (\(locales.joined(separator: ", ")))" }
    }

    /// The parts: the six locales of the archived China articles (relative links, most of them
    /// broken), partner-center's source with a translation that lacks some of its articles (fallback,
    /// `\` paths, links to YAML pages, queries), and the English PowerShell docs (thousands of links
    /// in another letter case, xrefs, site paths). The French PowerShell copy adds time, not cases.
    static let parts: [Part] = [
        Part(family: "partner-center-china", source: "es-ES", locales: ["es-ES", "de-DE", "fr-FR", "ja-JP", "pt-BR", "zh-CN"], renderPages: true,
             verdicts: ["broken", "external", "same article"]),
        Part(family: "partner-center", source: "es-ES", locales: ["es-ES", "de-DE"], renderPages: true,
             // Links to FAQ pages (`x.yml`, `x.md`) are "article": each FAQ page is read as the article `x.md`.
             verdicts: ["article", "redirected", "external", "file or folder", "same article", "site path"]),
        Part(family: "powershell", source: "en-US", locales: ["en-US"], renderPages: true,
             verdicts: ["article", "broken", "external", "same article", "site path", "xref", "mapped article", "mapped broken"],
             urlMap: ["/powershell/module/": "7.1/", "/powershell/scripting/": "docs-conceptual/"]),
    ]

    /// The three consumers, set up for one content set as a build sets them up.
    struct Consumers {
        let content: ContentSet
        let check: CheckContext
        let export: ConcordExport.LinkResolver
        let pages: ConcordRender.LinkResolver
        /// Each source article's page, lower-cased: what a broken link must not reach.
        let articlePages: Set<String>

        init(_ content: ContentSet) {
            self.content = content
            check = CheckContext(content: content)
            export = ConcordExport.LinkResolver(content: content)
            pages = ConcordRender.LinkResolver(content: content)
            articlePages = Set(content.sourceArticles.keys.map { LinkTargets.lowercased(Self.page(of: $0)) })
        }

        static func page(of path: String) -> String { SitePaths.withoutMarkdownExtension(path) + ".html" }
    }

    @Test(.enabled(if: corpusIsPresent, "../shared/corpus is not beside the repository; the corpus agreement test is skipped"),
          arguments: parts)
    func everyLinkAgrees(part: Part) throws {
        var configuration = Configuration(contentRoot: corpusRoot + "/" + part.family, sourceLocale: part.source, locales: part.locales)
        configuration.urlMap = URLMap(part.urlMap)
        let loaded = ContentSet.loadWithDocuments(configuration)
        let consumers = Consumers(loaded.content)
        var verdicts: [String: Int] = [:]
        for locale in part.locales {
            for article in loaded.content.sortedArticles(in: locale) {
                var hrefs: [String] = []
                // Links read in raw HTML blocks are checked, but the page shows such a block
                // through its filter, which writes no `href` (docs/checks.md): the page writes
                // the others.
                let htmlLines = loaded.documents[locale]?[article.path].map(Self.htmlBlockLines) ?? []
                for link in article.links {
                    let (verdict, href, problems) = Self.compare(link.destination, in: article, consumers)
                    verdicts[verdict, default: 0] += 1
                    if let href, !htmlLines.contains(where: { $0.contains(link.line) }) { hrefs.append(href) }
                    for problem in problems { Issue.record("\(locale)/\(article.path):\(link.line): '\(link.destination)': \(problem)") }
                }
                if part.renderPages, let document = loaded.documents[locale]?[article.path] {
                    Self.expectPage(document, of: article, writes: hrefs, consumers)
                }
            }
        }
        print("\(part.testDescription): \(verdicts.values.reduce(0, +)) links:", verdicts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(part.verdicts.isSubset(of: verdicts.keys), "the part no longer has every kind of link it was chosen for")
    }

    /// What the check says of `destination` in `article`, the page's `href` for it, and each way
    /// in which the JSON or the page disagrees with the check.
    static func compare(_ destination: String, in article: Article, _ consumers: Consumers) -> (String, String?, [String]) {
        let link = LinkDestination(destination)
        let locale = article.locale, folder = RelativePath.directory(of: article.path)
        let exported = consumers.export.resolve(destination, from: article.path, locale: locale)
        let href = consumers.pages.href(destination, documentDirectory: folder, pageDirectory: folder, locale: locale)
        let landing = href.flatMap { PageLinkTests.landing($0, from: folder) }
        var problems: [String] = []
        func expect(_ condition: Bool, _ problem: @autoclosure () -> String) { if !condition { problems.append(problem()) } }
        let nothing = ResolvedLink()
        let verdict: String
        switch link.kind {
        case .external:
            verdict = "external"
            expect(exported == ResolvedLink(url: destination), "JSON \(exported), not the URL as written")
            expect(href == destination, "page href \(href ?? "none"), not the URL as written")
        case .xref, .blocked:
            verdict = link.kind == .xref ? "xref" : "blocked"
            expect(exported == nothing, "JSON \(exported) for a scheme that is not followed")
            expect(href == nil, "page href \(href ?? "") for a scheme that is not followed")
        case .siteRooted where consumers.check.linkIndex.targets.urlMap.contentPath(of: link) != nil:
            let mapped = consumers.check.linkIndex.targets.urlMap.contentPath(of: link)!
            verdict = "mapped " + compareRelative(link, in: article, target: RelativeTarget(path: mapped, inFolder: ""),
                                                  exported: exported, href: href, landing: landing, consumers, &problems)
        case .siteRooted:
            verdict = "site path"
            expect(exported == nothing, "JSON \(exported) for a site path")
            expect(href == destination, "page href \(href ?? "none"), not the path as written")
        case .empty, .fragment:
            verdict = "same article"
            expect(exported.article == article.path && exported.url == pageURL(article.path, locale, consumers) + link.suffix,
                   "JSON \(exported), not this article's page")
            expect(href == destination, "page href \(href ?? "none"), not the place as written")
            expectAnchorTarget(link, in: article, is: article.path, consumers, &problems)
        case .relative:
            verdict = compareRelative(link, in: article, target: RelativeTarget(path: link.path, from: article.path),
                                      exported: exported, href: href, landing: landing, consumers, &problems)
        }
        return (verdict, href, problems)
    }

    /// ``compare(_:in:_:)`` for a path of the content tree (relative, or mapped by `urlMap`, `target`
    /// from the locale root): the check's resolution against the JSON's and the page's.
    static func compareRelative(
        _ link: LinkDestination, in article: Article, target: RelativeTarget, exported: ResolvedLink, href: String?, landing: String?,
        _ consumers: Consumers, _ problems: inout [String]
    ) -> String {
        func expect(_ condition: Bool, _ problem: @autoclosure () -> String) { if !condition { problems.append(problem()) } }
        expect(href != nil, "no page href for a relative path")
        if case .outside = target {
            // Out of the locale: the check may look on disk (a shared `media/`, another locale's
            // folder); the JSON and the page resolve nothing there and keep the path as written.
            expect(exported == ResolvedLink(), "JSON \(exported) for a path out of the locale")
            expect(landing == nil, "page href \(href ?? "none") does not leave the locale as written")
            return "out of the locale"
        }
        if case .redirected = consumers.check.linkIndex.targets.resolve(link, from: article.path, locale: article.locale) {
            // A moved page: not broken for the check, no article for the JSON, and the page's link
            // reaches the redirect page at the old path, no article's.
            expect(consumers.check.linkIndex.resolve(link, from: article, fallback: true) == .unverifiable, "the check resolves a redirected path")
            expect(exported == ResolvedLink(), "JSON \(exported) for a redirected path")
            expect(!(landing.map { consumers.articlePages.contains(LinkTargets.lowercased($0)) } ?? false),
                   "page href \(href ?? "") reaches an article's page for a redirected path")
            return "redirected"
        }
        switch consumers.check.linkIndex.resolve(link, from: article, fallback: consumers.check.sourceFallback) {
        case .found(_, _, let target?):
            let hasPage = consumers.content.sourceArticles[target] != nil
            let expected = hasPage
                ? ResolvedLink(article: target, anchor: link.fragment.flatMap { $0.isEmpty ? nil : $0 },
                               url: pageURL(target, article.locale, consumers) + link.suffix)
                : ResolvedLink()
            expect(exported == expected, "JSON \(exported) where the check finds \(target)")
            expect(landing == Consumers.page(of: target), "page href \(href ?? "none") reaches \(landing ?? "nothing"), not \(target)'s page")
            expectAnchorTarget(link, in: article, is: target, consumers, &problems)
            expectLinkKey(link, in: article, leadsTo: target, consumers, &problems)
            return "article"
        case .found(let locale, let path, nil) where consumers.check.linkIndex.targets.isFAQ(path, in: locale):
            // A FAQ page written as YAML that is not read as an article (the locale's own `x.md`
            // takes its page): links to it reach `x.html` all the same.
            let page = String(path.dropLast(4)) + ".html"
            expect(exported == ResolvedLink(), "JSON \(exported) for a FAQ page")
            expect(landing.map(LinkTargets.lowercased) == LinkTargets.lowercased(page), "page href \(href ?? "none") does not reach \(page)")
            return "FAQ page"
        case .found(_, let path, nil):
            let written = hasMarkdownExtension(path) ? Consumers.page(of: path) : path
            expect(exported == ResolvedLink(), "JSON \(exported) for a file that is no article")
            expect(landing.map(LinkTargets.lowercased) == LinkTargets.lowercased(written), "page href \(href ?? "none") does not reach \(path)")
            return "file or folder"
        case .missing:
            expect(exported == ResolvedLink(), "JSON \(exported) for a link the check calls broken")
            expect(!(landing.map { consumers.articlePages.contains(LinkTargets.lowercased($0)) } ?? false),
                   "page href \(href ?? "") reaches an article's page where the check finds nothing")
            return "broken"
        case .foundOutsideLocales, .unverifiable:
            expect(exported == ResolvedLink(), "JSON \(exported) for a path the check cannot verify")
            expect(!(landing.map { consumers.articlePages.contains(LinkTargets.lowercased($0)) } ?? false),
                   "page href \(href ?? "") reaches an article's page where the check cannot tell")
            return "not checked"
        }
    }

    /// The article `broken-anchor` looks the fragment up in is the one the link leads to.
    static func expectAnchorTarget(_ link: LinkDestination, in article: Article, is path: String, _ consumers: Consumers, _ problems: inout [String]) {
        guard let fragment = link.fragment, !fragment.isEmpty else { return }
        let target = BrokenAnchor.target(of: link, from: article, in: consumers.check)
        if target?.path != path { problems.append("broken-anchor looks in \(target?.path ?? "nothing"), not \(path)") }
    }

    /// `link-mismatch` compares a translation's link by the article it leads to.
    static func expectLinkKey(_ link: LinkDestination, in article: Article, leadsTo path: String, _ consumers: Consumers, _ problems: inout [String]) {
        guard let source = consumers.content.source(of: article), source.locale != article.locale else { return }
        let pair = TranslationPair(source: source, translation: article)
        let key = LinkKey.key(link.raw, in: article, pair: pair, context: consumers.check)
        let expected = LinkTargets.lowercased(SitePaths.withoutMarkdownExtension(path))
        if !key.hasPrefix(expected) { problems.append("link-mismatch compares it as '\(key)', not as \(path)") }
    }

    /// Every `href` the resolver gives for the article's links is in its rendered page, escaped.
    /// The file lines of each raw HTML block of a document.
    static func htmlBlockLines(_ document: MarkdownDocument) -> [ClosedRange<Int>] {
        document.nodes.indices.compactMap { index in
            guard document[index].kind == .htmlBlock, let range = document[index].range else { return nil }
            return range.start.line...range.end.line
        }
    }

    static func expectPage(_ document: MarkdownDocument, of article: Article, writes hrefs: [String], _ consumers: Consumers) {
        let html = HTMLRenderer(links: consumers.pages, includes: nil).render(document, article: article, locale: article.locale).html
        for href in Set(hrefs) {
            let attribute = "href=\"" + HTMLEscaping.escape(URLPolicy.encodeForAttribute(href)) + "\""
            #expect(html.contains(attribute), "\(article.locale)/\(article.path): the page does not write \(attribute)")
        }
    }

    static func pageURL(_ path: String, _ locale: String, _ consumers: Consumers) -> String {
        SitePaths.url(SitePaths.page(locale: locale, path: path), baseURL: consumers.content.configuration.baseURL)
    }

    static func hasMarkdownExtension(_ path: String) -> Bool { LinkTargets.lowercased(path).hasSuffix(".md") }
}
