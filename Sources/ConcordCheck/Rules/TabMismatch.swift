import ConcordModel

/// `tab-mismatch`: a translation's tab groups differ from the source's: another number of
/// groups, or a group whose tab ids are not the same in the same order. Groups are compared in
/// order; a reader who picks a tab in one locale finds another set in the other.
public struct TabMismatch: TranslationRule {
    /// `tab-mismatch`.
    public let id = "tab-mismatch"
    /// An error: a tab's content is missing or comes under another tab.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A tab group's tab ids differ from the source's, or a group is missing or added."

    /// Creates the rule.
    public init() {}

    /// One finding per group whose ids differ, and per group missing or added.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        let source = pair.source.tabGroups, translation = pair.translation.tabGroups
        guard !source.isEmpty || !translation.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for (group, translated) in zip(source, translation) where group.tabs.map(\.id) != translated.tabs.map(\.id) {
            found.append(finding(
                "tabs \(Self.ids(translated)) here, \(Self.ids(group)) in source \(pair.sourcePlace(group.line))",
                at: pair.here(translated.line), locale: pair.locale, source: pair.there(group.line),
                fingerprint: "\(Self.ids(group))->\(Self.ids(translated))"))
        }
        for group in source.dropFirst(translation.count) {
            found.append(finding(
                "tab group \(Self.ids(group)) of source \(pair.sourcePlace(group.line)) is missing here",
                at: pair.here(pair.translationLine(forSourceLine: group.line)), locale: pair.locale, source: pair.there(group.line),
                fingerprint: "-" + Self.ids(group)))
        }
        for group in translation.dropFirst(source.count) {
            found.append(finding(
                "tab group \(Self.ids(group)) is not in the source \(pair.sourcePlace(1))",
                at: pair.here(group.line), locale: pair.locale, source: pair.there(1), fingerprint: "+" + Self.ids(group)))
        }
        return found
    }

    static func ids(_ group: TabGroup) -> String {
        "[" + group.tabs.map(\.id).joined(separator: ", ") + "]"
    }
}
