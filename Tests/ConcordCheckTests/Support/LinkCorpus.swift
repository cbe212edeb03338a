import Foundation
import ConcordModel
@testable import ConcordCheck

/// The repository's sample content and the shared corpus beside the repository, for the link,
/// staleness and stamp tests.
enum LinkTestCorpus {
    /// The repository root, found from this file's path (`Tests/ConcordCheckTests/Support/…`).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// `content/` in the repository.
    static let sampleContent = repositoryRoot.appendingPathComponent("content").path

    /// `../shared/corpus`: real localized documentation.
    static let root = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    /// Whether the shared corpus is present on this machine.
    static let isAvailable = FileManager.default.fileExists(atPath: root + "/README.md")

    /// Loads a content tree with one sub-folder per locale.
    static func load(_ contentRoot: String, source: String) -> ContentSet {
        ContentSet.load(Configuration(contentRoot: contentRoot, sourceLocale: source))
    }

    /// Runs only the given rules.
    static func run(_ rules: [any Rule], on content: ContentSet) -> [Diagnostic] {
        CheckEngine(rules: rules).run(content).filter { diagnostic in rules.contains { $0.id == diagnostic.rule } }
    }

    /// Prints findings when `CONCORD_PRINT_FINDINGS` is set, for reviewing corpus results by eye.
    static func printIfAsked(_ diagnostics: [Diagnostic], relativeTo root: String) {
        guard ProcessInfo.processInfo.environment["CONCORD_PRINT_FINDINGS"] != nil else { return }
        for diagnostic in diagnostics {
            var line = "\(diagnostic)"
            if line.hasPrefix(root + "/") { line.removeFirst(root.count + 1) }
            print("FINDING " + line.replacingOccurrences(of: root + "/", with: ""))
        }
    }
}
