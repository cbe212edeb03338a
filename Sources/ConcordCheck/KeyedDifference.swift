import ConcordModel

/// How two sequences differ when compared as multisets of keys (image names, alert kinds):
/// order alone is no difference, since translators may reorder a sentence around an image.
struct KeyedDifference<Element> {
    /// A source element and the translation element standing where it should be: one was replaced by the other.
    var changed: [(source: Element, translation: Element)] = []
    /// Source elements the translation lacks.
    var missing: [Element] = []
    /// Translation elements the source lacks.
    var extra: [Element] = []

    /// Whether the two sides hold the same keys.
    var isEmpty: Bool { changed.isEmpty && missing.isEmpty && extra.isEmpty }

    /// Compares two sequences by key, keeping each side's order.
    init(source: [Element], translation: [Element], key: (Element) -> String) {
        // The common case, the same keys in the same order (most often none on either side), is
        // no difference: no need to count keys in tables.
        if source.count == translation.count, zip(source, translation).allSatisfy({ key($0) == key($1) }) { return }
        var available: [String: Int] = [:]
        for element in translation { available[key(element), default: 0] += 1 }
        var missing: [Element] = []
        for element in source {
            let k = key(element)
            if let count = available[k], count > 0 { available[k] = count - 1 } else { missing.append(element) }
        }
        var wanted: [String: Int] = [:]
        for element in source { wanted[key(element), default: 0] += 1 }
        var extra: [Element] = []
        for element in translation {
            let k = key(element)
            if let count = wanted[k], count > 0 { wanted[k] = count - 1 } else { extra.append(element) }
        }
        // A missing and an extra element in the same order are one replacement.
        let replaced = min(missing.count, extra.count)
        changed = (0..<replaced).map { (missing[$0], extra[$0]) }
        self.missing = Array(missing.dropFirst(replaced))
        self.extra = Array(extra.dropFirst(replaced))
    }
}

extension TranslationRule {
    /// The findings of one aligned section's `difference`, for blocks a rule names by `describe`
    /// and counts by `key`: a changed block where the translation has it, a missing one at the
    /// section, an extra one where it stands, each with the source's line.
    func findings<Element>(
        _ difference: KeyedDifference<Element>, in group: SectionGroup<Element>, of pair: TranslationPair,
        key: (Element) -> String, describe: (Element) -> String, line: (Element) -> Int
    ) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (block, translated) in difference.changed {
            found.append(finding(
                "\(describe(translated)) here, \(describe(block)) in source \(pair.sourcePlace(line(block)))",
                at: pair.here(line(translated)), locale: pair.locale, source: pair.there(line(block)),
                fingerprint: "\(key(block))->\(key(translated))"))
        }
        for block in difference.missing {
            found.append(finding(
                "\(describe(block)) of source \(pair.sourcePlace(line(block))) is missing here",
                at: pair.here(pair.translationLine(of: group.pair)), locale: pair.locale, source: pair.there(line(block)),
                fingerprint: "-" + key(block)))
        }
        for translated in difference.extra {
            let there = pair.sourceLine(of: group.pair)
            found.append(finding(
                "\(describe(translated)) is not in the source section \(pair.sourcePlace(there))",
                at: pair.here(line(translated)), locale: pair.locale, source: pair.there(there), fingerprint: "+" + key(translated)))
        }
        return found
    }
}
