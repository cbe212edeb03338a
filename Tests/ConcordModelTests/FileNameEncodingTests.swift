import Foundation
import Testing
@testable import ConcordModel

/// A file whose name is not UTF-8 (a Latin-1 `café.md` copied from an old system) is reported
/// with its bytes escaped, rather than as "No such file" under a name that is not its own.
@Suite("File names that are not UTF-8")
struct FileNameEncodingTests {
    /// Creates a file whose name is `bytes` in `folder`.
    static func create(_ bytes: [UInt8], in folder: String, text: String) throws {
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + bytes + [0]
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        try #require(fd >= 0, "this file system takes names that are not UTF-8")
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        close(fd)
    }

    @Test("The file is reported with its bytes escaped, and the other files load")
    func reportedAndSkipped() throws {
        let tree = try TemporaryTree(files: ["en-US/a.md": "# A\n"])
        try Self.create(Array("caf".utf8) + [0xE9] + Array(".md".utf8), in: tree.path + "/en-US", text: "# Café\n")
        let set = ContentSet.load(Configuration(contentRoot: tree.path, sourceLocale: "en-US"))
        #expect(set.sortedArticles(in: "en-US").map(\.path) == ["a.md"])
        #expect(set.diagnostics.map(\.rule) == ["file-name-not-utf8"])
        let diagnostic = try #require(set.diagnostics.first)
        #expect(diagnostic.location == FileLocation(file: tree.path + "/en-US/caf\\xE9.md", line: 1))
        #expect(diagnostic.severity == .error)
    }
}
