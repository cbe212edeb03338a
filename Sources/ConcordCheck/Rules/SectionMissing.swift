import ConcordModel

/// `section-missing`: a source heading's explicit anchor is nowhere in the translation, or a
/// source heading has no counterpart at all.
public struct SectionMissing: TranslationRule {
    /// `section-missing`.
    public let id = "section-missing"
    /// An error: links to that anchor, from this article or others, land at the top of the page.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A section of the source, or its written anchor, is missing from the translation."

    /// Creates the rule.
    public init() {}

    /// A finding per explicit source anchor the translation defines nowhere, and per source
    /// heading without an anchor that has no counterpart at all.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        // Made on first need: most pairs never ask.
        lazy var anchors = pair.translation.anchors
        var found: [Diagnostic] = []
        for aligned in pair.alignment.pairs {
            guard let s = aligned.source else { continue }
            let section = pair.source.sections[s]
            if !section.explicitAnchor, aligned.translation == nil {
                // Headings without anchors pair by position, so the leftover is the last of its
                // run, not necessarily the one dropped: the message says so.
                found.append(finding(
                    "section '\(section.title)' (source \(pair.sourcePlace(section.line))) has no counterpart here; headings without anchors pair by position, so one of the headings of this part is missing",
                    at: pair.here(pair.translationLine(of: aligned)), locale: pair.locale, source: pair.there(section.line),
                    fingerprint: section.anchor))
                continue
            }
            // Only anchors written by hand are promises other pages link to; a slug of a heading
            // is made from translated words and cannot match.
            guard section.explicitAnchor, !anchors.contains(section.anchor) else { continue }
            if let t = aligned.translation {
                let heading = pair.translation.sections[t]
                // Two different written anchors on aligned headings are one rename: `anchor-mismatch`.
                guard !heading.explicitAnchor else { continue }
                found.append(finding(
                    "heading has no anchor; source heading \(pair.sourcePlace(section.line)) has '\(section.anchor)'",
                    at: pair.here(heading.line), locale: pair.locale, source: pair.there(section.line),
                    fingerprint: section.anchor))
            } else {
                found.append(finding(
                    "section '\(section.title)' (#\(section.anchor), source \(pair.sourcePlace(section.line))) is missing here",
                    at: pair.here(pair.translationLine(of: aligned)), locale: pair.locale, source: pair.there(section.line),
                    fingerprint: section.anchor))
            }
        }
        return found
    }
}
