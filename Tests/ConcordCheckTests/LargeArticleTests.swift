import Foundation
import ConcordTestSupport
import Testing
import ConcordModel
@testable import ConcordCheck

/// Anchor work grows with the size of an article, not with its square: tens of thousands of
/// headings, anchors or links in one hostile file are checked in seconds.
@Suite("Anchor work on large articles")
struct LargeArticleTests {
    typealias File = LinkFixtures.File

    @Test func twentyThousandAnchorsInReverseOrderAlignWithoutATableOfEveryPair() throws {
        let source: [String?] = (0..<20_000).map { "a\($0)" }
        let translation = Array(source.reversed())
        let pairs = try #require(finished(within: 30) { SectionAlignment.commonSubsequence(source, translation).count })
        #expect(pairs == 1)
    }

    @Test func largeAlignmentsStillKeepTheLongestRunOfAnchors() throws {
        // Beyond the size the table is filled for: anchors matched in order, two swapped, some
        // only on one side, one repeated.
        var source: [String?] = (0..<3_000).map { $0 % 10 == 0 ? nil : "a\($0)" }
        var translation = source
        translation.swapAt(101, 102)
        translation[500] = "only-here"
        source[700] = "only-there"
        source[900] = "twice"
        source[901] = "twice"
        translation[900] = "twice"
        translation[901] = "twice"
        let pairs = SectionAlignment.commonSubsequence(source, translation)
        #expect(pairs.count == SectionAlignmentTests.reference(source, translation).count)
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { $0.0 < $1.0 && $0.1 < $1.1 })
        #expect(pairs.allSatisfy { source[$0.0] != nil && source[$0.0] == translation[$0.1] })
    }

    @Test func aTranslationMissingTwentyThousandSectionsIsReportedPromptly() throws {
        let source = "# Title\n\n" + (0..<20_000).map { "## <a name=\"s\($0)\"></a>Section \($0)\n\nText.\n\n" }.joined()
        let content = try LinkFixtures.content([File("en-US", "a.md", source), File("fr-FR", "a.md", "# Titre\n\nTexte.\n")])
        let findings = try #require(finished(within: 30) { LinkFixtures.findings(SectionMissing(), content) })
        #expect(findings.count == 20_000)
        #expect(findings.first?.location.line == 1)
    }

    @Test func brokenFragmentsOfATranslationWithFortyThousandHeadingsAreReportedPromptly() throws {
        // Each translated heading has the slug of its translated title; its links kept the source's.
        let count = 40_000
        let source = "# H\n\n" + (0..<count).map { "## Title \($0)\n\nSee [x](#title-\($0)).\n\n" }.joined()
        let translation = "# H\n\n" + (0..<count).map { "## Titre \($0)\n\nVoir [x](#title-\($0)).\n\n" }.joined()
        let content = try LinkFixtures.content([File("en-US", "h.md", source), File("fr-FR", "h.md", translation)])
        let findings = try #require(finished(within: 60) { LinkFixtures.findings(BrokenAnchor(), content) })
        #expect(findings.count == count)
        #expect(findings.first?.message == "link to '#title-0' names no anchor of this article; did you mean '#titre-0'?")
        #expect(findings.last?.message == "link to '#title-39999' names no anchor of this article; did you mean '#titre-39999'?")
    }

    @Test func twentyThousandUndefinedReferencesAreReportedPromptly() throws {
        let count = 20_000
        let markdown = "# A\n\n" + (0..<count).map { "See [label \($0)][] here.\n\n" }.joined()
            + (0..<count).map { "[label\($0)]: /target/\($0)\n" }.joined()
        let content = try LinkFixtures.content([File("en-US", "a.md", markdown)])
        let findings = try #require(finished(within: 60) { LinkFixtures.findings(UndefinedReference(), content) })
        #expect(findings.count == count)
        #expect(findings.first?.message.hasPrefix("'[label 0][]' is not a link: no definition for 'label 0'; did you mean [label0] (line ") == true)
    }
}
