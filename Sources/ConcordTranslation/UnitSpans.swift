import ConcordMarkdown
import Foundation

/// The byte ranges of a block's inline text in its document's body: what a unit's Markdown is
/// read from and what import replaces.
enum HeadingSpan {
    /// A paragraph's text: from its first character to the end of its last line, without the
    /// spaces that end it.
    static func paragraph(_ node: Int, in document: MarkdownDocument) -> Range<Int>? {
        guard let range = document[node].range else { return nil }
        return span(from: range.start, toEndOfLine: range.end.line, in: document.source)
    }

    /// A heading's text: an ATX heading without its `#` marks (opening and closing), a setext
    /// heading without its underline.
    static func content(of node: Int, in document: MarkdownDocument) -> Range<Int>? {
        guard let range = document[node].range else { return nil }
        let source = document.source
        if range.end.line > range.start.line, !isATX(range.start, in: source) {
            return span(from: range.start, toEndOfLine: range.end.line - 1, in: source)
        }
        guard let line = span(from: range.start, toEndOfLine: range.start.line, in: source) else { return nil }
        let bytes = source.bytes
        var start = line.lowerBound
        while start < line.upperBound, bytes[start] == UInt8(ascii: "#") { start += 1 }
        while start < line.upperBound, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        var end = line.upperBound
        // A closing sequence: `#`s after a space (or alone), then spaces.
        var hashes = end
        while hashes > start, bytes[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        if hashes < end, hashes == start || bytes[hashes - 1] == 0x20 || bytes[hashes - 1] == 0x09 {
            end = hashes
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        }
        return start < end ? start..<end : nil
    }

    private static func isATX(_ start: SourceLocation, in source: SourceText) -> Bool {
        source.line(start.line).dropFirst(max(start.column - 1, 0)).first == UInt8(ascii: "#")
    }

    /// From `start` to the end of line `endLine`, trailing spaces and tabs left out.
    static func span(from start: SourceLocation, toEndOfLine endLine: Int, in source: SourceText) -> Range<Int>? {
        let first = start.line - source.firstLine, last = endLine - source.firstLine
        guard first >= 0, last >= first, last < source.lineStarts.count else { return nil }
        let lower = source.lineStarts[first] + start.column - 1
        var upper = last + 1 < source.lineStarts.count ? source.lineStarts[last + 1] - 1 : source.bytes.count
        while upper > lower, source.bytes[upper - 1] == 0x20 || source.bytes[upper - 1] == 0x09 || source.bytes[upper - 1] == 0x0A {
            upper -= 1
        }
        return lower < upper ? lower..<upper : nil
    }
}

/// The raw bytes of a pipe-table cell.
enum TableCellSpan {
    /// From the cell's first character to the `|` that ends it (an escaped `\|` does not),
    /// without trailing spaces; `nil` unless those bytes, with `\|` read as `|`, are the cell as
    /// ``PipeTable`` read it.
    static func span(of cell: PipeTable.Cell, lineStart: Int, in bytes: [UInt8]) -> Range<Int>? {
        let start = lineStart + cell.offset
        guard start <= bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A {
            if bytes[end] == UInt8(ascii: "\\"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "|") { end += 2; continue }
            if bytes[end] == UInt8(ascii: "|") { break }
            end += 1
        }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        return unescapedPipes(bytes[start..<end]).elementsEqual(cell.markdown.utf8) ? start..<end : nil
    }

    /// The bytes with each `\|` read as `|`.
    static func unescapedPipes(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "|") { i += 1 }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
