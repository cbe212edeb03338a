/// A fast path for the front matter nearly every docs article has: one `key: value` per line,
/// scalars only. Anything else — nesting, lists, block or flow scalars, escapes, anchors, tags,
/// comments after values, repeated keys, characters YAML refuses or reads as line breaks —
/// returns `nil`, and Yams reads the text instead (and reports what is wrong with it).
///
/// libyaml builds a full event stream and node graph for five lines of text, which weighed on
/// modelling a large tree (see docs/performance.md).
enum FlatFrontMatter {
    static func parse(_ yaml: String, firstLine: Int) -> Metadata? {
        var yaml = yaml
        return yaml.withUTF8 { parse($0, firstLine: firstLine) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Metadata? {
        if hasCharacterYAMLReadsOtherwise(bytes) { return nil }
        var entries: [MetadataEntry] = []
        // The keys so far, to refuse a repeated one: a dozen at most, compared in a loop (a set
        // hashed every key, more than the rest of the parse).
        var keys: [Slice<UnsafeBufferPointer<UInt8>>] = []
        keys.reserveCapacity(16)
        var lineNumber = firstLine - 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            defer { start = end + 1 }
            var last = end
            while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D { last -= 1 }
            let line = bytes[start..<last]
            guard let first = line.first else { continue }
            if first == UInt8(ascii: "#") { continue }
            // Keys start in column 1, use the characters docs keys use, and may hold inner spaces
            // (`external help file`), as plain YAML scalars do.
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = line[line.startIndex..<colon]
            guard let keyFirst = key.first, let keyLast = key.last, keyFirst != 0x20, keyLast != 0x20,
                  key.allSatisfy({ isKeyByte($0) || $0 == 0x20 }), !keys.contains(where: { $0.elementsEqual(key) }) else { return nil }
            // `- a: b` is a list item holding a mapping, not the key `- a`.
            if keyFirst == UInt8(ascii: "-"), key.dropFirst().first == 0x20 { return nil }
            keys.append(key)
            var valueStart = colon + 1
            if valueStart < line.endIndex, line[valueStart] != 0x20, line[valueStart] != 0x09 { return nil }
            while valueStart < line.endIndex, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
            guard let value = scalar(line[valueStart..<line.endIndex]) else { return nil }
            entries.append(MetadataEntry(key: String(decoding: key, as: UTF8.self), value: .string(value), line: lineNumber))
        }
        return Metadata(entries: entries)
    }

    /// Whether `bytes` holds a character libyaml refuses ("control characters are not allowed":
    /// C0 and C1 controls but tab and line ends, DEL, U+FFFE, U+FFFF) or reads as a line break
    /// where the fast path sees none (a lone CR, NEL U+0085, U+2028, U+2029).
    private static func hasCharacterYAMLReadsOtherwise(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            switch byte {
            case 0x09, 0x0A:
                break
            case 0x0D:
                if i + 1 == count || bytes[i + 1] != 0x0A { return true }
            case 0x00..<0x20, 0x7F:
                return true
            case 0xC2:
                if i + 1 < count, (0x80...0x9F).contains(bytes[i + 1]) { return true }
            case 0xE2:
                if i + 2 < count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return true }
            case 0xEF:
                if i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF { return true }
            default:
                break
            }
            i += 1
        }
        return false
    }

    /// Whether a value starts with U+FEFF: Yams decodes each value with Foundation, which takes
    /// a U+FEFF at its start for a byte-order mark and drops it (one further in is kept).
    private static func startsWithBOM(_ value: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        value.starts(with: [0xEF, 0xBB, 0xBF])
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// The value of a one-line scalar, or `nil` when YAML would read it as anything but plain text.
    private static func scalar(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        guard let first = text.first, let last = text.last else { return "" }
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        switch first {
        case quote:
            guard text.count >= 2, last == quote else { return nil }
            let inner = text.dropFirst().dropLast()
            guard !inner.contains(quote), !inner.contains(UInt8(ascii: "\\")), !startsWithBOM(inner) else { return nil }
            return String(decoding: inner, as: UTF8.self)
        case apostrophe:
            guard text.count >= 2, last == apostrophe else { return nil }
            let inner = text.dropFirst().dropLast()
            guard !startsWithBOM(inner) else { return nil }
            var out: [UInt8] = []
            var index = inner.startIndex
            while index < inner.endIndex {
                if inner[index] == apostrophe {
                    guard index + 1 < inner.endIndex, inner[index + 1] == apostrophe else { return nil }
                    out.append(apostrophe)
                    index += 2
                } else {
                    out.append(inner[index])
                    index += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ">"), UInt8(ascii: "|"),
             UInt8(ascii: "*"), UInt8(ascii: "&"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"),
             UInt8(ascii: ","), UInt8(ascii: "#"):
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            // Followed by a space or a tab, these start a list item, a key or a value.
            if text.count == 1 || text[text.startIndex + 1] == 0x20 || text[text.startIndex + 1] == 0x09 { return nil }
        default:
            if startsWithBOM(text) { return nil }
        }
        // A plain scalar: no mapping indicator or comment inside, no trailing colon.
        if last == UInt8(ascii: ":") { return nil }
        var index = text.startIndex
        while index + 1 < text.endIndex {
            let a = text[index], b = text[index + 1]
            if a == UInt8(ascii: ":"), b == 0x20 || b == 0x09 { return nil }
            if a == 0x20 || a == 0x09, b == UInt8(ascii: "#") { return nil }
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }
}
