import ConcordCheck
import ConcordModel
import Foundation
import Testing

/// The repository's sample content, the shared corpus, small inline content sets and scratch folders.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// `schemas/` in the repository.
    static let schemas = repositoryRoot.appendingPathComponent("schemas").path

    /// `Tests/Golden/ConcordExport/` in the repository: whole outputs, re-recorded only on purpose.
    static let golden = repositoryRoot.appendingPathComponent("Tests/Golden/ConcordExport").path

    /// `../shared/corpus`, the real localized documentation the project tests against.
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

    /// Whether the shared corpus is present on this machine.
    static let corpusIsAvailable = FileManager.default.fileExists(atPath: corpus + "/README.md")

    /// The sample site, loaded once for every test that only reads it.
    static func sample() throws -> (content: ContentSet, statuses: [String: [String: ArticleStatus]]) {
        try loadedSample.get()
    }

    private static let loadedSample = Result { try loadSample() }

    /// The sample site as `concord.yml` describes it, with statuses from the checks as the build computes them; loaded anew.
    static func loadSample() throws -> (content: ContentSet, statuses: [String: [String: ArticleStatus]]) {
        let configuration = try Configuration.load(file: repositoryRoot.appendingPathComponent("concord.yml").path)
        let content = ContentSet.load(configuration)
        let diagnostics = CheckEngine(settings: configuration.rules).run(content)
        return (content, ArticleStatus.statuses(content: content, diagnostics: diagnostics))
    }

    /// A content set from inline Markdown: `[locale: [path: markdown]]`, files under `/content/<locale>/`.
    static func content(
        _ files: [String: [String: String]], source: String = "en-US", locales: [String]? = nil, baseURL: String = "https://help.example.com"
    ) throws -> ContentSet {
        var configuration = Configuration(contentRoot: "/content", sourceLocale: source, locales: locales ?? files.keys.sorted { ($0 != source ? 1 : 0, $0) < ($1 != source ? 1 : 0, $1) })
        configuration.baseURL = baseURL
        configuration.siteTitle = "Test help"
        var articles: [Article] = []
        for (locale, byPath) in files {
            for (path, markdown) in byPath {
                let result = ArticleLoader.load(markdown: markdown, path: path, locale: locale, file: "/content/\(locale)/\(path)")
                articles.append(try #require(result.article))
            }
        }
        return ContentSet(configuration: configuration, articles: articles)
    }

    /// A new empty folder under the system's temporary folder; the caller removes it.
    static func scratchFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("concord-export-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Reads a file as bytes.
    static func bytes(_ path: String) throws -> [UInt8] { try FileSystem.read(path) }

    /// Reads a JSON file into Foundation objects.
    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try bytes(path)))
        return try #require(object as? [String: Any], "\(path) is not a JSON object")
    }
}
