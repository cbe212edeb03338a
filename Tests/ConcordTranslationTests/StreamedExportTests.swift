import ConcordCheck
import ConcordMarkdown
import ConcordModel
import ConcordTestSupport
@testable import ConcordTranslation
import Foundation
import Testing

/// `concord export xliff` writes the document batch by batch as it is made; what it writes must
/// be the bytes of the whole-document writers, whatever the format and `--changed-only`.
@Suite struct StreamedExportTests {
    /// The streamed bytes, and what the export says it wrote.
    private func streamed(_ configuration: Configuration, locale: String, format: Handoff.Format, changedOnly: Bool) throws -> (String, TranslationExport.Written) {
        var bytes: [UInt8] = []
        let written = TranslationExport.write(try TranslationExport.load(configuration, locale: locale), format: format, changedOnly: changedOnly) {
            bytes += $0
        }
        return (String(decoding: bytes, as: UTF8.self), written)
    }

    /// Every format and selection of `locale`, streamed and whole.
    private func expectSameBytes(_ configuration: Configuration, locale: String) throws {
        let full = try TranslationExport.handoff(configuration, locale: locale).handoff
        for changedOnly in [false, true] {
            let handoff = changedOnly ? full.changedOnly : full
            for format in Handoff.Format.allCases {
                let (text, written) = try streamed(configuration, locale: locale, format: format, changedOnly: changedOnly)
                let whole = format == .xliff ? XLIFFWriter.document(handoff) : POWriter.document(handoff)
                #expect(text == whole, "\(locale) \(format) changedOnly: \(changedOnly)")
                #expect(written.units == handoff.counts.units && written.final == handoff.counts.final)
                #expect(written.articles == handoff.files.count)
            }
        }
    }

    @Test func theSampleStreamsTheWholeDocumentsBytes() throws {
        let configuration = try Place.sample()
        for locale in ["es-ES", "ja-JP"] { try expectSameBytes(configuration, locale: locale) }
    }

    @Test(.enabled(if: Place.hasCorpus, "needs ../shared/corpus"))
    func partnerCenterStreamsTheWholeDocumentsBytes() throws {
        let configuration = Configuration(contentRoot: Place.corpus + "/partner-center-china", sourceLocale: "es-ES")
        for locale in ["pt-BR", "ja-JP", "zh-CN"] { try expectSameBytes(configuration, locale: locale) }
    }

    /// More articles than are made ahead of the one written, some with no unit to write (`--changed-only` leaves them out
    /// and XLIFF numbers its files without them), and a unit-limit warning in the middle.
    @Test func filesAreNumberedInOrderAcrossTheWindow() throws {
        var files: [String: String] = [:]
        for index in 0..<(TranslationExport.window * 3 + 7) {
            let name = String(format: "a%04d.md", index)
            files["en-US/\(name)"] = "# Title \(index)\n\nText \(index).\n"
            if index % 3 != 0 { files["es-ES/\(name)"] = "# Título \(index)\n\nTexto \(index).\n" }
        }
        files["en-US/a0100.md"] = (1...(ArticleSegmenter.maximumUnits + 5)).map { "Paragraph \($0)." }.joined(separator: "\n\n") + "\n"
        let fixture = try Fixture(files)
        defer { fixture.remove() }
        try expectSameBytes(fixture.configuration, locale: "es-ES")
        let (text, written) = try streamed(fixture.configuration, locale: "es-ES", format: .xliff, changedOnly: true)
        #expect(written.diagnostics.map(\.rule) == ["translation-unit-limit"])
        #expect(text.contains("<file id=\"f2\" original=\"a0003.md\">"))
    }
}

/// The escaping helpers work on bytes; these pin them to the plain definitions, character by character.
@Suite struct EscapingDefinitionTests {
    /// XML escaping as the character-by-character definition says.
    private func plainXML(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// PO string escaping as the definition says.
    private func plainPO(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar.value < 0x20 ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Characters where the byte helpers could go wrong: every escaped one, every control,
    /// characters whose UTF-8 starts `EF` (U+F000–U+FFFF) or holds `BF`, and ordinary text.
    private let alphabet: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init)
        + [0xF000, 0xFEFF, 0xFFBD, 0xFFBE, 0xFFBF, 0xFFFD, 0xFFFE, 0xFFFF, 0xE9, 0x3FF, 0x1F600, 0x10FFFF].compactMap(Unicode.Scalar.init)

    /// Letters that never need escaping, in one, two and three bytes.
    private let plainLetters: [Unicode.Scalar] = ["a", "z", "Q", " ", "é", "日"]

    @Test func xmlEscapingIsThePlainDefinition() {
        var generator = SeededRandom()
        for _ in 0..<3_000 {
            var text = ""
            // Long enough, often, for the sixteen-byte steps, with runs of plain text between.
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                let pool = Int.random(in: 0..<3, using: &generator) == 0 ? alphabet : plainLetters
                text.unicodeScalars.append(pool.randomElement(using: &generator)!)
            }
            #expect(XMLEscaping.escape(text) == plainXML(text), "\(Array(text.unicodeScalars))")
            var bytes: [UInt8] = Array("x".utf8)
            XMLEscaping.append(text, to: &bytes)
            #expect(bytes == Array(("x" + plainXML(text)).utf8))
        }
    }

    @Test func poEscapingIsThePlainDefinition() {
        var generator = SeededRandom()
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            #expect(POWriter.escape(text) == plainPO(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func unitIDsOfASCIIAreTheScalarWalks() {
        let ascii = String(decoding: Array(0x20..<0x7F), as: UTF8.self)
        for id in ["a/b", "top/p-1", "x~2/table-1/r0c1", "über/p-1", "a b#c", "", "1.2:3_4", ascii] {
            var ids = UnitIDs()
            let expected = id.unicodeScalars.map { $0 == "/" ? "." : UnitIDs.isNameCharacter($0) ? String($0) : "_" }.joined()
            #expect(ids.id(for: id) == (expected.isEmpty ? "u" : expected))
        }
    }

    @Test func numbersAreWrittenInDecimal() {
        for number in [0, 7, 10, 99, 100, 12_345, -3, Int.max] {
            var bytes: [UInt8] = []
            bytes.add(number)
            #expect(String(decoding: bytes, as: UTF8.self) == String(number))
        }
    }
}

/// Shortcuts the segmenter takes to avoid work, pinned to the work they avoid.
@Suite struct SegmentingShortcutTests {
    @Test func aCellsShapeIsCmarksWithoutParsingPlainCells() {
        let cells = ["plain text", "", "a | b", "[link](x)", "![image](y.png)", "**bold**", "_it_", "`code`", "<https://x.example>",
                     "a < b", "x * y", "snake_case", "&amp; 5 > 3", "\\[not a link\\]", "[ref][]", "*", "a]b(c)"]
        for cell in cells {
            let parsed = MarkdownParser.parse(cell)
            #expect(InlineShape.ofCell(cell) == InlineShape(parsed, node: parsed.root), "\(cell)")
        }
    }

    @Test func escapedPipesReadAsPipes() {
        for (raw, read) in [("a\\|b", "a|b"), ("\\\\|", "\\|"), ("\\", "\\"), ("|", "|"), ("é\\|", "é|")] {
            #expect(TableCellSpan.unescapedPipes(ArraySlice(raw.utf8)) == Array(read.utf8), "\(raw)")
        }
    }
}
