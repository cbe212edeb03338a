import ConcordModel

extension TranslationPair {
    /// Groups elements of both sides by aligned section, in source order, finding each element's
    /// section from its line rather than its section anchor.
    ///
    /// Anchors are not unique in real content (a translation that writes
    /// `<a name="cmdlets-supported">` on every "Cmdlets supported" heading, where the source's slugs
    /// became `cmdlets-supported`, `cmdlets-supported-1`…); lines are.
    public func bySection<Element>(
        source sourceElements: [Element], translation translationElements: [Element], line: (Element) -> Int
    ) -> [SectionGroup<Element>] {
        var groups = alignment.pairs.map { SectionGroup<Element>(pair: $0, source: [], translation: []) }
        var sourceGroup = [Int](repeating: -1, count: source.sections.count)
        var translationGroup = [Int](repeating: -1, count: translation.sections.count)
        for (index, pair) in alignment.pairs.enumerated() {
            if let s = pair.source { sourceGroup[s] = index }
            if let t = pair.translation { translationGroup[t] = index }
        }
        for element in sourceElements {
            let group = TranslationPair.sectionIndex(containing: line(element), in: source.sections).map { sourceGroup[$0] } ?? 0
            if group >= 0 { groups[group].source.append(element) }
        }
        for element in translationElements {
            let group = TranslationPair.sectionIndex(containing: line(element), in: translation.sections).map { translationGroup[$0] } ?? 0
            if group >= 0 { groups[group].translation.append(element) }
        }
        return groups
    }
}
