@testable import ConcordCheck
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

    @Test("The word-at-a-time digit scan finds exactly the texts a byte scan finds")
    func digitScanAgreesWithBytes() {
        func reference(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.indices.contains { i in
                (bytes[i] >= 0x30 && bytes[i] <= 0x39) || (i > 0 && bytes[i - 1] == 0xBC && bytes[i] >= 0x90 && bytes[i] <= 0x99)
            }
        }
        let pieces = ["a", " ", "/", ":", "9", "0", "é", "Ｚ", "１", "日", "\u{FF19}", "~", "\u{7F}", "ab", "xyz"]
        var state: UInt64 = 11
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int((state >> 33) % 24)
            var text = ""
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            #expect(NumberScanner.mayContainDigit(text) == reference(text), "\(text.debugDescription)")
        }
        #expect(NumberScanner.mayContainDigit(String(repeating: "x", count: 40) + "7"))
        #expect(!NumberScanner.mayContainDigit(String(repeating: "word ", count: 40)))
    }
}
