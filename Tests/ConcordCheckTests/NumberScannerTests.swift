import ConcordTestSupport
@testable import ConcordCheck
import ConcordModel
import Testing

/// How prose numbers are read: the ground `number-mismatch` stands on.
@Suite struct NumberScannerTests {
    func values(_ text: String) -> [[String]] { NumberScanner.numbers(in: text).map(\.values) }
    func written(_ text: String) -> [String] { NumberScanner.numbers(in: text).map(\.written) }

    @Test func groupedThousandsInEveryNotationAreOneValue() {
        for text in ["1,000", "1 000", "1\u{A0}000", "1\u{202F}000", "1.000", "１０００", "1'000", "1000"] {
            #expect(values(text).first?.contains("1000") == true, "\(text)")
        }
        #expect(values("1,000,000") == [["1000000"]])
        #expect(values("1.000.000") == [["1000000"]])
        #expect(values("1 000 000") == [["1000000"]])
    }

    @Test func decimalsWithEitherMark() {
        #expect(values("1.5") == [["1.5"]])
        #expect(values("1,5") == [["1.5"]])
        #expect(values("1,000.25") == [["1000.25"]])
        #expect(values("1.000,25") == [["1000.25"]])
        #expect(values("1 000,25") == [["1000.25"]])
        // Three digits after one mark: a thousand in en-US, one in fr-FR; both readings are kept.
        #expect(values("1,500") == [["1500", "1.5"]])
    }

    @Test func spacesSeparateNumbersThatAreNotGroups() {
        #expect(written("2 300 ms") == ["2 300"])
        #expect(written("steps 2 3") == ["2", "3"])
        #expect(written("2019 100") == ["2019", "100"])
    }

    @Test func namesOrdinalsVersionsAndCodeAreNotNumbers() {
        #expect(written("21Vianet, x64, Win32, 1st, 2nd, 1er, 3e") == [])
        #expect(written("version 10.0.17763 and 192.168.1.1") == [])
        #expect(written("see https://example.com/a/42 or $items[3] or C:\\dir2\\x 24/7") == [])
        #expect(written("1. Open it, then 2") == ["2"])
    }

    @Test func digitsNextToUnspacedScriptsAreNumbers() {
        #expect(written("60日以内") == ["60"])
        #expect(written("六十天") == [])
        #expect(written("全年 365 天") == ["365"])
    }

    @Test func scaleWordsLeaveAPowerOfTenBetweenValues() {
        let source = NumberScanner.numbers(in: "43200000")[0]
        #expect(NumberScanner.numbers(in: "43,2 millions")[0].matches(source))
        #expect(NumberScanner.numbers(in: "4320万")[0].matches(source))
        #expect(!NumberScanner.numbers(in: "43")[0].matches(source))
    }

    @Test("The word-at-a-time skip stops exactly where a byte-by-byte scan stops")
    func digitCandidateAgreesWithBytes() {
        func reference(_ bytes: [UInt8], from start: Int) -> Int {
            bytes[start...].firstIndex { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0xEF } ?? bytes.count
        }
        let pieces = ["a", " ", "/", ":", "9", "0", "é", "Ｚ", "１", "日", "\u{FF19}", "~", "\u{7F}", "ab", "xyz", "，"]
        var draws = SeededRandom(seed: 11)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<draws.next(24) { text += pieces[draws.next(pieces.count)] }
            let bytes = Array(text.utf8)
            let start = draws.next(bytes.count + 1)
            let found = bytes.withUnsafeBufferPointer { NumberScanner.Prose(bytes: $0).digitCandidate(from: start) }
            #expect(found == reference(bytes, from: start), "\(text.debugDescription) from \(start)")
        }
    }

    @Test("The byte scan reads exactly the numbers the scalar-by-scalar definition reads")
    func byteScanAgreesWithDefinition() {
        // Digits of both widths, every separator, letters of spaced and unspaced scripts (one to
        // four UTF-8 bytes), white space inside and outside U+2000, code marks, list openings.
        let pieces = [
            "1", "0", "7", "12", "123", "1000", "００", "１", "２３４", ",", ".", "'", "\u{2019}", " ", "\u{A0}",
            "\u{202F}", "\u{2009}", "，", "．", "é", "ß", "Ж", "\u{0345}", "\u{0301}", "日", "万", "ก", "ຂ", "က", "한",
            "\u{20000}", "🙂", "€", "_", "a", "X", "$", "/", "\\", "[", "=", "#", "`", "-", ")", ":", "\n", "\t", "\u{85}",
            "\u{1680}", "\u{2028}", "\u{3000}", "1. ", "2) ", "v", "x64", "millions",
        ]
        var draws = SeededRandom(seed: 7)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<draws.next(16) { text += pieces[draws.next(pieces.count)] }
            #expect(NumberScanner.numbers(in: text) == ReferenceNumberScanner.numbers(in: text), "\(text.debugDescription)")
        }
    }

    @Test("The character classes agree with the Unicode properties they stand for, for every scalar")
    func characterClassesAgreeWithUnicodeProperties() {
        func unspaced(_ value: UInt32) -> Bool {
            switch value {
            case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x9FFF, 0xA960...0xA97F,
                 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
                true
            default:
                false
            }
        }
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let wordPart = !scalar.properties.isWhitespace && !unspaced(value) && value < 0x2000
            let glues = scalar == "_" || (scalar.properties.isAlphabetic && !unspaced(value))
            if NumberScanner.isWordPart(value) != wordPart { mismatches.append("word part U+\(String(value, radix: 16))") }
            if NumberScanner.gluesToNumber(value) != glues { mismatches.append("glue U+\(String(value, radix: 16))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("On real prose in seven languages, the byte scan reads what the definition reads",
          .enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func byteScanAgreesWithDefinitionOnCorpus() {
        var texts: [String] = []
        for (family, source) in [("partner-center-china", "zh-CN"), ("powershell", "en-US")] {
            let content = Corpus.load(family, source: source)
            for locale in content.locales {
                for article in content.sortedArticles(in: locale) {
                    texts += article.textBlocks.flatMap { [$0.prose, $0.text] }
                    texts += article.procedures.flatMap(\.steps).map(\.text)
                }
            }
        }
        // The reference is slow: only the texts with a digit (in the others, both find nothing).
        var compared = 0
        for text in texts where text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) }) {
            compared += 1
            #expect(NumberScanner.numbers(in: text) == ReferenceNumberScanner.numbers(in: text), "\(text.debugDescription)")
        }
        #expect(compared > 10_000)
    }
}
