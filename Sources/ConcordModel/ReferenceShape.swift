import ConcordMarkdown

/// Reference-link syntax that cmark does not keep: definitions (consumed by the parser)
/// and reference-shaped text whose label matched no definition (left as literal text).
enum ReferenceShape {
    struct Match {
        var text: String
        var label: String
        /// Byte offset of the match in the text node.
        var offset: Int
    }

    /// `[label][]` and `[text][label]` in a text run.
    static func matches(in literal: String) -> [Match] {
        let b = Array(literal.utf8)
        var result: [Match] = []
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "["), let close1 = closing(b, from: i + 1),
                  close1 + 1 < b.count, b[close1 + 1] == UInt8(ascii: "["),
                  let close2 = closing(b, from: close1 + 2)
            else { i += 1; continue }
            // `$table[0][1]`, `[int][char]'A'`, `[Math][Type]::Pi`: indexing and casts written
            // outside code, not links. Only ASCII counts: CJK text puts links against letters.
            if isCodeBefore(b, i) || isCodeAfter(b, close2 + 1) { i = close2 + 1; continue }
            let first = String(decoding: b[(i + 1)..<close1], as: UTF8.self)
            let second = String(decoding: b[(close1 + 2)..<close2], as: UTF8.self)
            let label = second.isEmpty ? first : second
            if !label.allSatisfy(\.isWhitespace), !first.isEmpty {
                result.append(Match(text: String(decoding: b[i...close2], as: UTF8.self), label: label, offset: i))
            }
            i = close2 + 1
        }
        return result
    }

    /// Whether the byte before `index` continues an expression (`a[`, `$x[`, `)[`, `][`).
    private static func isCodeBefore(_ b: [UInt8], _ index: Int) -> Bool {
        guard index > 0 else { return false }
        let c = b[index - 1]
        return isASCIIWordByte(c) || c == UInt8(ascii: "$") || c == UInt8(ascii: ")") || c == UInt8(ascii: "]")
    }

    /// Whether the bytes from `index` continue an expression (`]'A'`, `]$x`, `][`, `]::`, `]x`).
    /// A double quote does not: `"[title][]"` is a quoted link.
    private static func isCodeAfter(_ b: [UInt8], _ index: Int) -> Bool {
        guard index < b.count else { return false }
        let c = b[index]
        if c == UInt8(ascii: ":") { return index + 1 < b.count && b[index + 1] == UInt8(ascii: ":") }
        return isASCIIWordByte(c) || c == UInt8(ascii: "$") || c == UInt8(ascii: "[") || c == UInt8(ascii: "'")
    }

    private static func isASCIIWordByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    /// The index of the `]` closing a bracket opened just before `start`; no nesting, no line breaks.
    private static func closing(_ b: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "]"): return i
            case UInt8(ascii: "["), UInt8(ascii: "\n"): return nil
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return nil
    }

    /// Definitions (`[label]: destination`) on lines outside code and HTML blocks.
    static func definitions(in lines: ReferenceDefinitionLines) -> [ReferenceDefinition] {
        lines.entries.map { entry in
            // On bytes: a destination ends at a space or a tab, whatever combines with it.
            let rest = entry.rest.utf8.drop { $0 == 0x20 || $0 == 0x09 }
            var destination = String(Substring(rest.prefix { $0 != 0x20 && $0 != 0x09 }))
            if destination.hasPrefix("<"), destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
            return ReferenceDefinition(label: entry.label, destination: destination, line: entry.line)
        }
    }

    /// Labels match case-insensitively with runs of white space folded, as CommonMark says.
    static func normalise(_ label: String) -> String {
        label.lowercased().collapsingWhitespace()
    }
}
