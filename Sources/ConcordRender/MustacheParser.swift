/// Mustache templates parsed by Concord itself, to the Mustache specification 1.3:
/// interpolation, sections, inverted sections, comments, partials, set delimiters and
/// inheritance (parents and blocks). Lambdas and dynamic names are left out: a theme is data,
/// not code. ``TemplatePrograms`` compiles what this parses.
///
/// Standalone lines follow the specification: a line holding only white space and one tag that
/// writes nothing (a section tag, a comment, a partial, a delimiter change, a parent or block
/// tag) is removed whole, and the white space before a standalone partial indents each line
/// of the partial. Inheritance adds its pairs: a parent's opening tag and its first block's
/// (or its closing tag), a last block's closing tag and the parent's, and an empty block's two
/// tags are standalone together. A standalone block's content loses its common indentation
/// where it is written and takes the block tag's where it is put.
enum MustacheSyntax {
    /// A node of a parsed template.
    indirect enum Node: Equatable, Sendable {
        /// Template text, written as it is.
        case text(String)
        /// `{{name}}` (`escaped`) or `{{{name}}}` / `{{& name}}`.
        case variable(name: String, escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
        case section(name: String, inverted: Bool, body: [Node])
        /// `{{> name}}`; `indentation` is the white space before a standalone tag ("" otherwise).
        case partial(name: String, indentation: String)
        /// `{{< name}}…{{/name}}`: the template `name`, with `blocks` in place of its own.
        case parent(name: String, indentation: String, blocks: [Block])
        /// `{{$ name}}default{{/name}}`.
        case block(Block)
    }

    /// A block: its name, the indentation its content takes where it is put ("" for none),
    /// and its content.
    struct Block: Equatable, Sendable {
        var name: String
        var indentation: String
        var body: [Node]
    }

    /// A template that does not parse: where and why.
    struct SyntaxError: Error, CustomStringConvertible, Sendable {
        /// The 1-based line of the tag at fault.
        var line: Int
        /// What is wrong.
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// Parses a template.
    static func parse(_ text: String) throws(SyntaxError) -> [Node] {
        var parser = Parser(bytes: Array(text.utf8))
        try parser.scanTags()
        try parser.matchSections()
        parser.markStandaloneLines()
        parser.dedentStandaloneBlocks()
        return parser.tree()
    }
}

/// The parse, in passes over the template's bytes: tags found, sections matched, standalone
/// lines marked, standalone blocks dedented, then the tree built from the tags and the text
/// between them.
private struct Parser {
    struct Tag {
        /// `0` for a plain variable, else the sigil: `{ & # ^ / ! > < $ = %`.
        var kind: UInt8
        var name: String
        /// The tag's bytes, delimiters included.
        var start: Int
        var end: Int
        /// The bytes the tag takes from the output: more than its own when it is standalone.
        var outerStart: Int
        var outerEnd: Int
        /// The white space before a standalone tag.
        var indentation = ""
        /// For a standalone block, the indentation its content's lines shared, now removed.
        var contentIndentation = ""
        var standalone = false
        /// For an opening tag, the index of its closing tag, and the other way round.
        var partner = -1
    }

    let bytes: [UInt8]
    var tags: [Tag] = []
    /// Bytes removed at the start of a line (by its offset) when a block around it is dedented.
    var removed: [Int: Int] = [:]

    static let opening: Set<UInt8> = [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$")]
    /// Tags that write nothing, and so can stand alone on a line.
    static let silent: Set<UInt8> = Set("#^/!><$=%".utf8)

    func line(of offset: Int) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    // MARK: Tags

    mutating func scanTags() throws(MustacheSyntax.SyntaxError) {
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var position = 0
        while let start = find(open, from: position) {
            var index = start + open.count
            var kind: UInt8 = 0
            if index < bytes.count, "{&#^/!><$=%".utf8.contains(bytes[index]) {
                kind = bytes[index]
                index += 1
            }
            let closer = kind == UInt8(ascii: "{") ? Array("}".utf8) + close : kind == UInt8(ascii: "=") ? Array("=".utf8) + close : close
            guard let contentEnd = find(closer, from: index) else {
                throw .init(line: line(of: start), message: "a tag is not closed")
            }
            let name = String(decoding: bytes[index..<contentEnd], as: UTF8.self).trimmingBlanks
            let end = contentEnd + closer.count
            switch kind {
            case UInt8(ascii: "="):
                let parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                    throw .init(line: line(of: start), message: "'{{=\(name)=}}' does not set two delimiters")
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            case UInt8(ascii: "!"), UInt8(ascii: "%"):
                break
            default:
                guard !name.isEmpty else { throw .init(line: line(of: start), message: "a tag without a name") }
            }
            tags.append(Tag(kind: kind, name: name, start: start, end: end, outerStart: start, outerEnd: end))
            position = end
        }
    }

    /// Pairs every opening tag with its closing tag, which must name it.
    mutating func matchSections() throws(MustacheSyntax.SyntaxError) {
        var stack: [Int] = []
        for index in tags.indices {
            if Self.opening.contains(tags[index].kind) {
                stack.append(index)
            } else if tags[index].kind == UInt8(ascii: "/") {
                guard let opener = stack.popLast() else {
                    throw .init(line: line(of: tags[index].start), message: "'{{/\(tags[index].name)}}' closes nothing")
                }
                guard tags[opener].name == tags[index].name else {
                    throw .init(line: line(of: tags[index].start), message: "'{{/\(tags[index].name)}}' closes '\(tags[opener].name)'")
                }
                tags[opener].partner = index
                tags[index].partner = opener
            }
        }
        if let open = stack.last {
            throw .init(line: line(of: tags[open].start), message: "'\(tags[open].name)' is not closed")
        }
    }

    // MARK: Standalone lines

    /// Where the line holding `offset` starts, when only blanks stand before `offset` on it.
    func blankLineStart(before offset: Int) -> Int? {
        var index = offset
        while index > 0, Self.isBlank(bytes[index - 1]) { index -= 1 }
        return index == 0 || bytes[index - 1] == UInt8(ascii: "\n") ? index : nil
    }

    /// Where the next line starts, and the length of the line break, when only blanks follow `offset` on its line.
    func blankLineEnd(after offset: Int) -> (end: Int, lineBreak: Int)? {
        var index = offset
        while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
        if index == bytes.count { return (index, 0) }
        if bytes[index] == UInt8(ascii: "\n") { return (index + 1, 1) }
        if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return (index + 2, 2) }
        return nil
    }

    mutating func markStandaloneLines() {
        for index in tags.indices where Self.silent.contains(tags[index].kind) {
            guard let start = blankLineStart(before: tags[index].start), let end = blankLineEnd(after: tags[index].end) else { continue }
            standalone(index, from: start, to: end.end)
        }
        // Inheritance's pairs: two adjacent tags alone on a line.
        for index in tags.indices.dropLast() {
            let first = tags[index], second = tags[index + 1]
            guard first.end == second.start, !first.standalone, !second.standalone,
                  let start = blankLineStart(before: first.start), let end = blankLineEnd(after: second.end) else { continue }
            let k1 = first.kind, k2 = second.kind, slash = UInt8(ascii: "/")
            let parent = UInt8(ascii: "<"), block = UInt8(ascii: "$")
            let closesFirst = second.partner == index
            if k1 == parent && (k2 == block || closesFirst) || k1 == slash && k2 == slash && tags[first.partner].kind == block && tags[second.partner].kind == parent {
                standalone(index, from: start, to: first.end)
                standalone(index + 1, from: second.start, to: end.end)
            } else if k1 == block && closesFirst {
                // An empty block keeps its line break: what fills it is put on the line.
                standalone(index, from: start, to: first.end)
                standalone(index + 1, from: second.start, to: end.end - end.lineBreak)
            }
        }
    }

    mutating func standalone(_ index: Int, from start: Int, to end: Int) {
        tags[index].standalone = true
        tags[index].outerStart = start
        tags[index].outerEnd = end
        if start < tags[index].start {
            tags[index].indentation = String(decoding: bytes[start..<tags[index].start], as: UTF8.self)
        }
    }

    // MARK: Blocks

    /// Removes from each standalone block's content the indentation its lines share, outer
    /// blocks first, so that a block nested in another is measured after the outer one's.
    mutating func dedentStandaloneBlocks() {
        for index in tags.indices where tags[index].kind == UInt8(ascii: "$") && tags[index].standalone {
            let close = tags[index].partner
            let start = tags[index].outerEnd, end = tags[close].outerStart
            guard start < end else { continue }
            var lineStarts = [start]
            for offset in start..<end - 1 where bytes[offset] == UInt8(ascii: "\n") { lineStarts.append(offset + 1) }
            var common: ArraySlice<UInt8>?
            for lineStart in lineStarts {
                let (blank, white) = whiteSpace(at: lineStart, end: end)
                guard !blank else { continue }
                guard let shared = common else { common = white; continue }
                common = shared.prefix(zip(shared, white).prefix { $0 == $1 }.count)
            }
            let prefix = common ?? []
            for lineStart in lineStarts {
                let (blank, white) = whiteSpace(at: lineStart, end: end)
                removed[lineStart, default: 0] += blank ? white.count : prefix.count
            }
            tags[index].contentIndentation = String(decoding: prefix, as: UTF8.self)
        }
    }

    /// The white space starting the line at `lineStart` (after what is removed already), and
    /// whether the line holds nothing else.
    func whiteSpace(at lineStart: Int, end: Int) -> (blank: Bool, white: ArraySlice<UInt8>) {
        let first = lineStart + (removed[lineStart] ?? 0)
        var index = first
        while index < end, Self.isBlank(bytes[index]) { index += 1 }
        let blank = index == end || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r")
        return (blank, bytes[first..<index])
    }

    // MARK: The tree

    /// The template's text from `start` to `end`, less what dedented blocks removed.
    func text(from start: Int, to end: Int) -> String {
        guard !removed.isEmpty else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var out: [UInt8] = []
        var index = start
        while index < end {
            if index == 0 || bytes[index - 1] == UInt8(ascii: "\n"), let count = removed[index], count > 0 {
                index = min(end, index + count)
                if index == end { break }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The indentation of a standalone tag, less what a dedented block removed from its line.
    func indentation(of tag: Tag) -> String {
        guard tag.standalone, tag.outerStart < tag.start else { return "" }
        return text(from: tag.outerStart, to: tag.start)
    }

    func tree() -> [MustacheSyntax.Node] {
        struct Frame { var tag: Int; var nodes: [MustacheSyntax.Node] = [] }
        var stack = [Frame(tag: -1)]
        var position = 0
        for index in tags.indices {
            let tag = tags[index]
            if position < tag.outerStart {
                let text = text(from: position, to: tag.outerStart)
                if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
            }
            position = max(position, tag.outerEnd)
            switch tag.kind {
            case 0, UInt8(ascii: "{"), UInt8(ascii: "&"):
                stack[stack.count - 1].nodes.append(.variable(name: tag.name, escaped: tag.kind == 0))
            case UInt8(ascii: ">"):
                stack[stack.count - 1].nodes.append(.partial(name: tag.name, indentation: indentation(of: tag)))
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                stack.append(Frame(tag: index))
            case UInt8(ascii: "/"):
                let frame = stack.removeLast()
                let opener = tags[frame.tag]
                let node: MustacheSyntax.Node
                switch opener.kind {
                case UInt8(ascii: "<"):
                    // Only a parent's blocks count: text and other tags inside it are ignored.
                    let blocks = frame.nodes.compactMap { node -> MustacheSyntax.Block? in
                        if case .block(let block) = node { return block }
                        return nil
                    }
                    node = .parent(name: opener.name, indentation: indentation(of: opener), blocks: blocks)
                case UInt8(ascii: "$"):
                    // Where it is put, a standalone block's content is indented as it was
                    // written (the indentation removed from it), else as its tag is.
                    let indentation = !opener.standalone ? "" : opener.contentIndentation.isEmpty ? indentation(of: opener) : opener.contentIndentation
                    node = .block(MustacheSyntax.Block(name: opener.name, indentation: indentation, body: frame.nodes))
                default:
                    node = .section(name: opener.name, inverted: opener.kind == UInt8(ascii: "^"), body: frame.nodes)
                }
                stack[stack.count - 1].nodes.append(node)
            default:
                break
            }
        }
        if position < bytes.count {
            let text = text(from: position, to: bytes.count)
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
        }
        return stack[0].nodes
    }
}

private extension String {
    /// The string without spaces, tabs and line breaks at either end.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[first...last])
    }
}
