import ConcordModel
import Foundation
import Testing

/// Where the tests' content is, and the outside tools that judge the output.
enum Place {
    /// The repository root, from this file's path (Tests/ConcordTranslationTests/Support/Tools.swift).
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The sample content's configuration (`concord.yml`).
    static func sample() throws -> Configuration {
        var configuration = Configuration(contentRoot: repositoryRoot + "/content", sourceLocale: "en-US")
        configuration.rules = try Configuration.load(file: repositoryRoot + "/concord.yml").rules
        return configuration
    }

    /// `../shared`.
    static let shared = (repositoryRoot as NSString).deletingLastPathComponent + "/shared"
    /// `../shared/corpus`.
    static let corpus = shared + "/corpus"
    /// Whether the corpus is present on this machine.
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus + "/README.md")
    /// The OASIS XLIFF 2.1 schemas.
    static let schemas = shared + "/xliff-2.1-schemas"
    /// Whether the schemas are present.
    static let hasSchemas = FileManager.default.fileExists(atPath: schemas + "/xliff_core_2.0.xsd")

    /// A new empty folder for one test.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "concord-translation-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs outside programs.
enum Tool {
    /// Whether `name` is on the PATH.
    static func exists(_ name: String) -> Bool {
        (try? run("/usr/bin/env", ["sh", "-c", "command -v \(name)"]))?.status == 0
    }

    /// Whether python3 can import `module`.
    static func hasPythonModule(_ module: String) -> Bool {
        (try? run("/usr/bin/env", ["python3", "-c", "import \(module)"]))?.status == 0
    }

    /// Runs a program, returning its status and everything it printed.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
