import ConcordModel

/// Writes a ``Handoff`` as one XLIFF 2.1 document: a `<file>` per article, a `<unit>` per
/// translation unit, inline Markdown as `<pc>`/`<ph>` with the markup in `<originalData>`.
///
/// Every value goes through ``XMLEscaping/escape(_:)``; the same handoff gives the same bytes.
public enum XLIFFWriter {
    /// The XLIFF 2.0 core namespace (2.1 documents keep it, with `version="2.1"`).
    public static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    /// The Translation Candidates module's namespace.
    public static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"

    /// The document.
    public static func document(_ handoff: Handoff) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff xmlns=\"\(namespace)\" xmlns:mtc=\"\(matchesNamespace)\" version=\"2.1\""
        out += " srcLang=\"\(XMLEscaping.escape(handoff.sourceLocale))\" trgLang=\"\(XMLEscaping.escape(handoff.targetLocale))\">\n"
        let files = Array(handoff.files.filter { !$0.units.isEmpty }.enumerated())
        // Each file on its own core: a whole locale of a large tree is tens of megabytes.
        let parts = parallelMap(files) { file($0.element, number: $0.offset + 1) }
        out.reserveCapacity(out.utf8.count + parts.reduce(0) { $0 + $1.utf8.count } + 16)
        for text in parts { out += text }
        out += "</xliff>\n"
        return out
    }

    private static func file(_ file: Handoff.File, number: Int) -> String {
        var out = " <file id=\"f\(number)\" original=\"\(XMLEscaping.escape(file.path))\">\n"
        out += "  <notes><note category=\"concord:source-hash\">\(XMLEscaping.escape(file.sourceHash))</note></notes>\n"
        var ids = UnitIDs()
        for unit in file.units {
            write(unit, id: ids.id(for: unit.source.id), path: file.path, to: &out)
        }
        out += " </file>\n"
        return out
    }

    private static func write(_ unit: Handoff.Unit, id: String, path: String, to out: inout String) {
        let source = unit.source
        out += "  <unit id=\"\(XMLEscaping.escape(id))\" name=\"\(XMLEscaping.escape(source.qualifiedID(path: path)))\">\n"
        if let candidate = unit.candidate {
            let previous = candidate.previousSource ?? source.content
            let data = dataEntries(previous, prefix: "ms", against: nil) + dataEntries(candidate.target, prefix: "mt", against: nil)
            out += "   <mtc:matches><mtc:match ref=\"#s1\" type=\"tm\" origin=\"concord:previous-translation\">"
            if !data.isEmpty { out += "<originalData>\(data)</originalData>" }
            out += "<source xml:space=\"preserve\">\(inline(previous, prefix: "ms", against: nil))</source>"
            out += "<target xml:space=\"preserve\">\(inline(candidate.target, prefix: "mt", against: nil))</target>"
            out += "</mtc:match></mtc:matches>\n"
        }
        var notes = source.notes
        if let candidate = unit.candidate {
            notes.append(!candidate.sourceChanged ? "The translation does not keep this text's links and marks; it is the candidate."
                : candidate.previousSource == nil ? "The source changed since it was translated; the earlier translation is the candidate (the earlier source is not known)."
                : "The source changed since it was translated; the candidate is the earlier translation with the source it was made from.")
        }
        if !notes.isEmpty {
            out += "   <notes>"
            for note in notes { out += "<note category=\"context\">\(XMLEscaping.escape(note))</note>" }
            out += "</notes>\n"
        }
        let data = dataEntries(source.content, prefix: "d", against: nil)
            + (unit.target.map { dataEntries($0, prefix: "t", against: source.content) } ?? "")
        if !data.isEmpty { out += "   <originalData>\(data)</originalData>\n" }
        out += "   <segment id=\"s1\" state=\"\(unit.state.rawValue)\">"
        out += "<source xml:space=\"preserve\">\(inline(source.content, prefix: "d", against: nil))</source>"
        if let target = unit.target {
            out += "<target xml:space=\"preserve\">\(inline(target, prefix: "d", against: source.content))</target>"
        }
        out += "</segment>\n  </unit>\n"
    }

    // MARK: - Original data

    /// `<data>` for each code's markup. With `against`, only the codes whose markup differs
    /// from the source's (a target's localised link), which the target refers to as `t…`.
    private static func dataEntries(_ content: InlineContent, prefix: String, against source: InlineContent?) -> String {
        var out = ""
        for code in content.codes {
            if let source, let original = source.code(code.id), original.start == code.start, original.end == code.end { continue }
            out += "<data id=\"\(prefix)\(code.id)\">\(XMLEscaping.escape(code.start))</data>"
            if let end = code.end { out += "<data id=\"\(prefix)\(code.id)e\">\(XMLEscaping.escape(end))</data>" }
        }
        return out
    }

    /// The inline content as XLIFF: text escaped, codes as `<pc>` and `<ph>`. A target's code
    /// whose markup differs from the source's refers to its own `t…` data.
    private static func inline(_ content: InlineContent, prefix: String, against source: InlineContent?) -> String {
        var out = ""
        for piece in content.pieces {
            switch piece {
            case .text(let text):
                out += XMLEscaping.escape(text)
            case .open(let id):
                guard let code = content.code(id) else { continue }
                let data = dataPrefix(code, prefix: prefix, against: source)
                out += "<pc id=\"\(id)\" dataRefStart=\"\(data)\(id)\" dataRefEnd=\"\(data)\(id)e\"\(attributes(code))>"
            case .close:
                out += "</pc>"
            case .placeholder(let id):
                guard let code = content.code(id) else { continue }
                let data = dataPrefix(code, prefix: prefix, against: source)
                out += "<ph id=\"\(id)\" dataRef=\"\(data)\(id)\"\(attributes(code)) disp=\"\(XMLEscaping.escape(code.display))\"/>"
            }
        }
        return out
    }

    private static func dataPrefix(_ code: InlineCode, prefix: String, against source: InlineContent?) -> String {
        guard let source, let original = source.code(code.id) else { return prefix }
        return original.start == code.start && original.end == code.end ? prefix : "t"
    }

    /// `type`, `subType` and whether the code may be deleted.
    private static func attributes(_ code: InlineCode) -> String {
        let (type, subType) = typeAndSubType(code.kind)
        var out = " type=\"\(type)\" subType=\"\(subType)\""
        if PlaceholderRules.isRequired(code.kind) { out += " canDelete=\"no\"" }
        return out
    }

    static func typeAndSubType(_ kind: InlineCode.Kind) -> (String, String) {
        switch kind {
        case .link: ("link", "concord:link")
        case .autolink: ("link", "concord:autolink")
        case .image: ("image", "concord:image")
        case .bold: ("fmt", "xlf:b")
        case .italic: ("fmt", "xlf:i")
        case .lineBreak: ("fmt", "xlf:lb")
        case .code: ("other", "concord:code")
        case .include: ("other", "concord:include")
        case .anchor: ("other", "concord:anchor")
        case .html: ("other", "concord:html")
        case .escape: ("other", "concord:escape")
        case .entity: ("other", "concord:entity")
        case .marker: ("other", "concord:alert-marker")
        }
    }
}

/// What a translation must keep of its source's codes.
public enum PlaceholderRules {
    /// Whether a translation must keep a code of this kind. Links, images, code, includes,
    /// anchors, alert markers and HTML carry what the page does and must stay. Bold and italic
    /// may go (a language may not set UI names in bold, and the translations of this content
    /// family often do not); line breaks, escapes and entities only say how the source was typed.
    public static func isRequired(_ kind: InlineCode.Kind) -> Bool {
        switch kind {
        case .bold, .italic, .lineBreak, .escape, .entity: false
        default: true
        }
    }
}

/// XLIFF unit ids: NMTOKENs made from structural ids (`/` as `.`, other characters a name
/// cannot hold as `_`), unique in their file.
struct UnitIDs {
    private var used: Set<String> = []

    mutating func id(for structural: String) -> String {
        var base = ""
        for scalar in structural.unicodeScalars {
            if scalar == "/" { base += "." } else if UnitIDs.isNameCharacter(scalar) { base.unicodeScalars.append(scalar) } else { base += "_" }
        }
        if base.isEmpty { base = "u" }
        var id = base
        var number = 1
        while used.contains(id) {
            number += 1
            id = "\(base)_\(number)"
        }
        used.insert(id)
        return id
    }

    /// XML's NameChar, restricted to what is safe: ASCII letters and digits, `.-_:`, and letters and digits beyond ASCII.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "." || scalar == "-" || scalar == "_" || scalar == ":"
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }
}
