import ConcordCheck
import ConcordModel
import Foundation

/// The real localized documentation beside the repository (`../shared/corpus`), for tests that
/// measure the checker on content nobody wrote for it.
enum Corpus {
    /// The repository root, found from this file's path (Tests/ConcordCheckTests/Support/Corpus.swift).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared/corpus`.
    static let root = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    /// Whether the corpus is present on this machine.
    static let isAvailable = FileManager.default.fileExists(atPath: root + "/README.md")

    /// The repository's own sample content.
    static let sampleContent = repositoryRoot.appendingPathComponent("content").path

    /// Loads a corpus family (`powershell`) with `sourceLocale` as the source.
    static func load(_ family: String, source sourceLocale: String) -> ContentSet {
        ContentSet.load(Configuration(contentRoot: root + "/" + family, sourceLocale: sourceLocale))
    }

    /// The findings of the given rules (all built-in rules, at their default or enabled) on a content set.
    static func findings(_ content: ContentSet, rules: [any Rule] = RuleRegistry.all) -> [Diagnostic] {
        // Every rule on, `untranslated` included, so tests see what a fully enabled checker says.
        // (Only those: a setting replaces the severity a rule chooses per finding.)
        let settings = Dictionary(uniqueKeysWithValues: rules.filter { $0.defaultSetting == .off }.map { ($0.id, Configuration.RuleSetting.warning) })
        return CheckEngine(rules: rules, settings: settings).run(content).filter { diagnostic in
            rules.contains { $0.id == diagnostic.rule }
        }
    }
}
