/// The one definition of escaping for the XML Concord writes (XLIFF).
///
/// Every value that reaches an XLIFF document, as text or as an attribute, goes through
/// ``escape(_:)``: `& < > " '` always, and the characters XML 1.0 cannot carry at all (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) as U+FFFD, since an
/// unescapable character would make the whole file unreadable to every tool.
public enum XMLEscaping {
    /// `text` safe in XML character data and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        // Most values (words, ids, paths) have nothing to escape: one look over the bytes.
        var text = text
        let clean = text.withUTF8 { bytes in !bytes.contains(where: needsEscape) }
        if clean { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += Array("&amp;".utf8)
            case "<": out += Array("&lt;".utf8)
            case ">": out += Array("&gt;".utf8)
            case "\"": out += Array("&quot;".utf8)
            case "'": out += Array("&apos;".utf8)
            // Attribute values normalise line ends to spaces on reading; character references survive.
            case "\n": out += Array("&#10;".utf8)
            case "\r": out += Array("&#13;".utf8)
            case "\t": out += Array("&#9;".utf8)
            default:
                let kept: Unicode.Scalar = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar
                UTF8.encode(kept) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a byte may need escaping: the five, a control character, or the lead byte of
    /// U+FFFE and U+FFFF (EF BF BE/BF; other characters starting EF are kept as they are).
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
        default: byte < 0x20
        }
    }
}
