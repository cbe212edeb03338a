import ConcordModel
import ConcordBuild
import ConcordRender
import Foundation
import Testing
@testable import ConcordCLI

/// `--output` (and `output:` in concord.yml) creates missing folders only inside the current
/// folder; elsewhere a missing parent is an error (exit 2) and nothing is created. Failures to
/// write are one line: what failed, where, and why.
@Suite("Output paths and write failures", .serialized)
struct OutputPathTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("concord-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return FileSystem.realPath(path)!
    }

    @Test("A missing parent outside the base folder is refused, and nothing is created")
    func missingParentOutside() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        for path in [root + "/elsewhere/deep/r.txt", root + "/project/../elsewhere/r.txt"] {
            let failure = #expect(throws: ConcordFailure.self) { try OutputPath.check(path, base: root + "/project") }
            #expect(failure?.message.contains("\(root)/elsewhere") == true && failure?.message.contains("does not exist") == true, "\(failure?.message ?? "")")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/elsewhere"))
    }

    @Test("A missing parent inside the base folder, or an existing one anywhere, is fine")
    func allowed() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/project", withIntermediateDirectories: true)
        try OutputPath.check(root + "/project/reports/deep/r.txt", base: root + "/project")
        try OutputPath.check(root + "/r.txt", base: root + "/project")
        try OutputPath.check("/tmp/x.sarif", base: root + "/project")
    }

    @Test("A parent that is a file is refused")
    func parentIsAFile() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        #expect(throws: ConcordFailure.self) { try OutputPath.check(root + "/file/r.txt", base: root) }
    }

    @Test("check, export and build refuse a missing parent outside the current folder with exit 2")
    func commands() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/content/en-US", withIntermediateDirectories: true)
        try Data("# A\n\n1. Select **Save**.\n".utf8).write(to: URL(fileURLWithPath: root + "/content/en-US/a.md"))
        let content = root + "/content"
        #expect(ConcordCommand.execute(["check", "--content", content, "--output", root + "/missing/r.txt"]) == 2)
        #expect(ConcordCommand.execute(["check", "--content", content, "--write-baseline", root + "/missing/b.json"]) == 2)
        #expect(ConcordCommand.execute(["export", "steps", "--content", content, "--output", root + "/missing/s.csv"]) == 2)
        #expect(ConcordCommand.execute(["export", "site-data", "--content", content, "--output", root + "/missing/data"]) == 2)
        #expect(ConcordCommand.execute(["build", "--content", content, "--output", root + "/missing/site"]) == 2)
        #expect(!FileManager.default.fileExists(atPath: root + "/missing"))
        // An existing parent is fine.
        #expect(ConcordCommand.execute(["build", "--content", content, "--output", root + "/site"]) == 0)
    }

    @Test("A write that fails is told in one line, without Foundation's error dump")
    func oneLineWriteFailure() throws {
        do {
            try emit(Data("x".utf8), to: "/proc/self/report.txt")
            Issue.record("writing into /proc/self succeeded")
        } catch let failure as ConcordFailure {
            #expect(failure.message.hasPrefix("cannot write /proc/self/report.txt: "), "\(failure.message)")
            #expect(!failure.message.contains("NSCocoaErrorDomain") && !failure.message.contains("\n"), "\(failure.message)")
        }
    }

    @Test("Foundation's file errors are told as path and reason")
    func foundationErrors() throws {
        let folder = try OutputFolder(path: "/proc/self/site", protecting: [])
        do {
            _ = try folder.makeStaging()
            Issue.record("a staging folder was made in /proc/self")
        } catch {
            let text = ErrorText.oneLine(error)
            #expect(!text.contains("NSCocoaErrorDomain") && !text.contains("\n"), "\(text)")
            #expect(text.contains("/proc/") && text.contains("no such file or directory"), "\(text)")
        }
    }
}
