/// Code as a translation check compares it: comments removed and white space normalised.
///
/// Code is not translated, but its comments often are (`# Obtenir les processus`), and
/// translators reflow white space; neither is drift. The scanner works on UTF-8 bytes and knows
/// comment syntax, not languages: `#` and `//` line comments, `<# #>`, `/* */` and `<!-- -->`
/// blocks, and `'` line comments in Visual Basic. Erring towards treating text as a comment keeps
/// the check quiet; a real change to code almost always touches code outside comments too.
struct CodeText {
    /// One line of code that is left once comments are removed.
    struct Line: Equatable {
        /// The normalised text: comments removed, white space runs folded to one space, ends trimmed.
        var text: String
        /// The 0-based index of the line in the block.
        var index: Int

        static func == (lhs: Line, rhs: Line) -> Bool { lhs.text == rhs.text }
    }

    /// The lines that hold code, in order.
    let lines: [Line]

    /// Reads a code block; `language` is the first word of its info string, if any.
    init(_ code: String, language: String?) {
        let basic = language.map { ["vb", "vbnet", "vb.net", "vbscript", "vba"].contains($0.lowercased()) } ?? false
        var scanner = Scanner(apostropheComments: basic)
        var lines: [Line] = []
        var index = 0
        var current: [UInt8] = []
        for byte in code.utf8 {
            if byte == 0x0A {
                if let text = scanner.line(current) { lines.append(Line(text: text, index: index)) }
                current.removeAll(keepingCapacity: true)
                index += 1
            } else {
                current.append(byte)
            }
        }
        if let text = scanner.line(current) { lines.append(Line(text: text, index: index)) }
        self.lines = lines
    }

    /// Carries block-comment state from line to line.
    private struct Scanner {
        let apostropheComments: Bool
        /// The bytes that close the block comment we are in, if any.
        var closing: [UInt8]? = nil

        /// The normalised code of one line, or `nil` when nothing but comments and blanks is left.
        mutating func line(_ bytes: [UInt8]) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var quote: UInt8? = nil
            var i = 0
            let n = bytes.count
            func at(_ j: Int, _ pattern: [UInt8]) -> Bool {
                guard j + pattern.count <= n else { return false }
                for k in 0..<pattern.count where bytes[j + k] != pattern[k] { return false }
                return true
            }
            while i < n {
                if let close = closing {
                    if at(i, close) { closing = nil; i += close.count; out.append(0x20) } else { i += 1 }
                    continue
                }
                let byte = bytes[i]
                if let q = quote {
                    out.append(byte)
                    if byte == q { quote = nil }
                    i += 1
                    continue
                }
                let startOfWord = i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 || bytes[i - 1] == UInt8(ascii: ";")
                if at(i, Self.psOpen) { closing = Self.psClose; i += 2; continue }
                if at(i, Self.cOpen) { closing = Self.cClose; i += 2; continue }
                if at(i, Self.xmlOpen) { closing = Self.xmlClose; i += 4; continue }
                if startOfWord, byte == UInt8(ascii: "#") { break }
                if startOfWord, at(i, Self.slashes) { break }
                if apostropheComments, byte == UInt8(ascii: "'") {
                    if startOfWord { break }
                }
                if byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "'") && !apostropheComments) { quote = byte }
                out.append(byte)
                i += 1
            }
            return Self.normalized(out)
        }

        static let psOpen = Array("<#".utf8), psClose = Array("#>".utf8)
        static let cOpen = Array("/*".utf8), cClose = Array("*/".utf8)
        static let xmlOpen = Array("<!--".utf8), xmlClose = Array("-->".utf8)
        static let slashes = Array("//".utf8)

        /// Folds runs of white space into one space and trims the ends. Besides spaces, tabs and a
        /// stray carriage return, this folds the Unicode spaces editors slip into code
        /// (U+00A0, U+2000–U+200A, U+202F, U+3000): the source often has one where the translation does not.
        static func normalized(_ bytes: [UInt8]) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pending = false
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                let width = spaceWidth(bytes, i)
                if width > 0 {
                    pending = !out.isEmpty
                    i += width
                    continue
                }
                if pending { out.append(0x20) }
                pending = false
                out.append(byte)
                i += 1
            }
            return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
        }

        /// The length in bytes of the white-space character at `i`, or 0.
        private static func spaceWidth(_ b: [UInt8], _ i: Int) -> Int {
            switch b[i] {
            case 0x20, 0x09, 0x0D: return 1
            case 0xC2: return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0
            case 0xE2:
                guard i + 2 < b.count, b[i + 1] == 0x80 else { return 0 }
                return (0x80...0x8A).contains(b[i + 2]) || b[i + 2] == 0xAF ? 3 : 0
            case 0xE3: return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0
            default: return 0
            }
        }
    }
}
