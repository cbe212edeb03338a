@testable import ConcordTranslation
import Testing

/// A unit's Markdown read into text and codes: what a translator sees, and that it gives the
/// Markdown back exactly.
@Suite struct InlineScannerTests {
    private func read(_ markdown: String, quoted: Bool = false) -> InlineContent {
        InlineScanner.content(of: Array(markdown.utf8), quoted: quoted)
    }

    @Test func linksBoldAndCodeBecomeCodesAroundTheText() {
        let content = read("Select **New request**, then see [the guide](guide.md#setup \"Setup\") and run `Get-Help`.")
        #expect(content.codes.map(\.kind) == [.bold, .link, .code])
        #expect(content.text == "Select New request, then see the guide and run .")
        #expect(content.codes[1].start == "[" && content.codes[1].end == "](guide.md#setup \"Setup\")")
        #expect(content.codes[1].display == "guide.md#setup \"Setup\"")
        #expect(content.codes[2].display == "Get-Help")
        #expect(content.pieces.first == .text("Select "))
        #expect(content.markdown == "Select **New request**, then see [the guide](guide.md#setup \"Setup\") and run `Get-Help`.")
    }

    @Test func includesAnchorsEntitiesAndEscapesAreLocked() {
        let markdown = "<a name=\"x\"></a>Menu &gt; **Item** \\* [!INCLUDE [note](../includes/note.md)] <br/> <https://example.com>"
        let content = read(markdown)
        #expect(content.codes.map(\.kind) == [.anchor, .entity, .bold, .escape, .include, .html, .autolink])
        #expect(content.markdown == markdown)
        #expect(content.codes.allSatisfy { $0.kind.isPaired == ($0.end != nil) })
    }

    @Test func aSoftBreakIsASpaceAndAHardBreakKeepsTheNextLinesIndent() {
        let soft = read("first line\n   second line")
        #expect(soft.pieces == [.text("first line second line")])
        let hard = read("first line  \n   second line")
        #expect(hard.codes.map(\.kind) == [.lineBreak])
        #expect(hard.codes[0].start == "  \n   ")
        #expect(hard.markdown == "first line  \n   second line")
        let quoted = read("quoted\n> more", quoted: true)
        #expect(quoted.pieces == [.text("quoted more")])
    }

    @Test func imageAltTextIsTranslatableInsideItsCode() {
        let content = read("![Partner Center dashboard](images/dash.png)")
        #expect(content.codes.map(\.kind) == [.image])
        #expect(content.text == "Partner Center dashboard")
        #expect(content.hasTranslatableText)
    }

    @Test("a letter or digit of any script makes text translatable; ASCII answers as its properties say")
    func wordScalars() {
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(InlineContent.isWordScalar(scalar) == (scalar.properties.isAlphabetic || scalar.properties.numericType != nil), "\(value)")
        }
        for word in ["é", "日本", "٣", "Ж"] { #expect(InlineContent(pieces: [.text(" - \(word) ")]).hasTranslatableText, "\(word)") }
        for text in [" - ", "{}", "*** ", "\u{00A0}"] { #expect(!InlineContent(pieces: [.text(text)]).hasTranslatableText, "\(text.debugDescription)") }
    }

    @Test func whatIsNotMarkupStaysText() {
        for text in ["a * b", "snake_case_name", "[just brackets]", "5 < 6 and 7 > 2", "AT&T;", "***"] {
            let content = read(text)
            #expect(content.markdown == text)
            #expect(content.codes.filter { $0.kind != .entity }.isEmpty, "\(text): \(content.codes)")
        }
    }

    @Test func nestingDeeperThanTheLimitIsText() {
        let deep = String(repeating: "[", count: 40) + "x" + String(repeating: "](a)", count: 40)
        let content = read(deep)
        #expect(content.codes.count <= InlineScanner.maximumDepth)
        #expect(content.markdown == deep)
    }

    /// The scan takes runs of plain bytes whole: a byte it calls plain must be one at which
    /// `code(at:)` finds no code, whatever follows it, and each byte it asks about opens one.
    @Test func plainBytesAreExactlyThoseThatNeverOpenACode() {
        let tails = ["*x*", "x*", "x_", "[a](b)", "[a][b]", "!INCLUDE [n](n.md)]", "c`", "`c`", "gt;", "#38;", "br/>", "https://e.com>", "]", "\\x", "* y"]
        var opening: Set<UInt8> = []
        for byte in UInt8.min...UInt8.max where byte != 0x0A {
            for tail in tails {
                var scanner = InlineScanner(bytes: [byte] + Array(tail.utf8), quoted: false)
                var pieces: [InlinePiece] = []
                if scanner.code(at: 0, end: tail.utf8.count + 1, depth: 0, into: &pieces) != nil { opening.insert(byte) } else {
                    #expect(pieces.isEmpty, "no code, nothing appended")
                }
            }
            #expect(InlineScanner.isPlain(byte, structured: true) == !opening.contains(byte), "byte \(byte)")
            #expect(InlineScanner.isPlain(byte, structured: false), "without codes only a line feed stops a run")
        }
        #expect(opening == Set("\\`&<![*_".utf8))
        #expect(!InlineScanner.isPlain(0x0A, structured: true) && !InlineScanner.isPlain(0x0A, structured: false))
    }

    @Test func mergingJoinsAdjacentTextAndDropsEmptyTextOnly() {
        let joined: [InlinePiece] = [.text("a"), .text("b"), .open(1), .text(""), .close(1), .text("c")]
        #expect(InlineScanner.needsMerging(joined))
        #expect(InlineScanner.merged(joined) == [.text("ab"), .open(1), .close(1), .text("c")])
        let apart: [InlinePiece] = [.text("a"), .placeholder(1), .text("b"), .open(2), .text("c"), .close(2)]
        #expect(!InlineScanner.needsMerging(apart))
        #expect(InlineScanner.merged(apart) == apart)
        #expect(InlineScanner.merged([.text(""), .text("")]) == [])
    }

    @Test func anASCIITagReadOnItsBytesIsWhatItIsAsAString() {
        let tags = ["<a name=\"x\">", "<A HREF=\"y\">", "<a />", "<a name=\"z\"/>", "<a>", "<abbr title=\"t\">", "<br/>", "<String[]>",
                    "<https://example.com>", "<me@example.com>", "<x: y>", "<a:b>", "<a\tb>", "<a >", "<!-- note -->", "<?php ?>"]
        for tag in tags {
            let bytes = ArraySlice(Array(tag.utf8))
            #expect(InlineScanner.tagShape(bytes) == InlineScanner.tagShape(tag), "\(tag)")
        }
        #expect(InlineScanner.tagShape(ArraySlice(Array("<https://example.com>".utf8))) == (true, false))
        #expect(InlineScanner.tagShape(ArraySlice(Array("<A name=\"x\">".utf8))) == (false, true))
        // Not ASCII: read as a string, where a mark after the space makes another character.
        #expect(InlineScanner.tagShape(ArraySlice(Array("<a \u{301}name>".utf8))) == InlineScanner.tagShape("<a \u{301}name>"))
    }
}
