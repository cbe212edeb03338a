import ConcordMarkdown
import ConcordModel

/// `duplicate-anchor`: the same explicit anchor is written twice in one article.
///
/// An error when a link targets the anchor (the link reaches only the first definition), a
/// warning otherwise. A translation is not blamed for a repeat its source has too: localisation
/// tools copy the source's anchors, so the problem is reported once, at the source.
public struct DuplicateAnchor: ArticleRule {
    /// `duplicate-anchor`.
    public let id = "duplicate-anchor"
    /// An error when linked to (the finding lowers itself to a warning otherwise).
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "Two sections or anchors in one article have the same explicit anchor."

    /// Creates the rule.
    public init() {}

    /// One finding per repeated anchor, on its second definition, naming every line that defines it.
    ///
    /// Only written anchors count: slugs made from titles are already numbered apart by the builder.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let repeated = Self.repeatedAnchors(of: article)
        guard !repeated.isEmpty else { return [] }
        var inSource: [String: Int] = [:]
        if article.locale != context.sourceLocale, let source = context.content.source(of: article) {
            for (name, lines) in Self.repeatedAnchors(of: source) { inSource[name] = lines.count }
        }
        let linked = context.memo.value("anchor-link-targets") { Self.linkedAnchors(in: context) }
        var found: [Diagnostic] = []
        for (name, at) in repeated {
            // Inherited: the source repeats it as often (or more); its own finding says so once.
            if let count = inSource[name], count >= at.count { continue }
            let isLinked = linked.contains(Self.key(article.file, name))
            let others = at.dropFirst().map(String.init).joined(separator: ", ")
            let consequence = isLinked ? "links to it reach only the first" : "no link targets it yet; one would reach only the first"
            var diagnostic = finding(
                "anchor '\(name)' is defined \(at.count) times: lines \(at[0]), \(others); \(consequence)",
                at: FileLocation(file: article.file, line: at[1]), locale: article.locale,
                fingerprint: "\(name):\(at.count)")
            diagnostic.severity = isLinked ? .error : .warning
            found.append(diagnostic)
        }
        return found
    }

    /// The anchors `article` writes more than once, in order of first definition, with every line
    /// that defines each.
    static func repeatedAnchors(of article: Article) -> [(name: String, lines: [Int])] {
        // Nearly every article names each anchor once: a set says so without a list of lines per name.
        var names: Set<String> = []
        names.reserveCapacity(article.anchorMentions.count)
        guard !article.anchorMentions.allSatisfy({ names.insert($0.name).inserted }) else { return [] }
        var lines: [String: [Int]] = [:]
        var order: [String] = []
        for mention in article.anchorMentions {
            if lines[mention.name] == nil { order.append(mention.name) }
            lines[mention.name, default: []].append(mention.line)
        }
        return order.compactMap { name in
            guard let at = lines[name], at.count > 1 else { return nil }
            return (name, at)
        }
    }

    /// Every `file#anchor` (anchor lower-cased, as platforms match it) that some link of the
    /// content set targets: links within an article (`#x`) and between articles (`a.md#x`).
    static func linkedAnchors(in context: CheckContext) -> Set<String> {
        var result: Set<String> = []
        for locale in context.content.locales {
            for article in context.content.sortedArticles(in: locale) {
                for link in article.links {
                    guard link.destination.containsUTF8(UInt8(ascii: "#")) else { continue }
                    let destination = LinkDestination(link.destination)
                    guard let fragment = destination.fragment, !fragment.isEmpty,
                          let target = BrokenAnchor.target(of: destination, from: article, in: context)
                    else { continue }
                    result.insert(key(target.file, fragment))
                }
            }
        }
        return result
    }

    private static func key(_ file: String, _ anchor: String) -> String { file + "#" + anchor.lowercased() }
}
