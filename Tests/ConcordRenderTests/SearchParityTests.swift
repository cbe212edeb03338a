import Testing
@testable import ConcordRender

/// The tokenizer and index file work on UTF-8 bytes; these compare them with the code they
/// replaced (`Support/ReferenceSearch.swift`), which worked on `String`s and `Set<String>`.
@Suite("Search on bytes: the same terms and the same index file as before")
struct SearchParityTests {
    /// Pieces that take every path: ASCII, the Latin table, Unicode folding, CJK runs,
    /// compatibility ideographs equal to their unified twins, conjoining jamo, marks, emoji.
    static let pieces: [String] = [
        "a", "Z", "9", "0", "-", " ", ".", "é", "É", "ß", "ﬁ", "①", "½", "中", "国", "語", "カ", "ｶ", "ﾞ", "한", "\u{1100}",
        "\u{1161}", "\u{11A8}", "\u{F900}", "\u{8C48}", "\u{212A}", "K", "\u{301}", "\u{338}", "İ", "ı", "Ω", "ω", "ǅ", "Ǆ", "ǆ",
        "\u{2028}", "'", "\"", "<", "/", "\\", "\u{915}", "\u{94D}", "👍", "\u{200D}", "\t", "\n", "\u{1}", "０", "Ａ", "Ⅻ",
        "ٰ", "ب", "й", "Ё", "\u{20000}", "\u{2F800}", "ㄱ", "ㅏ", "\u{E0001}", "µ", "ª", "ĳ", "Ŀ", "ŉ",
    ]

    /// A deterministic pseudo-random string of `count` pieces.
    static func sample(_ seed: inout UInt64, count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
        }
        return text
    }

    @Test("Random mixed-script text gives the same terms")
    func randomText() {
        var seed: UInt64 = 7
        for _ in 0..<3000 {
            let text = Self.sample(&seed, count: 1 + Int(seed % 40))
            #expect(SearchTokenizer.terms(text) == ReferenceSearch.terms(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("Random ASCII-heavy text, words of every case and length against every separator, gives the same terms")
    func randomWords() {
        // Whole words, so that runs are long and end at every kind of byte: another word, an
        // ASCII separator, an accented letter, another script, CJK, the end of the text.
        let words = [
            "get", "Get", "GET", "process", "ChildItem", "id", "x", "I", "42", "7", "v2", "IPv6", "aBc", "zz", "configuración",
            "Über", "中文", "Ωmega", "naïve", "a\u{301}", "ＡＢ", "",
        ]
        let separators = [" ", "  ", "-", ". ", ",", "\n", "\u{A0}", "’", "", "中", "é", "\t\t", "<", "_"]
        var seed: UInt64 = 13
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(1 + next(12)) { text += words[next(words.count)] + separators[next(separators.count)] }
            #expect(SearchTokenizer.terms(text) == ReferenceSearch.terms(text), "\(text.debugDescription)")
        }
    }

    @Test("Long ASCII words, capitals anywhere, against every separator, give the same terms")
    func longWords() {
        let separators = [" ", "-", "é", "中", "\u{A0}", "", ".", "\u{301}"]
        var seed: UInt64 = 29
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let alphabet = Array("abcxyzABCXYZ0189".utf8)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(1 + next(5)) {
                text += String(decoding: (0..<(1 + next(30))).map { _ in alphabet[next(alphabet.count)] }, as: UTF8.self)
                text += separators[next(separators.count)]
            }
            #expect(SearchTokenizer.terms(text) == ReferenceSearch.terms(text), "\(text.debugDescription)")
        }
    }

    @Test("Every scalar of the alphabetic and CJK planes, alone and among words, gives the same terms")
    func everyScalar() {
        // All of the BMP below CJK, then a sample of the rest (every 7th), plus tags and variation selectors.
        let values = Array(UInt32(0x80)..<0x3400) + Array(stride(from: UInt32(0x3400), to: 0x30000, by: 7)) + Array(UInt32(0xE0000)...0xE01EF)
        var batch = ""
        var count = 0
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let x = String(scalar)
            batch += "a\(x)b \(x) \(x)中 中\(x)\(x) Ab\(x)\(x)9 "
            count += 1
            if count == 128 {
                #expect(SearchTokenizer.terms(batch) == ReferenceSearch.terms(batch))
                batch = ""
                count = 0
            }
        }
        #expect(SearchTokenizer.terms(batch) == ReferenceSearch.terms(batch))
    }

    @Test("Index files are byte for byte what the old code wrote, tokenized early or not")
    func indexFiles() {
        var seed: UInt64 = 11
        for round in 0..<20 {
            var documents: [SearchIndex.Document] = []
            for number in 0..<(5 + round) {
                let text = (0..<3).map { _ in Self.sample(&seed, count: 2 + Int(seed % 60)) }
                documents.append(SearchIndex.Document(
                    url: "d\(number).html", title: Self.sample(&seed, count: 5), headings: [Self.sample(&seed, count: 4), "</script>"],
                    excerpt: Self.sample(&seed, count: 12), text: text))
            }
            let expected = ReferenceSearch.json(locale: "xx-XX", documents: documents)
            #expect(SearchIndex(locale: "xx-XX", documents: documents).json() == expected)
            #expect(SearchIndex(locale: "xx-XX", documents: documents.map { $0.tokenized() }).json() == expected)
        }
    }

    @Test("Index files of long words, many sharing their first bytes, among other scripts, are what the old code wrote")
    func indexFilesOfWords() {
        let words = [
            "powershell", "PowerShell", "powershellget", "get", "getchilditem", "Get-ChildItem", "getcommand", "configuration",
            "configurationdata", "configurations", "1", "10", "100", "2", "ab", "über", "größe", "中文", "客户支持", "cœur", "naïve",
        ]
        var seed: UInt64 = 17
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for round in 0..<10 {
            let documents = (0..<(3 + 4 * round)).map { number in
                let text = (0..<3).map { _ in (0..<(1 + next(30))).map { _ in words[next(words.count)] }.joined(separator: " ") }
                return SearchIndex.Document(url: "d\(number).html", title: "t", headings: [], excerpt: "", text: text)
            }
            let expected = ReferenceSearch.json(locale: "xx-XX", documents: documents)
            #expect(SearchIndex(locale: "xx-XX", documents: documents.map { $0.tokenized() }).json() == expected)
            #expect(SearchIndex(locale: "xx-XX", documents: documents).jsonUTF8() == Array(expected.utf8))
        }
    }

    @Test("Excerpts count characters: multi-byte ones, CR LF and combining marks near the limit")
    func excerpts() {
        var seed: UInt64 = 19
        for _ in 0..<2000 {
            let text = Self.sample(&seed, count: Int(seed % 24))
            for limit in [0, 1, 5, 10, 20] {
                #expect(SearchIndex.excerpt(text, limit: limit) == ReferenceSearch.excerpt(text, limit: limit), "\(text.debugDescription) \(limit)")
            }
        }
        // Every length around every limit, in one-byte and two-byte characters.
        for limit in 0...6 {
            for length in 0...9 {
                for text in [String(repeating: "a", count: length), String(repeating: "é", count: length), String(repeating: "a ", count: length)] {
                    #expect(SearchIndex.excerpt(text, limit: limit) == ReferenceSearch.excerpt(text, limit: limit), "\(text.debugDescription) \(limit)")
                }
            }
        }
        #expect(SearchIndex.excerpt("ab\r\n", limit: 3) == "ab\r\n")
        #expect(SearchIndex.excerpt("abcé", limit: 4) == "abcé")
    }

    @Test("Equivalent CJK spellings stay one term, spelled as the first document spells it")
    func equivalentSpellings() {
        let documents = [
            SearchIndex.Document(url: "a.html", title: "a", headings: [], excerpt: "", text: ["\u{F900}中 Kelvin"]),
            SearchIndex.Document(url: "b.html", title: "b", headings: [], excerpt: "", text: ["\u{8C48}中 \u{212A}elvin"]),
        ]
        let json = SearchIndex(locale: "ja-JP", documents: documents.map { $0.tokenized() }).json()
        #expect(json == ReferenceSearch.json(locale: "ja-JP", documents: documents))
        #expect(json.contains("\n\"\u{F900}中\":[0,1]"))
        #expect(json.contains("\n\"kelvin\":[0,1]"))
    }

    @Test("Terms given as strings are indexed as given")
    func givenTerms() {
        var document = SearchIndex.Document(url: "a.html", title: "a", headings: [], excerpt: "", text: [])
        document.terms = ["zeta", "alpha", "中"]
        let json = SearchIndex(locale: "en-US", documents: [document]).json()
        #expect(json.contains("\n\"alpha\":[0],\n\"zeta\":[0],\n\"中\":[0]}"))
        #expect(Set(SearchIndex.Document(url: "b", title: "", headings: [], excerpt: "", text: ["Hello 世界 hello"]).tokenized().terms ?? []) == ["hello", "世界"])
    }

    @Test("JSON strings are escaped as before")
    func jsonStrings() {
        var seed: UInt64 = 3
        for _ in 0..<2000 {
            let text = Self.sample(&seed, count: Int(seed % 30))
            #expect(HTMLEscaping.jsonString(text) == ReferenceSearch.jsonString(text))
        }
        for text in ["</script>", "<\u{2028}/", "\u{1F}\u{7F}\u{0}", "a\u{2029}b", "\u{E2}"] {
            #expect(HTMLEscaping.jsonString(text) == ReferenceSearch.jsonString(text))
        }
    }
}
