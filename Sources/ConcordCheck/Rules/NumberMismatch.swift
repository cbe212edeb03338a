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
    /// one ("1 日に" for "a day"), and neither alone is drift.
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
        let missing = numbers.filter { number in !translatedNumbers.contains { $0.matches(number) } }
        guard !missing.isEmpty else { return nil }
        let extra = translatedNumbers.filter { number in !numbers.contains { $0.matches(number) } }
        guard !extra.isEmpty else { return nil }
        let here = unique(extra.map(\.written)).joined(separator: ", ")
        let there = unique(missing.map(\.written)).joined(separator: ", ")
        return finding(
            "\(here) here where source \(pair.sourcePlace(line)) has \(there)",
            at: pair.here(translatedLine, column), locale: pair.locale, source: pair.there(line),
            fingerprint: "\(there)->\(here)")
    }

    private func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
