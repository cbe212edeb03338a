import Foundation
import Testing

/// action.yml and .pre-commit-hooks.yaml, judged by the tools that read them: check-jsonschema
/// with GitHub's action schema, and pre-commit's own manifest validator.
@Suite("CI files")
struct CIFilesTests {
    static let root = ExitCodeTests.root.path

    /// Runs a command; nil when it is not installed.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let which = Process()
        which.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        which.arguments = ["sh", "-c", "command -v \"$0\"", arguments[0]]
        which.standardOutput = FileHandle.nullDevice
        try which.run()
        which.waitUntilExit()
        guard which.terminationStatus == 0 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let hasCheckJSONSchema = (try? run(["check-jsonschema", "--version"])) != nil
    static let hasPreCommit = (try? run(["pre-commit", "--version"])) != nil

    @Test(.enabled(if: hasCheckJSONSchema, "needs check-jsonschema (pip install check-jsonschema; scripts/bootstrap --test)"))
    func actionValidatesAgainstGitHubsSchema() throws {
        let result = try #require(try Self.run(["check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml"]))
        #expect(result.status == 0, "\(result.output)")
        // The validator can say no: an action without `runs` is not one.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("concord-action-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data("name: x\ndescription: y\n".utf8).write(to: broken)
        #expect(try Self.run(["check-jsonschema", "--builtin-schema", "vendor.github-actions", broken.path])?.status != 0)
    }

    @Test(.enabled(if: hasPreCommit, "needs pre-commit (pip install pre-commit; scripts/bootstrap --test)"))
    func preCommitHookManifestValidates() throws {
        let result = try #require(try Self.run(["pre-commit", "validate-manifest", ".pre-commit-hooks.yaml"]))
        #expect(result.status == 0, "\(result.output)")
        let manifest = try String(contentsOfFile: Self.root + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(manifest.contains("- id: concord-check"))
        #expect(manifest.contains("entry: concord check"))
    }
}
