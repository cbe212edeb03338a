import ConcordModel
import Foundation
import Testing

/// Holds the fast JSON writer to `JSONEncoder`, the contract it replaces.
enum JSONComparison {
    /// Fails the test unless `JSONOutput.bytes(value)` is byte for byte `JSONOutput.encode(value)`.
    static func expectSameBytes<T: JSONWritable & Encodable>(
        _ value: T, _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if let difference = try difference(value) {
            Issue.record("\(what()) \(T.self): \(difference)", sourceLocation: sourceLocation)
        }
    }

    /// How `JSONOutput.bytes(value)` differs from `JSONOutput.encode(value)`; `nil` when it does not.
    static func difference<T: JSONWritable & Encodable>(_ value: T) throws -> String? {
        difference(try JSONOutput.bytes(value), [UInt8](try JSONOutput.encode(value)))
    }

    /// Fails the test when any of `failures` (one line per file or article) is there, showing the first few.
    static func expectNone(_ failures: [String], of count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !failures.isEmpty else { return }
        let firstFew = failures.prefix(3).joined(separator: "\n")
        Issue.record("\(failures.count) of \(count) differ from JSONEncoder:\n\(firstFew)", sourceLocation: sourceLocation)
    }

    /// Where two outputs first differ, with some context from each; `nil` when they are equal.
    static func difference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
        if actual == expected { return nil }
        let at = zip(actual, expected).enumerated().first { $1.0 != $1.1 }?.offset ?? min(actual.count, expected.count)
        func excerpt(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, at - 80)..<min(bytes.count, at + 80)], as: UTF8.self).debugDescription
        }
        return "differs from JSONEncoder at byte \(at) (\(actual.count) vs \(expected.count) bytes)\n  fast:        \(excerpt(actual))\n  JSONEncoder: \(excerpt(expected))"
    }

    /// The stored properties that are `nil` or empty in every instance of their type inside `value`
    /// (`Step.substeps`, say, when no step of the fixture has sub-steps).
    ///
    /// A fixture with no gaps exercises every stored property: a property added to a model and
    /// forgotten by its `JSONWritable` conformance is then either a gap here (an optional or a
    /// collection left at its default) or a byte difference from `JSONEncoder` (anything else,
    /// which synthesized `Codable` always encodes).
    static func gaps(in value: Any) -> [String] {
        var exercised: [String: Bool] = [:]
        func isFilled(_ value: Any) -> Bool {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional, .collection, .set, .dictionary: return !mirror.children.isEmpty
            default: return true
            }
        }
        func walk(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional, .collection, .set, .tuple:
                for child in mirror.children { walk(child.value) }
            case .dictionary:
                // Each child is a (key, value) pair.
                for pair in mirror.children { walk(pair.value) }
            case .struct, .class:
                for child in mirror.children {
                    let property = "\(mirror.subjectType).\(child.label ?? "_")"
                    exercised[property] = exercised[property] == true || isFilled(child.value)
                    walk(child.value)
                }
            case .enum:
                for child in mirror.children { walk(child.value) }
            default:
                break
            }
        }
        walk(value)
        return exercised.filter { !$0.value }.keys.sorted()
    }

    /// Text that `JSONEncoder` escapes, or might be expected to: quotes, backslashes, every control
    /// character, DEL, line and paragraph separators, `/`, HTML, emoji, combining marks, right-to-left.
    static let awkwardText = "q\"uo\"te \\back\\slash\\ /sl/ash/ </script> "
        + String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        + "\u{7F} \u{2028}\u{2029} \u{FEFF} 😀👩‍👩‍👧 é e\u{301} 日本語 العربية \u{FFFD}"
}
