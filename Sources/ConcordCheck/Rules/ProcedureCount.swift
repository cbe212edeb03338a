import ConcordModel

/// `procedure-count`: an aligned section has a different number of procedures in the translation.
public struct ProcedureCount: TranslationRule {
    /// `procedure-count`.
    public let id = "procedure-count"
    /// An error: a reader of this locale misses a task, or follows one the source no longer has.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A section has a different number of procedures than in the source."

    /// Creates the rule.
    public init() {}

    /// One finding per aligned section whose procedure counts differ, naming both counts and lines.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for group in pair.procedureGroups where !group.alignsByOrder {
            let here = group.translation.first?.line ?? pair.translationLine(of: group.pair)
            let there = group.source.first?.line ?? pair.sourceLine(of: group.pair)
            found.append(finding(
                "\(counted(group.source.count, "procedure")) in source \(pair.sourcePlace(there)), \(group.translation.count) here",
                at: pair.here(here), locale: pair.locale, source: pair.there(there),
                fingerprint: "\(pair.sectionKey(of: group.pair)):\(group.source.count):\(group.translation.count)"))
        }
        return found
    }
}
