import Foundation
import ConcordMarkdown
import ConcordTestSupport
import Testing
@testable import ConcordModel

/// Files too large to be help articles, and the bracket shapes Debian's libcmark 0.30.2 parses in
/// quadratic time (CVE-2023-22486), are reported instead of parsed; the other files still load.
@Suite("Input limits")
struct InputLimitTests {
    @Test func repeatedImageBracketsAreReportedInsteadOfParsed() throws {
        // 600 KB: cmark 0.30.2 took about a minute.
        let text = "---\ntitle: t\n---\n# Brackets\n\nSome text.\n\n" + String(repeating: "![[]()", count: 100_000) + "\n"
        let result = try #require(finished(within: 30) {
            ArticleLoader.load(bytes: Array(text.utf8), path: "b.md", locale: "en-US", file: "content/en-US/b.md")
        }, "cmark must not see the shape")
        #expect(result.article == nil)
        let problem = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(problem.rule == "markdown-too-complex" && problem.severity == .error)
        #expect((problem.location.file, problem.location.line) == ("content/en-US/b.md", 8))
        #expect(problem.message.contains("'![' image openers"))
    }

    @Test func ordinaryImagesAndLinksInOneLongParagraphAreParsed() throws {
        // One paragraph of 2,000 lines: images closed, links made, brackets nested; then brackets
        // nested 20,000 deep, which cmark takes in its stride.
        let lines = (0..<2_000).map { "![icon \($0)](media/i\($0).png) [page \($0)](p\($0).md) [[note]] \\![not an image](x)\n" }.joined()
        let text = "# Paragraph\n\n" + lines + "\n"
            + String(repeating: "[", count: 20_000) + "deep" + String(repeating: "]", count: 20_000) + "\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "t.md", locale: "en-US", file: "t.md")
        #expect(result.diagnostics.isEmpty)
        #expect(result.article?.images.count == 2_000)
    }

    @Test func aFileOverTheSizeLimitIsReportedAndSkipped() throws {
        let paragraph = String(repeating: "word ", count: 20) + "\n\n"
        let text = "# Large\n\n" + String(repeating: paragraph, count: MarkdownInput.maximumBytes / paragraph.utf8.count + 1)
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "l.md", locale: "en-US", file: "l.md")
        #expect(result.article == nil)
        #expect(result.diagnostics.map(\.description) == [
            "l.md:1:1: error: file is \(text.utf8.count) bytes, over the limit of \(MarkdownInput.maximumBytes) bytes (5 MB); skipped [file-too-large]",
        ])
    }

    @Test func aFileOnDiskOverTheSizeLimitIsNotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.md").path
        // A sparse file: its size is all there is to it.
        #expect(FileManager.default.createFile(atPath: file, contents: Data("# Big\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        let result = ArticleLoader.load(fileAt: file, path: "big.md", locale: "en-US", file: file)
        #expect(result.article == nil)
        #expect(result.diagnostics.map(\.rule) == ["file-too-large"])
    }

    @Test("The largest file of the corpus is well within the limit, and no corpus file has a shape cmark is slow on",
          .enabled(if: Fixtures.corpusIsAvailable, "needs ../shared/corpus beside the repository"))
    func corpusPassesTheGuards() throws {
        var largest = 0
        var flagged: [String] = []
        for file in FileSystem.files(under: Fixtures.corpus) where file.hasSuffix(".md") {
            let bytes = try FileSystem.read(Fixtures.corpus + "/" + file)
            largest = max(largest, bytes.count)
            if MarkdownInput(bytes: bytes).problems.contains(where: { $0.kind == .tooComplex }) { flagged.append(file) }
        }
        #expect(largest > 50_000 && largest * 10 < MarkdownInput.maximumBytes)
        #expect(flagged.isEmpty)
    }
}
