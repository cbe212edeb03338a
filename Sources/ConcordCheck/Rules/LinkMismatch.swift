import ConcordModel

/// `link-mismatch`: a translation links to different places than its source.
///
/// Links are compared per aligned section, as multisets of ``LinkKey`` (order and link text are
/// free to change in translation; locale parts of URLs and translated heading anchors are
/// ignored). In each section, a link only in the source is missing, a link only in the
/// translation is extra, and a missing link paired with an extra one, in order, has changed.
/// Sections present on one side only are left to the section rules.
public struct LinkMismatch: TranslationRule {
    /// The rule's id.
    public let id = "link-mismatch"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help, SARIF and docs.
    public let summary = "A translation's links lead to different places than its source's."

    /// Creates the rule.
    public init() {}

    private struct Keyed {
        var link: Link
        var key: String
    }

    /// The findings for one translation and its source.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let unresolved = pair.bySection(source: [], translation: pair.translation.unresolvedReferences, line: \.line)
        for (groupIndex, group) in pair.bySection(source: pair.source.links, translation: pair.translation.links, line: \.line).enumerated() {
            // A section on one side only: `section-missing`/`section-extra` say so, once.
            guard (group.pair.source == nil) == (group.pair.translation == nil) else { continue }
            // The common case, the same destinations written the same way, needs no normalising.
            if group.source.count == group.translation.count,
               zip(group.source, group.translation).allSatisfy({ $0.destination == $1.destination }) { continue }
            let source = group.source.map { Keyed(link: $0, key: LinkKey.key($0.destination, in: pair.source, pair: pair, context: context)) }
            let translation = group.translation.map { Keyed(link: $0, key: LinkKey.key($0.destination, in: pair.translation, pair: pair, context: context)) }
            var (missing, extra) = LinkMismatch.difference(source, translation)
            // A reference link whose label was mangled is reported once, by `undefined-reference`.
            var unexplained = unresolved[groupIndex].translation.count
            missing.removeAll { item in
                guard unexplained > 0, item.link.kind == .reference else { return false }
                unexplained -= 1
                return true
            }
            let sectionLine = group.pair.translation.map { pair.translation.sections[$0].line } ?? 1
            let sourceSectionLine = group.pair.source.map { pair.source.sections[$0].line } ?? 1
            let changed = min(missing.count, extra.count)
            for i in 0..<changed {
                let was = missing[i].link, now = extra[i].link
                findings.append(finding(
                    "link changed from '\(was.destination)' (\(pair.there(was.line, was.column))) to '\(now.destination)'",
                    at: pair.here(now.line, now.column), locale: pair.locale, source: pair.there(was.line, was.column),
                    fingerprint: "\(id):\(missing[i].key)>\(extra[i].key)"))
            }
            for item in missing.dropFirst(changed) {
                let was = item.link
                findings.append(finding(
                    "link to '\(was.destination)' (\(pair.there(was.line, was.column))) is missing here",
                    at: pair.here(sectionLine), locale: pair.locale, source: pair.there(was.line, was.column),
                    fingerprint: "\(id):-\(item.key)"))
            }
            for item in extra.dropFirst(changed) {
                let now = item.link
                findings.append(finding(
                    "link to '\(now.destination)' is not in the source",
                    at: pair.here(now.line, now.column), locale: pair.locale, source: pair.there(sourceSectionLine),
                    fingerprint: "\(id):+\(item.key)"))
            }
        }
        return findings
    }

    /// The elements of `source` with no counterpart in `translation` and the reverse, each in
    /// document order, matching equal keys as a multiset.
    private static func difference(_ source: [Keyed], _ translation: [Keyed]) -> (missing: [Keyed], extra: [Keyed]) {
        var available: [String: Int] = [:]
        for item in translation { available[item.key, default: 0] += 1 }
        var missing: [Keyed] = []
        for item in source {
            if let count = available[item.key], count > 0 {
                available[item.key] = count - 1
            } else {
                missing.append(item)
            }
        }
        var extra: [Keyed] = []
        for item in translation.reversed() {
            if let count = available[item.key], count > 0 {
                available[item.key] = count - 1
                extra.append(item)
            }
        }
        return (missing, extra.reversed())
    }
}
