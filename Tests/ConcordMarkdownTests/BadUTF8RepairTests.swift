import Testing
@testable import ConcordMarkdown

/// A body with bytes that are not UTF-8 is repaired before cmark sees it, as cmark itself
/// would repair it: the tree, its text and its positions stay cmark's.
@Suite("Bad UTF-8 repaired as cmark repairs it")
struct BadUTF8RepairTests {
    /// Bad sequences of every kind cmark tells apart: stray continuation and lead bytes,
    /// sequences cut short mid-line and by the end of a line, overlongs, surrogates, above U+10FFFF.
    static let sequences: [[UInt8]] = [
        [0x80], [0xBF, 0xBF], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3], [0xC3, 0x28], [0xE3, 0x81], [0xE3, 0x28, 0xA1],
        [0xF0, 0x9F, 0x98], [0xF0, 0x28, 0x8C, 0xBC], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
        [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE3, 0x81, 0x82, 0x80],
    ]

    @Test("the same text and positions as cmark's own repair", arguments: sequences)
    func sameAsCmark(sequence: [UInt8]) {
        // In the middle of a line, and at its end, where cmark swallows what a cut sequence needs.
        for bytes in [Array("a ".utf8) + sequence + Array(" [l](x.md)\n".utf8), Array("[l](x.md) b".utf8) + sequence + [0x0A]] {
            let cmark = MarkdownParser.parse(SourceText(bytes: bytes, firstLine: 1, isValidUTF8: false))
            let input = MarkdownInput(bytes: bytes)
            let repaired = MarkdownParser.parse(input.body)
            #expect(repaired.plainText(of: 0) == cmark.plainText(of: 0), "\(sequence)")
            #expect(repaired.nodes.map(\.range) == cmark.nodes.map(\.range), "\(sequence)")
            let link = repaired.nodes.firstIndex { $0.kind == .link }!
            // The link's column is cmark's, and in the file the byte there is its `[`.
            let column = input.body.fileColumn(repaired[link].start!.column, line: 1)
            #expect(bytes[column - 1] == UInt8(ascii: "["), "\(sequence)")
        }
    }
}
