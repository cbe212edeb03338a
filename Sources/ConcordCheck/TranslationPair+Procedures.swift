import ConcordModel

extension TranslationPair {
    /// Procedures of both sides grouped by aligned section.
    public var procedureGroups: [SectionGroup<Procedure>] {
        byMatchedSection(source: source.procedures, translation: translation.procedures, line: \.line)
    }

    /// Procedures paired by order within their aligned section, in the sections where both sides
    /// have as many: elsewhere `procedure-count` speaks, and pairing by order would compare the
    /// wrong procedures.
    public var alignedProcedures: [(source: Procedure, translation: Procedure)] {
        procedureGroups.filter(\.alignsByOrder).flatMap { Array($0.orderedPairs) }
    }
}

/// Steps paired by position, sub-steps included, wherever both sides have as many steps at that level.
///
/// Where the counts differ `step-count` reports it, and pairing the rest by position would compare
/// the wrong steps, so those steps (and their sub-steps) are left out.
func alignedSteps(_ source: [Step], _ translation: [Step]) -> [(source: Step, translation: Step)] {
    var result: [(source: Step, translation: Step)] = []
    var pending = [(source, translation)]
    while let (s, t) = pending.popLast() {
        guard s.count == t.count else { continue }
        for (a, b) in zip(s, t) {
            result.append((a, b))
            if !a.substeps.isEmpty || !b.substeps.isEmpty { pending.append((a.substeps, b.substeps)) }
        }
    }
    return result
}
