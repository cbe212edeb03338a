import CCmark
import CCmarkArena
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses Markdown with libcmark and copies the result into a ``MarkdownDocument``.
///
/// The C tree never outlives ``parse(_:firstLine:)``: it is walked once with
/// cmark's iterator (no recursion, so deep nesting cannot overflow the stack),
/// every field is copied into Swift values, and the tree is freed.
public enum MarkdownParser {
    /// Parses a body. `firstLine` is the line of the original file on which the body starts,
    /// so every position in the result refers to the original file.
    public static func parse(_ text: SourceText) -> MarkdownDocument {
        // cmark checks UTF-8 line by line when asked to; bodies from ``MarkdownInput`` were
        // checked already, and only those with a bad byte need cmark's U+FFFD replacement.
        let options = CMARK_OPT_SOURCEPOS | (text.isValidUTF8 ? 0 : CMARK_OPT_VALIDATE_UTF8)
        // cmark allocates into this thread's arena, released in one step once the tree has been
        // copied out, rather than allocating and freeing node by node (see CCmarkArena.h).
        concord_arena_begin()
        defer { concord_arena_end() }
        let root: OpaquePointer? = text.bytes.withUnsafeBufferPointer { buffer in
            guard let parser = cmark_parser_new_with_mem(options, MarkdownParser.arenaAllocator) else { return nil }
            defer { cmark_parser_free(parser) }
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
            return cmark_parser_finish(parser)
        }
        guard let root else {
            return MarkdownDocument(nodes: [MarkdownNode(kind: .document, range: nil, parent: -1, subtreeEnd: 1)], strings: [], source: text)
        }
        var strings: [UInt8] = []
        // Literals are most of a body's bytes; reserving that much avoids regrowing the buffer.
        strings.reserveCapacity(text.bytes.count)
        // At least a few for table cells, which are a handful of nodes from a few bytes.
        let nodes = convert(root, lineOffset: text.firstLine - 1, expectedNodes: max(text.bytes.count / 24, 8), strings: &strings)
        // A site build keeps every document until its page is rendered: the room reserved above
        // and not used would be held that long, for every file.
        return MarkdownDocument(nodes: fitted(nodes), strings: fitted(strings), source: text)
    }

    /// `array` in a buffer of its own size when the one it has is more than an eighth too large.
    static func fitted<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity - array.count > array.count / 8 else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { buffer, count in
            _ = buffer.initialize(fromContentsOf: array)
            count = array.count
        }
    }

    /// cmark's allocator functions pointing at ``CCmarkArena``; cmark keeps the pointer in every
    /// node, so it lives as long as the process.
    nonisolated(unsafe) private static let arenaAllocator: UnsafeMutablePointer<cmark_mem> = {
        let allocator = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        allocator.initialize(to: cmark_mem(
            calloc: { concord_arena_calloc($0, $1) },
            realloc: { concord_arena_realloc($0, $1) },
            free: { concord_arena_free($0) }))
        return allocator
    }()

    /// Whether one line of Markdown parses to a single paragraph holding exactly its own text
    /// (less trailing spaces and tabs): no byte that starts inline syntax (emphasis, code, links,
    /// HTML, entities, escapes) and no first character that could open a block (headings,
    /// quotes, lists, fences, code indentation). Most table cells are such words, and the model
    /// and the renderer both skip parsing them.
    public static func isPlainInline(_ markdown: String) -> Bool {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            guard let first = bytes.first else { return true }
            switch first {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...0xFF,
                 UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "."),
                 UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "?"), UInt8(ascii: "@"),
                 UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "{"), UInt8(ascii: "^"):
                break
            default:
                return false
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                     UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\n"),
                     UInt8(ascii: "\r"):
                    return false
                default:
                    continue
                }
            }
            return true
        }
    }

    /// Parses a body given as a string that starts on line `firstLine` of its file.
    public static func parse(_ string: String, firstLine: Int = 1) -> MarkdownDocument {
        parse(SourceText(bytes: Array(string.utf8), firstLine: firstLine, isValidUTF8: true))
    }

    private static func convert(_ root: OpaquePointer, lineOffset: Int, expectedNodes: Int, strings: inout [UInt8]) -> [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        // Docs pages have about one node per 20–30 bytes; growing the array from empty copied it a dozen times.
        nodes.reserveCapacity(expectedNodes)
        // Index of the open container nodes, innermost last, and the last child seen of each.
        var stack: [Int] = []
        var lastChild: [Int] = []
        // Deep enough for nearly every document: growing them from empty was a few copies per document.
        stack.reserveCapacity(32)
        lastChild.reserveCapacity(32)
        guard let iterator = cmark_iter_new(root) else { return nodes }
        defer { cmark_iter_free(iterator) }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let cnode = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT {
                if let open = stack.popLast() {
                    nodes[open].subtreeEnd = nodes.count
                    lastChild.removeLast()
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }

            let index = nodes.count
            let parent = stack.last ?? -1
            var node = MarkdownNode(kind: kind(of: cnode), range: range(of: cnode, lineOffset: lineOffset), parent: parent)
            fill(&node, from: cnode, strings: &strings)
            nodes.append(node)

            if parent >= 0 {
                let previous = lastChild[lastChild.count - 1]
                if previous >= 0 {
                    nodes[previous].nextSibling = index
                } else {
                    nodes[parent].firstChild = index
                }
                lastChild[lastChild.count - 1] = index
            }
            if isLeaf(node.kind) {
                nodes[index].subtreeEnd = index + 1
            } else {
                stack.append(index)
                lastChild.append(-1)
            }
        }
        return nodes
    }

    private static func isLeaf(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .codeBlock, .htmlBlock, .thematicBreak, .text, .softBreak, .lineBreak, .code, .htmlInline:
            true
        default:
            false
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .customInline
        }
    }

    /// cmark reports 0 for positions it does not know; such ranges are dropped, not trusted.
    private static func range(of node: OpaquePointer, lineOffset: Int) -> SourceRange? {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard startLine > 0, startColumn > 0 else { return nil }
        var endLine = Int(cmark_node_get_end_line(node))
        var endColumn = Int(cmark_node_get_end_column(node))
        if endLine < startLine || endLine <= 0 { endLine = startLine }
        if endColumn <= 0 { endColumn = startColumn }
        return SourceRange(
            start: SourceLocation(line: startLine + lineOffset, column: startColumn),
            end: SourceLocation(line: endLine + lineOffset, column: endColumn)
        )
    }

    /// Copies a C string into the document's string buffer; cmark validated the UTF-8 already.
    private static func store(_ pointer: UnsafePointer<CChar>?, in strings: inout [UInt8]) -> MarkdownNode.TextSpan {
        guard let pointer else { return MarkdownNode.TextSpan() }
        let count = strlen(pointer)
        guard count > 0 else { return MarkdownNode.TextSpan() }
        let start = strings.count
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            strings.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return MarkdownNode.TextSpan(start: start, count: count)
    }

    private static func fill(_ node: inout MarkdownNode, from cnode: OpaquePointer, strings: inout [UInt8]) {
        switch node.kind {
        case .text, .code, .htmlInline, .htmlBlock, .customInline:
            node.literal = store(cmark_node_get_literal(cnode), in: &strings)
        case .codeBlock:
            node.literal = store(cmark_node_get_literal(cnode), in: &strings)
            node.info = store(cmark_node_get_fence_info(cnode), in: &strings)
        case .heading:
            node.headingLevel = Int(cmark_node_get_heading_level(cnode))
        case .list:
            node.list = MarkdownNode.ListInfo(
                ordered: cmark_node_get_list_type(cnode) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(cnode)),
                tight: cmark_node_get_list_tight(cnode) != 0
            )
        case .link, .image:
            node.destination = store(cmark_node_get_url(cnode), in: &strings)
            node.title = store(cmark_node_get_title(cnode), in: &strings)
        default:
            break
        }
    }
}
