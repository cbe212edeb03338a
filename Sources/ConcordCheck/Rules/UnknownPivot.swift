import ConcordModel

/// `unknown-pivot`: a zone names a pivot that none of the article's zone pivot groups has, or
/// `zone_pivot_groups` names a group the definitions file does not define. The page's selector
/// offers only the groups' pivots, so such a zone could never be chosen.
public struct UnknownPivot: ArticleRule {
    /// `unknown-pivot`.
    public let id = "unknown-pivot"
    /// A warning: the zone is still on the page, but no choice in the selector shows it.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A zone's pivot is in none of the article's zone_pivot_groups, or zone_pivot_groups names a group that is not defined."

    /// Creates the rule.
    public init() {}

    /// A finding per undefined group (on the front matter's line) and per zone pivot outside the groups.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let requested = ZonePivotGroups.requested(by: article.metadata)
        // A zone without pivots (`::: zone target="docs"`) is for another medium, not a reader's choice.
        let zones = article.zones.filter { $0.kind == .zone && !ZonePivotGroups.pivots(of: $0.value).isEmpty }
        guard !requested.isEmpty || !zones.isEmpty else { return [] }
        let groups = article.zonePivotGroups ?? []
        let definitions = context.content.zonePivotGroups[article.locale]
        var found: [Diagnostic] = []
        let line = article.metadata.line(of: "zone_pivot_groups") ?? 1
        for name in requested where !groups.contains(where: { $0.id.lowercased() == name.lowercased() }) {
            let place = definitions.map { "\($0.file) does not define it" }
                ?? "no \(context.content.configuration.zonePivotGroups) defines zone pivot groups for \(article.locale)"
            found.append(finding(
                "zone_pivot_groups names '\(name)': \(place)", at: FileLocation(file: article.file, line: line),
                locale: article.locale, fingerprint: "group:" + name.lowercased()))
        }
        guard !requested.isEmpty else {
            // Without groups there is no selector: every zone is shown, and the writer is told once.
            let first = zones[0]
            return [finding(
                "zone pivot=\"\(first.value)\" has no selector: the front matter names no zone_pivot_groups",
                at: FileLocation(file: article.file, line: first.line), locale: article.locale, fingerprint: "no-groups")]
        }
        let known = Set(groups.flatMap { $0.pivots.map { $0.id.lowercased() } })
        let names = groups.map(\.id).joined(separator: ", ")
        for zone in zones {
            for pivot in ZonePivotGroups.pivots(of: zone.value) where !known.contains(pivot) {
                found.append(finding(
                    "pivot '\(pivot)' is in none of the article's zone pivot groups (\(names.isEmpty ? "none defined" : names))",
                    at: FileLocation(file: article.file, line: zone.line), locale: article.locale, fingerprint: "pivot:" + pivot))
            }
        }
        return found
    }
}
