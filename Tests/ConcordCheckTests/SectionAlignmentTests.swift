import ConcordTestSupport
import ConcordModel
import Testing
@testable import ConcordCheck

/// Which sections are paired by their explicit anchors.
@Suite struct SectionAlignmentTests {
    /// The longest common subsequence as first written (one array per row, every table filled):
    /// the definition the flat table and the early exit must agree with, ties included.
    static func reference(_ a: [String?], _ b: [String?]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                if let x = a[i], x == b[j] {
                    table[i][j] = table[i + 1][j + 1] + 1
                } else {
                    table[i][j] = max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var result: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if let x = a[i], x == b[j] {
                result.append((i, j)); i += 1; j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    @Test("Anchored pairs are the definition's, with repeated anchors and sides without any")
    func commonSubsequenceAgreesWithDefinition() {
        // Few distinct keys, so that repeats (a translation writing one anchor on every heading of
        // a repeated title) and ties between equally long subsequences are common.
        let keys: [String?] = [nil, nil, nil, "a", "b", "c", "cmdlets-supported"]
        var draws = SeededRandom(seed: 5)
        for _ in 0..<5_000 {
            let a = (0..<draws.next(9)).map { _ in keys[draws.next(keys.count)] }
            let b = (0..<draws.next(9)).map { _ in keys[draws.next(keys.count)] }
            let found = SectionAlignment.commonSubsequence(a, b)
            let expected = Self.reference(a, b)
            #expect(found.map(\.0) == expected.map(\.0) && found.map(\.1) == expected.map(\.1), "\(a) \(b)")
        }
    }

    @Test("Positions grouped in one flat layout are the groups byMatchedSection makes")
    func flatPositionsAgreeWithGroups() throws {
        var draws = SeededRandom(seed: 17)
        // Headings with and without explicit anchors (repeated ones included), so that sections
        // pair, go missing on one side and fold into the group before them.
        func article(_ locale: String) throws -> Article {
            var markdown = "# Title\n\nIntro.\n"
            for k in 0..<draws.next(8) {
                let anchor = ["", "", "<a name=\"x\"></a>", "<a name=\"y\"></a>"][draws.next(4)]
                markdown += "\n\(["##", "###"][draws.next(2)]) \(anchor)Part \(k)\n\nText.\n"
            }
            return try #require(ArticleLoader.load(markdown: markdown, path: "a.md", locale: locale, file: "\(locale)/a.md").article)
        }
        for _ in 0..<500 {
            let pair = TranslationPair(source: try article("en-US"), translation: try article("fr-FR"))
            let sourceLines = (0..<draws.next(12)).map { _ in draws.next(40) }
            let translationLines = (0..<draws.next(12)).map { _ in draws.next(40) }
            let flat = pair.positionsByMatchedSection(sourceLines: sourceLines, translationLines: translationLines)
            let groups = pair.byMatchedSection(
                source: sourceLines.indices.map { ($0, sourceLines[$0]) },
                translation: translationLines.indices.map { ($0, translationLines[$0]) }, line: \.1)
            #expect(flat.pairs == groups.map(\.pair))
            for (index, group) in groups.enumerated() {
                #expect(Array(flat.source(of: index)) == group.source.map(\.0))
                #expect(Array(flat.translation(of: index)) == group.translation.map(\.0))
            }
        }
    }

    @Test("On every PowerShell translation, text blocks group the same both ways",
          .enabled(if: Corpus.isAvailable, "needs ../shared/corpus"))
    func flatPositionsAgreeWithGroupsOnCorpus() {
        let content = Corpus.load("powershell", source: "en-US")
        var compared = 0
        for translation in content.sortedArticles(in: "fr-FR") {
            guard let source = content.source(of: translation) else { continue }
            let pair = TranslationPair(source: source, translation: translation)
            let flat = pair.positionsByMatchedSection(
                sourceLines: source.textBlocks.map(\.line), translationLines: translation.textBlocks.map(\.line))
            let groups = pair.byMatchedSection(
                source: Array(source.textBlocks.enumerated()), translation: Array(translation.textBlocks.enumerated()), line: \.element.line)
            #expect(flat.pairs == groups.map(\.pair), "\(translation.file)")
            for (index, group) in groups.enumerated() {
                #expect(Array(flat.source(of: index)) == group.source.map(\.offset), "\(translation.file)")
                #expect(Array(flat.translation(of: index)) == group.translation.map(\.offset), "\(translation.file)")
            }
            compared += 1
        }
        #expect(compared > 1_000)
    }
}

