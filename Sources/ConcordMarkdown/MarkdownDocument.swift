#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Markdown document copied out of libcmark into Swift values.
///
/// The tree is stored flat, as an array of nodes linked by index. That keeps
/// conversion iterative (no recursion, however deep the nesting), makes one
/// allocation for the whole tree, and means destroying a document never
/// recurses either. Every string of the tree (literals, destinations, titles,
/// info strings) lives in one byte buffer that nodes address by span, so a node
/// is plain data: copying one costs no reference counting and a document is two
/// allocations however many nodes it has.
public struct MarkdownDocument: Sendable {
    /// Every node in document order (pre-order); index 0 is the document node.
    public private(set) var nodes: [MarkdownNode]
    /// The text that was parsed (the body, after front matter was split off).
    public let source: SourceText
    /// The UTF-8 bytes of every node's strings, addressed by ``MarkdownNode/TextSpan``.
    @usableFromInline let strings: [UInt8]

    // What the model builder found, kept for the HTML renderer so that it does not do the
    // same work again. A document nobody built a model from has neither, and the renderer
    // works them out itself.

    /// The paragraphs that are pipe tables (cmark leaves them as paragraphs), by node index.
    public var tables: [Int: PipeTable] = [:]
    /// Pieces of this document parsed on their own, by their Markdown: the table cells that
    /// are more than plain words. The model builder parses each such cell, and the HTML
    /// renderer reuses that parse rather than running cmark on the cell a second time (tables
    /// of inline code and links are common in reference docs: about 20,000 cells on a large
    /// corpus). Each is parsed exactly as ``MarkdownParser/parse(_:firstLine:)`` parses the
    /// cell's text from line 1.
    public var fragments: [String: MarkdownDocument] = [:]
    /// The DocFX directives the model builder found (``DocFXLayout``); `nil` when it did not look.
    public var docfx: DocFXLayout?

    init(nodes: [MarkdownNode], strings: [UInt8], source: SourceText) {
        self.nodes = nodes
        self.strings = strings
        self.source = source
    }

    /// The index of the root (document) node.
    public var root: Int { 0 }

    /// Accesses the node at `index`.
    ///
    /// A plain, inlinable getter: nodes are plain data, so the copy is cheap, while a `_read`
    /// accessor called from another module allocates a coroutine frame on every access.
    @inlinable
    public subscript(index: Int) -> MarkdownNode {
        nodes[index]
    }

    /// The children of the node at `index`, in order.
    public func children(of index: Int) -> ChildSequence {
        ChildSequence(nodes: nodes, first: nodes[index].firstChild)
    }

    /// Every descendant of the node at `index`, in document order, not including the node itself.
    public func descendants(of index: Int) -> Range<Int> {
        (index + 1)..<(nodes[index].subtreeEnd)
    }

    /// The source lines of a paragraph as a pipe table reads them: without the block-quote
    /// markers and indentation before the text (the first line from the paragraph's column),
    /// with the byte length of what was dropped from each; `nil` when the paragraph has no position.
    public func paragraphLines(of index: Int) -> (lines: [Substring], prefixes: [Int])? {
        guard let range = nodes[index].range else { return nil }
        var lines: [Substring] = []
        var prefixes: [Int] = []
        for line in range.start.line...range.end.line {
            let raw = source.lineString(line)
            var prefix = 0
            if line == range.start.line {
                prefix = min(range.start.column - 1, raw.utf8.count)
            } else {
                for byte in raw.utf8 {
                    guard byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") else { break }
                    prefix += 1
                }
            }
            lines.append(Substring(raw.utf8.dropFirst(prefix)))
            prefixes.append(prefix)
        }
        return (lines, prefixes)
    }

    // MARK: - Strings

    /// The text content of a text, code, code block or HTML node (entities decoded, as cmark gives it).
    public func literal(of index: Int) -> String { string(nodes[index].literal) }

    /// The destination of a link or image node.
    public func destination(of index: Int) -> String { string(nodes[index].destination) }

    /// The title of a link or image node.
    public func title(of index: Int) -> String { string(nodes[index].title) }

    /// The info string of a code block.
    public func info(of index: Int) -> String { string(nodes[index].info) }

    /// Calls `body` with the UTF-8 bytes of a node's literal, without making a string.
    /// Inlinable: the renderer and the model builder call it for every text node, and across
    /// modules each call went through an unspecialized `withUnsafeBufferPointer`.
    @inlinable
    public func withLiteralBytes<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(nodes[index].literal, body)
    }

    /// Whether a node's literal holds `byte`.
    public func literal(of index: Int, contains byte: UInt8) -> Bool {
        // Asked of every text run (is there a `]`?): libc's memchr looks at many bytes a step.
        withLiteralBytes(of: index) { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// The first byte of a node's literal, if it has one.
    public func literalFirstByte(of index: Int) -> UInt8? {
        withLiteralBytes(of: index) { $0.first }
    }

    /// The string a span addresses.
    func string(_ span: MarkdownNode.TextSpan) -> String {
        span.count == 0 ? "" : withBytes(span) { String(decoding: $0, as: UTF8.self) }
    }

    @inlinable
    func withBytes<R>(_ span: MarkdownNode.TextSpan, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try strings.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[span.start..<(span.start + span.count)]))
        }
    }

    // MARK: - Plain text

    /// The concatenated plain text of the node at `index`: text, code and
    /// entities decoded, soft breaks as spaces, inline HTML dropped.
    public func plainText(of index: Int) -> String {
        var bytes: [UInt8] = []
        appendPlainText(of: index, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the plain text of a node to `out` (see ``plainText(of:)``).
    public func appendPlainText(of index: Int, to out: inout String) {
        out += plainText(of: index)
    }

    /// Appends the UTF-8 plain text of a node to `out` (see ``plainText(of:)``): one string is
    /// made for a whole block, not one per text run.
    public func appendPlainText(of index: Int, to out: inout [UInt8]) {
        forEachPlainTextPiece(of: index) { piece in
            switch piece {
            case .text(let bytes), .code(let bytes): out.append(contentsOf: bytes)
            case .lineBreak: out.append(0x20)
            }
        }
    }

    /// One piece of a node's plain text, as ``forEachPlainTextPiece(of:_:)`` gives it.
    public enum PlainTextPiece {
        /// The UTF-8 bytes of a text run.
        case text(UnsafeBufferPointer<UInt8>)
        /// The UTF-8 bytes of an inline code span.
        case code(UnsafeBufferPointer<UInt8>)
        /// A soft or hard line break, which reads as one space.
        case lineBreak
    }

    /// Calls `body` with each piece of a node's plain text (see ``plainText(of:)``), in order,
    /// straight from the document's string buffer: callers that fold or transform the text
    /// write it once, into its final place, without a copy in between.
    ///
    /// Inlinable so that `body` is inlined into the caller's loop rather than called per piece.
    @inlinable
    public func forEachPlainTextPiece(of index: Int, _ body: (PlainTextPiece) throws -> Void) rethrows {
        try strings.withUnsafeBufferPointer { all in
            func piece(_ node: MarkdownNode) throws {
                switch node.kind {
                case .text:
                    try body(.text(UnsafeBufferPointer(rebasing: all[node.literal.start..<(node.literal.start + node.literal.count)])))
                case .code:
                    try body(.code(UnsafeBufferPointer(rebasing: all[node.literal.start..<(node.literal.start + node.literal.count)])))
                case .softBreak, .lineBreak:
                    try body(.lineBreak)
                default:
                    break
                }
            }
            let node = nodes[index]
            guard node.subtreeEnd > index + 1 else { return try piece(node) }
            for i in (index + 1)..<node.subtreeEnd {
                try piece(nodes[i])
            }
        }
    }

    /// The byte lengths of a node's plain text and of its prose (the text with each inline code
    /// span as one space), to size buffers for them, and whether it has a code span (if not, the
    /// two are the same text).
    public func plainTextAndProseLengths(of index: Int) -> (text: Int, prose: Int, hasCode: Bool) {
        var text = 0
        var prose = 0
        var hasCode = false
        forEachPlainTextPiece(of: index) { piece in
            switch piece {
            case .text(let bytes): text += bytes.count; prose += bytes.count
            case .code(let bytes): text += bytes.count; prose += 1; hasCode = true
            case .lineBreak: text += 1; prose += 1
            }
        }
        return (text, prose, hasCode)
    }

    /// A sequence over sibling nodes linked by `nextSibling`.
    public struct ChildSequence: Sequence, Sendable {
        let nodes: [MarkdownNode]
        let first: Int

        public func makeIterator() -> Iterator { Iterator(nodes: nodes, upcoming: first) }

        /// Iterates siblings by index.
        public struct Iterator: IteratorProtocol {
            let nodes: [MarkdownNode]
            var upcoming: Int

            public mutating func next() -> Int? {
                guard upcoming >= 0 else { return nil }
                defer { upcoming = nodes[upcoming].nextSibling }
                return upcoming
            }
        }
    }
}

/// A node index kept in 32 bits and read as an `Int`.
@propertyWrapper
public struct NodeIndex: Sendable, Hashable {
    private var stored: Int32

    /// An index.
    public init(wrappedValue: Int) {
        stored = Int32(wrappedValue)
    }

    /// The index.
    public var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(newValue) }
    }
}

/// One node of a ``MarkdownDocument``.
///
/// Stored in 72 bytes: indices, positions and spans as 32-bit numbers, the optional parts
/// as flags. The site build keeps every document's nodes for rendering, several hundred
/// thousand of them on a large corpus; at the 176 bytes of plain `Int`s and optionals they
/// were most of a build's memory. The properties read and write `Int`s as before.
public struct MarkdownNode: Sendable {
    /// What kind of node this is.
    public var kind: Kind
    private var storedHeadingLevel: UInt8 = 0
    private var flags: Flags = []
    private var storedListStart: Int32 = 0
    /// The index of the parent node, or -1 for the document.
    @NodeIndex public var parent: Int
    /// The index of the first child, or -1.
    @NodeIndex public var firstChild: Int = -1
    /// The index of the next sibling, or -1.
    @NodeIndex public var nextSibling: Int = -1
    /// One past the index of the last descendant: `(index+1)..<subtreeEnd` are the descendants.
    @NodeIndex public var subtreeEnd: Int = 0
    private var storedRange: (startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32) = (0, 0, 0, 0)
    /// Text content of text, code, code block and HTML nodes (``MarkdownDocument/literal(of:)``).
    public internal(set) var literal = TextSpan()
    /// Link and image destination (``MarkdownDocument/destination(of:)``).
    public internal(set) var destination = TextSpan()
    /// Link and image title (``MarkdownDocument/title(of:)``).
    public internal(set) var title = TextSpan()
    /// Code block info string (``MarkdownDocument/info(of:)``).
    public internal(set) var info = TextSpan()

    private struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let hasRange = Flags(rawValue: 1 << 0)
        static let hasList = Flags(rawValue: 1 << 1)
        static let orderedList = Flags(rawValue: 1 << 2)
        static let tightList = Flags(rawValue: 1 << 3)
    }

    /// A node of `kind` under `parent`.
    init(kind: Kind, range: SourceRange?, parent: Int, subtreeEnd: Int = 0) {
        self.kind = kind
        self.parent = parent
        self.subtreeEnd = subtreeEnd
        self.range = range
    }

    /// Where the node sits in the original file; `nil` when cmark gave no valid position.
    public var range: SourceRange? {
        get {
            guard flags.contains(.hasRange) else { return nil }
            return SourceRange(
                start: SourceLocation(line: Int(storedRange.startLine), column: Int(storedRange.startColumn)),
                end: SourceLocation(line: Int(storedRange.endLine), column: Int(storedRange.endColumn)))
        }
        set {
            guard let newValue else {
                flags.remove(.hasRange)
                storedRange = (0, 0, 0, 0)
                return
            }
            flags.insert(.hasRange)
            storedRange = (Int32(clamping: newValue.start.line), Int32(clamping: newValue.start.column),
                           Int32(clamping: newValue.end.line), Int32(clamping: newValue.end.column))
        }
    }
    /// Heading level (1…6), or 0.
    public var headingLevel: Int {
        get { Int(storedHeadingLevel) }
        set { storedHeadingLevel = UInt8(clamping: newValue) }
    }
    /// List details, for list nodes.
    public var list: ListInfo? {
        get {
            guard flags.contains(.hasList) else { return nil }
            return ListInfo(ordered: flags.contains(.orderedList), start: Int(storedListStart), tight: flags.contains(.tightList))
        }
        set {
            flags.subtract([.hasList, .orderedList, .tightList])
            storedListStart = 0
            guard let newValue else { return }
            flags.insert(.hasList)
            if newValue.ordered { flags.insert(.orderedList) }
            if newValue.tight { flags.insert(.tightList) }
            storedListStart = Int32(clamping: newValue.start)
        }
    }

    /// The kinds of node libcmark produces.
    public enum Kind: UInt8, Sendable, Codable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock
        case paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline
        case emphasis, strong, link, image

        /// Whether the node is an inline with no children.
        public var isInlineLeaf: Bool {
            switch self {
            case .text, .softBreak, .lineBreak, .code, .htmlInline, .customInline: true
            default: false
            }
        }

        /// Whether the node is a block.
        public var isBlock: Bool { rawValue <= Kind.thematicBreak.rawValue }
    }

    /// Where one of a node's strings sits in its document's string buffer.
    public struct TextSpan: Sendable, Hashable, BitwiseCopyable {
        @usableFromInline var storedStart: UInt32 = 0
        @usableFromInline var storedCount: UInt32 = 0

        /// An empty span.
        init() {}

        /// The `count` bytes from offset `start`.
        init(start: Int, count: Int) {
            storedStart = UInt32(start)
            storedCount = UInt32(count)
        }

        /// The offset of the first byte.
        @inlinable var start: Int { Int(storedStart) }
        /// The length in bytes.
        @inlinable public var count: Int { Int(storedCount) }

        /// Whether the string is empty.
        public var isEmpty: Bool { count == 0 }
    }

    /// Ordered or bulleted list details.
    public struct ListInfo: Sendable, Hashable {
        /// Whether the list is numbered.
        public var ordered: Bool
        /// The number of the first item (ordered lists).
        public var start: Int
        /// Whether the list is tight.
        public var tight: Bool
    }

    /// The start of the node, if known.
    public var start: SourceLocation? { range?.start }
}
