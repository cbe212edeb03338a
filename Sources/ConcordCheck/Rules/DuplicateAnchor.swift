import ConcordModel

/// `duplicate-anchor`: the same explicit anchor is written twice in one article.
public struct DuplicateAnchor: ArticleRule {
    /// `duplicate-anchor`.
    public let id = "duplicate-anchor"
    /// An error: a link to the anchor can reach only the first of them.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "Two sections or anchors in one article have the same explicit anchor."

    /// Creates the rule.
    public init() {}

    /// One finding per repeated anchor, on its second definition, naming every line that defines it.
    ///
    /// Only written anchors count: slugs made from titles are already numbered apart by the builder.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
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
        var found: [Diagnostic] = []
        for name in order {
            guard let at = lines[name], at.count > 1 else { continue }
            let others = at.dropFirst().map(String.init).joined(separator: ", ")
            found.append(finding(
                "anchor '\(name)' is defined \(at.count) times: lines \(at[0]), \(others); links reach only the first",
                at: FileLocation(file: article.file, line: at[1]), locale: article.locale,
                fingerprint: "\(name):\(at.count)"))
        }
        return found
    }
}
