import ConcordModel

/// `zone-mismatch`: an aligned section has other `::: zone pivot` or `::: moniker range` blocks
/// than the source, or the same ones in another order: a reader choosing a pivot or a version
/// would see other content than in the source.
public struct ZoneMismatch: TranslationRule {
    /// `zone-mismatch`.
    public let id = "zone-mismatch"
    /// An error: readers of one pivot or version lose or gain content.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A section's zones (pivots) or monikers (version ranges) differ from the source's, or come in another order."

    /// Creates the rule.
    public init() {}

    /// Findings per aligned section: zones changed, missing, added, or in another order.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        guard !pair.source.zones.isEmpty || !pair.translation.zones.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for group in pair.byMatchedSection(source: pair.source.zones, translation: pair.translation.zones, line: \.line) {
            let difference = KeyedDifference(source: group.source, translation: group.translation, key: Self.key(of:))
            if difference.isEmpty {
                // The same blocks: in the same order, or the first place they differ.
                if let (zone, translated) = zip(group.source, group.translation).first(where: { Self.key(of: $0) != Self.key(of: $1) }) {
                    found.append(finding(
                        "\(Self.describe(translated)) here where source \(pair.sourcePlace(zone.line)) has \(Self.describe(zone)): same blocks, another order",
                        at: pair.here(translated.line), locale: pair.locale, source: pair.there(zone.line), fingerprint: "order:" + Self.key(of: zone)))
                }
                continue
            }
            found += findings(difference, in: group, of: pair, key: Self.key(of:), describe: Self.describe, line: \.line)
        }
        return found
    }

    /// A zone's kind and value, pivots compared without spaces or case.
    static func key(of zone: Zone) -> String {
        zone.kind.rawValue + ":" + zone.value.lowercased().filter { !$0.isWhitespace }
    }

    static func describe(_ zone: Zone) -> String {
        zone.kind == .zone ? "zone pivot=\"\(zone.value)\"" : "moniker range=\"\(zone.value)\""
    }
}
