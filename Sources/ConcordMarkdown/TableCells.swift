/// A pipe table's cell is inline content (GitHub Flavored Markdown, "Tables"): `+`, `-`, `*` or
/// `# x` in a cell is text, never a list or a heading, and a reference link in a cell uses the
/// document's `[label]: url` definitions. libcmark 0.30 parses only whole documents, so a cell is
/// given to it as the one paragraph of a document of its own, written so that no block can
/// start there, followed by the definitions it names.
extension MarkdownParser {
    /// U+00A0 NO-BREAK SPACE, UTF-8. cmark looks for block starts after spaces and tabs only, so a
    /// line that starts with it is a paragraph's; for emphasis it is white space, as the start of a
    /// line is, so `_a_` after it is still emphasis. It is taken off again after parsing.
    static let inlineLead: [UInt8] = [0xC2, 0xA0]

    /// Parses one line of Markdown as inline content: a document with one paragraph (none when
    /// `markdown` is empty) whose inlines are `markdown`'s, positions on line 1 as in `markdown`.
    /// `definitions` is Markdown of reference definitions the line may use (see
    /// ``ReferenceDefinitionLines/markdown(for:)``); line breaks in `markdown` read as spaces.
    public static func parseInline(_ markdown: String, definitions: String = "") -> MarkdownDocument {
        guard !markdown.isEmpty else { return parse("") }
        var bytes = inlineLead
        bytes.reserveCapacity(markdown.utf8.count + definitions.utf8.count + 4)
        for byte in markdown.utf8 { bytes.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
        if !definitions.isEmpty {
            bytes += [0x0A, 0x0A]
            bytes += definitions.utf8
        }
        let parsed = parse(SourceText(bytes: bytes, firstLine: 1, isValidUTF8: true))
        return parsed.inlineContent(of: Array(markdown.utf8))
    }
}

extension MarkdownDocument {
    /// This document, parsed by ``MarkdownParser/parseInline(_:definitions:)``, cut to its first
    /// paragraph with the lead taken off: from its first text node, and from every column of line 1.
    fileprivate func inlineContent(of markdown: [UInt8]) -> MarkdownDocument {
        let lead = MarkdownParser.inlineLead.count
        var nodes = self.nodes
        let paragraph = nodes[root].firstChild
        guard paragraph >= 0, nodes[paragraph].kind == .paragraph, nodes[paragraph].start?.line == 1 else {
            // Only an empty line gives no paragraph.
            return MarkdownDocument(nodes: [nodes[root]].map { var n = $0; n.firstChild = -1; n.subtreeEnd = 1; return n },
                                    strings: strings, source: SourceText(bytes: markdown, firstLine: 1, isValidUTF8: true))
        }
        let end = nodes[paragraph].subtreeEnd
        nodes.removeSubrange(end...)
        nodes[root].subtreeEnd = end
        nodes[paragraph].nextSibling = -1
        let first = nodes[paragraph].firstChild
        if first >= 0, nodes[first].kind == .text, nodes[first].literal.count >= lead {
            nodes[first].literal = MarkdownNode.TextSpan(start: nodes[first].literal.start + lead, count: nodes[first].literal.count - lead)
            // A text run of the lead alone (the line starts with other syntax) goes: the tree is then
            // the one cmark makes of the line's inlines.
            if nodes[first].literal.count == 0 { Self.removeLeaf(first, from: &nodes) }
        }
        for index in paragraph..<nodes.count {
            guard var range = nodes[index].range else { continue }
            if range.start.line == 1, index != paragraph { range.start.column = max(1, range.start.column - lead) }
            if range.end.line == 1 { range.end.column = max(1, range.end.column - lead) }
            nodes[index].range = range
        }
        return MarkdownDocument(nodes: nodes, strings: strings, source: SourceText(bytes: markdown, firstLine: 1, isValidUTF8: true))
    }

    /// Takes leaf `index` out of a flat tree, renumbering the nodes after it.
    private static func removeLeaf(_ index: Int, from nodes: inout [MarkdownNode]) {
        let removed = nodes[index]
        let parent = removed.parent
        if nodes[parent].firstChild == index {
            nodes[parent].firstChild = removed.nextSibling
        } else if let previous = nodes.indices.first(where: { nodes[$0].nextSibling == index }) {
            nodes[previous].nextSibling = removed.nextSibling
        }
        nodes.remove(at: index)
        func shifted(_ value: Int) -> Int { value > index ? value - 1 : value }
        for i in nodes.indices {
            nodes[i].parent = shifted(nodes[i].parent)
            nodes[i].firstChild = shifted(nodes[i].firstChild)
            nodes[i].nextSibling = shifted(nodes[i].nextSibling)
            nodes[i].subtreeEnd = shifted(nodes[i].subtreeEnd)
        }
    }

    /// The cell `markdown` of one of this document's tables, as inline content with the
    /// document's reference definitions: the model builder's parse (``fragments``) when it made
    /// one, else parsed now. `definitions` is made on first need and kept by the caller for the
    /// other cells of the table.
    public func tableCell(_ markdown: String, definitions: inout ReferenceDefinitionLines?) -> MarkdownDocument {
        if let fragment = fragments[markdown] { return fragment }
        if definitions == nil { definitions = ReferenceDefinitionLines(self) }
        return MarkdownParser.parseInline(markdown, definitions: definitions!.markdown(for: markdown))
    }
}

/// The reference definitions of a document (`[label]: destination "title"` at the start of a
/// line, outside code and HTML blocks), with their lines as written, to give a table cell the
/// ones it names.
public struct ReferenceDefinitionLines: Sendable {
    /// One definition line.
    public struct Entry: Sendable {
        /// The label as written, between the brackets.
        public var label: String
        /// What follows `]:` on the line.
        public var rest: Substring
        /// The file line.
        public var line: Int
        /// The line from its `[`: Markdown that defines the label again.
        var markdown: Substring
    }

    /// The definitions, in document order.
    public let entries: [Entry]
    /// The first entry of each normalised label: as in CommonMark, the first definition wins.
    private let byLabel: [String: Int]
    /// The bytes ``markdown(for:)`` may still give: the definitions a cell names are parsed again
    /// with it, and a document of many cells naming long definitions would be parsed many times.
    private var budget: Int
    /// The file line of the first table cell given no definitions because the budget ran out.
    public private(set) var exhaustedAt: Int?

    /// The bytes of definitions given to a document's cells at most: far more than any real
    /// document's (about a hundred bytes per linked cell), and a bound on the parsing it costs.
    public static let maximumBytes = 1 << 20

    /// The definitions of `document`.
    public init(_ document: MarkdownDocument) {
        entries = Self.scan(document)
        var byLabel: [String: Int] = [:]
        for (index, entry) in entries.enumerated() where byLabel[Self.normalised(entry.label)] == nil {
            byLabel[Self.normalised(entry.label)] = index
        }
        self.byLabel = byLabel
        budget = Self.maximumBytes
    }

    /// Markdown defining the labels `cell` names (each `[…]` of it, read as a label), one
    /// definition a paragraph; empty when it names none or the budget is spent (then
    /// ``exhaustedAt`` is set to `line`).
    public mutating func markdown(for cell: String, line: Int = 0) -> String {
        guard !byLabel.isEmpty else { return "" }
        var found: Set<Int> = []
        for label in Self.bracketed(cell) {
            if let index = byLabel[Self.normalised(label)] { found.insert(index) }
        }
        guard !found.isEmpty else { return "" }
        var out = ""
        for index in found.sorted() {
            out += entries[index].markdown
            out += "\n\n"
        }
        guard out.utf8.count <= budget else {
            if exhaustedAt == nil { exhaustedAt = line }
            budget = 0
            return ""
        }
        budget -= out.utf8.count
        return out
    }

    /// The text between each `[` and the `]` that closes it, innermost (a label holds no
    /// unescaped bracket); a backslash escapes the byte after it.
    static func bracketed(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var open: String.Index?
        var index = text.utf8.startIndex
        let end = text.utf8.endIndex
        while index < end {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "\\") {
                index = text.utf8.index(after: index)
                if index < end { index = text.utf8.index(after: index) }
                continue
            }
            if byte == UInt8(ascii: "[") {
                open = text.utf8.index(after: index)
            } else if byte == UInt8(ascii: "]"), let start = open {
                result.append(Substring(text.utf8[start..<index]))
                open = nil
            }
            index = text.utf8.index(after: index)
        }
        return result
    }

    /// A label as CommonMark matches it: case folded (lower-cased here), white space runs as one
    /// space, trimmed.
    static func normalised(_ label: some StringProtocol) -> String {
        label.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The definition lines of `document`: up to three spaces, `[label]:` (a label not starting
    /// with `!`), outside code and HTML blocks.
    private static func scan(_ document: MarkdownDocument) -> [Entry] {
        let source = document.source
        var excluded: [ClosedRange<Int>] = []
        for index in document.nodes.indices where document[index].kind == .codeBlock || document[index].kind == .htmlBlock {
            if let r = document[index].range { excluded.append(r.start.line...r.end.line) }
        }
        var result: [Entry] = []
        var nextExcluded = 0
        source.bytes.withUnsafeBufferPointer { bytes in
            for (lineIndex, lineStart) in source.lineStarts.enumerated() {
                // Up to three spaces, then `[`: the first bytes of a line rule out nearly all of them.
                // A line break is neither, so the look stays within the line.
                var i = lineStart
                var indent = 0
                while i < bytes.count, bytes[i] == 0x20, indent < 4 { i += 1; indent += 1 }
                guard indent < 4, i < bytes.count, bytes[i] == UInt8(ascii: "[") else { continue }
                let line = source.firstLine + lineIndex
                while nextExcluded < excluded.count, excluded[nextExcluded].upperBound < line { nextExcluded += 1 }
                if nextExcluded < excluded.count, excluded[nextExcluded].contains(line) { continue }
                let end = lineIndex + 1 < source.lineStarts.count ? source.lineStarts[lineIndex + 1] - 1 : bytes.count
                var j = i + 1
                while j < end, bytes[j] != UInt8(ascii: "]") {
                    if bytes[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                guard j + 1 < end, bytes[j + 1] == UInt8(ascii: ":"), j > i + 1 else { continue }
                let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
                guard !label.hasPrefix("!") else { continue }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
                let restStart = text.utf8.index(text.utf8.startIndex, offsetBy: j + 2 - i)
                result.append(Entry(label: label, rest: text[restStart...], line: line, markdown: text[...]))
            }
        }
        return result
    }
}
