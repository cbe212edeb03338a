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
    static func definitions(in document: MarkdownDocument) -> [ReferenceDefinition] {
        let source = document.source
        var excluded: [ClosedRange<Int>] = []
        for index in document.nodes.indices where document[index].kind == .codeBlock || document[index].kind == .htmlBlock {
            if let r = document[index].range { excluded.append(r.start.line...r.end.line) }
        }
        var result: [ReferenceDefinition] = []
        var nextExcluded = 0
        source.bytes.withUnsafeBufferPointer { bytes in
            for (lineIndex, lineStart) in source.lineStarts.enumerated() {
                // Up to three spaces, then `[`: the first bytes of a line rule out nearly all of them.
                // A line break is neither, so the look stays within the line.
                var i = lineStart
                var indent = 0
                while i < bytes.count, bytes[i] == 0x20, indent < 4 { i += 1; indent += 1 }
                guard indent < 4, i < bytes.count, bytes[i] == UInt8(ascii: "[") else { continue }
                let line = source.firstLine + lineIndex
                while nextExcluded < excluded.count, excluded[nextExcluded].upperBound < line { nextExcluded += 1 }
                if nextExcluded < excluded.count, excluded[nextExcluded].contains(line) { continue }
                let end = lineIndex + 1 < source.lineStarts.count ? source.lineStarts[lineIndex + 1] - 1 : bytes.count
                var j = i + 1
                while j < end, bytes[j] != UInt8(ascii: "]") {
                    if bytes[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                guard j + 1 < end, bytes[j + 1] == UInt8(ascii: ":"), j > i + 1 else { continue }
                let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
                guard !label.hasPrefix("!") else { continue }
                var k = j + 2
                while k < end, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
                var stop = k
                while stop < end, bytes[stop] != 0x20, bytes[stop] != 0x09 { stop += 1 }
                var destination = String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<stop]), as: UTF8.self)
                if destination.hasPrefix("<"), destination.hasSuffix(">") { destination = String(destination.dropFirst().dropLast()) }
                result.append(ReferenceDefinition(label: label, destination: destination, line: line))
            }
        }
        return result
    }

    /// Labels match case-insensitively with runs of white space folded, as CommonMark says.
    static func normalise(_ label: String) -> String {
        label.lowercased().collapsingWhitespace()
    }
}
