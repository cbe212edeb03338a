import ConcordMarkdown

/// The runs of text in a raw HTML block that a translator translates, as byte ranges of the
/// block: the text between the tags that start or end a block (`<td>`, `<p>`, `<li>`…), with the
/// tags inside a sentence (`<a href>`, `<strong>`, `<br>`) left in the run, where the unit's
/// scanner makes them codes.
///
/// libxml2 reads HTML blocks for the model, but it gives lines, not the byte ranges import needs
/// to put a translation back; so the block's tags are found here, by the same rules of HTML's
/// syntax: a tag is `<`, a name, attributes (quoted values may hold `>`) and `>`, possibly over
/// several lines; a comment runs to `-->`. What is never text for a reader (``HTMLBlockReader
/// /contentDropping``, `<pre>`, comments) is no run.
enum HTMLTextRuns {
    /// The runs of `bytes[range]`, trimmed of white space, in order. With `quoted`, the block is
    /// in a block quote: each line's `>` prefix ends a run, so a run stays on one line.
    static func runs(in bytes: [UInt8], _ range: Range<Int>, quoted: Bool) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound
        func cut(at boundary: Int) {
            if let run = trimmed(start..<boundary, in: bytes) { runs.append(run) }
        }
        while i < end {
            let byte = bytes[i]
            if quoted, byte == 0x0A {
                cut(at: i)
                i = afterQuotePrefix(i + 1, in: bytes, end: end)
                start = i
                continue
            }
            guard byte == UInt8(ascii: "<"), let tag = tag(at: i, in: bytes, end: end) else {
                i += 1
                continue
            }
            let breaksText = tag.isComment || tag.spansLines || HTMLBlockReader.blockElements.contains(tag.name)
                || skipsContent(tag) || tag.name.isEmpty
            guard breaksText else {
                i = tag.end
                continue
            }
            cut(at: i)
            i = skipsContent(tag) && !tag.isClosing ? endOfElement(tag.name, from: tag.end, in: bytes, end: end) : tag.end
            start = i
        }
        cut(at: end)
        return runs
    }

    /// A tag found in the block.
    struct Tag {
        /// The element's name, lower-cased; empty for a comment or `<!…>`, `<?…>`.
        var name: String
        var isClosing: Bool
        var isComment: Bool
        /// Whether the tag is written over more than one line.
        var spansLines: Bool
        /// The byte after its `>`.
        var end: Int
    }

    /// The tag that starts at `i` (a `<`), or `nil` when the `<` starts no tag and is text.
    static func tag(at i: Int, in bytes: [UInt8], end: Int) -> Tag? {
        guard i + 1 < end else { return nil }
        let next = bytes[i + 1]
        if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            let isComment = bytes[(i + 1)..<end].starts(with: Array("!--".utf8))
            let closer = isComment ? Array("-->".utf8) : [UInt8(ascii: ">")]
            let close = bytes[(i + 2)..<end].firstRange(of: closer)?.upperBound ?? end
            return Tag(name: "", isClosing: false, isComment: true, spansLines: false, end: close)
        }
        let isClosing = next == UInt8(ascii: "/")
        var j = i + (isClosing ? 2 : 1)
        let nameStart = j
        while j < end, isNameByte(bytes[j]) { j += 1 }
        guard j > nameStart, isLetter(bytes[nameStart]) else { return nil }
        let name = String(decoding: bytes[nameStart..<j].map(lowercased), as: UTF8.self)
        // Attributes: a quoted value may hold `>`; the tag ends at the first `>` outside quotes.
        var quote: UInt8?
        var spansLines = false
        while j < end {
            let byte = bytes[j]
            if byte == 0x0A { spansLines = true }
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return Tag(name: name, isClosing: isClosing, isComment: false, spansLines: spansLines, end: j + 1)
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// Whether the content of `tag`'s element is never text for a reader.
    private static func skipsContent(_ tag: Tag) -> Bool {
        tag.name == "pre" || HTMLBlockReader.contentDropping.contains(tag.name)
    }

    /// The byte after the end tag of `name` (`</script>`), or `end` when it is not closed.
    private static func endOfElement(_ name: String, from start: Int, in bytes: [UInt8], end: Int) -> Int {
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "<"), let tag = tag(at: i, in: bytes, end: end), tag.isClosing, tag.name == name {
                return tag.end
            }
            i += 1
        }
        return end
    }

    /// `range` without white space at either end; `nil` when nothing is left.
    private static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    /// The byte after a line's block-quote prefix (spaces, `>`, one space).
    private static func afterQuotePrefix(_ start: Int, in bytes: [UInt8], end: Int) -> Int {
        var i = start
        while i < end, bytes[i] == 0x20 { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: ">") else { return start }
        i += 1
        if i < end, bytes[i] == 0x20 { i += 1 }
        return i
    }

    /// White space around a run, a carriage return too.
    private static func isSpace(_ byte: UInt8) -> Bool { InlineScanner.isSpace(byte) || byte == 0x0D }
    private static func isLetter(_ byte: UInt8) -> Bool { InlineScanner.isLetter(byte) }
    private static func isNameByte(_ byte: UInt8) -> Bool { isLetter(byte) || InlineScanner.isDigit(byte) || byte == UInt8(ascii: "-") }
    private static func lowercased(_ byte: UInt8) -> UInt8 { InlineScanner.lowercased(byte) }
}
