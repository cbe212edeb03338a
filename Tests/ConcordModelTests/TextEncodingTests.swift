import Foundation
import Testing
@testable import ConcordModel

/// Files that are text in another encoding than UTF-8 are told apart from binary files, and
/// the message says how to convert them; a UTF-8 byte-order mark is accepted everywhere.
@Suite("Text encodings of content and configuration")
struct TextEncodingTests {
    static func utf16(_ text: String, littleEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }

    @Test("A UTF-16 article is reported as UTF-16, with the iconv command that converts it", arguments: [
        (true, true, "iconv -f UTF-16 -t UTF-8"), (false, true, "iconv -f UTF-16 -t UTF-8"),
        (true, false, "iconv -f UTF-16LE -t UTF-8"), (false, false, "iconv -f UTF-16BE -t UTF-8"),
    ])
    func utf16Article(littleEndian: Bool, byteOrderMark: Bool, command: String) throws {
        let bytes = Self.utf16("---\ntitle: Título\n---\n# Título\n\nTexto.\n", littleEndian: littleEndian, byteOrderMark: byteOrderMark)
        let result = ArticleLoader.load(bytes: bytes, path: "a.md", locale: "es-ES", file: "content/es-ES/a.md")
        #expect(result.article == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.rule == "unsupported-encoding")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == FileLocation(file: "content/es-ES/a.md", line: 1))
        #expect(diagnostic.message.contains(littleEndian ? "UTF-16 (little-endian" : "UTF-16 (big-endian"))
        #expect(diagnostic.message.contains(command))
    }

    @Test("A binary file is still binary")
    func binaryIsNotUTF16() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(ArticleLoader.load(bytes: png, path: "e.md", locale: "en-US", file: "e.md").diagnostics.map(\.rule) == ["binary-file"])
    }

    @Test("concord.yml with a UTF-8 byte-order mark is read")
    func configurationWithBOM() throws {
        let root = try TemporaryTree(files: ["content/en-US/a.md": "# A\n", "concord.yml": "\u{FEFF}sourceLocale: en-US\ncontent: content\n"])
        let configuration = try Configuration.load(file: root.path + "/concord.yml")
        #expect(configuration.sourceLocale == "en-US")
    }

    @Test("concord.yml in UTF-16 is refused with a message that says so and how to convert it")
    func configurationInUTF16() throws {
        let root = try TemporaryTree(files: ["content/en-US/a.md": "# A\n"])
        let file = root.path + "/concord.yml"
        try Data(Self.utf16("sourceLocale: en-US\ncontent: content\n", littleEndian: true, byteOrderMark: true)).write(to: URL(fileURLWithPath: file))
        #expect(throws: Configuration.Failure.self) { try Configuration.load(file: file) }
        do { _ = try Configuration.load(file: file) } catch {
            #expect(error.description.contains("UTF-16"))
            #expect(error.description.contains("iconv -f UTF-16 -t UTF-8"))
        }
    }
}
