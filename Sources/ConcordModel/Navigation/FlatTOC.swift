/// DocFX `toc.yml` files as they are nearly always written, read without Yams: block lists of
/// entries whose keys hold plain or simply quoted one-line values, nested under `items:`.
///
/// Yams (libyaml, then a tree of nodes with marks and tags) is slow for what a table of contents
/// needs, and a locale's navigation waits for its `toc.yml` before any page
/// renders. Anything beyond this small subset — flow collections, anchors, tags, block or
/// multi-line scalars, comments after a value, repeated keys, tabs, CR line ends,
/// several documents, or a shape navigation cannot use — gives `nil`, and the caller reads the
/// file with Yams as before: this reader only ever agrees with it.
enum FlatTOC {
    /// The entries of `text`'s top-level list (or of its top-level mapping's `items:`), or
    /// `nil` when the text is not in the subset.
    static func entries(_ text: String) -> [TOCEntry]? {
        var text = text
        return text.withUTF8 { bytes in
            guard let lines = lines(of: bytes) else { return nil }
            var reader = Reader(bytes: bytes, lines: lines)
            return reader.document()
        }
    }

    /// A line with content: its number, its indentation and where its content starts and ends
    /// (trailing spaces dropped).
    struct Line {
        var number: Int
        var indent: Int
        var start: Int
        var end: Int
    }

    /// The lines with content (blank and comment-only lines left out), or `nil` if a byte is
    /// one this reader leaves to Yams.
    static func lines(of bytes: UnsafeBufferPointer<UInt8>) -> [Line]? {
        var lines: [Line] = []
        var lineStart = 0
        var index = 0
        var number = 0
        let count = bytes.count
        while lineStart < count {
            number += 1
            // Find the end of the line, checking every byte on the way.
            index = lineStart
            while index < count, bytes[index] != UInt8(ascii: "\n") {
                let byte = bytes[index]
                if byte < 0x20 || byte == 0x7F { return nil }  // tabs, CR, controls
                if byte >= 0x80, !isPlainUTF8(bytes, at: index) { return nil }
                index += 1
            }
            var start = lineStart
            while start < index, bytes[start] == UInt8(ascii: " ") { start += 1 }
            var end = index
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            if start < end, bytes[start] != UInt8(ascii: "#") {
                let indent = start - lineStart
                // Directives and document markers.
                if indent == 0, bytes[start] == UInt8(ascii: "%") { return nil }
                if indent == 0, end - start >= 3, startsWithMarker(bytes, at: start, end: end) { return nil }
                lines.append(Line(number: number, indent: indent, start: start, end: end))
            }
            lineStart = index + 1
        }
        return lines
    }

    /// Whether the scalar whose UTF-8 starts at `index` is one YAML reads as an ordinary
    /// printable character: not a C1 control, NEL, a line or paragraph separator, a byte-order
    /// mark, or a non-character.
    private static func isPlainUTF8(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let third = index + 2 < bytes.count ? bytes[index + 2] : 0
        switch byte {
        case 0xC2: return next >= 0xA0 || next < 0x80  // U+0080–U+009F: C1 controls and NEL
        case 0xE2: return !(next == 0x80 && (third == 0xA8 || third == 0xA9))  // U+2028, U+2029
        case 0xEF: return !(next == 0xBB && third == 0xBF) && !(next == 0xBF && (third == 0xBE || third == 0xBF))
        default: return true
        }
    }

    /// `---` or `...` followed by a space or the end: a document marker.
    private static func startsWithMarker(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Bool {
        let first = bytes[start]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        guard bytes[start + 1] == first, bytes[start + 2] == first else { return false }
        return start + 3 == end || bytes[start + 3] == UInt8(ascii: " ")
    }

    /// YAML's one-letter escapes in double-quoted scalars, and what each stands for.
    static let simpleEscapes: [UInt8: Unicode.Scalar] = [
        UInt8(ascii: "0"): "\u{0}", UInt8(ascii: "a"): "\u{7}", UInt8(ascii: "b"): "\u{8}", UInt8(ascii: "t"): "\t",
        UInt8(ascii: "n"): "\n", UInt8(ascii: "v"): "\u{B}", UInt8(ascii: "f"): "\u{C}", UInt8(ascii: "r"): "\r",
        UInt8(ascii: "e"): "\u{1B}", UInt8(ascii: " "): " ", UInt8(ascii: "\""): "\"", UInt8(ascii: "/"): "/",
        UInt8(ascii: "\\"): "\\", UInt8(ascii: "N"): "\u{85}", UInt8(ascii: "_"): "\u{A0}", UInt8(ascii: "L"): "\u{2028}",
        UInt8(ascii: "P"): "\u{2029}",
    ]

    /// How deeply lists may nest here; deeper files go to Yams.
    static let maximumDepth = 24

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lines: [Line]
        /// The next line to read.
        var next = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lines: [Line]) {
            self.bytes = bytes
            self.lines = lines
        }

        mutating func document() -> [TOCEntry]? {
            guard let first = lines.first, first.indent == 0 else { return nil }
            let entries: [TOCEntry]
            if isItem(first) {
                guard let list = sequence(indent: 0, depth: 0) else { return nil }
                entries = list
            } else {
                // A top-level mapping: its `items:` list.
                guard let root = mapping(indent: 0, keyStart: first.start, depth: 0), let items = root.items else { return nil }
                entries = items
            }
            return next == lines.count ? entries : nil
        }

        /// Whether a line starts a list item: `- ` and more.
        func isItem(_ line: Line) -> Bool {
            bytes[line.start] == UInt8(ascii: "-") && line.end - line.start > 2 && bytes[line.start + 1] == UInt8(ascii: " ")
        }

        /// The list whose items start at column `indent`, from the next line; each item a mapping.
        mutating func sequence(indent: Int, depth: Int) -> [TOCEntry]? {
            guard depth < FlatTOC.maximumDepth else { return nil }
            var entries: [TOCEntry] = []
            while next < lines.count, lines[next].indent == indent {
                let line = lines[next]
                guard isItem(line) else { break }
                var keyStart = line.start + 2
                while bytes[keyStart] == UInt8(ascii: " ") { keyStart += 1 }
                let keyIndent = indent + (keyStart - line.start)
                guard let entry = mapping(indent: keyIndent, keyStart: keyStart, depth: depth) else { return nil }
                entries.append(entry)
            }
            // A deeper line here belongs to nothing this reader knows.
            if next < lines.count, lines[next].indent > indent { return nil }
            return entries
        }

        /// The mapping whose keys are at column `indent`, the first starting at byte `keyStart`
        /// of the next line (after a list item's `- `, or at the line's start).
        mutating func mapping(indent: Int, keyStart: Int, depth: Int) -> TOCEntry? {
            var entry = TOCEntry()
            let first = lines[next]
            entry.line = first.number
            entry.column = keyStart - (first.start - first.indent) + 1
            var keys: [Range<Int>] = []
            var start = keyStart
            while true {
                let line = lines[next]
                next += 1
                guard let (key, valueStart) = key(from: start, end: line.end) else { return nil }
                // Yams rejects a repeated key; it reports it.
                for seen in keys where seen.count == key.count && bytes[seen].elementsEqual(bytes[key]) { return nil }
                keys.append(key)
                let name = String(decoding: bytes[key], as: UTF8.self)
                if valueStart == line.end {
                    // Only `items:` may hold what follows: a list, at this column or deeper.
                    guard name == "items", next < lines.count, lines[next].indent >= indent, isItem(lines[next]),
                          let items = sequence(indent: lines[next].indent, depth: depth + 1) else { return nil }
                    entry.items = items
                } else {
                    guard name != "items", let value = scalar(from: valueStart, end: line.end) else { return nil }
                    switch name {
                    case "name": entry.name = value
                    case "displayName": entry.displayName = value
                    case "href": entry.href = value
                    case "topicHref": entry.topicHref = value
                    default: break
                    }
                }
                guard next < lines.count else { return entry }
                let following = lines[next]
                if following.indent < indent { return entry }
                // The next key of this mapping, or something this reader leaves to Yams.
                guard following.indent == indent, !isItem(following) else { return nil }
                start = following.start
            }
        }

        /// A key (plain: letters, digits, `_`, `-`, `.`, not starting with `-` or `.`; or
        /// quoted without escapes) followed by `:`, and where its value starts (`end` if none).
        func key(from start: Int, end: Int) -> (Range<Int>, Int)? {
            var index = start
            let key: Range<Int>
            let first = bytes[start]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                index += 1
                while index < end, bytes[index] != first {
                    if bytes[index] == UInt8(ascii: "\\") { return nil }
                    index += 1
                }
                guard index < end, index > start + 1 else { return nil }
                key = start + 1..<index
                index += 1
            } else {
                while index < end, isKeyByte(bytes[index]) { index += 1 }
                guard index > start, first != UInt8(ascii: "-"), first != UInt8(ascii: ".") else { return nil }
                key = start..<index
            }
            guard index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            if index == end { return (key, end) }
            guard bytes[index] == UInt8(ascii: " ") else { return nil }
            while bytes[index] == UInt8(ascii: " ") { index += 1 }
            return (key, index)
        }

        /// Appends what the escape after a `\\` at `index` stands for (YAML's escapes: `\\_` for a
        /// no-break space is common in translated tables of contents), and returns the index
        /// after it; `nil` for an escape YAML rejects or one that ends the line (a line break).
        func escape(at index: Int, end: Int, into value: inout [UInt8]) -> Int? {
            let letter = bytes[index]
            if let scalar = FlatTOC.simpleEscapes[letter] {
                value.append(contentsOf: String(scalar).utf8)
                return index + 1
            }
            let digits: Int
            switch letter {
            case UInt8(ascii: "x"): digits = 2
            case UInt8(ascii: "u"): digits = 4
            case UInt8(ascii: "U"): digits = 8
            default: return nil
            }
            guard index + digits < end else { return nil }
            var code: UInt32 = 0
            for offset in 1...digits {
                guard let digit = hexValue(bytes[index + offset]) else { return nil }
                code = code << 4 | digit
            }
            guard let scalar = Unicode.Scalar(code) else { return nil }  // surrogates and beyond U+10FFFF
            value.append(contentsOf: String(scalar).utf8)
            return index + digits + 1
        }

        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }

        func isKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                true
            default:
                false
            }
        }

        /// A one-line value: single-quoted (`''` for a quote), double-quoted (with YAML's
        /// escapes), or plain (not starting with an indicator, no `: ` or ` #` inside, not ending in `:`).
        func scalar(from start: Int, end: Int) -> String? {
            let first = bytes[start]
            if first == UInt8(ascii: "'") {
                var value: [UInt8] = []
                var index = start + 1
                while index < end {
                    if bytes[index] == UInt8(ascii: "'") {
                        guard index + 1 < end, bytes[index + 1] == UInt8(ascii: "'") else { break }
                        index += 1
                    }
                    value.append(bytes[index])
                    index += 1
                }
                guard index == end - 1 else { return nil }  // closed, and nothing after the quote
                return String(decoding: value, as: UTF8.self)
            }
            if first == UInt8(ascii: "\"") {
                var value: [UInt8] = []
                var index = start + 1
                while index < end, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        guard index + 1 < end, let next = escape(at: index + 1, end: end, into: &value) else { return nil }
                        index = next
                    } else {
                        value.append(bytes[index])
                        index += 1
                    }
                }
                guard index == end - 1 else { return nil }
                return String(decoding: value, as: UTF8.self)
            }
            // Indicators that start something other than a plain scalar (or might).
            switch first {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
                 UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                return nil
            default:
                break
            }
            if bytes[end - 1] == UInt8(ascii: ":") { return nil }
            for index in start..<end - 1 {
                let byte = bytes[index], following = bytes[index + 1]
                if byte == UInt8(ascii: ":"), following == UInt8(ascii: " ") { return nil }
                if byte == UInt8(ascii: " "), following == UInt8(ascii: "#") { return nil }
            }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
    }
}
