import ConcordMarkdown
import ConcordModel
import Foundation
@testable import ConcordRender

/// A content tree written to a temporary folder: `files` maps `locale/path` to Markdown (or any text).
struct TemporaryContent {
    let root: String
    var configuration: Configuration

    init(_ files: [String: String], sourceLocale: String = "en-US", baseURL: String = "https://docs.example.com") throws {
        root = NSTemporaryDirectory() + "concord-render-tests-\(UUID().uuidString)"
        for (path, text) in files {
            let full = root + "/content/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        var configuration = Configuration(contentRoot: root + "/content", sourceLocale: sourceLocale)
        configuration.baseURL = baseURL
        configuration.siteTitle = "Test Help"
        configuration.output = root + "/_site"
        configuration.templates = root + "/templates"
        self.configuration = configuration
    }

    var output: String { configuration.output }

    func site() -> SiteContent { SiteContent.load(configuration) }

    /// A file of the built site, as text.
    func read(_ relative: String) throws -> String {
        String(decoding: try FileSystem.read(output + "/" + relative), as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// Renders one Markdown article alone (no other files) and returns its body HTML.
func renderBody(_ markdown: String, path: String = "article.md", locale: String = "en-US") -> String {
    let loaded = ArticleLoader.load(markdown: markdown, path: path, locale: locale)
    let configuration = Configuration(contentRoot: "/nonexistent", sourceLocale: "en-US", locales: ["en-US"])
    let content = ContentSet(configuration: configuration, articles: [loaded.article!])
    let renderer = HTMLRenderer(links: LinkResolver(content: content), includes: IncludeStore(content: content))
    return renderer.render(loaded.document!, article: loaded.article!, locale: locale).html
}

/// The repository's root folder (this file is in Tests/ConcordRenderTests/Support).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// The shared corpus beside the repository (`../shared/corpus`), if present.
let corpusRoot: String = {
    URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
}()

let corpusIsPresent = FileSystem.isDirectory(corpusRoot + "/powershell")

/// Every file under a folder, relative path → bytes.
func snapshot(of folder: String) throws -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    for path in FileSystem.files(under: folder) { result[path] = try FileSystem.read(folder + "/" + path) }
    return result
}

/// HTML escaping by its definition, byte by byte: what fast escaping paths are held to.
func escapedByDefinition(_ text: some Sequence<UInt8>) -> [UInt8] {
    var bytes: [UInt8] = []
    for byte in text {
        switch byte {
        case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
        case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
        case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
        case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
        case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
        default: bytes.append(byte)
        }
    }
    return bytes
}

/// Runs of `a` of every length below `lengths`, each with one probe character at each
/// position: every byte value that is, or is one bit away from, a special one of HTML
/// escaping, at every offset of a word or block scan.
func textsWithOneProbe(lengthsBelow lengths: Int) -> [String] {
    let probes: [Character] = ["&", "'", "<", ">", "\"", "$", "%", "=", "?", ";", ":", "\u{7F}", "\u{1}", "é", "\u{A6}", "\u{BC}", "中"]
    var texts: [String] = []
    for length in 0..<lengths {
        for position in 0..<max(length, 1) {
            for probe in probes {
                var text = String(repeating: "a", count: length)
                if length > 0 {
                    let index = text.index(text.startIndex, offsetBy: position)
                    text.replaceSubrange(index...index, with: String(probe))
                }
                texts.append(text)
            }
        }
    }
    return texts
}
