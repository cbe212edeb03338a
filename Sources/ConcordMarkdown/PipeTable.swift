/// Recognises GitHub-style pipe tables, which libcmark core leaves as paragraphs.
///
/// Works on the raw lines of a paragraph; cell contents are returned as raw
/// Markdown with their byte offset so callers can parse them as inline Markdown
/// and keep positions true.
public struct PipeTable: Sendable, Hashable {
    /// A cell's raw Markdown and where it starts in its line.
    public struct Cell: Sendable, Hashable {
        /// The raw Markdown of the cell, trimmed, with `\|` unescaped.
        public var markdown: String
        /// The 0-based byte offset of the cell's text within the line.
        public var offset: Int
    }

    /// Column alignment from the delimiter row.
    public enum Alignment: String, Sendable, Hashable {
        case none, left, center, right
    }

    /// A row and the index of the line it came from.
    public struct Row: Sendable, Hashable {
        /// The cells, padded or cut to the header's width.
        public var cells: [Cell]
        /// Index into the lines given to ``recognize(lines:)``.
        public var lineIndex: Int
    }

    /// The header row.
    public var header: Row
    /// The column alignments.
    public var alignments: [Alignment]
    /// The body rows.
    public var rows: [Row]

    /// Finds a table in the lines of one paragraph: a header row, a delimiter row
    /// with the same number of cells, then body rows to the end of the paragraph.
    public static func recognize(lines: [Substring]) -> PipeTable? {
        guard lines.count >= 2 else { return nil }
        for start in 0..<(lines.count - 1) {
            let headerLine = lines[start]
            guard headerLine.containsUTF8(UInt8(ascii: "|")) else { continue }
            guard let alignments = delimiterRow(lines[start + 1]) else { continue }
            let headerCells = cells(of: headerLine)
            guard headerCells.count == alignments.count else { continue }
            var rows: [Row] = []
            for index in (start + 2)..<lines.count {
                var rowCells = cells(of: lines[index])
                if rowCells.count > alignments.count { rowCells.removeLast(rowCells.count - alignments.count) }
                while rowCells.count < alignments.count { rowCells.append(Cell(markdown: "", offset: lines[index].utf8.count)) }
                rows.append(Row(cells: rowCells, lineIndex: index))
            }
            return PipeTable(header: Row(cells: headerCells, lineIndex: start), alignments: alignments, rows: rows)
        }
        return nil
    }

    /// The alignments of a delimiter row (`| :-- | :-: |`), read on its bytes: it is checked on
    /// the second line of every paragraph that may be a table, and most are not.
    private static func delimiterRow(_ line: Substring) -> [Alignment]? {
        var line = line
        return line.withUTF8 { bytes -> [Alignment]? in
            // A delimiter row needs a pipe unless it is a single column written with pipes around.
            guard bytes.contains(UInt8(ascii: "-")), bytes.contains(UInt8(ascii: "|")) else { return nil }
            var result: [Alignment] = []
            var valid = true
            forEachCell(of: bytes) { range, _ in
                guard valid else { return }
                var start = range.lowerBound
                var end = range.upperBound
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                guard start < end else { valid = false; return }
                let left = bytes[start] == UInt8(ascii: ":")
                let right = bytes[end - 1] == UInt8(ascii: ":")
                let dashes = (left ? start + 1 : start)..<(right && end - start > 1 ? end - 1 : end)
                guard !dashes.isEmpty, dashes.allSatisfy({ bytes[$0] == UInt8(ascii: "-") }) else { valid = false; return }
                result.append(left && right ? .center : left ? .left : right ? .right : .none)
            }
            return valid && !result.isEmpty ? result : nil
        }
    }

    /// Calls `body` with the byte range of each cell of a row, split on unescaped pipes (a
    /// leading and a trailing pipe are optional), and whether the cell holds an escaped pipe.
    private static func forEachCell(of bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Bool) -> Void) {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start < end, bytes[start] == UInt8(ascii: "|") { start += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "|"), !(end - 2 >= start && bytes[end - 2] == UInt8(ascii: "\\")) { end -= 1 }

        var cellStart = start
        var escapes = false
        var i = start
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "|") {
                escapes = true
                i += 2
                continue
            }
            if b == UInt8(ascii: "|") {
                body(cellStart..<i, escapes)
                cellStart = i + 1
                escapes = false
            }
            i += 1
        }
        body(cellStart..<end, escapes)
    }

    /// Splits a row on unescaped pipes; a leading and a trailing pipe are optional.
    static func cells(of line: Substring) -> [Cell] {
        var line = line
        return line.withUTF8 { bytes in
            var cells: [Cell] = []
            // One cell: its bytes with `\|` read as `|`, trimmed of spaces and tabs. Most cells
            // have no escaped pipe and become a string straight from the line's bytes.
            forEachCell(of: bytes) { range, escapes in
                var content: [UInt8] = []
                if escapes {
                    var i = range.lowerBound
                    while i < range.upperBound {
                        if bytes[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound, bytes[i + 1] == UInt8(ascii: "|") {
                            content.append(UInt8(ascii: "|"))
                            i += 2
                        } else {
                            content.append(bytes[i])
                            i += 1
                        }
                    }
                }
                let count = escapes ? content.count : range.count
                func byte(_ k: Int) -> UInt8 { escapes ? content[k] : bytes[range.lowerBound + k] }
                var lead = 0
                while lead < count, byte(lead) == 0x20 || byte(lead) == 0x09 { lead += 1 }
                var trail = count
                while trail > lead, byte(trail - 1) == 0x20 || byte(trail - 1) == 0x09 { trail -= 1 }
                let markdown = escapes
                    ? String(decoding: content[lead..<trail], as: UTF8.self)
                    : String(decoding: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + lead)..<(range.lowerBound + trail)]), as: UTF8.self)
                cells.append(Cell(markdown: markdown, offset: range.lowerBound + lead))
            }
            return cells
        }
    }
}
