import ConcordModel

/// Writes a ``Handoff`` as a gettext PO file, for Weblate, Pootle and other PO tools: one entry
/// per unit, `msgctxt` its id, `#.` its notes and codes, `#|` the earlier source of a changed unit.
///
/// Codes are numbered tokens: `{1}` for a code standing alone, `{1}…{/1}` around text a code
/// encloses; a `{` of the text is written `{{`. The header says so for the translator.
public enum POWriter {
    /// The document.
    public static func document(_ handoff: Handoff) -> String {
        var out = header(sourceLocale: handoff.sourceLocale, targetLocale: handoff.targetLocale)
        for body in parallelMap(handoff.files, body(of:)) { out += body }
        return String(decoding: out, as: UTF8.self)
    }

    /// The header comments and the header entry.
    static func header(sourceLocale: String, targetLocale: String) -> [UInt8] {
        Array("""
            # Concord translation handoff: \(oneLine(sourceLocale)) to \(oneLine(targetLocale)).
            # Each entry is one unit of an article; msgctxt is its id (path#section/containers).
            # Placeholders stand for Markdown the translation keeps: {1} alone is inline code, an include,
            # an anchor; {1}text{/1} is a link's or an image's text, bold or italic text. Keep every
            # placeholder and its pair; move them where the sentence needs them. A literal { is {{.
            msgid ""
            msgstr ""
            "Project-Id-Version: Concord translation handoff\\n"
            "Language: \(escape(targetLocale.replacingHyphens()))\\n"
            "MIME-Version: 1.0\\n"
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Content-Transfer-Encoding: 8bit\\n"
            "X-Concord-Source-Language: \(escape(sourceLocale))\\n"


            """.utf8)
    }

    /// The entries of one file's units, in order.
    static func body(of file: Handoff.File) -> [UInt8] {
        var out = [UInt8].forUnits(file.units.count)
        for unit in file.units { write(unit, path: file.path, to: &out) }
        return out
    }

    private static func write(_ unit: Handoff.Unit, path: String, to out: inout [UInt8]) {
        let source = unit.source
        for note in source.notes { comment(".", note, to: &out) }
        for code in source.content.codes {
            out.add("#. {")
            out.add(code.id)
            out.add("}: ")
            addOneLine(code.start, to: &out)
            if let end = code.end {
                out.add("…")
                addOneLine(end, to: &out)
            }
            out.add("\n")
        }
        out.add("#: ")
        addOneLine(path, to: &out)
        out.add(":")
        out.add(source.line)
        out.add("\n")
        var msgstr = unit.target
        if let candidate = unit.candidate {
            out.add("#, fuzzy\n")
            if let previous = candidate.previousSource, previous != source.content {
                out.add("#| msgctxt \"")
                addContext(path, source.id, to: &out)
                out.add("\"\n#| msgid \"")
                addTokens(previous, to: &out)
                out.add("\"\n")
            }
            msgstr = candidate.target
        }
        out.add("msgctxt \"")
        addContext(path, source.id, to: &out)
        out.add("\"\nmsgid \"")
        addTokens(source.content, to: &out)
        out.add("\"\nmsgstr \"")
        if let msgstr { addTokens(msgstr, to: &out) }
        out.add("\"\n\n")
    }

    /// A `#` comment line of `kind` (`.` for notes).
    private static func comment(_ kind: String, _ text: String, to out: inout [UInt8]) {
        out.add("#")
        out.add(kind)
        out.add(" ")
        addOneLine(text, to: &out)
        out.add("\n")
    }

    /// The unit's id with its article, escaped: `path#id`.
    private static func addContext(_ path: String, _ id: String, to out: inout [UInt8]) {
        addEscaped(path, to: &out)
        out.add("#")
        addEscaped(id, to: &out)
    }

    /// The content with codes as `{n}`, `{/n}` tokens and `{` as `{{`.
    public static func tokens(_ content: InlineContent) -> String {
        var out: [UInt8] = []
        addTokens(content, escaped: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``tokens(_:)``, escaped for a PO string unless `escaped` is false.
    private static func addTokens(_ content: InlineContent, escaped: Bool = true, to out: inout [UInt8]) {
        for piece in content.pieces {
            switch piece {
            case .text(let text):
                // `{` doubled, then escaped: neither changes what the other sees.
                add(text, doublingBraces: true, escaped: escaped, to: &out)
            case .open(let id), .placeholder(let id):
                out.add("{")
                out.add(id)
                out.add("}")
            case .close(let id):
                out.add("{/")
                out.add(id)
                out.add("}")
            }
        }
    }

    /// A PO string's contents: `\` `"` and control characters escaped.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        addEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``escape(_:)`` appended to `out`.
    private static func addEscaped(_ text: String, to out: inout [UInt8]) {
        add(text, doublingBraces: false, escaped: true, to: &out)
    }

    /// `text` appended to `out`, with `{` as `{{` and PO's escapes as asked. On UTF-8 bytes,
    /// copying the runs between bytes that change: every byte that changes is ASCII.
    private static func add(_ text: String, doublingBraces: Bool, escaped: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (i, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "{") where doublingBraces: replacement = "{{"
                case UInt8(ascii: "\\") where escaped: replacement = "\\\\"
                case UInt8(ascii: "\"") where escaped: replacement = "\\\""
                case UInt8(ascii: "\n") where escaped: replacement = "\\n"
                case UInt8(ascii: "\t") where escaped: replacement = "\\t"
                case UInt8(ascii: "\r") where escaped: replacement = "\\r"
                case ..<0x20 where escaped: replacement = "\u{FFFD}"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// A comment's text on one line: control characters as spaces.
    private static func oneLine(_ text: String) -> String {
        var out: [UInt8] = []
        addOneLine(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func addOneLine(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: text.utf8)
        for i in start..<out.count where out[i] < 0x20 { out[i] = 0x20 }
    }
}

extension String {
    fileprivate func replacingHyphens() -> String {
        split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_")
    }
}
