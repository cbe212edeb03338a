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
    /// at a time (see ``specialFlags(_:)``); the last few with a word that ends at the text's
    /// end, its bytes before `start` shifted out.
    static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        while index &+ 8 <= bytes.count {
            let flags = specialFlags(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
            if flags != 0 { return index &+ flags.trailingZeroBitCount &>> 3 }
            index &+= 8
        }
        guard index < bytes.count else { return nil }
        if bytes.count >= 8 {
            // Shifted out, the bytes before `index` come in as zeros at the top, which are not special.
            let skipped = index - (bytes.count - 8)
            let word = UInt64(littleEndian: UnsafeRawPointer(base + bytes.count - 8).loadUnaligned(as: UInt64.self)) &>> (skipped &* 8)
            let flags = specialFlags(word)
            return flags == 0 ? nil : index &+ flags.trailingZeroBitCount &>> 3
        }
        while index < bytes.count {
            if isSpecial(bytes[index]) { return index }
            index &+= 1
        }
        return nil
    }

    /// A word with the high bit set in each of the eight bytes (in memory order, low byte
    /// first) of `word` that is `&`, `'`, `<`, `>` or `"`, and perhaps in bytes after such a
    /// one: the lowest bit set marks the first special byte.
    ///
    /// `&` and `'` (0x26, 0x27) differ in one bit, as do `<` and `>` (0x3C, 0x3E), so three
    /// masked words hold a zero byte where the five are. A zero byte borrows from the high bit
    /// when one is subtracted from each byte; the borrow carries only towards higher bytes, so
    /// a flag below the first true one is impossible. Bytes of 0x80 and up never flag.
    @inline(__always)
    static func specialFlags(_ word: UInt64) -> UInt64 {
        @inline(__always) func zeroBytes(_ word: UInt64) -> UInt64 {
            (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
        }
        return zeroBytes((word & 0xFEFE_FEFE_FEFE_FEFE) ^ 0x2626_2626_2626_2626)
            | zeroBytes((word & 0xFDFD_FDFD_FDFD_FDFD) ^ 0x3C3C_3C3C_3C3C_3C3C)
            | zeroBytes(word ^ 0x2222_2222_2222_2222)
    }

    /// Whether any of sixteen bytes, two words, is `&`, `'`, `<`, `>` or `"`: the test of
    /// ``specialFlags(_:)`` on both words at once, by vector instructions.
    @inline(__always)
    static func hasSpecial(_ block: SIMD2<UInt64>) -> Bool {
        @inline(__always) func zeroBytes(_ block: SIMD2<UInt64>) -> SIMD2<UInt64> {
            (block &- SIMD2(repeating: 0x0101_0101_0101_0101)) & ~block & SIMD2(repeating: 0x8080_8080_8080_8080)
        }
        let flags = zeroBytes((block & SIMD2(repeating: 0xFEFE_FEFE_FEFE_FEFE)) ^ SIMD2(repeating: 0x2626_2626_2626_2626))
            | zeroBytes((block & SIMD2(repeating: 0xFDFD_FDFD_FDFD_FDFD)) ^ SIMD2(repeating: 0x3C3C_3C3C_3C3C_3C3C))
            | zeroBytes(block ^ SIMD2(repeating: 0x2222_2222_2222_2222))
        return flags.x | flags.y != 0
    }

    /// Whether `byte` is one of the five: all are below 64, so one bit each of a constant.
    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        // Bits 0x22 (`"`), 0x26 (`&`), 0x27 (`'`), 0x3C (`<`) and 0x3E (`>`).
        let specialBits: UInt64 = 0x5000_00C4_0000_0000
        return byte < 64 && (specialBits &>> UInt64(byte)) & 1 != 0
    }

    /// ``reference(for:)`` as the bytes of a little-endian word, the first in its lowest byte,
    /// and their count: stored as one word where there is room for eight bytes.
    @inline(__always)
    static func referenceWord(for special: UInt8) -> (bytes: UInt64, count: Int) {
        switch special {
        case UInt8(ascii: "&"): (0x3B_70_6D_61_26, 5) // &amp;
        case UInt8(ascii: "<"): (0x3B_74_6C_26, 4) // &lt;
        case UInt8(ascii: ">"): (0x3B_74_67_26, 4) // &gt;
        case UInt8(ascii: "\""): (0x3B_74_6F_75_71_26, 6) // &quot;
        default: (0x3B_39_33_23_26, 5) // &#39;
        }
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
