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
    public static func append(_ text: String, to out: inout String) {
        let utf8 = text.utf8
        let needsWork = utf8.withContiguousStorageIfAvailable { buffer in
            buffer.contains(where: isSpecial)
        } ?? utf8.contains(where: isSpecial)
        guard needsWork else {
            out += text
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += Array("&amp;".utf8)
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
            case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
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
