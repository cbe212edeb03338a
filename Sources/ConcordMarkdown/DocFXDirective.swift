#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
/// A DocFX extension written inside Markdown text, as DocFX's Markdig reads it:
///
/// - triple-colon: `:::image type="content" source="a.png" alt-text="A":::`, `:::no-loc text="x":::`,
///   a block marker left open on its line (`::: zone pivot="a"`), or a closing one (`:::image-end:::`);
/// - a code reference: `[!code-csharp[title](path#L1-L5 "t")]`.
///
/// cmark knows none of these and leaves them as paragraph text; the model builder and the page
/// renderer find them in the paragraph's source lines (``MarkdownDocument/extensionSegments(paragraph:)``).
public struct DocFXDirective: Sendable, Hashable {
    /// One `name="value"` of a directive, as written (a bare name has the value "").
    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    /// How the directive was written.
    public enum Form: String, Sendable, Hashable {
        /// `:::name …:::`, closed on its line.
        case closed
        /// `::: name …` alone on its line, left open: a block marker (`::: zone pivot="a"`).
        case open
        /// `[!code-lang[title](path)]`.
        case codeReference
    }

    /// The extension's name, lower-cased (`image`, `image-end`, `zone`, `code`, `no-loc`).
    public var name: String
    /// The attributes in the order written; for a code reference `language`, `source`, `title`
    /// and, from the path's query or fragment, `range`, `name` or `highlight`.
    public var attributes: [Attribute]
    public var form: Form
    /// The whole directive as written.
    public var text: String
    /// The line of the body it starts on.
    public var line: Int
    /// The byte column of the body line it starts at.
    public var column: Int

    /// The value of attribute `name` (compared without case), if written.
    public func value(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Whether this marker closes a block (`image-end`, `zone-end`, `moniker-end`…).
    public var isEnd: Bool { name.hasSuffix("-end") }

    /// The name of the block this marker closes (`zone` for `zone-end`); `nil` when it closes none.
    public var closedBlock: String? { isEnd ? String(name.dropLast(4)) : nil }
}

/// A piece of a paragraph that holds DocFX directives: Markdown between them, or a directive.
public enum ParagraphSegment: Sendable, Hashable {
    /// Markdown text as written, starting on body line `line` at byte column `column`.
    case markdown(String, line: Int, column: Int)
    case directive(DocFXDirective)

    /// The directive, if this segment is one.
    public var directive: DocFXDirective? {
        if case .directive(let directive) = self { return directive }
        return nil
    }
}

/// Finds DocFX directives in lines of text.
public enum DocFXDirectives {
    /// The most directives read from one paragraph; the rest of it stays text.
    public static let maximumPerParagraph = 256
    /// The most attributes read from one directive.
    static let maximumAttributes = 32

    /// Whether `bytes` may hold a directive: a `:::` or `[!code-` somewhere.
    ///
    /// Asked of every paragraph, table cell and document: one pass over contiguous bytes, with
    /// no allocation (a generic index walk and an array per `!` cost more than the parse they guard).
    public static func mayHold(_ bytes: some Collection<UInt8>) -> Bool {
        if let found = bytes.withContiguousStorageIfAvailable({ mayHold(buffer: $0) }) { return found }
        return Array(bytes).withUnsafeBufferPointer { mayHold(buffer: $0) }
    }

    private static func mayHold(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        // memchr jumps from one `:` (or `!`) to the next many bytes a step; most text has few.
        func each(_ byte: UInt8, _ body: (Int) -> Bool) -> Bool {
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, Int32(byte), buffer.count - offset) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if body(at) { return true }
                offset = at + 1
            }
            return false
        }
        let colons = each(UInt8(ascii: ":")) { at in
            at + 2 < buffer.count && buffer[at + 1] == UInt8(ascii: ":") && buffer[at + 2] == UInt8(ascii: ":")
        }
        if colons { return true }
        // `!` then `code`, in any case.
        return each(UInt8(ascii: "!")) { at in
            at + 4 < buffer.count && buffer[at + 1] | 0x20 == UInt8(ascii: "c") && buffer[at + 2] | 0x20 == UInt8(ascii: "o")
                && buffer[at + 3] | 0x20 == UInt8(ascii: "d") && buffer[at + 4] | 0x20 == UInt8(ascii: "e")
        }
    }

    /// The segments of paragraph lines (each without its block prefix; `lineNumbers` and
    /// `columns` say where each starts in the body): `nil` when they hold no directive.
    public static func segments(lines: [Substring], lineNumbers: [Int], columns: [Int]) -> [ParagraphSegment]? {
        var segments: [ParagraphSegment] = []
        var pending = ""
        var pendingStart: (line: Int, column: Int)?
        var found = 0
        func flush() {
            if let start = pendingStart, pending.contains(where: { !$0.isWhitespace }) {
                segments.append(.markdown(pending, line: start.line, column: start.column))
            }
            pending = ""
            pendingStart = nil
        }
        func keep(_ text: Substring, line: Int, column: Int) {
            if pendingStart == nil { pendingStart = (line, column) } else { pending += "\n" }
            pending += text
        }
        for (index, text) in lines.enumerated() {
            let bytes = Array(text.utf8)
            var offset = 0
            var textStart = 0
            while offset < bytes.count, found < maximumPerParagraph {
                if bytes[offset] == UInt8(ascii: "`") {
                    // A code span shows its text as written: nothing inside it is a directive.
                    offset = codeSpanEnd(in: bytes, at: offset)
                    continue
                }
                guard let (directive, end) = directive(in: bytes, at: offset, line: lineNumbers[index], column: columns[index] + offset) else {
                    offset += 1
                    continue
                }
                if textStart < offset {
                    keep(Substring(decoding: bytes[textStart..<offset], as: UTF8.self), line: lineNumbers[index], column: columns[index] + textStart)
                }
                flush()
                segments.append(.directive(directive))
                found += 1
                offset = end
                textStart = end
            }
            if textStart < bytes.count || bytes.isEmpty {
                let rest = Substring(decoding: bytes[textStart...], as: UTF8.self)
                // The rest of a line a directive ended: only text, not a line end, joins what follows.
                if textStart > 0, rest.allSatisfy(\.isWhitespace) { continue }
                keep(rest, line: lineNumbers[index], column: columns[index] + textStart)
            }
        }
        flush()
        return found == 0 ? nil : segments
    }

    /// Where the code span opened by the backticks at `start` ends (past its closing run of as
    /// many backticks on the line), or past the opening run when it is not closed there.
    static func codeSpanEnd(in bytes: [UInt8], at start: Int) -> Int {
        func runEnd(_ from: Int) -> Int {
            var end = from
            while end < bytes.count, bytes[end] == UInt8(ascii: "`") { end += 1 }
            return end
        }
        let openEnd = runEnd(start)
        var index = openEnd
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let end = runEnd(index)
            if end - index == openEnd - start { return end }
            index = end
        }
        return openEnd
    }

    /// The directive starting at `offset` of a line's bytes and where it ends, if one does.
    static func directive(in bytes: [UInt8], at offset: Int, line: Int, column: Int) -> (DocFXDirective, Int)? {
        if bytes[offset] == UInt8(ascii: ":") { return tripleColon(in: bytes, at: offset, line: line, column: column) }
        if bytes[offset] == UInt8(ascii: "[") { return codeReference(in: bytes, at: offset, line: line, column: column) }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): return true
        default: return false
        }
    }

    private static func startsTripleColon(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset + 2 < bytes.count && bytes[offset] == 0x3A && bytes[offset + 1] == 0x3A && bytes[offset + 2] == 0x3A
    }

    /// `:::name attr="v" …:::`, or `::: name attr="v"` to the end of a line it starts.
    static func tripleColon(in bytes: [UInt8], at start: Int, line: Int, column: Int) -> (DocFXDirective, Int)? {
        guard startsTripleColon(bytes, start), start == 0 || bytes[start - 1] != 0x3A else { return nil }
        var i = start + 3
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        let nameStart = i
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        guard i > nameStart, bytes[nameStart] != UInt8(ascii: "-") else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
        var attributes: [DocFXDirective.Attribute] = []
        while true {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if startsTripleColon(bytes, i) {
                let end = i + 3
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                return (DocFXDirective(name: name, attributes: attributes, form: .closed, text: text, line: line, column: column), end)
            }
            if i >= bytes.count {
                // Left open: a block marker, which must be alone on its line.
                guard bytes[..<start].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
                let text = String(decoding: bytes[start...], as: UTF8.self).trimmingTrailingWhitespace()
                return (DocFXDirective(name: name, attributes: attributes, form: .open, text: text, line: line, column: column), bytes.count)
            }
            guard attributes.count < maximumAttributes, let (attribute, next) = attribute(in: bytes, at: i) else { return nil }
            attributes.append(attribute)
            i = next
        }
    }

    /// `name="value"`, `name='value'`, `name=value` or a bare `name`.
    private static func attribute(in bytes: [UInt8], at start: Int) -> (DocFXDirective.Attribute, Int)? {
        var i = start
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        guard i > start else { return nil }
        let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return (.init(name: name, value: ""), i) }
        i += 1
        guard i < bytes.count else { return nil }
        let quote = bytes[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            guard let close = bytes[(i + 1)...].firstIndex(of: quote) else { return nil }
            return (.init(name: name, value: String(decoding: bytes[(i + 1)..<close], as: UTF8.self)), close + 1)
        }
        let valueStart = i
        while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x09, !startsTripleColon(bytes, i) { i += 1 }
        return (.init(name: name, value: String(decoding: bytes[valueStart..<i], as: UTF8.self)), i)
    }

    /// `[!code-lang[title](path "title")]`: the path's `#L1-L5`, `#region`, `?range=`, `?name=`
    /// and `?highlight=` become attributes.
    static func codeReference(in bytes: [UInt8], at start: Int, line: Int, column: Int) -> (DocFXDirective, Int)? {
        let prefix = Array("[!code".utf8)
        guard start + prefix.count < bytes.count,
              zip(bytes[start..<(start + prefix.count)], prefix).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return nil }
        var i = start + prefix.count
        var language = ""
        if bytes[i] == UInt8(ascii: "-") {
            i += 1
            let languageStart = i
            while i < bytes.count, isNameByte(bytes[i]) || bytes[i] == UInt8(ascii: "#") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            language = String(decoding: bytes[languageStart..<i], as: UTF8.self).lowercased()
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        guard let titleEnd = bytes[i...].firstIndex(of: UInt8(ascii: "]")), titleEnd + 1 < bytes.count,
              bytes[titleEnd + 1] == UInt8(ascii: "(") else { return nil }
        let title = String(decoding: bytes[(i + 1)..<titleEnd], as: UTF8.self)
        guard let close = bytes[(titleEnd + 2)...].firstIndex(of: UInt8(ascii: ")")), close + 1 < bytes.count,
              bytes[close + 1] == UInt8(ascii: "]") else { return nil }
        var inside = String(decoding: bytes[(titleEnd + 2)..<close], as: UTF8.self).trimmingTrailingWhitespace()
        var linkTitle: String?
        if inside.hasSuffix("\""), let space = inside.dropLast().lastIndex(of: "\""), space > inside.startIndex {
            linkTitle = String(inside[inside.index(after: space)..<inside.index(before: inside.endIndex)])
            inside = String(inside[..<space]).trimmingTrailingWhitespace()
        }
        var attributes: [DocFXDirective.Attribute] = [.init(name: "language", value: language)]
        attributes += snippetAttributes(of: inside.trimmingCharacters(in: " <>"))
        attributes.append(.init(name: "title", value: linkTitle ?? title))
        let end = close + 2
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return (DocFXDirective(name: "code", attributes: attributes, form: .codeReference, text: text, line: line, column: column), end)
    }

    /// `source`, and `range`/`name`/`highlight` from a snippet path's query and fragment
    /// (`a.cs#L3-L7`, `a.cs#snippet1`, `a.cs?range=3-7&highlight=4`, `a.cs?name=snippet1`).
    public static func snippetAttributes(of path: String) -> [DocFXDirective.Attribute] {
        var rest = Substring(path)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var attributes: [DocFXDirective.Attribute] = [.init(name: "source", value: String(rest))]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased()
            if ["range", "name", "highlight"].contains(key) { attributes.append(.init(name: key, value: String(parts[1]))) }
        }
        if let fragment, !fragment.isEmpty {
            let lines = fragment.split(separator: "-").map { $0.hasPrefix("L") || $0.hasPrefix("l") ? $0.dropFirst() : $0 }
            if !lines.isEmpty, lines.count <= 2, lines.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
                attributes.append(.init(name: "range", value: lines.joined(separator: "-")))
            } else {
                attributes.append(.init(name: "name", value: String(fragment)))
            }
        }
        return attributes
    }

    /// The text a reader sees of a table cell or heading that holds directives: `no-loc` as its
    /// term, any other directive left out; `nil` when it holds none.
    public static func plainText(of markdown: String) -> String? {
        guard mayHold(markdown.utf8), let segments = segments(lines: [Substring(markdown)], lineNumbers: [1], columns: [1]) else { return nil }
        var text = ""
        for segment in segments {
            switch segment {
            case .markdown(let markdown, _, _): text += markdown
            case .directive(let directive) where directive.name == "no-loc": text += directive.value("text") ?? ""
            case .directive: continue
            }
        }
        return text
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension MarkdownDocument {
    /// The segments of a paragraph that holds DocFX directives (``DocFXDirectives``); `nil` when
    /// it holds none. Positions are the body's, as cmark's are.
    public func extensionSegments(paragraph: Int) -> [ParagraphSegment]? {
        guard let range = self[paragraph].range else { return nil }
        // Most paragraphs hold neither `:::` nor `[!code-`, which one look over their bytes tells.
        let start = source.line(range.start.line).startIndex
        let bytes = source.bytes[start..<max(start, source.line(range.end.line).endIndex)]
        guard DocFXDirectives.mayHold(bytes), let (lines, prefixes) = paragraphLines(of: paragraph) else { return nil }
        let numbers = Array(range.start.line...range.end.line)
        return DocFXDirectives.segments(lines: lines, lineNumbers: numbers, columns: prefixes.map { $0 + 1 })
    }
}

/// Where a directive is: the paragraph node and the index of its segment.
public struct SegmentID: Sendable, Hashable, Comparable {
    public var paragraph: Int
    public var segment: Int

    public init(paragraph: Int, segment: Int) {
        self.paragraph = paragraph
        self.segment = segment
    }

    public static func < (lhs: SegmentID, rhs: SegmentID) -> Bool {
        (lhs.paragraph, lhs.segment) < (rhs.paragraph, rhs.segment)
    }
}

/// The DocFX directives of a document: each paragraph that holds any, cut into segments, and
/// which block markers close which. The model builder finds it and keeps it on the document
/// (``MarkdownDocument/docfx``); the page renderer reads it from there, so both see the same blocks.
public struct DocFXLayout: Sendable {
    /// The segments of each paragraph holding a directive, by node index.
    public var paragraphs: [Int: [ParagraphSegment]] = [:]
    /// Each block opener (`::: zone`, `:::image type="complex":::`) with the marker that closes it.
    public var closers: [SegmentID: SegmentID] = [:]
    /// The closing markers that close an opener.
    public var closing: Set<SegmentID> = []

    /// Nothing found.
    public init() {}

    /// The names of blocks a directive opens and a `name-end` marker closes.
    public static let blockNames: Set<String> = ["zone", "moniker"]

    /// Whether `directive` opens a block that needs a closing marker.
    public static func opensBlock(_ directive: DocFXDirective) -> Bool {
        (directive.form == .open && blockNames.contains(directive.name))
            || (directive.name == "image" && directive.value("type")?.lowercased() == "complex")
    }

    /// Finds the directives of `document`; a document without `:::` or `[!code-` costs one look over its bytes.
    public static func find(in document: MarkdownDocument) -> DocFXLayout {
        var layout = DocFXLayout()
        guard DocFXDirectives.mayHold(document.source.bytes) else { return layout }
        // Openers waiting for their end marker, per parent node: a block closes among its siblings.
        var open: [Int: [(name: String, id: SegmentID)]] = [:]
        for index in document.nodes.indices where document[index].kind == .paragraph {
            guard let segments = document.extensionSegments(paragraph: index) else { continue }
            layout.paragraphs[index] = segments
            let parent = document[index].parent
            for (number, segment) in segments.enumerated() {
                guard let directive = segment.directive else { continue }
                let id = SegmentID(paragraph: index, segment: number)
                if opensBlock(directive) {
                    open[parent, default: []].append((directive.name, id))
                } else if let name = directive.closedBlock, let last = open[parent]?.lastIndex(where: { $0.name == name }) {
                    // Markers opened after it and never closed stay unclosed.
                    layout.closers[open[parent]![last].id] = id
                    layout.closing.insert(id)
                    open[parent]!.removeSubrange(last...)
                }
            }
        }
        return layout
    }
}
