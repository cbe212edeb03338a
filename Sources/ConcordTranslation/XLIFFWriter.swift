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
        var out = header(sourceLocale: handoff.sourceLocale, targetLocale: handoff.targetLocale)
        let files = handoff.files.filter { !$0.units.isEmpty }
        // Each file on its own core: a whole locale of a large tree is tens of megabytes.
        let bodies = parallelMap(files) { body(of: $0) }
        for (index, (file, body)) in zip(files, bodies).enumerated() {
            out += start(of: file, number: index + 1)
            out += body
        }
        out += footer
        return String(decoding: out, as: UTF8.self)
    }

    /// The XML declaration and the `<xliff>` start tag.
    static func header(sourceLocale: String, targetLocale: String) -> [UInt8] {
        var out: [UInt8] = []
        out.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.add("<xliff xmlns=\"\(namespace)\" xmlns:mtc=\"\(matchesNamespace)\" version=\"2.1\"")
        out.add(" srcLang=\"")
        out.addEscaped(sourceLocale)
        out.add("\" trgLang=\"")
        out.addEscaped(targetLocale)
        out.add("\">\n")
        return out
    }

    /// The end of the document.
    static let footer = Array("</xliff>\n".utf8)

    /// A `<file>` start tag and its notes: `number` counts the files written (from 1), which
    /// only the writer in document order knows.
    static func start(of file: Handoff.File, number: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.add(" <file id=\"f")
        out.add(number)
        out.add("\" original=\"")
        out.addEscaped(file.path)
        out.add("\">\n  <notes><note category=\"concord:source-hash\">")
        out.addEscaped(file.sourceHash)
        out.add("</note></notes>\n")
        return out
    }

    /// A file's units and its end tag: everything of a `<file>` that does not depend on the
    /// files before it.
    static func body(of file: Handoff.File) -> [UInt8] {
        var out = [UInt8].forUnits(file.units.count)
        var ids = UnitIDs(capacity: file.units.count)
        for unit in file.units {
            write(unit, id: ids.id(for: unit.source.id), path: file.path, to: &out)
        }
        out.add(" </file>\n")
        return out
    }

    private static func write(_ unit: Handoff.Unit, id: String, path: String, to out: inout [UInt8]) {
        let source = unit.source
        out.add("  <unit id=\"")
        out.addEscaped(id)
        out.add("\" name=\"")
        out.addEscaped(path)
        out.add("#")
        out.addEscaped(source.id)
        out.add("\">\n")
        if let candidate = unit.candidate { write(candidate, source: source, to: &out) }
        var notes = source.notes
        if let candidate = unit.candidate {
            notes.append(!candidate.sourceChanged ? "The translation does not keep this text's links and marks; it is the candidate."
                : candidate.previousSource == nil ? "The source changed since it was translated; the earlier translation is the candidate (the earlier source is not known)."
                : "The source changed since it was translated; the candidate is the earlier translation with the source it was made from.")
        }
        if !notes.isEmpty {
            out.add("   <notes>")
            for note in notes {
                out.add("<note category=\"context\">")
                out.addEscaped(note)
                out.add("</note>")
            }
            out.add("</notes>\n")
        }
        var data: [UInt8] = []
        dataEntries(source.content, prefix: "d", against: nil, to: &data)
        if let target = unit.target { dataEntries(target, prefix: "t", against: source.content, to: &data) }
        if !data.isEmpty {
            out.add("   <originalData>")
            out += data
            out.add("</originalData>\n")
        }
        out.add("   <segment id=\"s1\" state=\"")
        out.add(unit.state.rawValue)
        out.add("\"><source xml:space=\"preserve\">")
        inline(source.content, prefix: "d", against: nil, to: &out)
        out.add("</source>")
        if let target = unit.target {
            out.add("<target xml:space=\"preserve\">")
            inline(target, prefix: "d", against: source.content, to: &out)
            out.add("</target>")
        }
        out.add("</segment>\n  </unit>\n")
    }

    /// The candidate: the earlier translation with the source it was made from (`mtc:match`).
    private static func write(_ candidate: Handoff.Candidate, source: TranslationUnit, to out: inout [UInt8]) {
        let previous = candidate.previousSource ?? source.content
        var data: [UInt8] = []
        dataEntries(previous, prefix: "ms", against: nil, to: &data)
        dataEntries(candidate.target, prefix: "mt", against: nil, to: &data)
        out.add("   <mtc:matches><mtc:match ref=\"#s1\" type=\"tm\" origin=\"concord:previous-translation\">")
        if !data.isEmpty {
            out.add("<originalData>")
            out += data
            out.add("</originalData>")
        }
        out.add("<source xml:space=\"preserve\">")
        inline(previous, prefix: "ms", against: nil, to: &out)
        out.add("</source><target xml:space=\"preserve\">")
        inline(candidate.target, prefix: "mt", against: nil, to: &out)
        out.add("</target></mtc:match></mtc:matches>\n")
    }

    // MARK: - Original data

    /// `<data>` for each code's markup. With `against`, only the codes whose markup differs
    /// from the source's (a target's localised link), which the target refers to as `t…`.
    private static func dataEntries(_ content: InlineContent, prefix: String, against source: InlineContent?, to out: inout [UInt8]) {
        for code in content.codes {
            if let source, let original = source.code(code.id), original.start == code.start, original.end == code.end { continue }
            out.add("<data id=\"")
            out.add(prefix)
            out.add(code.id)
            out.add("\">")
            out.addEscaped(code.start)
            out.add("</data>")
            if let end = code.end {
                out.add("<data id=\"")
                out.add(prefix)
                out.add(code.id)
                out.add("e\">")
                out.addEscaped(end)
                out.add("</data>")
            }
        }
    }

    /// The inline content as XLIFF: text escaped, codes as `<pc>` and `<ph>`. A target's code
    /// whose markup differs from the source's refers to its own `t…` data.
    private static func inline(_ content: InlineContent, prefix: String, against source: InlineContent?, to out: inout [UInt8]) {
        for piece in content.pieces {
            switch piece {
            case .text(let text):
                out.addEscaped(text)
            case .open(let id):
                guard let code = content.code(id) else { continue }
                let data = dataPrefix(code, prefix: prefix, against: source)
                out.add("<pc id=\"")
                out.add(id)
                out.add("\" dataRefStart=\"")
                out.add(data)
                out.add(id)
                out.add("\" dataRefEnd=\"")
                out.add(data)
                out.add(id)
                out.add("e\"")
                attributes(code, to: &out)
                out.add(">")
            case .close:
                out.add("</pc>")
            case .placeholder(let id):
                guard let code = content.code(id) else { continue }
                let data = dataPrefix(code, prefix: prefix, against: source)
                out.add("<ph id=\"")
                out.add(id)
                out.add("\" dataRef=\"")
                out.add(data)
                out.add(id)
                out.add("\"")
                attributes(code, to: &out)
                out.add(" disp=\"")
                out.addEscaped(code.display)
                out.add("\"/>")
            }
        }
    }

    private static func dataPrefix(_ code: InlineCode, prefix: String, against source: InlineContent?) -> String {
        guard let source, let original = source.code(code.id) else { return prefix }
        return original.start == code.start && original.end == code.end ? prefix : "t"
    }

    /// `type`, `subType` and whether the code may be deleted.
    private static func attributes(_ code: InlineCode, to out: inout [UInt8]) {
        let (type, subType) = typeAndSubType(code.kind)
        out.add(" type=\"")
        out.add(type)
        out.add("\" subType=\"")
        out.add(subType)
        out.add("\"")
        if PlaceholderRules.isRequired(code.kind) { out.add(" canDelete=\"no\"") }
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

    /// Ids for about `capacity` units, the set sized once for them.
    init(capacity: Int = 0) {
        used.reserveCapacity(capacity)
    }

    mutating func id(for structural: String) -> String {
        var base = UnitIDs.asciiName(structural) ?? ""
        if base.isEmpty {
            for scalar in structural.unicodeScalars {
                if scalar == "/" { base += "." } else if UnitIDs.isNameCharacter(scalar) { base.unicodeScalars.append(scalar) } else { base += "_" }
            }
        }
        if base.isEmpty { base = "u" }
        var id = base
        var number = 1
        while !used.insert(id).inserted {
            number += 1
            id = "\(base)_\(number)"
        }
        return id
    }

    /// The name of an ASCII id, made byte by byte as the scalar walk would; `nil` for any
    /// other id (most ids are ASCII, and the walk asks Unicode properties of every character).
    static func asciiName(_ structural: String) -> String? {
        // Read from the string's storage: iterating its `utf8` view steps an index out of line.
        var structural = structural
        return structural.withUTF8 { source -> String? in
            guard !source.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: source.count) { name in
                for (index, byte) in source.enumerated() { name[index] = nameByte(byte) }
                return source.count
            }
        }
    }

    /// An ASCII byte of a structural id as it stands in a unit's name: `/` as `.`, and `_` for
    /// what a name cannot hold.
    private static func nameByte(_ byte: UInt8) -> UInt8 {
        if byte == UInt8(ascii: "/") { return UInt8(ascii: ".") }
        let kept = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        return kept ? byte : UInt8(ascii: "_")
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
