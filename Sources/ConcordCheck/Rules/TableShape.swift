import ConcordModel

/// `table-shape`: an aligned table has another number of rows or columns, or a section another number of tables.
public struct TableShape: TranslationRule {
    /// `table-shape`.
    public let id = "table-shape"
    /// A warning: a row or column was lost or a table broken by translation (a stray `|`).
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A table has a different number of rows or columns than in the source."

    /// Creates the rule.
    public init() {}

    /// Findings per aligned section: table counts, then rows and columns of tables paired by order.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let groups = pair.byMatchedSection(source: pair.source.tables, translation: pair.translation.tables, line: \.line)
        for group in groups {
            guard group.alignsByOrder else {
                let here = group.translation.first?.line ?? pair.translationLine(of: group.pair)
                let there = group.source.first?.line ?? pair.sourceLine(of: group.pair)
                found.append(finding(
                    "\(counted(group.source.count, "table")) in source \(pair.sourcePlace(there)), \(group.translation.count) here",
                    at: pair.here(here), locale: pair.locale, source: pair.there(there),
                    fingerprint: "\(pair.sectionKey(of: group.pair)):\(group.source.count):\(group.translation.count)"))
                continue
            }
            for (table, translated) in group.orderedPairs
            where table.rows.count != translated.rows.count || table.columnCount != translated.columnCount {
                found.append(finding(
                    "table has \(Self.shape(translated)) here, \(Self.shape(table)) in source \(pair.sourcePlace(table.line))",
                    at: pair.here(translated.line), locale: pair.locale, source: pair.there(table.line),
                    fingerprint: "\(table.header.joined(separator: "|")):\(Self.shape(table))->\(Self.shape(translated))"))
            }
        }
        return found
    }

    static func shape(_ table: Table) -> String {
        "\(counted(table.rows.count, "row")) and \(counted(table.columnCount, "column"))"
    }
}
