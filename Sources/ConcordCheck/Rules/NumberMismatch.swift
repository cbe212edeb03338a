import ConcordModel

/// `number-mismatch`: a step or paragraph says another number than its source.
public struct NumberMismatch: TranslationRule {
    /// `number-mismatch`.
    public let id = "number-mismatch"
    /// A warning: a changed number (days, limits, sizes) misinforms, but the scan of prose is heuristic.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A step or paragraph has a number where its source has a different one."

    /// Creates the rule.
    public init() {}

    /// Findings per aligned text unit where a number was replaced by another.
    ///
    /// Text blocks are paired by order in the sections where both sides have as many; in the
    /// others, steps of aligned procedures are paired instead. A unit is reported only when the
    /// translation has a number the source lacks *and* the source one the translation lacks:
    /// translations spell numbers out ("六十天" for 60, "全年全天候" for "24 hours, 365 days") or add
    /// one ("1 日に" for "a day"), and neither alone is drift. Numbers are compared as multisets:
    /// each occurrence pairs with one occurrence on the other side, so a repeated number changed
    /// in one place is seen; what is left over in the translation counts only when the source's
    /// unit has no such number at all.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let sourceBlocks = pair.source.textBlocks
        let translatedBlocks = pair.translation.textBlocks
        let blockGroups = pair.positionsByMatchedSection(
            sourceLines: sourceBlocks.map(\.line), translationLines: translatedBlocks.map(\.line))
        // Needed only where blocks do not line up.
        lazy var procedureGroups = pair.procedureGroups
        for (index, aligned) in blockGroups.pairs.enumerated() {
            let sourcePositions = blockGroups.source(of: index)
            let translatedPositions = blockGroups.translation(of: index)
            if sourcePositions.count == translatedPositions.count {
                for (s, t) in zip(sourcePositions, translatedPositions) {
                    // Most prose has no number: the translation's block is not even read then. The
                    // blocks' fields are read in place: a copy of a block retains all its strings.
                    let numbers = NumberScanner.numbers(in: sourceBlocks[s].prose)
                    guard !numbers.isEmpty else { continue }
                    if let diagnostic = compare(
                        numbers, sourceBlocks[s].line, translatedBlocks[t].prose, translatedBlocks[t].line, translatedBlocks[t].column, pair) {
                        found.append(diagnostic)
                    }
                }
                continue
            }
            // Blocks do not line up here (a paragraph split or merged): fall back to steps, which do.
            guard index < procedureGroups.count, procedureGroups[index].pair == aligned,
                  procedureGroups[index].alignsByOrder else { continue }
            for (procedure, translatedProcedure) in procedureGroups[index].orderedPairs {
                for (step, translated) in alignedSteps(procedure.steps, translatedProcedure.steps) {
                    let numbers = NumberScanner.numbers(in: step.text)
                    guard !numbers.isEmpty else { continue }
                    if let diagnostic = compare(numbers, step.line, translated.text, translated.line, translated.column, pair) {
                        found.append(diagnostic)
                    }
                }
            }
        }
        return found
    }

    /// The finding for a source text with `numbers` (not empty) and its translation, if they differ.
    private func compare(_ numbers: [NumberToken], _ line: Int, _ translatedText: String, _ translatedLine: Int, _ column: Int, _ pair: TranslationPair) -> Diagnostic? {
        let translatedNumbers = NumberScanner.numbers(in: translatedText)
        guard !translatedNumbers.isEmpty else { return nil }
        let (missing, unpairedExtra) = Self.unpaired(numbers, translatedNumbers)
        // A translated number left over that the source's unit also has elsewhere is a number
        // written twice ("AF 21 … 2021" as "2021 … 2021"), not a replacement: only a number
        // new to the unit counts as extra.
        let extra = unpairedExtra.filter { number in !numbers.contains { $0.matches(number) } }
        guard !missing.isEmpty, !extra.isEmpty else { return nil }
        let here = unique(extra.map(\.written)).joined(separator: ", ")
        let there = unique(missing.map(\.written)).joined(separator: ", ")
        return finding(
            "\(here) here where source \(pair.sourcePlace(line)) has \(there)",
            at: pair.here(translatedLine, column), locale: pair.locale, source: pair.there(line),
            fingerprint: "\(there)->\(here)")
    }

    /// The numbers of each side left once every source number is paired with one translated
    /// number it matches, each number pairing once: "365 … 365" against "365 … 372" leaves 365
    /// and 372, where comparing sets would pair both 365s with the one.
    ///
    /// A source number takes the first free translated number equal to it, else the first free
    /// one it matches by scale, so that an exact pair is never spent on a looser one.
    static func unpaired(_ source: [NumberToken], _ translated: [NumberToken]) -> (missing: [NumberToken], extra: [NumberToken]) {
        var free = Array(repeating: true, count: translated.count)
        var missing: [NumberToken] = []
        for number in source {
            let exact = translated.indices.first { free[$0] && !Set(translated[$0].values).isDisjoint(with: number.values) }
            if let index = exact ?? translated.indices.first(where: { free[$0] && translated[$0].matches(number) }) {
                free[index] = false
            } else {
                missing.append(number)
            }
        }
        let extra = translated.indices.filter { free[$0] }.map { translated[$0] }
        return (missing, extra)
    }

    private func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
