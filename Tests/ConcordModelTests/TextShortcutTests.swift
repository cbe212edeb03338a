import ConcordMarkdown
import Testing
@testable import ConcordModel

/// Shortcuts on the model's hot path (plain table cells, white-space folding), each checked
/// against the slow definition it replaces.

/// Table cells that are plain words skip the Markdown parser; these pin that the shortcut
/// gives exactly what parsing gives.
@Suite("Table cells")
struct TableCellTests {
    /// The cell text as the parser gives it.
    private func parsed(_ markdown: String) -> String {
        MarkdownParser.parse(markdown).plainText(of: 0).collapsingWhitespace()
    }

    @Test("Cells the shortcut takes read the same as parsed", arguments: [
        "Name", "Get-Help -Name", "Windows PowerShell 5.1", "café au lait", "日本語のテキスト",
        "(optional) value", "\"quoted\" text", "a | b", "a -- b", "x = y", "path/to/file.md",
        "up 50% of $x", "{braces}", "^caret", "a # not a heading", "a > b", "spaced   out  ", "",
    ])
    func shortcutAgreesWithParser(cell: String) {
        #expect(MarkdownParser.isPlainInline(cell))
        #expect(cell.collapsingWhitespace() == parsed(cell))
    }

    @Test("Cells with Markdown syntax or block openers are parsed", arguments: [
        "**bold**", "`code`", "[link](a.md)", "<b>x</b>", "&amp;", "a\\|b", "# Heading", "- item", "+ item",
        "1. first", "> quote", "=== ", "~~~", "    indented", "snake_case", "![img](a.png)",
    ])
    func syntaxIsParsed(cell: String) {
        #expect(!MarkdownParser.isPlainInline(cell))
    }

    @Test("Random cells: wherever the shortcut applies, it agrees with the parser")
    func randomCells() {
        let alphabet: [String] = ["a", "Z", " ", " ", "\t", "#", "-", "+", "1", ".", ")", "*", "_", ">", "=", "~",
                                  "`", "&", "|", "é", "日", "(", ":", "\"", "'", "/", "\u{00A0}", "\\", "[", "!", "<"]
        var generator = SplitMix(seed: 42)
        var checked = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 12)
            let cell = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let trimmed = cell.trimmingCharacters(in: " \t")
            guard MarkdownParser.isPlainInline(trimmed) else { continue }
            checked += 1
            #expect(trimmed.collapsingWhitespace() == parsed(trimmed), "\(trimmed.debugDescription)")
        }
        #expect(checked > 1_000)
    }
}

/// A small deterministic generator, so a failure reproduces.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Folding as defined: split on white space, join with one space.
private func foldedReference(_ text: String) -> String {
    let spaces: Set<Unicode.Scalar> = [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{A0}", "\u{85}", "\u{1680}",
                                       "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}"]
    var words: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if spaces.contains(scalar) || (0x2000...0x200A).contains(scalar.value) {
            if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
        } else {
            current.append(scalar)
        }
    }
    if !current.isEmpty { words.append(String(current)) }
    return words.joined(separator: " ")
}

/// White-space folding reads eight bytes at a time; these compare it with a plain definition.
@Suite("White-space folding")
struct WhitespaceFoldingTests {
    @Test("Random text folds as the definition says, at every position in a word")
    func randomText() {
        // With letters whose first byte is also the first byte of some white space (C2 of ¡ and
        // NBSP, E0–E3 of Thai, ḁ, — and あ), which the fast paths must tell apart.
        let alphabet: [String] = ["a", "b", " ", " ", " ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2009}", "é", "日", "!", "\u{1F}", "\u{7F}", "x",
                                  "\u{85}", "\u{1680}", "\u{205F}", "\u{2028}", "\u{A1}", "\u{E01}", "\u{1E01}", "\u{2014}", "\u{3042}", "\u{200B}"]
        var generator = SplitMix(seed: 7)
        for _ in 0..<30_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(text.collapsingWhitespace() == foldedReference(text), "\(text.debugDescription)")
            #expect(String(collapsingWhitespaceIn: Array(text.utf8)) == foldedReference(text), "\(text.debugDescription)")
        }
    }

    /// A block's text, as the model reads it, before folding: text runs and line breaks as they
    /// are, and each code span either as it is or (for prose) as one space.
    private func unfolded(_ document: MarkdownDocument, _ index: Int, codeAsSpace: Bool) -> String {
        var text = ""
        for i in document.descendants(of: index) {
            switch document[i].kind {
            case .text: text += document.literal(of: i)
            case .code: text += codeAsSpace ? " " : document.literal(of: i)
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }

    @Test("Blocks fold straight from the document as their text folds, code spans and line breaks included")
    func randomBlocks() {
        // Long runs of letters and multi-byte characters, so that pieces take the eight-byte path
        // and end at every offset within a word.
        let alphabet: [String] = ["word ", "mot\u{A0}", "café ", "日本語", "\u{3000}", "`code`", "` x `", "*em*", "**bold**",
                                  "\n", "  \n", "\\\n", "[link](a.md)", "&nbsp;", "&amp;", " ", "\t", "ḁb", "—", "Ωμέγα",
                                  "abcdefgh", "\u{2009}", "<b>", "x"]
        var generator = SplitMix(seed: 11)
        var checked = 0
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 30)
            let markdown = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let document = MarkdownParser.parse(markdown)
            for index in document.nodes.indices where document[index].kind.isBlock && document[index].kind != .document {
                let lengths = document.plainTextAndProseLengths(of: index)
                let text = unfolded(document, index, codeAsSpace: false)
                let prose = unfolded(document, index, codeAsSpace: true)
                #expect(lengths.text == text.utf8.count && lengths.prose == prose.utf8.count, "\(markdown.debugDescription)")
                #expect(document.foldedPlainText(of: index, length: lengths.text) == foldedReference(text), "\(markdown.debugDescription)")
                #expect(document.foldedPlainText(of: index, length: lengths.prose, codeAsSpace: true) == foldedReference(prose),
                        "\(markdown.debugDescription)")
                checked += 1
            }
        }
        #expect(checked > 2_000)
    }
}

/// Slugs take a byte path for ASCII characters; these pin it to the definition it replaces
/// (lower-case the whole title, keep letters, numbers, marks, `_` and `-`, white space to `-`).
@Suite("Slugs")
struct SlugShortcutTests {
    private func reference(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in title.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || scalar == "_" || scalar == "-" || p.generalCategory == .nonspacingMark {
                out.append(scalar)
            } else if scalar == " " || p.isWhitespace {
                out.append("-")
            }
        }
        return String(out)
    }

    @Test("Headings in several scripts", arguments: [
        "Paramètres de l'applet", "Étape 2 : Créer", "Ärger über Öl", "İstanbul’da KULLANIM", "Kelvin \u{212A}",
        "Ωμέγα ΣΊΣΥΦΟΣ", "入门 指南（2024）", "ステップ１：設定", "Café\u{00A0}crème", "e\u{0301}te\u{0301}", "ﬁle ǅ",
        "Get-Help -Name", "100% done!", "",
    ])
    func agreesWithReference(title: String) {
        #expect(Slug.make(title) == reference(title), "\(title.debugDescription)")
    }

    @Test("Every Latin-1 character, alone and within words, agrees with the reference")
    func latin1() {
        for value in UInt8(0x80)...UInt8(0xFF) {
            let character = String(Unicode.Scalar(value))
            for title in [character, "Ab" + character + "Cd", character + " x" + character] {
                #expect(Slug.make(title) == reference(title), "\(title.debugDescription)")
            }
        }
    }

    @Test("Random titles agree with the reference")
    func randomTitles() {
        let alphabet: [String] = ["a", "Z", " ", "\t", "-", "_", "1", "'", "é", "É", "İ", "\u{212A}", "Σ", "ß", "日",
                                  "\u{00A0}", "\u{3000}", "\u{0301}", "１", "ǅ", "ﬁ", ".", "(", "\u{2019}", "Ⅻ"]
        var generator = SplitMix(seed: 7)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 10)
            let title = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(Slug.make(title) == reference(title), "\(title.debugDescription)")
        }
    }
}

@Suite("Strings compared as bytes")
struct SameBytesTests {
    @Test("The same bytes are the same; a canonically equivalent spelling, a prefix or another length is not")
    func sameUTF8() {
        #expect("Café".hasSameUTF8(as: "Caf\u{E9}"))
        #expect("".hasSameUTF8(as: ""))
        #expect(!"Caf\u{E9}".hasSameUTF8(as: "Cafe\u{301}"))
        #expect("Caf\u{E9}" == "Cafe\u{301}", "the comparison the helper avoids")
        #expect(!"Café".hasSameUTF8(as: "Caf"))
        #expect(!"".hasSameUTF8(as: " "))
        let long = String(repeating: "mot ", count: 100)
        #expect(long.hasSameUTF8(as: String(repeating: "mot ", count: 100)))
        #expect(!long.hasSameUTF8(as: String(repeating: "mot ", count: 99) + "mou "))
    }
}
