internal import CLibXML2

/// What a raw HTML block says, read with libxml2's HTML parser: its text in paragraphs, its
/// links and images, and the shape of its tables. Plain Swift values; no libxml2 pointer
/// outlives ``HTMLBlockReader/read(_:firstLine:)``.
///
/// The text is what a reader sees (character references decoded, comments, scripts and the
/// `sxs-lookup` spans machine translation leaves around the original English dropped) and may
/// still hold Markdown (`[text](url)` in a cell): the model reads it as inline Markdown.
public struct HTMLBlockContent: Sendable, Hashable {
    /// A run of text between block-level tags (`<p>`, `<li>`, `<td>`…), white space collapsed.
    public struct Paragraph: Sendable, Hashable {
        /// The text.
        public var text: String
        /// The text with each `<code>`, `<pre>`, `<kbd>` or `<samp>` run as one space: the words
        /// a translator translates, as ``Paragraph/text`` for Markdown's code spans.
        public var prose: String
        /// The file line of its first character.
        public var line: Int
        /// Whether it is inside a table cell.
        public var inCell: Bool
    }

    /// An `<a href>`.
    public struct Link: Sendable, Hashable {
        /// The `href`, as written (character references decoded).
        public var href: String
        /// The link's text, white space collapsed.
        public var text: String
        /// The file line of the tag.
        public var line: Int
    }

    /// An `<img>`.
    public struct Image: Sendable, Hashable {
        /// The `src`.
        public var source: String
        /// The `alt`, empty when absent.
        public var alt: String
        /// The file line of the tag.
        public var line: Int
    }

    /// A `<td>` or `<th>`.
    public struct Cell: Sendable, Hashable {
        /// Whether it is a `<th>`.
        public var isHeader: Bool
        /// The indexes in ``HTMLBlockContent/paragraphs`` of the cell's own text (a table
        /// nested in it keeps its own).
        public var paragraphs: [Int]
        /// The file line of the tag.
        public var line: Int
    }

    /// A `<tr>`.
    public struct Row: Sendable, Hashable {
        /// Its cells, in order.
        public var cells: [Cell]
        /// The file line of the tag.
        public var line: Int
    }

    /// A `<table>`: its rows, whether in `<thead>`, `<tbody>` or neither.
    public struct Table: Sendable, Hashable {
        /// The rows in order.
        public var rows: [Row]
        /// The file line of the tag.
        public var line: Int
    }

    /// Which limit stopped the reading (``HTMLBlockReader``), and where.
    public struct Limit: Sendable, Hashable {
        /// What was too much.
        public enum Kind: String, Sendable, Hashable {
            case bytes, depth, cells
        }

        /// What was too much.
        public var kind: Kind
        /// The file line where reading stopped.
        public var line: Int
    }

    /// The text runs, in order.
    public var paragraphs: [Paragraph] = []
    /// The links, in order.
    public var links: [Link] = []
    /// The images, in order.
    public var images: [Image] = []
    /// The tables, in the order they open (an outer table before the ones in its cells).
    public var tables: [Table] = []
    /// The limit reached, if one was: what came after it is not in this content.
    public var limit: Limit?

    /// Creates empty content.
    public init() {}
}

/// Reads raw HTML with libxml2's HTML parser (`htmlReadMemory`): a real tokenizer with the
/// browser-like recovery of HTML (unclosed `<td>`, stray end tags), not patterns. No network,
/// no external entities (`HTML_PARSE_NONET`; the HTML parser knows only HTML's own character
/// references), no messages on standard error (`NOERROR`, `NOWARNING`).
public enum HTMLBlockReader {
    /// The bytes of HTML read at most in one piece: far more than any real table (the corpus's
    /// largest is a few kilobytes), and a bound on the parser's time and memory.
    public static let maximumBytes = 1 << 20
    /// The element nesting followed at most; deeper content is not read.
    public static let maximumDepth = 64
    /// The table cells read at most in one piece; the rest of it is not read.
    public static let maximumCells = 10_000

    /// Makes libxml2 ready once: `xmlInitParser` is not safe to run on several threads at once,
    /// and each parse would otherwise call it.
    private static let initialized: Void = { xmlInitParser() }()

    /// The content of `html`, UTF-8 bytes whose first line is file line `firstLine`.
    public static func read(_ html: [UInt8], firstLine: Int) -> HTMLBlockContent {
        var content = HTMLBlockContent()
        guard html.count <= maximumBytes else {
            content.limit = HTMLBlockContent.Limit(kind: .bytes, line: firstLine)
            return content
        }
        guard !html.isEmpty else { return content }
        _ = initialized
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document = html.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return content }
        defer { xmlFreeDoc(document) }
        var walk = HTMLBlockWalk(firstLine: firstLine)
        walk.visitChildren(of: UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self), depth: 0)
        walk.endParagraph()
        return walk.content
    }
}

/// One pass over a parsed HTML tree, in document order, gathering ``HTMLBlockContent``.
private struct HTMLBlockWalk {
    var content = HTMLBlockContent()
    let firstLine: Int
    /// The text of the paragraph being read, and its prose (code as a space).
    private var text: [UInt8] = []
    private var prose: [UInt8] = []
    private var paragraphLine: Int?
    /// The last line a tag was seen on: text nodes carry the line their text ended on.
    private var lastLine: Int
    /// Open `<code>`-like elements: text inside is not prose.
    private var codeDepth = 0
    /// Open tables (indexes into `content.tables`), innermost last, and for each the cell open
    /// in it (row, cell), if any.
    private var openTables: [(table: Int, cell: (row: Int, cell: Int)?)] = []
    private var cellCount = 0
    private var stopped: Bool { content.limit != nil }

    /// Elements whose start and end close a paragraph.
    static let blockElements = HTMLBlockReader.blockElements
    /// Elements whose text is code, not prose.
    static let codeElements: Set<String> = ["code", "pre", "kbd", "samp"]
    /// Elements whose content is never text for a reader (the page drops it too: RawHTMLFilter).
    static let contentDropping = HTMLBlockReader.contentDropping

    init(firstLine: Int) {
        self.firstLine = firstLine
        lastLine = firstLine
    }

    mutating func visitChildren(of node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        var child = node.pointee.children
        while let current = child, !stopped {
            visit(current, depth: depth + 1)
            child = current.pointee.next
        }
    }

    private mutating func visit(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            appendText(node)
        case XML_ELEMENT_NODE:
            guard depth <= HTMLBlockReader.maximumDepth else {
                content.limit = HTMLBlockContent.Limit(kind: .depth, line: line(of: node))
                return
            }
            element(node, depth: depth)
        default:
            // Comments, processing instructions, entity references: nothing a reader sees.
            break
        }
    }

    private mutating func element(_ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        lastLine = max(lastLine, line(of: node))
        if Self.contentDropping.contains(name) { return }
        if name == "span", let classes = attribute("class", of: node), classes.split(separator: " ").contains("sxs-lookup") { return }
        let isBlock = Self.blockElements.contains(name)
        if isBlock { endParagraph() }
        switch name {
        case "a":
            if let href = attribute("href", of: node) {
                content.links.append(HTMLBlockContent.Link(href: href, text: collapsed(textContent(of: node, depth: depth)), line: lastLine))
            }
        case "img":
            if let source = attribute("src", of: node) {
                content.images.append(HTMLBlockContent.Image(source: source, alt: attribute("alt", of: node) ?? "", line: lastLine))
            }
        case "br":
            text.append(0x20)
            prose.append(0x20)
        case "table", "tr", "td", "th":
            tableElement(name, node, depth: depth)
            return
        default:
            break
        }
        let isCode = Self.codeElements.contains(name)
        if isCode {
            codeDepth += 1
            prose.append(0x20)
        }
        visitChildren(of: node, depth: depth)
        if isCode { codeDepth -= 1 }
        if isBlock { endParagraph() }
    }

    /// `<table>`, `<tr>`, `<td>`, `<th>`: the table's shape, then the content. A row or cell
    /// outside a table (a piece of one, split by a blank line in Markdown) is read as text only.
    private mutating func tableElement(_ name: String, _ node: UnsafeMutablePointer<xmlNode>, depth: Int) {
        let line = lastLine
        switch name {
        case "table":
            content.tables.append(HTMLBlockContent.Table(rows: [], line: line))
            openTables.append((content.tables.count - 1, nil))
            visitChildren(of: node, depth: depth)
            openTables.removeLast()
        case "tr":
            if let open = openTables.last {
                content.tables[open.table].rows.append(HTMLBlockContent.Row(cells: [], line: line))
            }
            visitChildren(of: node, depth: depth)
        default:
            guard let open = openTables.last else {
                visitChildren(of: node, depth: depth)
                break
            }
            cellCount += 1
            guard cellCount <= HTMLBlockReader.maximumCells else {
                content.limit = HTMLBlockContent.Limit(kind: .cells, line: line)
                return
            }
            let table = open.table
            // A cell before any `<tr>` (libxml2 does not add one) opens a row of its own.
            if content.tables[table].rows.isEmpty { content.tables[table].rows.append(HTMLBlockContent.Row(cells: [], line: line)) }
            let row = content.tables[table].rows.count - 1
            content.tables[table].rows[row].cells.append(HTMLBlockContent.Cell(isHeader: name == "th", paragraphs: [], line: line))
            let saved = openTables[openTables.count - 1].cell
            openTables[openTables.count - 1].cell = (row, content.tables[table].rows[row].cells.count - 1)
            visitChildren(of: node, depth: depth)
            endParagraph()
            openTables[openTables.count - 1].cell = saved
        }
        endParagraph()
    }

    /// Adds a text node's bytes to the paragraph, noting the line of its first character that
    /// is not white space: libxml2 gives a text node the line its text ended on.
    private mutating func appendText(_ node: UnsafeMutablePointer<xmlNode>) {
        guard let pointer = node.pointee.content else { return }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
        if paragraphLine == nil, let first = bytes.firstIndex(where: { !Self.isSpace($0) }) {
            let endLine = line(of: node)
            let after = bytes[first...].count { $0 == 0x0A }
            paragraphLine = max(lastLine, endLine - after)
        }
        text.append(contentsOf: bytes)
        if codeDepth == 0 { prose.append(contentsOf: bytes) }
        lastLine = max(lastLine, line(of: node))
    }

    /// Ends the paragraph being read, keeping it when it has text.
    mutating func endParagraph() {
        defer {
            text.removeAll(keepingCapacity: true)
            prose.removeAll(keepingCapacity: true)
            paragraphLine = nil
        }
        let collapsedText = collapsed(text)
        guard !collapsedText.isEmpty else { return }
        let inCell = openTables.last?.cell != nil
        content.paragraphs.append(HTMLBlockContent.Paragraph(
            text: collapsedText, prose: collapsed(prose), line: paragraphLine ?? lastLine, inCell: inCell))
        if let open = openTables.last, let cell = open.cell {
            content.tables[open.table].rows[cell.row].cells[cell.cell].paragraphs.append(content.paragraphs.count - 1)
        }
    }

    /// The text of an element and its descendants (for a link's text), bounded by the depth limit.
    private func textContent(of node: UnsafeMutablePointer<xmlNode>, depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let pointer = current.pointee.content { out.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))) }
            case XML_ELEMENT_NODE where depth < HTMLBlockReader.maximumDepth:
                out += textContent(of: current, depth: depth + 1)
            default:
                break
            }
            child = current.pointee.next
        }
        return out
    }

    /// The value of attribute `name` (libxml2 lower-cases HTML names), its text nodes joined.
    private func attribute(_ name: String, of node: UnsafeMutablePointer<xmlNode>) -> String? {
        var property = node.pointee.properties
        while let current = property {
            if let attributeName = current.pointee.name, String(cString: attributeName) == name {
                var value: [UInt8] = []
                var part = current.pointee.children
                while let piece = part {
                    if let pointer = piece.pointee.content { value.append(contentsOf: UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))) }
                    part = piece.pointee.next
                }
                return String(decoding: value, as: UTF8.self)
            }
            property = current.pointee.next
        }
        return nil
    }

    /// The file line of a node: libxml2 counts from 1 in the HTML it was given, and stores at
    /// most 65535 (past that, the last line known is kept).
    private func line(of node: UnsafeMutablePointer<xmlNode>) -> Int {
        let line = Int(node.pointee.line)
        guard line > 0, line < 65535 else { return lastLine }
        return firstLine + line - 1
    }

    /// `bytes` as a string with runs of white space (no-break spaces too) as one space, trimmed.
    private func collapsed(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

extension HTMLBlockReader {
    /// Elements whose start and end close a paragraph: the model's paragraphs of an HTML block,
    /// and the translation units of one, end at them.
    public static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]

    /// Elements whose content is never text for a reader: the model skips it, and the page
    /// drops it (`RawHTMLFilter`), so that the two agree on what an HTML block says.
    public static let contentDropping: Set<String> = [
        "script", "style", "textarea", "title", "iframe", "noscript", "template", "xmp", "object", "embed", "svg", "math", "select",
    ]
}
