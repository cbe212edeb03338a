import ConcordModel

/// `section-extra`: the translation has a section where the source has none.
public struct SectionExtra: TranslationRule {
    /// `section-extra`.
    public let id = "section-extra"
    /// An error: the translation has structure its source lacks, so one of the two is out of date.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "The translation has a section its source does not have."

    /// Creates the rule.
    public init() {}

    /// A finding per translation heading no source heading aligns with, unless its written
    /// anchor is defined in the source anyway.
    ///
    /// A written anchor on a heading aligned with a source heading that has none is no extra
    /// section: localisation tools write the anchor the publishing platform makes of the source
    /// title (`example-4--redirecting` for "Example 4:  Redirecting", `serverreg` for
    /// "Server&reg;"), which Concord's own slug of the decoded title need not equal.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        // Made on first need: most pairs never ask.
        lazy var anchors = pair.source.anchors
        var found: [Diagnostic] = []
        for aligned in pair.alignment.pairs where aligned.source == nil {
            guard let t = aligned.translation else { continue }
            let heading = pair.translation.sections[t]
            let near = pair.sourceLine(of: aligned)
            if !heading.explicitAnchor {
                // Headings without anchors pair by position: the leftover is the last of its run.
                found.append(finding(
                    "section '\(heading.title)' has no counterpart in source (nearest source heading \(pair.sourcePlace(near))); headings without anchors pair by position, so one of the headings of this part is extra",
                    at: pair.here(heading.line), locale: pair.locale, source: pair.there(near),
                    fingerprint: heading.anchor))
                continue
            }
            guard !anchors.contains(heading.anchor) else { continue }
            found.append(finding(
                "section '\(heading.title)' (#\(heading.anchor)) is not in source (nearest source heading \(pair.sourcePlace(near)))",
                at: pair.here(heading.line), locale: pair.locale, source: pair.there(near),
                fingerprint: heading.anchor))
        }
        return found
    }
}
