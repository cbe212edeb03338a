/// Escaping for text and attribute values written into HTML.
///
/// Both escape the same five characters, so a value is safe in text, in a quoted
/// attribute and in either quote style. Strings without any of them (most text) are
/// appended unchanged without a per-character loop over `Character`.
public enum HTMLEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
    public static func escape(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    /// Appends `text`, escaped, to `out`.
    ///
    /// Every piece of text of every page comes through here, so the search for a special
    /// byte reads eight bytes at a time; text that has one is escaped into a string of the
    /// exact final size, the text between specials copied whole.
    public static func append(_ text: String, to out: inout String) {
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard var next = firstSpecial(in: bytes, from: 0) else { return nil }
            var length = bytes.count
            extraLength.withUnsafeBufferPointer { extra in
                for byte in bytes[next...] { length += Int(extra[Int(byte)]) }
            }
            return String(unsafeUninitializedCapacity: length) { buffer in
                // From special byte to special byte, copying the text between them whole.
                var count = 0
                var position = 0
                while true {
                    let run = next - position
                    if run > 0 {
                        UnsafeMutableRawPointer(buffer.baseAddress! + count).copyMemory(from: bytes.baseAddress! + position, byteCount: run)
                        count += run
                    }
                    if next == bytes.count { break }
                    count = put(reference(for: bytes[next]), into: buffer, at: count)
                    position = next + 1
                    next = firstSpecial(in: bytes, from: position) ?? bytes.count
                }
                return count
            }
        }
        out += escaped ?? text
    }

    /// Appends UTF-8 `text`, escaped as ``escape(_:)`` escapes it, to `out`: the runs between
    /// special bytes are copied whole.
    static func append(utf8 text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var position = 0
        while let special = firstSpecial(in: text, from: position) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[position..<special]))
            let reference = reference(for: text[special])
            out.append(contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
            position = special + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[position...]))
    }

    /// The character reference that replaces a special byte (one ``isSpecial(_:)`` accepts).
    @inline(__always)
    static func reference(for special: UInt8) -> StaticString {
        switch special {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }

    /// How many bytes escaping adds for each byte value.
    private static let extraLength: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "&"), UInt8(ascii: "'"): 4
        case UInt8(ascii: "<"), UInt8(ascii: ">"): 3
        case UInt8(ascii: "\""): 5
        default: 0
        }
    }

    @inline(__always)
    private static func put(_ reference: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var count = start
        for index in 0..<reference.utf8CodeUnitCount {
            buffer[count] = reference.utf8Start[index]
            count += 1
        }
        return count
    }

    /// The offset of the first `&`, `'`, `<`, `>` or `"` from `start` on, if any. Eight bytes
    /// at a time: `&` and `'` (0x26, 0x27) differ in one bit, as do `<` and `>` (0x3C, 0x3E),
    /// so three zero-byte tests on masked words find all five.
    static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            if hasZeroByte((word & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x2626_2626_2626_2626)
                || hasZeroByte((word & 0xFDFD_FDFD_FDFD_FDFD) ^ 0x3C3C_3C3C_3C3C_3C3C)
                || hasZeroByte(word ^ 0x2222_2222_2222_2222) {
                break
            }
            index += 8
        }
        while index < bytes.count {
            if isSpecial(bytes[index]) { return index }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// `text` escaped for XML (sitemaps): the same five characters.
    public static func escapeXML(_ text: String) -> String { escape(text) }

    /// `text` as a JSON string literal, quotes included; control characters and `</` escaped
    /// so the result is also safe inside a `<script>` element.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``jsonString(_:)`` of `text` to UTF-8 bytes, working on bytes: the characters it
    /// escapes are ASCII but for U+2028 and U+2029 (`E2 80 A8`, `E2 80 A9`), and a `/` follows
    /// `<` exactly when the byte before it is `<`.
    public static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings (terms, titles) hold nothing to escape: copied whole.
            if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/") || $0 == 0xE2 }) {
                out.append(contentsOf: bytes)
                return
            }
            var previous: UInt8 = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                case UInt8(ascii: "/") where previous == UInt8(ascii: "<"): out += #"\/"#.utf8
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    out += (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    previous = bytes[index + 2]
                    index += 3
                    continue
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += #"\u00"#.utf8
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default:
                    out.append(byte)
                }
                previous = byte
                index += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
