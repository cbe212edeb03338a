extension MediaPolicy {
    /// Why an SVG file may not be published; `nil` when it may.
    ///
    /// An SVG opened on its own is a document of the site's origin, and runs script. So an SVG
    /// is published only when it is plain drawing, read as XML tag by tag: well formed, with an
    /// `<svg>` root; every element one of ``svgElements`` (drawing, paint, filters, text, and the
    /// metadata drawing tools write), whatever its namespace prefix; no event-handler attribute
    /// (`on…`); links (`href`, `xlink:href`, `src`, `xml:base`…) only to `#fragments` of the file
    /// itself (and, for `<image>`, an embedded PNG, JPEG, GIF or WebP); no `url(…)` but `url(#…)`,
    /// no `@import` and no CSS escapes in styles; no character references in attribute values; no
    /// DOCTYPE with declarations, no processing instruction but the XML declaration. The rest
    /// (script, foreignObject, animation, anything unknown) is refused: clean such a file with an
    /// SVG optimiser, or publish it as PNG.
    public static func svgProblem(_ bytes: [UInt8]) -> String? {
        var scanner = SVGScanner(bytes: bytes)
        return scanner.problem()
    }

    /// Local names (lower-cased, prefix removed) of the elements an SVG may hold: none runs
    /// script or loads anything in any namespace (SVG, XHTML or another), given the attribute rules.
    static let svgElements: Set<String> = [
        // Structure, shapes, text, paint.
        "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle", "ellipse", "line",
        "polyline", "polygon", "text", "tspan", "textpath", "lineargradient", "radialgradient", "stop", "pattern",
        "clippath", "mask", "marker", "style", "a", "image", "view", "switch",
        // Filters.
        "filter", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
        "fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb",
        "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode", "femorphology", "feoffset",
        "fepointlight", "fespecularlighting", "fespotlight", "fetile", "feturbulence",
        // Metadata written by drawing tools (Inkscape, RDF, Dublin Core, Creative Commons).
        "namedview", "guide", "grid", "page", "path-effect", "perspective", "rdf", "work", "format", "type", "creator",
        "agent", "rights", "license", "permits", "requires", "prohibits", "date", "publisher", "description",
        "subject", "bag", "seq", "alt", "li", "source", "language", "relation", "coverage", "contributor", "identifier",
    ]

    /// Local names of attributes whose value is a URL the browser may load or navigate to.
    static let svgURLAttributes: Set<String> = [
        "href", "src", "base", "action", "formaction", "data", "ping", "poster", "background", "codebase", "cite",
    ]
}

/// Reads an SVG file as XML, tag by tag, and says what in it is not plain drawing.
struct SVGScanner {
    let bytes: [UInt8]
    var position = 0
    /// The qualified names of the open elements.
    var open: [String] = []
    var rootSeen = false
    var rootClosed = false
    /// How many `<style>` elements are open: their text is CSS.
    var styleDepth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The first reason the file may not be published, or `nil`.
    mutating func problem() -> String? {
        let start = position
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                let end = find([UInt8(ascii: "<")]) ?? bytes.count
                let text = bytes[position..<end]
                if !rootSeen || rootClosed, !text.allSatisfy(Self.isSpace) { return "it has text outside its <svg> element" }
                if styleDepth > 0, let problem = Self.cssProblem(text) { return problem }
                position = end
                continue
            }
            if let problem = markup(atStart: position == start) { return problem }
        }
        if !rootSeen { return "it has no <svg> element" }
        if let last = open.last { return "it ends inside <\(last)>" }
        return nil
    }

    /// Reads the markup at `<`: a comment, CDATA, a declaration, a processing instruction or a tag.
    private mutating func markup(atStart: Bool) -> String? {
        if starts("<!--") {
            guard let end = find(Array("-->".utf8), from: position + 4) else { return "it has an unterminated comment" }
            position = end + 3
        } else if starts("<![CDATA[") {
            guard rootSeen, !rootClosed, let end = find(Array("]]>".utf8), from: position + 9) else { return "it has misplaced character data" }
            if styleDepth > 0, let problem = Self.cssProblem(bytes[(position + 9)..<end]) { return problem }
            position = end + 3
        } else if starts("<!DOCTYPE") {
            guard !rootSeen, let end = find([UInt8(ascii: ">")]) else { return "it has a misplaced DOCTYPE" }
            // An internal subset declares entities, which can hide references and scripts in plain-looking text.
            if bytes[position..<end].contains(UInt8(ascii: "[")) { return "its DOCTYPE declares entities of its own" }
            position = end + 1
        } else if starts("<!") {
            return "it has an unexpected declaration"
        } else if starts("<?") {
            guard let end = find(Array("?>".utf8)) else { return "it has an unterminated processing instruction" }
            let target = bytes[(position + 2)..<end].prefix { !Self.isSpace($0) }
            // Only the XML declaration, first in the file; `<?xml-stylesheet?>` would load a style sheet.
            guard atStart, Array(target) == Array("xml".utf8) else {
                return "it has a processing instruction (<?\(String(decoding: target, as: UTF8.self))?>)"
            }
            position = end + 2
        } else if starts("</") {
            return endTag()
        } else {
            return startTag()
        }
        return nil
    }

    /// Reads `</name>`, which must close the innermost open element.
    private mutating func endTag() -> String? {
        position += 2
        let name = readName()
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">"), let last = open.last, last == name else {
            return "it is not well-formed XML (a misplaced </\(name)>)"
        }
        position += 1
        close(name)
        return nil
    }

    /// Reads `<name attributes…>` or `<name attributes…/>`.
    private mutating func startTag() -> String? {
        position += 1
        let name = readName()
        let local = Self.localName(name)
        guard !name.isEmpty else { return "it is not well-formed XML (a tag without a name)" }
        guard !rootClosed else { return "it has a second root element <\(name)>" }
        if !rootSeen {
            guard local == "svg" else { return "its root element is <\(name)>, not <svg>" }
            rootSeen = true
        }
        guard MediaPolicy.svgElements.contains(local) else { return "it has a <\(name)> element (only drawing elements are published)" }
        open.append(name)
        if local == "style" { styleDepth += 1 }
        while true {
            let spaced = skipSpace()
            guard position < bytes.count else { return "it is not well-formed XML (an unterminated <\(name)> tag)" }
            if bytes[position] == UInt8(ascii: ">") {
                position += 1
                return nil
            }
            if starts("/>") {
                position += 2
                close(name)
                return nil
            }
            guard spaced else { return "it is not well-formed XML (in the <\(name)> tag)" }
            if let problem = attribute(of: local, in: name) { return problem }
        }
    }

    /// Reads `name="value"` and checks it.
    private mutating func attribute(of element: String, in tag: String) -> String? {
        let name = readName()
        skipSpace()
        guard !name.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            return "it is not well-formed XML (an attribute of <\(tag)> without a value)"
        }
        position += 1
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'"),
              let end = find([bytes[position]], from: position + 1) else {
            return "it is not well-formed XML (an unquoted attribute \(name) of <\(tag)>)"
        }
        let value = bytes[(position + 1)..<end]
        position = end + 1
        guard !value.contains(UInt8(ascii: "<")) else { return "it is not well-formed XML (a < in attribute \(name))" }
        return Self.attributeProblem(element: element, tag: tag, name: name, value: value)
    }

    /// Why an attribute may not stay, if it may not.
    static func attributeProblem(element: String, tag: String, name: String, value: ArraySlice<UInt8>) -> String? {
        let local = localName(name)
        let shown = String(decoding: value.prefix(60), as: UTF8.self)
        if local.hasPrefix("on") { return "it has an event handler (\(name) on <\(tag)>)" }
        if hasCharacterReference(value) { return "attribute \(name) of <\(tag)> holds a character reference" }
        if MediaPolicy.svgURLAttributes.contains(local) {
            let trimmed = value.drop { isSpace($0) }
            let embedsImage = (element == "image" || element == "feimage") && embeddedBitmapPrefixes.contains { trimmed.starts(with: $0) }
            if trimmed.first != UInt8(ascii: "#"), !embedsImage {
                return "it refers to something outside itself (\(name)=\"\(shown)\" on <\(tag)>)"
            }
        }
        return cssProblem(value)
    }

    /// The `data:` URLs an `<image>` may embed: bitmaps, which cannot run script.
    static let embeddedBitmapPrefixes: [[UInt8]] = ["png", "jpeg", "gif", "webp"].map { Array("data:image/\($0);base64,".utf8) }

    /// Whether `value` holds a reference other than `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;`.
    static func hasCharacterReference(_ value: ArraySlice<UInt8>) -> Bool {
        let allowed = ["amp;", "lt;", "gt;", "quot;", "apos;"].map { Array($0.utf8) }
        var index = value.startIndex
        while let ampersand = value[index...].firstIndex(of: UInt8(ascii: "&")) {
            let rest = value[(ampersand + 1)...]
            guard allowed.contains(where: { rest.starts(with: $0) }) else { return true }
            index = ampersand + 1
        }
        return false
    }

    /// Why a piece of CSS (a `style` attribute, a `<style>` element, any attribute that may
    /// hold `url(…)`) may not stay: it loads something outside the file, or hides what it does.
    static func cssProblem(_ text: some Collection<UInt8>) -> String? {
        let lower = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if lower.contains(UInt8(ascii: "\\")) { return "its styles use CSS escapes" }
        for banned in ["@import", "expression(", "javascript:", "image-set(", "-moz-binding", "behavior:"] {
            if contains(lower, Array(banned.utf8), from: 0) != nil { return "its styles use \(banned)" }
        }
        var from = 0
        while let start = contains(lower, Array("url(".utf8), from: from) {
            var index = start + 4
            while index < lower.count, isSpace(lower[index]) || lower[index] == UInt8(ascii: "'") || lower[index] == UInt8(ascii: "\"") {
                index += 1
            }
            guard index < lower.count, lower[index] == UInt8(ascii: "#") else { return "its styles refer to something outside it (url(…))" }
            from = index
        }
        return nil
    }

    // MARK: Reading

    private mutating func close(_ name: String) {
        open.removeLast()
        if Self.localName(name) == "style" { styleDepth -= 1 }
        if open.isEmpty { rootClosed = true }
    }

    /// Reads a name: bytes up to white space or one of `/ > = < " '`.
    private mutating func readName() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Skips white space; whether there was any.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private func starts(_ text: String) -> Bool {
        bytes[position...].starts(with: text.utf8)
    }

    /// Where `needle` next starts, from `from` (the current position by default).
    private func find(_ needle: [UInt8], from: Int? = nil) -> Int? {
        Self.contains(bytes, needle, from: from ?? position)
    }

    /// Where `needle` first starts in `haystack` at or after `from`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        for index in from...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
        }
        return nil
    }

    /// The name after its namespace prefix, lower-cased: `svg:script` → `script`.
    static func localName(_ name: String) -> String {
        (name.split(separator: ":").last.map(String.init) ?? name).lowercased()
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
