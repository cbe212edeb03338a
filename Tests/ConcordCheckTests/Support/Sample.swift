import ConcordCheck
import ConcordModel
import Foundation
import Testing

/// The seed article of the sample content (`content/<locale>/customer-support.md`) and helpers
/// to mutate its translation, so every rule is tested on a real article, not only on toy Markdown.
enum Sample {
    /// The text of a sample file.
    static func text(_ locale: String, _ path: String = "customer-support.md") throws -> String {
        try String(contentsOfFile: Corpus.sampleContent + "/" + locale + "/" + path, encoding: .utf8)
    }

    /// The en-US seed article.
    static var source: String { get throws { try text("en-US") } }
    /// The es-ES seed article.
    static var translation: String { get throws { try text("es-ES") } }

    /// A content set of inline articles: `files` maps `locale/path` to Markdown. Files are named
    /// `content/<locale>/<path>` as the loader names them under a `content` root.
    static func content(_ files: [String: String], sourceLocale: String = "en-US") throws -> ContentSet {
        var articles: [Article] = []
        var locales: [String] = [sourceLocale]
        for key in files.keys.sorted() {
            let slash = try #require(key.firstIndex(of: "/"))
            let locale = String(key[..<slash]), path = String(key[key.index(after: slash)...])
            if !locales.contains(locale) { locales.append(locale) }
            let result = ArticleLoader.load(markdown: files[key]!, path: path, locale: locale, file: "content/" + key)
            #expect(result.diagnostics.isEmpty, "\(key): \(result.diagnostics)")
            articles.append(try #require(result.article))
        }
        return ContentSet(configuration: Configuration(contentRoot: "content", sourceLocale: sourceLocale, locales: locales), articles: articles)
    }

    /// The findings of one rule on a source and its es-ES translation at `path`.
    static func findings(_ rule: any Rule, source: String, translation: String, path: String = "customer-support.md") throws -> [Diagnostic] {
        try findings(rule, in: content(["en-US/" + path: source, "es-ES/" + path: translation]))
    }

    /// The findings of one rule on a content set, enabled even when it is off by default.
    static func findings(_ rule: any Rule, in content: ContentSet) -> [Diagnostic] {
        // Only a rule that is off is given a setting: a setting replaces the severity a rule
        // chooses per finding (`duplicate-anchor`'s error when linked, warning otherwise).
        CheckEngine(rules: [rule], settings: rule.defaultSetting == .off ? [rule.id: .warning] : [:]).run(content)
    }

    /// `file:line` of a finding and of its source place, for compact expectations.
    static func places(_ diagnostic: Diagnostic) -> String {
        let here = "\(diagnostic.location.file):\(diagnostic.location.line)"
        guard let source = diagnostic.source else { return here }
        return here + " <- \(source.file):\(source.line)"
    }
}

extension String {
    /// The 1-based number of the first line containing `needle`.
    func line(of needle: String) throws -> Int {
        let lines = components(separatedBy: "\n")
        return try #require(lines.firstIndex { $0.contains(needle) }, "no line contains \(needle)") + 1
    }

    /// The text with the first line containing `needle` removed.
    func removingLine(containing needle: String) throws -> String {
        var lines = components(separatedBy: "\n")
        lines.remove(at: try line(of: needle) - 1)
        return lines.joined(separator: "\n")
    }

    /// The text with the first line containing `needle` repeated just after itself.
    func duplicatingLine(containing needle: String) throws -> String {
        var lines = components(separatedBy: "\n")
        let index = try line(of: needle) - 1
        lines.insert(lines[index], at: index + 1)
        return lines.joined(separator: "\n")
    }

    /// The text with `lines` inserted before the first line containing `needle`.
    func inserting(_ text: String, before needle: String) throws -> String {
        var lines = components(separatedBy: "\n")
        lines.insert(text, at: try line(of: needle) - 1)
        return lines.joined(separator: "\n")
    }

    /// The text with one occurrence of `old` replaced, failing the test when it is not there exactly once.
    func replacingOnce(_ old: String, with new: String) throws -> String {
        let parts = components(separatedBy: old)
        try #require(parts.count == 2, "'\(old)' occurs \(parts.count - 1) times")
        return parts.joined(separator: new)
    }
}
