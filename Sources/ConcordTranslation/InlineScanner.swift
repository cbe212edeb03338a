/// Reads the raw Markdown of one block's inline text into ``InlineContent``: text, and the
/// markup a translator must keep as codes.
///
/// It works on the bytes as written, not on cmark's tree, so that every code keeps its markup
/// exactly (the `**` or `__`, the destination with its title, the escape) and the content
/// gives back the source byte for byte. What it recognises is checked against cmark's reading
/// of the same block (``InlineShape``); where the two disagree the unit is kept as plain text.
///
/// Line breaks inside a block: a soft break reads as one space (the translation is written
/// on one line, which Markdown cannot tell apart); a hard break is a code with the next line's
/// container prefix in it, so it lands back inside its list item or block quote.
struct InlineScanner {
    /// Deeper nesting of links and emphasis than this is read as text.
    static let maximumDepth = 16

    private let bytes: [UInt8]
    /// Whether continuation lines start with `>` markers (the block is in a block quote).
    private let quoted: Bool
    private(set) var codes: [InlineCode] = []

    init(bytes: [UInt8], quoted: Bool) {
        self.bytes = bytes
        self.quoted = quoted
    }

    /// The content of the whole text, or, with `plain`, only its text and line breaks.
    static func content(of bytes: [UInt8], quoted: Bool, plain: Bool = false) -> InlineContent {
        var scanner = InlineScanner(bytes: bytes, quoted: quoted)
        var pieces: [InlinePiece] = []
        scanner.scan(0..<bytes.count, depth: plain ? maximumDepth : 0, into: &pieces)
        return InlineContent(pieces: merged(pieces), codes: scanner.codes)
    }

    /// Adjacent text pieces joined into one, and empty ones left out.
    static func merged(_ pieces: [InlinePiece]) -> [InlinePiece] {
        // Most contents have nothing to join (the scan joins the text between codes itself):
        // they are given back as they are rather than copied piece by piece.
        guard needsMerging(pieces) else { return pieces }
        var out: [InlinePiece] = []
        out.reserveCapacity(pieces.count)
        for piece in pieces {
            if case .text(let next) = piece, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + next)
            } else if case .text(let text) = piece, text.isEmpty {
                continue
            } else {
                out.append(piece)
            }
        }
        return out
    }

    /// Whether `pieces` has an empty text piece or two text pieces side by side.
    static func needsMerging(_ pieces: [InlinePiece]) -> Bool {
        var previousIsText = false
        for piece in pieces {
            guard case .text(let text) = piece else {
                previousIsText = false
                continue
            }
            if previousIsText || text.isEmpty { return true }
            previousIsText = true
        }
        return false
    }

    // MARK: - The scan

    /// Appends the pieces of `range` to `pieces`: one array for a whole unit, codes and the
    /// text inside them included, rather than an array per code joined to the next.
    private mutating func scan(_ range: Range<Int>, depth: Int, into pieces: inout [InlinePiece]) {
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll(keepingCapacity: true)
        }
        var i = range.lowerBound
        let end = range.upperBound
        let structured = depth < InlineScanner.maximumDepth
        while i < end {
            // Most of a block is words: the bytes up to the next one that may open a code or end
            // a line are text as they stand, and are taken in one step rather than asked one by one.
            var run = i
            while run < end, InlineScanner.isPlain(bytes[run], structured: structured) { run += 1 }
            if run > i {
                text.append(contentsOf: bytes[i..<run])
                i = run
                continue
            }
            let byte = bytes[i]
            if byte == 0x0A {
                let next = continuation(after: i, end: end)
                let spaces = text.reversed().prefix { $0 == 0x20 }.count
                let hard = spaces >= 2 || (text.last == UInt8(ascii: "\\") && !endsEscaped(text))
                let cut = hard && spaces < 2 ? 1 : spaces
                let trailing = Array(text.suffix(cut))
                text.removeLast(cut)
                if hard {
                    flush()
                    pieces.append(.placeholder(add(.lineBreak, trailing + bytes[i..<next])))
                } else {
                    text.append(0x20)
                }
                i = next
                continue
            }
            // The code's pieces go after the text before it, which is known to end here only once a code is found.
            let codeStart = pieces.count
            guard structured, let next = code(at: i, end: end, depth: depth, into: &pieces) else {
                text.append(byte)
                i += 1
                continue
            }
            if !text.isEmpty {
                pieces.insert(.text(String(decoding: text, as: UTF8.self)), at: codeStart)
                text.removeAll(keepingCapacity: true)
            }
            i = next
        }
        flush()
    }

    /// Whether `text` ends in an escaped backslash (`\\`), which is no hard break.
    private func endsEscaped(_ text: [UInt8]) -> Bool {
        text.reversed().prefix { $0 == UInt8(ascii: "\\") }.count % 2 == 0
    }

    /// Where the text of the line after the line feed at `i` starts: past its indentation and,
    /// in a block quote, its `>` markers.
    private func continuation(after i: Int, end: Int) -> Int {
        var j = i + 1
        while j < end {
            let byte = bytes[j]
            if byte == 0x20 || byte == 0x09 || (quoted && byte == UInt8(ascii: ">")) { j += 1 } else { break }
        }
        return j
    }

    /// The code that starts at `i`: its pieces appended to `pieces`, and where scanning goes on
    /// after it; `nil`, with nothing appended, when no code starts there.
    mutating func code(at i: Int, end: Int, depth: Int, into pieces: inout [InlinePiece]) -> Int? {
        switch bytes[i] {
        case UInt8(ascii: "\\"):
            guard i + 1 < end, InlineScanner.isPunctuation(bytes[i + 1]) else { return nil }
            return standalone(.escape, i..<(i + 2), into: &pieces)
        case UInt8(ascii: "`"):
            let run = runLength(at: i, end: end)
            guard let close = closingBackticks(from: i + run, run: run, end: end) else { return nil }
            return standalone(.code, i..<(close + run), into: &pieces)
        case UInt8(ascii: "&"):
            guard let close = entityEnd(at: i, end: end) else { return nil }
            return standalone(.entity, i..<close, into: &pieces)
        case UInt8(ascii: "<"):
            return angle(at: i, end: end, into: &pieces)
        case UInt8(ascii: "!"):
            guard i + 1 < end, bytes[i + 1] == UInt8(ascii: "[") else { return nil }
            return linkLike(.image, at: i, opener: 2, end: end, depth: depth, into: &pieces)
        case UInt8(ascii: "["):
            if i + 1 < end, bytes[i + 1] == UInt8(ascii: "!") { return bangBracket(at: i, end: end, into: &pieces) }
            return linkLike(.link, at: i, opener: 1, end: end, depth: depth, into: &pieces)
        case UInt8(ascii: "*"), UInt8(ascii: "_"):
            return emphasis(at: i, end: end, depth: depth, into: &pieces)
        default:
            return nil
        }
    }

    private mutating func add(_ kind: InlineCode.Kind, _ start: some Collection<UInt8>, end: ArraySlice<UInt8>? = nil) -> Int {
        let id = codes.count + 1
        codes.append(InlineCode(
            id: id, kind: kind, start: String(decoding: start, as: UTF8.self),
            end: end.map { String(decoding: $0, as: UTF8.self) }))
        return id
    }

    private mutating func standalone(_ kind: InlineCode.Kind, _ range: Range<Int>, into pieces: inout [InlinePiece]) -> Int {
        pieces.append(.placeholder(add(kind, bytes[range])))
        return range.upperBound
    }

    // MARK: - Brackets

    /// `[!INCLUDE [title](path)]` or an alert's `[!NOTE]`.
    private mutating func bangBracket(at i: Int, end: Int, into pieces: inout [InlinePiece]) -> Int? {
        guard let close = matchingBracket(from: i, end: end) else { return nil }
        let inner = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
        if inner.uppercased().hasPrefix("INCLUDE") { return standalone(.include, i..<(close + 1), into: &pieces) }
        guard !inner.isEmpty, inner.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        return standalone(.marker, i..<(close + 1), into: &pieces)
    }

    /// A link or image: `[text](destination "title")`, `[text][label]`, `[text][]`; its text is
    /// translated, the rest is the code's end.
    private mutating func linkLike(_ kind: InlineCode.Kind, at i: Int, opener: Int, end: Int, depth: Int, into pieces: inout [InlinePiece]) -> Int? {
        guard let close = matchingBracket(from: i + opener - 1, end: end), close + 1 < end else { return nil }
        let tailEnd: Int
        switch bytes[close + 1] {
        case UInt8(ascii: "("):
            guard let paren = closingParenthesis(from: close + 1, end: end) else { return nil }
            tailEnd = paren + 1
        case UInt8(ascii: "["):
            guard let label = bytes[(close + 2)..<end].firstIndex(of: UInt8(ascii: "]")) else { return nil }
            tailEnd = label + 1
        default:
            return nil
        }
        let id = add(kind, bytes[i..<(i + opener)], end: bytes[close..<tailEnd])
        pieces.append(.open(id))
        scan((i + opener)..<close, depth: depth + 1, into: &pieces)
        pieces.append(.close(id))
        return tailEnd
    }

    /// The `]` that closes the `[` at `open`, skipping escapes, code spans and nested brackets.
    private func matchingBracket(from open: Int, end: Int) -> Int? {
        var depth = 0
        var j = open
        while j < end {
            switch bytes[j] {
            case UInt8(ascii: "\\"): j += 1
            case UInt8(ascii: "`"):
                let run = runLength(at: j, end: end)
                if let close = closingBackticks(from: j + run, run: run, end: end) { j = close + run - 1 } else { j += run - 1 }
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return j }
            default: break
            }
            j += 1
        }
        return nil
    }

    /// The `)` that closes the `(` at `open`: nested parentheses, `<…>` destinations, quoted titles and escapes.
    private func closingParenthesis(from open: Int, end: Int) -> Int? {
        var depth = 0
        var quote: UInt8?
        var angled = false
        var j = open
        while j < end {
            let byte = bytes[j]
            if byte == UInt8(ascii: "\\") { j += 2; continue }
            if byte == 0x0A { return nil }
            if let open = quote {
                if byte == open { quote = nil }
            } else if angled {
                if byte == UInt8(ascii: ">") { angled = false }
            } else if byte == UInt8(ascii: "<"), j == open + 1 {
                angled = true
            } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")), j > open + 1, bytes[j - 1] == 0x20 {
                quote = byte
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return j }
            }
            j += 1
        }
        return nil
    }

    // MARK: - Emphasis

    /// `**strong**`, `__strong__`, `*emphasis*`, `_emphasis_`: an opener followed by text, and a
    /// closer of the same run preceded by text. Runs of three or more are read as text.
    private mutating func emphasis(at i: Int, end: Int, depth: Int, into pieces: inout [InlinePiece]) -> Int? {
        let marker = bytes[i]
        let run = runLength(at: i, end: end)
        guard run <= 2, i + run < end, !InlineScanner.isSpace(bytes[i + run]) else { return nil }
        if marker == UInt8(ascii: "_"), i > 0, InlineScanner.isWordByte(bytes[i - 1]) { return nil }
        guard let close = closingEmphasis(marker, run: run, from: i + run, end: end) else { return nil }
        let id = add(run == 2 ? .bold : .italic, bytes[i..<(i + run)], end: bytes[close..<(close + run)])
        pieces.append(.open(id))
        scan((i + run)..<close, depth: depth + 1, into: &pieces)
        pieces.append(.close(id))
        return close + run
    }

    private func closingEmphasis(_ marker: UInt8, run: Int, from start: Int, end: Int) -> Int? {
        var j = start
        while j < end {
            let byte = bytes[j]
            if byte == UInt8(ascii: "\\") { j += 2; continue }
            if byte == UInt8(ascii: "`") {
                let ticks = runLength(at: j, end: end)
                if let close = closingBackticks(from: j + ticks, run: ticks, end: end) { j = close + ticks } else { j += ticks }
                continue
            }
            if byte == marker {
                let length = runLength(at: j, end: end)
                let after = j + length
                let closes = length == run && j > start && !InlineScanner.isSpace(bytes[j - 1])
                    && !(marker == UInt8(ascii: "_") && after < end && InlineScanner.isWordByte(bytes[after]))
                if closes { return j }
                j += length
                continue
            }
            j += 1
        }
        return nil
    }

    // MARK: - Angle brackets and entities

    /// An autolink (`<https://…>`), an anchor (`<a name="x"></a>`, one code), or another HTML tag.
    private mutating func angle(at i: Int, end: Int, into pieces: inout [InlinePiece]) -> Int? {
        guard i + 1 < end else { return nil }
        let next = bytes[i + 1]
        guard InlineScanner.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else { return nil }
        guard let close = bytes[(i + 1)..<end].firstIndex(where: { $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "<") || $0 == 0x0A }),
              bytes[close] == UInt8(ascii: ">") else { return nil }
        let shape = InlineScanner.tagShape(bytes[i...close])
        if shape.autolinkLike, InlineScanner.isLetter(next) {
            return standalone(.autolink, i..<(close + 1), into: &pieces)
        }
        if shape.opensAnchor {
            let closing = Array("</a>".utf8)
            if close + 1 + closing.count <= end, bytes[(close + 1)..<(close + 1 + closing.count)].map(InlineScanner.lowercased).elementsEqual(closing) {
                return standalone(.anchor, i..<(close + 1 + closing.count), into: &pieces)
            }
        }
        return standalone(.html, i..<(close + 1), into: &pieces)
    }

    /// What a tag from `<` to `>` may be: autolink-like (no space, a `:` or `@`), or the start
    /// tag of an anchor (`<a …>`, any case, not `<a …/>`). An ASCII tag, nearly every one, is
    /// read on its bytes, each a character; any other as a `String`, whose characters may join
    /// a mark to the byte before it.
    static func tagShape(_ tag: ArraySlice<UInt8>) -> (autolinkLike: Bool, opensAnchor: Bool) {
        guard tag.allSatisfy({ $0 < 0x80 }) else { return tagShape(String(decoding: tag, as: UTF8.self)) }
        let autolinkLike = !tag.contains(0x20) && (tag.contains(UInt8(ascii: ":")) || tag.contains(UInt8(ascii: "@")))
        let start = tag.startIndex
        let opensAnchor = tag.count >= 3 && tag[start] == UInt8(ascii: "<") && lowercased(tag[start + 1]) == UInt8(ascii: "a")
            && tag[start + 2] == 0x20 && !tag.suffix(2).elementsEqual("/>".utf8)
        return (autolinkLike, opensAnchor)
    }

    /// ``tagShape(_:)`` of a tag as a `String`.
    static func tagShape(_ tag: String) -> (autolinkLike: Bool, opensAnchor: Bool) {
        let lower = tag.lowercased()
        return (!tag.contains(" ") && (tag.contains(":") || tag.contains("@")), lower.hasPrefix("<a ") && !lower.hasSuffix("/>"))
    }

    /// The end of an entity or numeric character reference at `i` (`&gt;`, `&#8212;`, `&#x2014;`).
    private func entityEnd(at i: Int, end: Int) -> Int? {
        var j = i + 1
        var numeric = false
        var hex = false
        if j < end, bytes[j] == UInt8(ascii: "#") {
            numeric = true
            j += 1
            if j < end, bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X") { hex = true; j += 1 }
        }
        let first = j
        while j < end, j - first < 32 {
            let byte = bytes[j]
            let fits = numeric ? (hex ? InlineScanner.isHexDigit(byte) : InlineScanner.isDigit(byte)) : (InlineScanner.isLetter(byte) || InlineScanner.isDigit(byte))
            guard fits else { break }
            j += 1
        }
        guard j > first, j < end, bytes[j] == UInt8(ascii: ";") else { return nil }
        if !numeric, !InlineScanner.isLetter(bytes[first]) { return nil }
        return j + 1
    }

    // MARK: - Bytes

    /// Whether `byte` is text whatever follows it: not a line feed and, where codes are read
    /// (`structured`), none of the bytes ``code(at:end:depth:into:)`` looks at.
    static func isPlain(_ byte: UInt8, structured: Bool) -> Bool {
        switch byte {
        case 0x0A: false
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: "!"), UInt8(ascii: "["),
             UInt8(ascii: "*"), UInt8(ascii: "_"): !structured
        default: true
        }
    }

    private func runLength(at i: Int, end: Int) -> Int {
        var j = i
        while j < end, bytes[j] == bytes[i] { j += 1 }
        return j - i
    }

    /// The start of the next run of exactly `run` backticks from `start`, if any.
    private func closingBackticks(from start: Int, run: Int, end: Int) -> Int? {
        var j = start
        while j < end {
            if bytes[j] == UInt8(ascii: "`") {
                let length = runLength(at: j, end: end)
                if length == run { return j }
                j += length
            } else {
                j += 1
            }
        }
        return nil
    }

    static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
    /// A byte of a word for `_`'s intraword rule: ASCII letters and digits, and every byte of a non-ASCII character.
    static func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte >= 0x80 }
    static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
}
