import ConcordTestSupport
import Testing
@testable import ConcordCheck

/// How two lists of keyed elements (images, alerts) differ.
@Suite struct KeyedDifferenceTests {
    /// The difference as first computed, always by counting keys in tables: the definition the
    /// shortcut for identical key sequences must agree with.
    static func reference(_ source: [String], _ translation: [String]) -> (changed: [String], missing: [String], extra: [String]) {
        var available: [String: Int] = [:]
        for element in translation { available[element, default: 0] += 1 }
        var missing: [String] = []
        for element in source {
            if let count = available[element], count > 0 { available[element] = count - 1 } else { missing.append(element) }
        }
        var wanted: [String: Int] = [:]
        for element in source { wanted[element, default: 0] += 1 }
        var extra: [String] = []
        for element in translation {
            if let count = wanted[element], count > 0 { wanted[element] = count - 1 } else { extra.append(element) }
        }
        let replaced = min(missing.count, extra.count)
        let changed = (0..<replaced).map { "\(missing[$0])>\(extra[$0])" }
        return (changed, Array(missing.dropFirst(replaced)), Array(extra.dropFirst(replaced)))
    }

    @Test("Differences are the definition's, identical lists and reorderings included")
    func differenceAgreesWithDefinition() {
        let keys = ["note", "tip", "warning", "a.png", "b.png"]
        var draws = SeededRandom(seed: 13)
        for _ in 0..<5_000 {
            let source = (0..<draws.next(5)).map { _ in keys[draws.next(keys.count)] }
            // Often the same list (the common case the shortcut is for), else another draw.
            let translation = draws.next(2) == 0 ? source : (0..<draws.next(5)).map { _ in keys[draws.next(keys.count)] }
            let found = KeyedDifference(source: source, translation: translation) { $0 }
            let expected = Self.reference(source, translation)
            #expect(found.changed.map { "\($0.source)>\($0.translation)" } == expected.changed, "\(source) \(translation)")
            #expect(found.missing == expected.missing && found.extra == expected.extra, "\(source) \(translation)")
        }
    }
}
