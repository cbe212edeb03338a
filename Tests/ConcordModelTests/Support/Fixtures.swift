import Foundation
@testable import ConcordModel

/// Paths to the repository's own sample content and to the shared corpus beside the repository.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// `content/` in the repository.
    static let content = repositoryRoot.appendingPathComponent("content").path

    /// `../shared/corpus`, the real localized documentation the project tests against.
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    /// Whether the shared corpus is present on this machine.
    static let corpusIsAvailable = FileManager.default.fileExists(atPath: corpus + "/README.md")

    /// Loads a file of the sample content.
    static func sample(_ locale: String, _ path: String) throws -> Article {
        let file = content + "/" + locale + "/" + path
        let result = ArticleLoader.load(fileAt: file, path: path, locale: locale, file: file)
        return try #require(result.article)
    }

    /// Builds an article from inline Markdown and fails the test on load errors.
    static func article(_ markdown: String, locale: String = "en-US") throws -> Article {
        let result = ArticleLoader.load(markdown: markdown, locale: locale)
        return try #require(result.article)
    }
}

import Testing
