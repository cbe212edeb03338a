import Foundation
import Testing
@testable import ConcordCheck

/// The git processes of a check run through ``ChildProcess``: what they write is read whole,
/// their input comes from a file, and a failure is no output.
@Suite("Running git's processes")
struct ChildProcessTests {
    private func input(_ text: String) throws -> Int32 {
        let path = NSTemporaryDirectory() + "concord-child-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        return open(path, O_RDONLY)
    }

    @Test func theStandardInputIsTheFileAndTheOutputIsReadWhole() throws {
        // More than the pipe holds at once (64 KB), so the reading must go on while the child writes.
        let text = String(repeating: "a line of input\n", count: 20_000)
        let feed = try input(text)
        defer { close(feed) }
        let output = ChildProcess.output("/usr/bin/env", arguments: ["/usr/bin/env", "cat"], environment: ["LC_ALL": "C"], input: feed)
        #expect(output.map { String(decoding: $0, as: UTF8.self) } == text)
    }

    @Test func anExitStatusOtherThanZeroOrAMissingProgramGivesNothing() throws {
        let feed = try input("")
        defer { close(feed) }
        #expect(ChildProcess.output("/usr/bin/env", arguments: ["/usr/bin/env", "false"], environment: [:], input: feed) == nil)
        #expect(ChildProcess.output("/nonexistent/program", arguments: ["x"], environment: [:], input: feed) == nil)
    }

    @Test func theEnvironmentIsTheOneGiven() throws {
        let feed = try input("")
        defer { close(feed) }
        let output = ChildProcess.output("/usr/bin/env", arguments: ["/usr/bin/env"], environment: ["CONCORD_PROBE": "1"], input: feed)
        #expect(output.map { String(decoding: $0, as: UTF8.self) } == "CONCORD_PROBE=1\n")
    }
}
