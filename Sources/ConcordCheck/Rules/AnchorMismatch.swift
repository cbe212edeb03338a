import ConcordModel

/// `anchor-mismatch`: aligned headings carry different explicit anchors.
public struct AnchorMismatch: TranslationRule {
    /// `anchor-mismatch`.
    public let id = "anchor-mismatch"
    /// An error: links written against the source's anchor miss in this locale.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A heading's anchor differs from the anchor of the source heading at the same place."

    /// Creates the rule.
    public init() {}

    /// One finding per aligned heading pair whose written anchors differ (a rename, not a missing and an extra section).
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        // Made on first need: most pairs never ask.
        lazy var translationAnchors = pair.translation.anchors
        var found: [Diagnostic] = []
        for aligned in pair.alignment.pairs {
            guard let s = aligned.source, let t = aligned.translation else { continue }
            let section = pair.source.sections[s]
            let heading = pair.translation.sections[t]
            guard section.explicitAnchor, heading.explicitAnchor, section.anchor != heading.anchor else { continue }
            // The source's anchor still defined in the translation (a second `<a id>` in the heading,
            // or at another heading): links keep working, and an extra anchor breaks nothing.
            if translationAnchors.contains(section.anchor) { continue }
            found.append(finding(
                "anchor '\(heading.anchor)' here, '\(section.anchor)' in source \(pair.sourcePlace(section.line))",
                at: pair.here(heading.line), locale: pair.locale, source: pair.there(section.line),
                fingerprint: section.anchor + "->" + heading.anchor))
        }
        return found
    }
}
