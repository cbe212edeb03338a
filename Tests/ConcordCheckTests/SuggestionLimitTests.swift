import Foundation
import ConcordTestSupport
import Testing
import ConcordModel
@testable import ConcordCheck

/// "Did you mean" compares a missing name with a bounded number of names, however many files a
/// folder holds and however many distinct names are missing.
@Suite("Suggestion limits")
struct SuggestionLimitTests {
    typealias File = LinkFixtures.File

    @Test func twoThousandFilesWithTwentyThousandMissingLinksAreCheckedPromptly() throws {
        var files: [File] = []
        for i in 0..<2_000 {
            let links = (0..<10).map { "[l](file\(i)x\($0).md)\n" }.joined()
            files.append(File("en-US", "file\(i).md", "# F\(i)\n\n" + links))
        }
        let content = try LinkFixtures.content(files)
        let findings = try #require(finished(within: 60) { LinkFixtures.findings(BrokenLink(), content) })
        #expect(findings.count == 20_000)
    }

    @Test func aSearchComparesABoundedNumberOfNames() {
        let names = (0..<2_000).map { "name-\(1_000 + $0).md" }
        let similar = SimilarNames(names)
        let search = similar.search("name-1999x.md", threshold: 0.34)
        #expect(search.comparisons == SimilarNames.maximumComparisons)
        #expect(!search.matches.isEmpty)
    }

    @Test func namesWhoseLengthRulesThemOutAreNotCompared() {
        let similar = SimilarNames(["a-very-long-file-name-indeed.md", "short.md", "shrot.md"])
        let search = similar.search("shotr.md", threshold: 0.34)
        #expect(search.comparisons == 2)
        #expect(search.matches.map { similar.names[$0.index] } == ["short.md", "shrot.md"])
    }

    @Test func theBestMatchAndItsTiesAreTheFullSearchs() {
        // Below the limit every name that can match is compared: the same answer as comparing all.
        var draws = SeededRandom(seed: 11)
        let letters = Array("abcde")
        func word() -> String { String((0..<(3 + draws.next(6))).map { _ in letters[draws.next(letters.count)] }) }
        for _ in 0..<500 {
            let names = (0..<draws.next(30)).map { _ in word() }
            let target = word()
            let expected = Similarity.closest(to: target, in: names, threshold: 0.34)
            let found = SimilarNames(names).search(target, threshold: 0.34).matches.first.map { names[$0.index] }
            #expect(found == expected, "\(target) in \(names)")
        }
    }
}
