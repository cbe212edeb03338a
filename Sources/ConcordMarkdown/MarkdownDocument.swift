/// A Markdown document copied out of libcmark into Swift values.
///
/// The tree is stored flat, as an array of nodes linked by index. That keeps
/// conversion iterative (no recursion, however deep the nesting), makes one
/// allocation for the whole tree, and means destroying a document never
/// recurses either.
public struct MarkdownDocument: Sendable {
    /// Every node in document order (pre-order); index 0 is the document node.
    public private(set) var nodes: [MarkdownNode]
    /// The text that was parsed (the body, after front matter was split off).
    public let source: SourceText

    init(nodes: [MarkdownNode], source: SourceText) {
        self.nodes = nodes
        self.source = source
    }

    /// The index of the root (document) node.
    public var root: Int { 0 }

    /// Accesses the node at `index`.
    public subscript(index: Int) -> MarkdownNode {
        // Yield in place: callers mostly read one field, and copying a node retains four strings.
        _read { yield nodes[index] }
    }

    /// The children of the node at `index`, in order.
    public func children(of index: Int) -> ChildSequence {
        ChildSequence(nodes: nodes, first: nodes[index].firstChild)
    }

    /// Every descendant of the node at `index`, in document order, not including the node itself.
    public func descendants(of index: Int) -> Range<Int> {
        (index + 1)..<(nodes[index].subtreeEnd)
    }

    /// The concatenated plain text of the node at `index`: text, code and
    /// entities decoded, soft breaks as spaces, inline HTML dropped.
    public func plainText(of index: Int) -> String {
        var out = ""
        appendPlainText(of: index, to: &out)
        return out
    }

    /// Appends the plain text of a node to `out` (see ``plainText(of:)``).
    public func appendPlainText(of index: Int, to out: inout String) {
        let node = nodes[index]
        if node.kind.isInlineLeaf {
            appendLeaf(node, to: &out)
            return
        }
        for i in descendants(of: index) {
            let n = nodes[i]
            if n.kind.isInlineLeaf { appendLeaf(n, to: &out) }
        }
    }

    private func appendLeaf(_ node: MarkdownNode, to out: inout String) {
        switch node.kind {
        case .text, .code: out += node.literal
        case .softBreak, .lineBreak: out += " "
        default: break
        }
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

/// One node of a ``MarkdownDocument``.
public struct MarkdownNode: Sendable {
    /// What kind of node this is.
    public var kind: Kind
    /// Where the node sits in the original file; `nil` when cmark gave no valid position.
    public var range: SourceRange?
    /// The index of the parent node, or -1 for the document.
    public var parent: Int
    /// The index of the first child, or -1.
    public var firstChild: Int = -1
    /// The index of the next sibling, or -1.
    public var nextSibling: Int = -1
    /// One past the index of the last descendant: `(index+1)..<subtreeEnd` are the descendants.
    public var subtreeEnd: Int = 0
    /// Text content of text, code, code block and HTML nodes.
    public var literal: String = ""
    /// Link and image destination.
    public var destination: String = ""
    /// Link and image title.
    public var title: String = ""
    /// Code block info string.
    public var info: String = ""
    /// Heading level (1…6), or 0.
    public var headingLevel: Int = 0
    /// List details, for list nodes.
    public var list: ListInfo? = nil

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
