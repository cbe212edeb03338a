import ConcordMarkdown
import ConcordModel

/// `broken-anchor`: a `#fragment` that names no anchor of the article it points to.
///
/// `#x` alone looks in the same article; `a.md#x` in `a.md` of the same locale, or of the source
/// locale when the link falls back to it. Anchors match without regard to letter case, as docs
/// platforms lower-case them. Fragments of URLs, site paths and non-Markdown files are not
/// checked (nothing here knows their anchors), nor those of links `broken-link` reports. As with
/// broken links, a translation does not repeat a broken anchor its source already has.
public struct BrokenAnchor: ArticleRule {
    /// The rule's id.
    public let id = "broken-anchor"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help, SARIF and docs.
    public let summary = "A link's #fragment names no anchor of the article it points to."

    /// Creates the rule.
    public init() {}

    /// A link whose fragment names no anchor of its target.
    struct Broken {
        var link: Link
        var fragment: String
        var target: Article
    }

    /// The findings for one article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let broken = BrokenAnchor.brokenFragments(of: article, in: context)
        guard !broken.isEmpty else { return [] }
        var alsoInSource: Set<String> = []
        if article.locale != context.sourceLocale, let source = context.content.source(of: article) {
            alsoInSource = Set(BrokenAnchor.brokenFragments(of: source, in: context).map(\.link.destination))
        }
        return broken.compactMap { item in
            guard !alsoInSource.contains(item.link.destination) else { return nil }
            let sameArticle = item.target.file == article.file
            var message = sameArticle
                ? "link to '#\(item.fragment)' names no anchor of this article"
                : "link to '\(item.link.destination)' names no anchor of \(item.target.file)"
            if let suggestion = BrokenAnchor.suggestion(for: item, from: article, in: context) {
                message += "; did you mean '#\(suggestion)'?"
            }
            return finding(
                message, at: FileLocation(file: article.file, line: item.link.line, column: item.link.column),
                locale: article.locale, fingerprint: "\(id):\(item.link.destination)")
        }
    }

    /// The links of `article` whose fragment names no anchor of their target, in order.
    static func brokenFragments(of article: Article, in context: CheckContext) -> [Broken] {
        var anchorsByFile: [String: Set<String>] = [:]
        var result: [Broken] = []
        // By index into a local array: a copy of each link (its strings retained, then released)
        // only to look for a `#` cost more than the look.
        let links = article.links
        for index in links.indices {
            // Most links have no `#`, so no fragment: taking them apart would only say so.
            guard links[index].destination.containsUTF8(UInt8(ascii: "#")) else { continue }
            let link = links[index]
            let destination = LinkDestination(link.destination)
            guard let fragment = destination.fragment, !fragment.isEmpty,
                  let target = BrokenAnchor.target(of: destination, from: article, in: context)
            else { continue }
            // Many articles link into the same few (the `about_` topics): their anchors are worked out once per run.
            let anchors = anchorsByFile[target.file]
                ?? context.memo.value("linkable-anchors:\(target.file)") { BrokenAnchor.linkableAnchors(of: target) }
            anchorsByFile[target.file] = anchors
            if !anchors.contains(fragment.lowercased()) {
                result.append(Broken(link: link, fragment: fragment, target: target))
            }
        }
        return result
    }

    /// The anchor a broken fragment most likely meant. In a translation that kept the source's
    /// fragment (`#notes`) where the heading was translated (`## Remarques`), the anchor of the
    /// aligned section; otherwise the closest anchor by spelling.
    static func suggestion(for item: Broken, from article: Article, in context: CheckContext) -> String? {
        let target = context.memo.value("anchor-suggestions:\(item.target.file)") { Suggestions(item.target, in: context) }
        let wanted = item.fragment.lowercased()
        if let aligned = target.aligned[wanted] { return aligned }
        return target.anchors.search(wanted, threshold: 0.34).matches.first.map { target.anchors.names[$0.index] }
    }

    /// What suggestions for links into one article are made from, worked out once per run: a
    /// translation with thousands of broken fragments aligned its sections once for each.
    struct Suggestions: Sendable {
        /// For a translation: each lower-cased anchor of its source (the first section that has
        /// it) → the anchor of the translation's section aligned with that section.
        var aligned: [String: String] = [:]
        /// The article's anchors: its sections' and the others.
        var anchors: SimilarNames

        init(_ target: Article, in context: CheckContext) {
            anchors = SimilarNames(target.sections.map(\.anchor) + target.extraAnchors) { $0.lowercased() }
            guard target.locale != context.sourceLocale, let source = context.content.source(of: target) else { return }
            let alignment = TranslationPair(source: source, translation: target).alignment
            var translationOf: [Int: Int] = [:]
            for pair in alignment.pairs {
                if let s = pair.source { translationOf[s] = pair.translation ?? -1 }
            }
            var seen: Set<String> = []
            for (s, section) in source.sections.enumerated() {
                let anchor = section.anchor.lowercased()
                guard seen.insert(anchor).inserted else { continue }
                if let t = translationOf[s], t >= 0 { aligned[anchor] = target.sections[t].anchor }
            }
        }
    }

    /// Every fragment that reaches a place in `article`, lower-cased: its anchors, and the slug of
    /// every heading's text, since platforms give a heading its slug as id even when it carries an
    /// `<a id>` of its own (`## <a id="zip" />Installing the ZIP package` answers to both).
    static func linkableAnchors(of article: Article) -> Set<String> {
        var result = Set(article.anchors.map { $0.lowercased() })
        var used: [String: Int] = [:]
        for section in article.sections {
            let base = Slug.make(section.title)
            let seen = used[base, default: 0]
            used[base] = seen + 1
            result.insert(seen == 0 ? base : "\(base)-\(seen)")
        }
        return result
    }

    /// The article a destination with a fragment points to, when it is one Concord has read.
    static func target(of destination: LinkDestination, from article: Article, in context: CheckContext) -> Article? {
        switch destination.kind {
        case .fragment:
            return article
        case .relative, .siteRooted:
            guard case .found(let locale, _, let path?) = context.linkIndex.resolve(
                destination, from: article, fallback: context.sourceFallback)
            else { return nil }
            return context.content.article(path, in: locale)
        default:
            return nil
        }
    }
}
