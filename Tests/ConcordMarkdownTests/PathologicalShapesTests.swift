import Testing
@testable import ConcordMarkdown

/// The linear pre-scan finds the bracket shapes libcmark 0.30.2 takes quadratic time on, and
/// nothing cmark handles in its stride.
@Suite("Pathological shapes")
struct PathologicalShapesTests {
    func find(_ text: String) -> PathologicalShapes.Finding? {
        Array(text.utf8).withUnsafeBufferPointer(PathologicalShapes.find(in:))
    }

    @Test("CVE-2023-22486 and its variants: image openers left open before links",
          arguments: ["![[]()", "![[x]()", "![a[]()", "![ [x](y) ", "![[a](b) "])
    func imageOpenersBeforeLinks(unit: String) {
        let finding = find("# Title\n\nIntro.\n\n" + String(repeating: unit, count: 20_000) + "\n")
        #expect(finding?.line == 5)
        #expect((finding?.openImages ?? 0) > 300)
    }

    @Test("the byte count that clears most files counts every occurrence, at the ends too")
    func occurrenceCount() {
        func count(_ byte: Character, _ text: String) -> Int {
            Array(text.utf8).withUnsafeBufferPointer { PathologicalShapes.occurrences(of: byte.asciiValue!, in: $0) }
        }
        #expect(count("!", "") == 0)
        #expect(count("!", "no bangs") == 0)
        #expect(count("!", "!") == 1)
        #expect(count("]", "]a]]b]") == 4)
        #expect(count("!", String(repeating: "ab!", count: 1_000) + "!") == 1_001)
    }

    @Test func openersAndLinksOnSeparateLinesOfOneParagraph() {
        let text = String(repeating: "![a\n", count: 10_000) + String(repeating: "[b](c)\n", count: 10_000)
        #expect(find(text)?.line == 1)
    }

    @Test func blankLinesEndTheBlocksCmarkParsesApart() {
        // Openers in one paragraph, links in the next: cmark never walks over the openers.
        let openers = String(repeating: "![", count: 1_000), links = String(repeating: "[]()", count: 1_000)
        #expect(find(openers + "\n\n" + links) == nil)
        #expect(find(openers + "\n \t \n" + links) == nil)
        #expect(find(openers + "\n" + links)?.line == 1)
    }

    @Test func theWorkOfAFileAddsUpOverItsBlocks() {
        // Each paragraph alone is within the limit; many of them are not.
        let paragraph = String(repeating: "![[]()", count: 200)
        #expect(find(paragraph) == nil)
        #expect(find(Array(repeating: paragraph, count: 10).joined(separator: "\n\n"))?.line == 9, "the fifth paragraph passes 100,000")
    }

    @Test func closedImagesNestedBracketsAndEscapesAddNothing() {
        #expect(find(String(repeating: "![a](b.png) [c](d) ", count: 50_000)) == nil)
        #expect(find(String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000)) == nil)
        #expect(find(String(repeating: "\\![[]()", count: 50_000)) == nil)
        #expect(find(String(repeating: "!\\[[]()", count: 50_000)) == nil)
        #expect(find(String(repeating: "![ ", count: 50_000)) == nil, "no link made, no walk")
    }

    @Test func theBoundIsAtTheLimitNotBefore() {
        // n image openers then n links, each walking over the n openers: n² steps.
        func text(_ n: Int) -> String { String(repeating: "![", count: n) + String(repeating: "[]()", count: n) }
        #expect(find(text(300)) == nil)
        #expect(find(text(320)) != nil)
    }

    @Test("The count that clears most files never clears one the walk would report")
    func countingNeverHidesAFinding() {
        // Seeded, so a failure is the same input every run.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let alphabet = Array("![]()\\ x\n".utf8)
        for _ in 0..<300 {
            let length = Int(next() % 4_000)
            let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            bytes.withUnsafeBufferPointer { buffer in
                // A small limit, so that random text reaches it.
                let limit = Int(next() % 2_000)
                let walked = PathologicalShapes.walk(buffer, limit: limit)
                let bangs = bytes.filter { $0 == UInt8(ascii: "!") }.count
                let closers = bytes.filter { $0 == UInt8(ascii: "]") }.count
                if walked != nil { #expect(bangs * closers > limit) }
            }
        }
    }
}
