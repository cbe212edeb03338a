import ConcordModel

/// `snippet-mismatch`: an aligned section shows other code snippets than the source: another
/// file, range or region, or another number of them.
public struct SnippetMismatch: TranslationRule {
    /// `snippet-mismatch`.
    public let id = "snippet-mismatch"
    /// An error: the translation shows other code than the source describes.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A section's code snippets differ in file, range or region from the source."

    /// Creates the rule.
    public init() {}

    /// Findings for snippets missing, added or changed per aligned section.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        guard !pair.source.snippets.isEmpty || !pair.translation.snippets.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for group in pair.byMatchedSection(source: pair.source.snippets, translation: pair.translation.snippets, line: \.line) {
            let difference = KeyedDifference(source: group.source, translation: group.translation, key: Self.key(of:))
            for (snippet, translated) in difference.changed {
                found.append(finding(
                    "snippet \(Self.describe(translated)) here, \(Self.describe(snippet)) in source \(pair.sourcePlace(snippet.line))",
                    at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(snippet.line, snippet.column),
                    fingerprint: "\(Self.key(of: snippet))->\(Self.key(of: translated))"))
            }
            for snippet in difference.missing {
                found.append(finding(
                    "snippet \(Self.describe(snippet)) of source \(pair.sourcePlace(snippet.line)) is missing here",
                    at: pair.here(pair.translationLine(of: group.pair)), locale: pair.locale, source: pair.there(snippet.line, snippet.column),
                    fingerprint: "-" + Self.key(of: snippet)))
            }
            for translated in difference.extra {
                let there = pair.sourceLine(of: group.pair)
                found.append(finding(
                    "snippet \(Self.describe(translated)) is not in the source section \(pair.sourcePlace(there))",
                    at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(there),
                    fingerprint: "+" + Self.key(of: translated)))
            }
        }
        return found
    }

    /// What identifies a snippet: its file, range, region and highlighted lines.
    static func key(of snippet: Snippet) -> String {
        [snippet.source, snippet.range ?? "", snippet.name ?? "", snippet.highlight ?? ""].joined(separator: "\u{1F}")
    }

    static func describe(_ snippet: Snippet) -> String {
        var text = "'\(snippet.source)'"
        if let range = snippet.range { text += " lines \(range)" }
        if let name = snippet.name { text += " region '\(name)'" }
        if let highlight = snippet.highlight { text += " highlight \(highlight)" }
        return text
    }
}
