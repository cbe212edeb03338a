import ConcordModel

/// `alert-mismatch`: an aligned section has other kinds or another number of `> [!NOTE]`-style alerts.
public struct AlertMismatch: TranslationRule {
    /// `alert-mismatch`.
    public let id = "alert-mismatch"
    /// A warning: the text may still be there, but a caution or note no longer stands out as in the source.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A section's alerts (NOTE, TIP, IMPORTANT, WARNING, CAUTION) differ in kind or number from the source."

    /// Creates the rule.
    public init() {}

    /// Findings for alerts missing, added or of another kind, per aligned section.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let groups = pair.byMatchedSection(source: pair.source.alerts, translation: pair.translation.alerts, line: \.line)
        for group in groups {
            let difference = KeyedDifference(source: group.source, translation: group.translation) { $0.kind.rawValue }
            guard !difference.isEmpty else { continue }
            for (alert, translated) in difference.changed {
                found.append(finding(
                    "\(Self.label(translated)) here, \(Self.label(alert)) in source \(pair.sourcePlace(alert.line))",
                    at: pair.here(translated.line), locale: pair.locale, source: pair.there(alert.line),
                    fingerprint: "\(alert.kind.rawValue)->\(translated.kind.rawValue)"))
            }
            for alert in difference.missing {
                found.append(finding(
                    "\(Self.label(alert)) of source \(pair.sourcePlace(alert.line)) is missing here (\(counted(group.source.count, "alert")) in source section, \(group.translation.count) here)",
                    at: pair.here(pair.translationLine(of: group.pair)), locale: pair.locale, source: pair.there(alert.line),
                    fingerprint: "-" + alert.kind.rawValue))
            }
            for translated in difference.extra {
                let there = pair.sourceLine(of: group.pair)
                found.append(finding(
                    "\(Self.label(translated)) here is not in the source section \(pair.sourcePlace(there)) (\(counted(group.source.count, "alert")) in source section, \(group.translation.count) here)",
                    at: pair.here(translated.line), locale: pair.locale, source: pair.there(there),
                    fingerprint: "+" + translated.kind.rawValue))
            }
        }
        return found
    }

    static func label(_ alert: Alert) -> String { "[!\(alert.kind.rawValue.uppercased())] alert" }
}
