import ConcordModel

/// Known findings a team has accepted, so the checker can be adopted on a legacy tree:
/// only new findings fail the build. Entries are keyed by rule, file and a fingerprint of
/// the offending content, never by line.
public struct Baseline: Sendable, Codable, Equatable {
    /// One accepted finding.
    public struct Entry: Sendable, Codable, Hashable, Comparable {
        /// The rule id.
        public var rule: String
        /// The file, as reported.
        public var file: String
        /// ``Fingerprint/of(_:)`` of the finding.
        public var fingerprint: String
        /// The message when the baseline was written, for people reading the file.
        public var message: String

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.file, a.rule, a.fingerprint, a.message) < (b.file, b.rule, b.fingerprint, b.message)
        }
    }

    /// The format version of the file.
    public var schemaVersion: Int = 1
    /// The accepted findings, sorted.
    public var entries: [Entry]

    /// A baseline accepting every finding given.
    public init(diagnostics: [Diagnostic]) {
        entries = diagnostics.map {
            Entry(rule: $0.rule, file: $0.location.file, fingerprint: Fingerprint.of($0), message: $0.message)
        }.sorted()
    }

    /// Splits findings into new ones and ones the baseline accepts. Each entry accepts one
    /// finding, so a second copy of an accepted defect is still reported.
    public func filter(_ diagnostics: [Diagnostic]) -> (new: [Diagnostic], suppressed: [Diagnostic]) {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining["\(entry.rule)\u{1F}\(entry.file)\u{1F}\(entry.fingerprint)", default: 0] += 1 }
        var new: [Diagnostic] = []
        var suppressed: [Diagnostic] = []
        for diagnostic in diagnostics {
            let key = "\(diagnostic.rule)\u{1F}\(diagnostic.location.file)\u{1F}\(Fingerprint.of(diagnostic))"
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                suppressed.append(diagnostic)
            } else {
                new.append(diagnostic)
            }
        }
        return (new, suppressed)
    }
}
