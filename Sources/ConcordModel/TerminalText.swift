/// Text from content made safe to print on a terminal or in a CI log.
///
/// A link destination or a file name can hold a newline (`&#10;` in Markdown), which would
/// start a line of its own — GitHub Actions runs a line beginning `::error` as a workflow
/// command — or an escape sequence that moves the cursor and rewrites earlier lines. Those
/// characters are shown as Swift writes them in a string literal (`\n`, `\u{1B}`), so the
/// reader sees what the content holds.
public enum TerminalText {
    /// `text` with control characters, C1 controls and bidirectional formatting characters
    /// written as escapes; everything else as it is.
    public static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsQuoting) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsQuoting(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// C0 controls, DEL, C1 controls (U+009B is a one-byte escape on some terminals), and the
    /// bidirectional embeddings, overrides and isolates that reorder what a reader sees.
    static func needsQuoting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
