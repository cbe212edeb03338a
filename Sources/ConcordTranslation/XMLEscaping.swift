import ConcordModel

/// The one definition of escaping for the XML Concord writes (XLIFF).
///
/// Every value that reaches an XLIFF document, as text or as an attribute, goes through
/// ``append(_:to:)`` (or ``escape(_:)``, the same as a string): `& < > " '` always, line ends
/// and tabs as character references, and the characters XML 1.0 cannot carry at all (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) as U+FFFD, since an
/// unescapable character would make the whole file unreadable to every tool.
public enum XMLEscaping {
    /// `text` safe in XML character data and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var text = text
        // Most values (words, ids, paths) have nothing to escape: one look over the bytes.
        if text.withUTF8({ !$0.contains(where: needsEscape) }) { return text }
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text`, escaped, to `out`: what the writers use, so that a document is built
    /// as bytes without a string per value.
    ///
    /// It works on UTF-8 bytes, which a `String` always holds valid: the escaped characters are
    /// ASCII, and U+FFFE/U+FFFF are the only characters encoded `EF BF BE`/`EF BF BF`.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            while i < bytes.count {
                // Eight bytes at a time while none may need escaping: most of a unit is words.
                if i + 8 <= bytes.count, let base = bytes.baseAddress, isPlain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let byte = bytes[i]
                guard needsEscape(byte) else { i += 1; continue }
                if byte == 0xEF {
                    // Only EF BF BE and EF BF BF are replaced; every other character starting EF is kept.
                    guard i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF else { i += 1; continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD] as [UInt8])
                    i += 3
                    runStart = i
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                reference(for: byte).withUTF8Buffer { out.append(contentsOf: $0) }
                i += 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    /// What an ASCII byte that needs escaping is written as.
    private static func reference(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&apos;"
        // Attribute values normalise line ends to spaces on reading; character references survive.
        case UInt8(ascii: "\n"): "&#10;"
        case UInt8(ascii: "\r"): "&#13;"
        case UInt8(ascii: "\t"): "&#9;"
        // Other C0 controls, which XML 1.0 cannot carry.
        default: "\u{FFFD}"
        }
    }

    /// Whether none of the eight bytes of `word` needs escaping (``WordFlags``: a word may be
    /// flagged though it is fine, and then goes byte by byte).
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let flagged = WordFlags.controls(in: word)
            | WordFlags.bytes(of: word, equalTo: UInt8(ascii: "&")) | WordFlags.bytes(of: word, equalTo: UInt8(ascii: "<"))
            | WordFlags.bytes(of: word, equalTo: UInt8(ascii: ">")) | WordFlags.bytes(of: word, equalTo: UInt8(ascii: "\""))
            | WordFlags.bytes(of: word, equalTo: UInt8(ascii: "'")) | WordFlags.bytes(of: word, equalTo: 0xEF)
        return flagged == 0
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
