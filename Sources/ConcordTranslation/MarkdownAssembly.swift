import ConcordCheck
import ConcordModel

/// Writes a translated article: the source file with each unit's text replaced by its target's
/// Markdown, everything between the units (code blocks, list markers, table pipes, blank lines)
/// as the source has it, and the front matter carried over with `title` and `description`
/// translated, `ms.contentlocale` set and `source-hash` stamped.
enum MarkdownAssembly {
    /// The file's bytes, and the line each unit starts on in it.
    static func assemble(_ article: SegmentedArticle, targets: [String: InlineContent], locale: String, sourceHash: String) -> (bytes: [UInt8], lines: [String: Int]) {
        var head = article.head
        for unit in article.units {
            guard case .frontMatter(let key) = unit.place, let target = targets[unit.id] else { continue }
            if target.text != unit.content.text { head = FrontMatterEdit.set(key, to: target.text, in: head) }
        }
        if article.article.metadata.contentLocale != locale {
            head = FrontMatterEdit.set("ms.contentlocale", to: locale, in: head)
        }
        head = (try? SourceHashStamp.stamped(head, hash: sourceHash)) ?? head

        var body: [UInt8] = []
        body.reserveCapacity(article.body.count + article.body.count / 4)
        var starts: [(id: String, offset: Int)] = []
        var position = 0
        for unit in article.units {
            guard case .body(let span) = unit.place, span.lowerBound >= position else { continue }
            body += article.body[position..<span.lowerBound]
            starts.append((unit.id, body.count))
            body += Array((targets[unit.id] ?? unit.content).markdown.utf8)
            position = span.upperBound
        }
        body += article.body[position...]

        // Lines from the assembled bytes: a target's hard break adds a line, a soft one removes one.
        let headLines = head.count { $0 == 0x0A }
        var lines: [String: Int] = [:]
        var line = headLines + 1
        var scanned = 0
        for (id, offset) in starts {
            line += body[scanned..<offset].count { $0 == 0x0A }
            scanned = offset
            lines[id] = line
        }
        for unit in article.units where lines[unit.id] == nil { lines[unit.id] = unit.line }
        return (head + body, lines)
    }
}

/// Sets top-level front-matter keys, line by line, leaving every other line as it is.
enum FrontMatterEdit {
    /// `head` (the front matter with its fences, or nothing) with `key: value`: the key's line
    /// (and the lines that continue its value) replaced, or a line added before the closing fence.
    static func set(_ key: String, to value: String, in head: [UInt8]) -> [UInt8] {
        let line = Array("\(key): \(yamlScalar(value))".utf8)
        guard !head.isEmpty else { return Array("---\n".utf8) + line + Array("\n---\n".utf8) }
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count >= 2 else { return head }
        let prefix = Array("\(key):".utf8)
        if let index = lines.indices.dropFirst().dropLast().first(where: { lines[$0].starts(with: prefix) }) {
            var end = index + 1
            while end < lines.count - 1, let first = lines[end].first, first == 0x20 || first == 0x09 { end += 1 }
            lines.replaceSubrange(index..<end, with: [line])
        } else {
            lines.insert(line, at: lines.count - 1)
        }
        return Array(lines.joined(separator: [0x0A])) + [0x0A]
    }

    /// `value` as a YAML scalar: plain where YAML reads it back as the same string, else double-quoted.
    static func yamlScalar(_ value: String) -> String {
        let special: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let plain = !value.isEmpty && !special.contains(value.first!) && !value.contains(": ") && !value.contains(" #")
            && value.first != " " && value.last != " " && !value.hasSuffix(":")
            && !reserved.contains(value.lowercased()) && Double(value) == nil
            && !value.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" }
        if plain { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(scalar.value, radix: 16).leftPadded(2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
