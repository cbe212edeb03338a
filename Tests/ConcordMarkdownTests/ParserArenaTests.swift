import CCmarkArena
import Dispatch
import Foundation
import Testing
@testable import ConcordMarkdown

/// cmark parses into a per-thread arena that is released after each parse; these pin that
/// nothing read from a tree depends on memory the arena has handed out again.
@Suite("Parser arena")
struct ParserArenaTests {
    /// A document exercising most node kinds, with `seed` in its text so documents differ.
    private func sample(_ seed: Int) -> String {
        """
        # Title \(seed) <a name="t\(seed)"></a>

        Some *emphasis*, `code \(seed)`, a [link](a\(seed).md "title") and ![image](i.png).

        1. Step one with **bold**
        2. Step two
           - nested \(seed)

        > [!NOTE]
        > A note.

        ```powershell
        Get-Item \(seed)
        ```

        | a | b |
        |---|---|
        | \(seed) | x |
        """
    }

    /// Everything a reader of the tree sees, as one comparable value.
    private func summary(_ document: MarkdownDocument) -> [String] {
        document.nodes.indices.map { i in
            let node = document[i]
            return "\(node.kind) \(node.parent) \(node.subtreeEnd) \(node.start.map { "\($0.line):\($0.column)" } ?? "-") "
                + "\(document.literal(of: i))|\(document.destination(of: i))|\(document.title(of: i))|\(document.info(of: i))"
        }
    }

    @Test("A literal larger than an arena chunk, grown by reallocation, reads back whole")
    func largeLiteral() {
        let line = String(repeating: "0123456789abcdef", count: 8)
        let code = Array(repeating: line, count: 20_000).joined(separator: "\n")
        let document = MarkdownParser.parse("```\n\(code)\n```\n")
        let block = document.nodes.indices.first { document[$0].kind == .codeBlock }
        #expect(block.map { document.literal(of: $0) } == code + "\n")
    }

    @Test("Parses on many threads at once give the trees a parse on its own gives")
    func parallelParsesAgree() {
        let texts = (0..<400).map(sample)
        let expected = texts.map { summary(MarkdownParser.parse($0)) }
        let results = Results(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            results.set(i, summary(MarkdownParser.parse(texts[i])))
        }
        for i in texts.indices { #expect(results.items[i] == expected[i], "document \(i)") }
    }

    @Test("A thread keeps only a few megabytes once a very large parse is over")
    func largeChunksAreGivenBack() {
        let code = Array(repeating: String(repeating: "x", count: 100), count: 60_000).joined(separator: "\n")
        _ = MarkdownParser.parse("```\n\(code)\n```\n")
        #expect(concord_arena_retained_bytes() <= 4 << 20)
    }

    @Test("Repeated parses on one thread reuse the same chunks")
    func chunksAreReused() {
        let text = sample(1)
        _ = MarkdownParser.parse(text)
        let retained = concord_arena_retained_bytes()
        for _ in 0..<200 { _ = MarkdownParser.parse(text) }
        #expect(retained > 0)
        #expect(concord_arena_retained_bytes() == retained)
    }
}

/// Per-document results filled in from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [[String]]
    init(count: Int) { items = Array(repeating: [], count: count) }
    func set(_ index: Int, _ value: [String]) {
        lock.lock()
        items[index] = value
        lock.unlock()
    }
}
