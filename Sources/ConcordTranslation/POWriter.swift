/// Writes a ``Handoff`` as a gettext PO file, for Weblate, Pootle and other PO tools: one entry
/// per unit, `msgctxt` its id, `#.` its notes and codes, `#|` the earlier source of a changed unit.
///
/// Codes are numbered tokens: `{1}` for a code standing alone, `{1}…{/1}` around text a code
/// encloses; a `{` of the text is written `{{`. The header says so for the translator.
public enum POWriter {
    /// The document.
    public static func document(_ handoff: Handoff) -> String {
        var out = """
            # Concord translation handoff: \(oneLine(handoff.sourceLocale)) to \(oneLine(handoff.targetLocale)).
            # Each entry is one unit of an article; msgctxt is its id (path#section/containers).
            # Placeholders stand for Markdown the translation keeps: {1} alone is inline code, an include,
            # an anchor; {1}text{/1} is a link's or an image's text, bold or italic text. Keep every
            # placeholder and its pair; move them where the sentence needs them. A literal { is {{.
            msgid ""
            msgstr ""
            "Project-Id-Version: Concord translation handoff\\n"
            "Language: \(escape(handoff.targetLocale.replacingHyphens()))\\n"
            "MIME-Version: 1.0\\n"
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Content-Transfer-Encoding: 8bit\\n"
            "X-Concord-Source-Language: \(escape(handoff.sourceLocale))\\n"


            """
        for file in handoff.files {
            for unit in file.units { write(unit, path: file.path, sourceHash: file.sourceHash, to: &out) }
        }
        return out
    }

    private static func write(_ unit: Handoff.Unit, path: String, sourceHash: String, to out: inout String) {
        let source = unit.source
        for note in source.notes { out += "#. \(oneLine(note))\n" }
        for code in source.content.codes {
            let markup = code.end.map { "\(code.start)…\($0)" } ?? code.start
            out += "#. {\(code.id)}: \(oneLine(markup))\n"
        }
        out += "#: \(oneLine(path)):\(source.line)\n"
        let context = source.qualifiedID(path: path)
        var msgstr = unit.target.map(tokens) ?? ""
        if let candidate = unit.candidate {
            out += "#, fuzzy\n"
            if let previous = candidate.previousSource, previous != source.content {
                out += "#| msgctxt \"\(escape(context))\"\n#| msgid \"\(escape(tokens(previous)))\"\n"
            }
            msgstr = tokens(candidate.target)
        }
        out += "msgctxt \"\(escape(context))\"\nmsgid \"\(escape(tokens(source.content)))\"\nmsgstr \"\(escape(msgstr))\"\n\n"
    }

    /// The content with codes as `{n}`, `{/n}` tokens and `{` as `{{`.
    public static func tokens(_ content: InlineContent) -> String {
        var out = ""
        for piece in content.pieces {
            switch piece {
            case .text(let text): out += text.replacingBraces()
            case .open(let id), .placeholder(let id): out += "{\(id)}"
            case .close(let id): out += "{/\(id)}"
            }
        }
        return out
    }

    /// A PO string's contents: `\` `"` and control characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A comment's text on one line.
    private static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
    }
}

extension String {
    fileprivate func replacingBraces() -> String {
        contains("{") ? split(separator: "{", omittingEmptySubsequences: false).joined(separator: "{{") : self
    }

    fileprivate func replacingHyphens() -> String {
        split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_")
    }
}
