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

    /// Text that `JSONEncoder` escapes, or might be expected to: quotes, backslashes, every control
    /// character, DEL, line and paragraph separators, `/`, HTML, emoji, combining marks, right-to-left.
    static let awkwardText = "q\"uo\"te \\back\\slash\\ /sl/ash/ </script> "
        + String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        + "\u{7F} \u{2028}\u{2029} \u{FEFF} 😀👩‍👩‍👧 é e\u{301} 日本語 العربية \u{FFFD}"
}
