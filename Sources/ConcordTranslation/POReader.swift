/// Reads a translated PO file (as ``POWriter`` writes it) into what import reads of XLIFF: each
/// entry's `msgctxt` names its unit, its `msgstr` is the target with `{n}`/`{/n}` tokens for the
/// codes. A fuzzy entry or an empty `msgstr` has no target. The codes' markup is the source's.
enum POReader {
    /// Reads `bytes`.
    static func read(_ bytes: [UInt8]) throws(XLIFFInput.Failure) -> XLIFFInput {
        var input = XLIFFInput()
        var files: [String: Int] = [:]
        for entry in try entries(String(decoding: bytes, as: UTF8.self)) {
            if entry.context == nil, entry.id.isEmpty {
                for line in entry.string.split(separator: "\n") {
                    if line.hasPrefix("Language: ") { input.targetLocale = String(line.dropFirst(10)).replacingUnderscores() }
                    if line.hasPrefix("X-Concord-Source-Language: ") { input.sourceLocale = String(line.dropFirst(27)) }
                }
                continue
            }
            guard let context = entry.context else { continue }
            let path = context.split(separator: "#", maxSplits: 1).first.map(String.init) ?? context
            if files[path] == nil {
                files[path] = input.files.count
                input.files.append(XLIFFInput.File(original: path))
            }
            let target = entry.fuzzy || entry.string.isEmpty ? nil : events(entry.string)
            input.files[files[path]!].units.append(XLIFFInput.Unit(id: context, name: context, data: [:], target: target))
        }
        return input
    }

    /// `msgstr` as events: text, `{n}` as a token, `{/n}` as its close, `{{` as `{`.
    static func events(_ text: String) -> [XLIFFInput.Event] {
        var events: [XLIFFInput.Event] = []
        var pending = ""
        var rest = Substring(text)
        while let brace = rest.firstIndex(of: "{") {
            pending += rest[..<brace]
            rest = rest[rest.index(after: brace)...]
            if rest.first == "{" {
                pending += "{"
                rest = rest.dropFirst()
                continue
            }
            guard let close = rest.firstIndex(of: "}") else { pending += "{"; continue }
            let token = rest[..<close]
            let closing = token.hasPrefix("/")
            let number = closing ? token.dropFirst() : token
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { pending += "{"; continue }
            if !pending.isEmpty { events.append(.text(pending)); pending = "" }
            events.append(closing ? .tokenClose(id: String(number)) : .token(id: String(number)))
            rest = rest[rest.index(after: close)...]
        }
        pending += rest
        if !pending.isEmpty { events.append(.text(pending)) }
        return events
    }

    private struct Entry {
        var hasContext = false
        var contextText = ""
        var context: String? { hasContext ? contextText : nil }
        var id = ""
        var string = ""
        var fuzzy = false
    }

    /// The entries of a PO file: `msgctxt`, `msgid`, `msgstr` with their continuation lines, and the fuzzy flag.
    private static func entries(_ text: String) throws(XLIFFInput.Failure) -> [Entry] {
        var entries: [Entry] = []
        var entry = Entry()
        var field: WritableKeyPath<Entry, String>?
        var started = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.hasPrefix("#,") {
                if started { entries.append(entry); entry = Entry(); started = false }
                entry.fuzzy = line.contains("fuzzy")
                continue
            }
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { field = nil; continue }
            let keyword = line.prefix { $0 != " " }
            switch keyword {
            case "msgctxt":
                if started { entries.append(entry); entry = Entry() }
                started = true
                entry.hasContext = true
            case "msgid":
                // A msgid without a msgctxt before it starts an entry of its own (the header).
                if started, !entry.hasContext || !entry.id.isEmpty || !entry.string.isEmpty { entries.append(entry); entry = Entry() }
                started = true
            case "msgstr": break
            default:
                guard line.hasPrefix("\""), let field else { throw XLIFFInput.Failure(description: "line \(index + 1): not PO (\(line.prefix(40)))") }
                entry[keyPath: field] += try unquote(line, line: index + 1)
                continue
            }
            let value = try unquote(line.dropFirst(keyword.count).drop { $0 == " " }, line: index + 1)
            switch keyword {
            case "msgctxt": entry.contextText = value; field = \.contextText
            case "msgid": entry.id = value; field = \.id
            default: entry.string = value; field = \.string
            }
        }
        if started { entries.append(entry) }
        return entries
    }

    /// A quoted PO string's value: `\\`, `\"`, `\n`, `\t`, `\r` read.
    private static func unquote(_ quoted: Substring, line: Int) throws(XLIFFInput.Failure) -> String {
        guard quoted.count >= 2, quoted.hasPrefix("\""), quoted.hasSuffix("\"") else {
            throw XLIFFInput.Failure(description: "line \(line): not a quoted PO string")
        }
        var out = ""
        var escaped = false
        for character in quoted.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        split(separator: "_", omittingEmptySubsequences: false).joined(separator: "-")
    }
}
