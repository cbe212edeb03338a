/// A fast path for the front matter nearly every docs article has: one `key: value` per line,
/// scalars only. Anything else — nesting, lists, block or flow scalars, escapes, anchors, tags,
/// comments after values, repeated keys — returns `nil`, and Yams reads the text instead.
///
/// libyaml builds a full event stream and node graph for five lines of text; on 2,600 articles
/// that was a tenth of the time to model them.
enum FlatFrontMatter {
    static func parse(_ yaml: String, firstLine: Int) -> Metadata? {
        var entries: [MetadataEntry] = []
        var seen: Set<Substring> = []
        var lineNumber = firstLine - 1
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingTrailingSpaces
            guard let first = line.utf8.first else { continue }
            if first == UInt8(ascii: "#") { continue }
            // Keys start in column 1 and use the characters docs keys use.
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            // Keys may hold inner spaces (`external help file`), as plain YAML scalars do.
            guard !key.isEmpty, key.utf8.first != 0x20, key.utf8.last != 0x20,
                  key.utf8.allSatisfy({ isKeyByte($0) || $0 == 0x20 }), seen.insert(key).inserted else { return nil }
            let afterColon = line[line.index(after: colon)...]
            if let next = afterColon.utf8.first, next != UInt8(ascii: " "), next != UInt8(ascii: "\t") { return nil }
            guard let value = scalar(afterColon.trimmingLeadingSpaces) else { return nil }
            entries.append(MetadataEntry(key: String(key), value: .string(value), line: lineNumber))
        }
        return Metadata(entries: entries)
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// The value of a one-line scalar, or `nil` when YAML would read it as anything but plain text.
    private static func scalar(_ text: Substring) -> String? {
        guard let first = text.first else { return "" }
        switch first {
        case "\"":
            guard text.count >= 2, text.last == "\"" else { return nil }
            let inner = text.dropFirst().dropLast()
            guard !inner.contains("\""), !inner.contains("\\") else { return nil }
            return String(inner)
        case "'":
            guard text.count >= 2, text.last == "'" else { return nil }
            let inner = text.dropFirst().dropLast()
            var out = ""
            var index = inner.startIndex
            while index < inner.endIndex {
                let character = inner[index]
                if character == "'" {
                    let next = inner.index(after: index)
                    guard next < inner.endIndex, inner[next] == "'" else { return nil }
                    out.append("'")
                    index = inner.index(after: next)
                } else {
                    out.append(character)
                    index = inner.index(after: index)
                }
            }
            return out
        case "[", "]", "{", "}", ">", "|", "*", "&", "!", "%", "@", "`", ",", "#":
            return nil
        case "-", "?", ":":
            if text.count == 1 || text.dropFirst().first == " " { return nil }
        default:
            break
        }
        // A plain scalar: no mapping indicator or comment inside, no trailing colon.
        if text.contains(": ") || text.contains(" #") || text.contains("\t#") || text.last == ":" { return nil }
        return String(text)
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }

    fileprivate var trimmingLeadingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        return s
    }
}
