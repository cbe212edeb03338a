import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

/// Small content sets built from inline Markdown, for the link and staleness rule tests.
enum LinkFixtures {
    /// One file of a fixture: its locale, its path under the locale root, its Markdown.
    struct File {
        var locale: String
        var path: String
        var markdown: String

        init(_ locale: String, _ path: String, _ markdown: String) {
            self.locale = locale
            self.path = path
            self.markdown = markdown
        }
    }

    /// A content set of `files` (Markdown files become articles) plus `others` (any other files,
    /// by locale), with `source` as the source locale. Nothing is read from disk.
    static func content(
        _ files: [File], others: [String: [String]] = [:], source: String = "en-US", uidFromPath: [UIDPattern] = []
    ) throws -> ContentSet {
        var locales = [source]
        for file in files where !locales.contains(file.locale) { locales.append(file.locale) }
        var configuration = Configuration(contentRoot: "/nonexistent-concord-fixture", sourceLocale: source, locales: locales)
        configuration.uidFromPath = uidFromPath
        var articles: [Article] = []
        var listing: [String: Set<String>] = [:]
        for file in files {
            let result = ArticleLoader.load(markdown: file.markdown, path: file.path, locale: file.locale, file: "\(file.locale)/\(file.path)")
            articles.append(try #require(result.article))
            listing[file.locale, default: []].insert(file.path)
        }
        for (locale, paths) in others { listing[locale, default: []].formUnion(paths) }
        return ContentSet(configuration: configuration, articles: articles, files: listing)
    }

    /// The findings of one rule on a content set, as `file:line:col: message` strings.
    static func findings(_ rule: any Rule, _ content: ContentSet) -> [Diagnostic] {
        CheckEngine(rules: [rule]).run(content)
    }

    /// A fresh temporary folder, removed when the test's scope ends through `defer`.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return FileSystem.canonical(url.path)
    }

    /// Writes `text` to `folder/relative`, creating folders.
    static func write(_ text: String, to relative: String, in folder: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
