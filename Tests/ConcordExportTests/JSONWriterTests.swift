@testable import ConcordModel
import Foundation
import Testing
@testable import ConcordExport

/// `JSONOutput.bytes` writes what `JSONEncoder` writes for the article model, byte for byte.
@Suite("Fast JSON writer: the article model")
struct JSONWriterTests {
    /// An article in which every optional is set and every list has an element, down to the leaves.
    static func fullArticle(text: String = "text") -> Article {
        let link = Link(destination: "a/b.md#c", text: text, kind: .reference, section: "s", line: 3, column: 4)
        let image = Image(source: "media/x.png", alt: text, section: "s", line: 5, column: 6)
        let substep = Step(number: 1, text: text, uiElements: [text], links: [link], images: [image], line: 8, column: 4, substeps: [])
        let step = Step(number: 2, text: text, uiElements: ["**OK**", text], links: [link], images: [image], line: 7, column: 1, substeps: [substep])
        var article = Article(path: "dir/\(text).md", locale: "fr-FR", file: "content/fr-FR/dir/x.md", title: text)
        article.metadata = Metadata(entries: [
            MetadataEntry(key: "title", value: .string(text), line: 2),
            MetadataEntry(key: "ms.date", value: .string("01/02/2024"), line: 3),
            MetadataEntry(key: "keywords", value: .list([.string(text), .list([.string("nested")])]), line: 4),
            MetadataEntry(key: "ms.custom", value: .map([MetadataEntry(key: text, value: .string("v"), line: 5)]), line: 5),
        ])
        article.sections = [Section(anchor: "s", explicitAnchor: true, level: 2, title: text, line: 9)]
        article.procedures = [Procedure(title: text, section: "s", line: 10, listLine: 11, steps: [step])]
        article.categories = [CategoryList(section: "s", intro: text, items: [text, "b"], line: 12)]
        article.appliesTo = [text]
        article.relatedLinks = [RelatedLink(destination: "x.md", text: text, line: 13)]
        article.links = [link, Link(destination: "https://example.com/", text: "", kind: .autolink, section: "s", line: 14, column: 1)]
        article.images = [image]
        article.alerts = [Alert(kind: .caution, text: text, section: "s", line: 15)]
        article.tables = [Table(section: "s", header: ["a", text], alignments: [.none, .center], rows: [[text, "b"], ["", ""]], line: 16)]
        article.codeBlocks = [CodeBlock(language: "powershell", info: "powershell {.x}", code: "Get-Item \"C:\\x\"\n\t$a\n", section: "s", line: 17)]
        article.includes = [Include(title: text, path: "../includes/x.md", section: "s", line: 18, column: 2)]
        article.extraAnchors = [text]
        article.referenceDefinitions = [ReferenceDefinition(label: text, destination: "y.md", line: 19)]
        article.unresolvedReferences = [UnresolvedReference(text: "[\(text)][]", label: text, section: "s", line: 20, column: 3)]
        article.textBlocks = [TextBlock(kind: .paragraph, text: text, prose: text, section: "s", line: 21, column: 1)]
        article.anchorMentions = [AnchorMention(name: "s", line: 9)]
        article.faq = FAQContent(sections: [
            FAQPage.Section(name: text, questions: [FAQPage.Question(question: text, answer: text + "\n", line: 23, answerLine: 25)], line: 22),
            FAQPage.Section(name: nil, questions: [], line: 26),
        ])
        return article
    }

    @Test func aFullArticleIsWrittenAsJSONEncoderWritesIt() throws {
        try JSONComparison.expectSameBytes(Self.fullArticle())
    }

    @Test func awkwardTextIsEscapedAsJSONEncoderEscapesIt() throws {
        try JSONComparison.expectSameBytes(Self.fullArticle(text: JSONComparison.awkwardText))
        try JSONComparison.expectSameBytes(JSONComparison.awkwardText)
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) {
            try JSONComparison.expectSameBytes("a\(scalar)b\(scalar)", "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func escapesAreFoundAtEveryOffsetOfALongString() throws {
        // The writer tests sixteen or eight bytes at a time: every escape must be caught wherever
        // it falls in a block, next to ASCII or to the bytes of multi-byte characters.
        for filler in ["x", "é", "日"] {
            for special in ["\"", "\\", "\u{0}", "\n", "\u{1F}", "\u{7F}", "/", " ", "\u{2028}"] {
                for offset in 0..<17 {
                    let text = String(repeating: filler, count: offset) + special + String(repeating: filler, count: 20)
                    try JSONComparison.expectSameBytes(text, "\(filler) \(special.debugDescription) at \(offset)")
                }
            }
        }
    }

    @Test func stringsOfEveryShortLengthWithEscapesAnywhereAreWrittenAsJSONEncoderWritesThem() throws {
        // The writer copies blocks of sixteen, then eight, bytes, resumes right after each escape,
        // and reads what is left after the last whole block as the string's last block: one or two
        // escapes at every pair of offsets of every length up to two blocks and a byte cover each
        // of those paths and their seams.
        try JSONComparison.expectSameBytes("")
        for length in 1...33 {
            for special in ["\"", "\\", "\u{0}", "\n", "\u{1F}"] {
                for first in 0..<length {
                    // `second == length`: the one escape at `first`.
                    for second in first...length {
                        var characters = (0..<length).map { $0 % 3 == 0 ? "é" : "x" }
                        characters[first] = special
                        if second < length { characters[second] = "\t" }
                        try JSONComparison.expectSameBytes(characters.joined(), "\(length) \(special.debugDescription) at \(first), \(second)")
                    }
                }
            }
        }
    }

    @Test func randomStringsAreWrittenAsJSONEncoderWritesThem() throws {
        let alphabet = ["a", "Z", " ", "/", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1B}", "\u{1F}",
                        "\u{7F}", "é", "e\u{301}", "日", "😀", "\u{2028}", "\u{2029}", "\u{FEFF}", "<", "&", "ab cd ef"]
        var generator = SplitMix(seed: 2_028)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            try JSONComparison.expectSameBytes(text, text.debugDescription)
        }
    }

    @Test func integersOfEveryLengthAndSignAreWrittenAsJSONEncoderWritesThem() throws {
        // The writer counts the digits first, then writes them from the last.
        var numbers = [0, 1, -1, 9, -9, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            numbers += [power - 1, power, power + 1, -power + 1, -power, -power - 1]
        }
        try JSONComparison.expectSameBytes(numbers)
        try JSONComparison.expectSameBytes([true, false])
    }

    @Test func outputLongerThanTheFirstBufferGrowsIntact() throws {
        var article = Self.fullArticle(text: String(repeating: "Get-Item \"C:\\x\"\t/ é 😀\n", count: 2_000))
        article.codeBlocks = Array(repeating: article.codeBlocks[0], count: 500)
        try JSONComparison.expectSameBytes(article)
        #expect(try JSONOutput.bytes(article).count > 1_000_000)
    }

    @Test func absentOptionalsAreLeftOut() throws {
        var article = Self.fullArticle()
        article.procedures[0].section = nil
        article.procedures[0].steps[0].links[0].section = nil
        article.procedures[0].steps[0].images[0].section = nil
        article.procedures[0].steps[0].substeps[0].links[0].section = nil
        article.procedures[0].steps[0].substeps[0].images[0].section = nil
        article.categories[0].section = nil
        article.links = article.links.map { var link = $0; link.section = nil; return link }
        article.images[0].section = nil
        article.alerts[0].section = nil
        article.tables[0].section = nil
        article.codeBlocks[0].section = nil
        article.codeBlocks[0].language = nil
        article.includes[0].section = nil
        article.unresolvedReferences[0].section = nil
        try JSONComparison.expectSameBytes(article)
        let text = String(decoding: try JSONOutput.bytes(article), as: UTF8.self)
        #expect(!text.contains("\"section\"") && !text.contains("\"language\"") && !text.contains("null"))
    }

    @Test func emptyAndNestedEmptyContainersArePrintedAsJSONEncoderPrintsThem() throws {
        try JSONComparison.expectSameBytes(Article(path: "", locale: "", file: ""))
        var article = Self.fullArticle()
        article.metadata = Metadata(entries: [
            MetadataEntry(key: "list", value: .list([]), line: 1),
            MetadataEntry(key: "map", value: .map([]), line: 2),
            MetadataEntry(key: "nested", value: .list([.list([]), .map([]), .list([.list([])])]), line: 3),
        ])
        article.procedures[0].steps[0] = Step(number: 1, text: "", uiElements: [], links: [], images: [], line: 1, column: 1, substeps: [])
        article.procedures.append(Procedure(title: "", section: nil, line: 1, listLine: 2, steps: []))
        article.tables[0] = Table(section: nil, header: [], alignments: [], rows: [[], []], line: 1)
        try JSONComparison.expectSameBytes(article)
        try JSONComparison.expectSameBytes([[String]]())
        try JSONComparison.expectSameBytes([[String]](repeating: [], count: 2))
        try JSONComparison.expectSameBytes([String: [String]]())
    }

    @Test func frontMatterKeysAreSortedByUTF8BytesAndRepeatsResolvedAsTheCodableConformance() throws {
        var article = Self.fullArticle()
        let keys = ["b", "B", "a10", "a9", "_", "ms.date", "ms-date", "é", "e\u{301}x", "Z", "", "title", "日付"]
        article.metadata = Metadata(entries: keys.enumerated().map { MetadataEntry(key: $1, value: .string("\($0)"), line: $0) } + [
            // The first of a repeated key wins in the front matter, the last inside a nested map;
            // canonically equivalent spellings (é composed, é decomposed) are one key.
            MetadataEntry(key: "title", value: .string("second title"), line: 20),
            MetadataEntry(key: "e\u{301}", value: .string("decomposed"), line: 21),
            MetadataEntry(key: "map", value: .map([
                MetadataEntry(key: "k", value: .string("first"), line: 22),
                MetadataEntry(key: "é", value: .string("composed"), line: 23),
                MetadataEntry(key: "k", value: .string("last"), line: 24),
                MetadataEntry(key: "e\u{301}", value: .string("decomposed"), line: 25),
            ]), line: 22),
        ])
        try JSONComparison.expectSameBytes(article)
    }

    @Test func repeatedASCIIFrontMatterKeysAreResolvedAsTheCodableConformance() throws {
        // ASCII keys take a path of their own: sorted, repeats side by side, no dictionary.
        var article = Self.fullArticle()
        let keys = ["title", "b", "B", "a10", "a9", "_", "", "ms.date", "ms-date", "title", "Z", "b", "", "ms.date"]
        let nested = ["k", "j", "k", "K", "k", ""]
        article.metadata = Metadata(entries: keys.enumerated().map { MetadataEntry(key: $1, value: .string("\($0)"), line: $0) } + [
            MetadataEntry(key: "map", value: .map(nested.enumerated().map { MetadataEntry(key: $1, value: .string("\($0)"), line: $0) }), line: 20),
        ])
        try JSONComparison.expectSameBytes(article)
        var generator = SplitMix(seed: 20)
        for _ in 0..<300 {
            let pool = ["a", "b", "ab", "a.b", "a-b", "A", "", "title", "ms.date"]
            func entries(_ count: Int) -> [MetadataEntry] {
                (0..<count).map { MetadataEntry(key: pool[Int(generator.next() % UInt64(pool.count))], value: .string("\($0)"), line: $0) }
            }
            article.metadata = Metadata(entries: entries(Int(generator.next() % 12)) + [
                MetadataEntry(key: "map", value: .map(entries(Int(generator.next() % 12))), line: 99),
            ])
            try JSONComparison.expectSameBytes(article)
        }
    }

    @Test func nestingAsDeepAsJSONEncoderAllowsIsWrittenAndDeeperThrowsAsItDoes() throws {
        // Front matter is the one unbounded nesting: the article and its metadata are two levels.
        func article(nestedLists: Int) -> Article {
            var value = MetadataValue.string("leaf")
            for _ in 0..<nestedLists { value = .list([value]) }
            var article = Article(path: "a.md", locale: "en-US", file: "a.md")
            article.metadata = Metadata(entries: [MetadataEntry(key: "deep", value: value, line: 1)])
            return article
        }
        try JSONComparison.expectSameBytes(article(nestedLists: 509))
        #expect(throws: (any Error).self) { try JSONOutput.encode(article(nestedLists: 510)) }
        #expect(throws: (any Error).self) { try JSONOutput.bytes(article(nestedLists: 510)) }
    }

    @Test func inspectJSONIsTheFastOutput() throws {
        let article = Self.fullArticle()
        #expect(try [UInt8](article.jsonData()) == JSONOutput.bytes(article))
    }

    @Test func everySampleArticleIsWrittenAsJSONEncoderWritesIt() throws {
        let (content, _) = try Fixtures.sample()
        var count = 0
        var failures: [String] = []
        for locale in content.locales {
            for article in content.sortedArticles(in: locale) {
                if let difference = try JSONComparison.difference(article) { failures.append("\(locale)/\(article.path): \(difference)") }
                count += 1
            }
        }
        JSONComparison.expectNone(failures, of: count)
        #expect(count >= 40)
    }

    @Test(.enabled(if: Fixtures.corpusIsAvailable, "the shared corpus (../shared/corpus) is not on this machine"),
          arguments: ["partner-center-china", "powershell"])
    func everyCorpusArticleIsWrittenAsJSONEncoderWritesIt(family: String) throws {
        let content = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/" + family, sourceLocale: family == "powershell" ? "en-US" : "es-ES"))
        var count = 0
        var failures: [String] = []
        for locale in content.locales {
            for article in content.sortedArticles(in: locale) {
                if let difference = try JSONComparison.difference(article) { failures.append("\(locale)/\(article.path): \(difference)") }
                count += 1
            }
        }
        JSONComparison.expectNone(failures, of: count)
        #expect(count >= (family == "powershell" ? 2_600 : 200))
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
