import Foundation
import Testing

/// Output compared with a file kept in the repository. With `CONCORD_RECORD=1` the file is
/// written with the output instead, and the test fails all the same, naming the file: a run that
/// records can never pass for a run that checked, in CI or anywhere else.
public enum GoldenFile {
    /// Whether this run records golden files rather than comparing with them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["CONCORD_RECORD"] == "1" }

    /// Expects `actual` to equal the bytes of the golden file at `path`; records it when recording.
    public static func expect(_ actual: [UInt8], matches path: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if recording {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(actual).write(to: URL(fileURLWithPath: path), options: .atomic)
            Issue.record("recorded \(path): review the difference, then run again without CONCORD_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record("\(path) is missing: run with CONCORD_RECORD=1 to write it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == Array(expected), "\(what) differs from \(path); run with CONCORD_RECORD=1 if the change is intended",
                sourceLocation: sourceLocation)
    }
}
