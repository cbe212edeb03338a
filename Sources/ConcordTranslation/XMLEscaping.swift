/// The one definition of escaping for the XML Concord writes (XLIFF).
///
/// Every value that reaches an XLIFF document, as text or as an attribute, goes through
/// ``escape(_:)``: `& < > " '` always, and the characters XML 1.0 cannot carry at all (C0
/// controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) as U+FFFD, since an
/// unescapable character would make the whole file unreadable to every tool.
public enum XMLEscaping {
    /// `text` safe in XML character data and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Attribute values normalise line ends to spaces on reading; character references survive.
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
