import ConcordModel

/// Where an aligned section sits on each side, for findings about a section as a whole.
extension TranslationPair {
    /// The line of the source heading of an aligned pair; for the preamble, or a section the source
    /// lacks, the line of the nearest source heading before it (1 when there is none).
    public func sourceLine(of pair: SectionAlignment.Pair) -> Int {
        line(of: pair, side: \.source, sections: source.sections)
    }

    /// The line of the translation heading of an aligned pair; for the preamble, or a section the
    /// translation lacks, the line of the nearest translation heading before it (1 when there is none).
    public func translationLine(of pair: SectionAlignment.Pair) -> Int {
        line(of: pair, side: \.translation, sections: translation.sections)
    }

    private func line(of pair: SectionAlignment.Pair, side: KeyPath<SectionAlignment.Pair, Int?>, sections: [Section]) -> Int {
        if let index = pair[keyPath: side] { return sections[index].line }
        // A section missing on this side: point at the closest section before it that exists here,
        // which is where a writer would have to add it.
        guard let position = alignment.position(of: pair), position > 0 else { return 1 }
        let earlier = alignment.places[position - 1]
        let index = side == \SectionAlignment.Pair.source ? earlier.source : earlier.translation
        return index.map { sections[$0].line } ?? 1
    }

    /// The translation line that corresponds to a source line: the heading aligned with the source
    /// section holding that line, for findings about something the translation lacks altogether.
    public func translationLine(forSourceLine line: Int) -> Int {
        guard let index = Self.sectionIndex(containing: line, in: source.sections),
              let position = alignment.position(of: SectionAlignment.Pair(source: index, translation: nil))
        else { return translation.sections.first?.line ?? 1 }
        return translationLine(of: alignment.pairs[position])
    }

    /// A short name of an aligned section for messages and fingerprints: the source anchor, else
    /// the translation's, else `(top)` for the text before the first heading.
    public func sectionKey(of pair: SectionAlignment.Pair) -> String {
        if let s = pair.source { return "#" + source.sections[s].anchor }
        if let t = pair.translation { return "#" + translation.sections[t].anchor }
        return "(top)"
    }

    /// A place in the source, as `file:line` for messages.
    public func sourcePlace(_ line: Int) -> String { "\(source.file):\(line)" }
}

extension TranslationPair {
    /// Elements of both sides grouped by aligned section, found from each element's line, where a
    /// section present on one side only is folded into the section before it.
    ///
    /// Lines, not anchor names, say which section holds an element: translation tools write the
    /// same explicit anchor on every heading of a repeated title (`cmdlets-supported` thirteen
    /// times), and a lookup by name would pile all of them into one section.
    ///
    /// A dropped heading leaves its content under the previous heading of the other side; counting
    /// per exact section would then report the same drift twice (too few here, too many there)
    /// on top of `section-missing`. Folding keeps one finding per real difference.
    public func byMatchedSection<Element>(
        source sourceElements: [Element], translation translationElements: [Element], line: (Element) -> Int
    ) -> [SectionGroup<Element>] {
        matchedGroups(
            sourceCount: sourceElements.count, sourceLine: { line(sourceElements[$0]) }, sourceElement: { sourceElements[$0] },
            translationCount: translationElements.count, translationLine: { line(translationElements[$0]) },
            translationElement: { translationElements[$0] })
    }

    /// ``byMatchedSection(source:translation:line:)`` for elements given by their lines, as
    /// positions into the two lists, all groups in one flat layout: a group holds a few text blocks
    /// at most, and an array per group and side (sixty for a translation) cost more than grouping.
    public func positionsByMatchedSection(sourceLines: [Int], translationLines: [Int]) -> MatchedPositions {
        let sections = sectionGroups()
        let (sourceSections, translationSections) = (source.sections, translation.sections)
        let sourceGroups = sourceLines.map { Self.group(ofLine: $0, in: sourceSections, sectionGroups: sections.source) }
        let translationGroups = translationLines.map {
            Self.group(ofLine: $0, in: translationSections, sectionGroups: sections.translation)
        }
        return MatchedPositions(pairs: sections.pairs, sourceGroups: sourceGroups, translationGroups: translationGroups)
    }

    private func matchedGroups<Element>(
        sourceCount: Int, sourceLine: (Int) -> Int, sourceElement: (Int) -> Element,
        translationCount: Int, translationLine: (Int) -> Int, translationElement: (Int) -> Element
    ) -> [SectionGroup<Element>] {
        let sections = sectionGroups()
        var groups = sections.pairs.map { SectionGroup<Element>(pair: $0, source: [], translation: []) }
        let (sourceSections, translationSections) = (source.sections, translation.sections)
        for index in 0..<sourceCount {
            let group = Self.group(ofLine: sourceLine(index), in: sourceSections, sectionGroups: sections.source)
            groups[group].source.append(sourceElement(index))
        }
        for index in 0..<translationCount {
            let group = Self.group(ofLine: translationLine(index), in: translationSections, sectionGroups: sections.translation)
            groups[group].translation.append(translationElement(index))
        }
        return groups
    }

    /// The aligned pair of each group, and the group of each section on each side: a matched pair
    /// (or the preamble) opens a group, and one-sided sections take the group before them.
    private func sectionGroups() -> (pairs: [SectionAlignment.Pair], source: [Int], translation: [Int]) {
        var sourceGroup = [Int](repeating: 0, count: source.sections.count)
        var translationGroup = [Int](repeating: 0, count: translation.sections.count)
        var pairs: [SectionAlignment.Pair] = []
        pairs.reserveCapacity(alignment.pairs.count)
        for aligned in alignment.pairs {
            let matched = aligned.isPreamble || (aligned.source != nil && aligned.translation != nil)
            if matched || pairs.isEmpty { pairs.append(aligned) }
            if let s = aligned.source { sourceGroup[s] = pairs.count - 1 }
            if let t = aligned.translation { translationGroup[t] = pairs.count - 1 }
        }
        return (pairs, sourceGroup, translationGroup)
    }

    /// The group of an element at `line` of a side with these sections and their groups.
    private static func group(ofLine line: Int, in sections: [Section], sectionGroups: [Int]) -> Int {
        sectionIndex(containing: line, in: sections).map { sectionGroups[$0] } ?? 0
    }

    /// The index of the last section starting at or before `line`, `nil` before the first
    /// heading (binary search: sections are in line order).
    static func sectionIndex(containing line: Int, in sections: [Section]) -> Int? {
        var low = 0, high = sections.count
        while low < high {
            let middle = (low + high) / 2
            if sections[middle].line <= line { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}

/// Positions of elements grouped by aligned section, as ``TranslationPair/byMatchedSection(source:translation:line:)``
/// groups them: each side's positions ordered by group (in order within a group), with where
/// each group starts.
public struct MatchedPositions: Sendable {
    /// The aligned pair of each group, in order.
    public let pairs: [SectionAlignment.Pair]
    /// Source positions, by group: group `g` is `source[sourceStarts[g]..<sourceStarts[g + 1]]`.
    private let source: [Int]
    private let sourceStarts: [Int]
    /// Translation positions, by group, the same way.
    private let translation: [Int]
    private let translationStarts: [Int]

    init(pairs: [SectionAlignment.Pair], sourceGroups: [Int], translationGroups: [Int]) {
        self.pairs = pairs
        (source, sourceStarts) = Self.byGroup(sourceGroups, groupCount: pairs.count)
        (translation, translationStarts) = Self.byGroup(translationGroups, groupCount: pairs.count)
    }

    /// The source positions of group `group`, in order.
    public func source(of group: Int) -> ArraySlice<Int> { source[sourceStarts[group]..<sourceStarts[group + 1]] }

    /// The translation positions of group `group`, in order.
    public func translation(of group: Int) -> ArraySlice<Int> {
        translation[translationStarts[group]..<translationStarts[group + 1]]
    }

    /// Positions sorted by their group (a counting sort, so in order within each group), and where each group starts.
    private static func byGroup(_ groups: [Int], groupCount: Int) -> (positions: [Int], starts: [Int]) {
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for group in groups { starts[group + 1] += 1 }
        for group in 0..<groupCount { starts[group + 1] += starts[group] }
        var next = starts
        var positions = [Int](repeating: 0, count: groups.count)
        for (position, group) in groups.enumerated() {
            positions[next[group]] = position
            next[group] += 1
        }
        return (positions, starts)
    }
}

extension SectionGroup {
    /// Whether both sides have the same number of elements, so elements can be paired by order.
    public var alignsByOrder: Bool { source.count == translation.count }

    /// The elements paired by order (only meaningful when ``alignsByOrder``).
    public var orderedPairs: Zip2Sequence<[Element], [Element]> { zip(source, translation) }
}

/// Counts with a noun that agrees in number ("1 step", "3 steps").
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
}
