/// Reduces raw HTML from content to a harmless allow-list.
///
/// Kept: `<a name|id>` (as `<a id>`), `<br>`, `<sup>`, `<sub>`, `<kbd>`, without other
/// attributes. Dropped with their content: `<script>`, `<style>` and kin, comments, and the
/// `sxs-lookup` spans machine translation leaves around the original English. Every other
/// tag is dropped and its text kept, which reduces `<span data-ttu-id…>` wrappers to the
/// translated text. cmark hands inline HTML over one tag at a time, so the filter carries
/// state (open anchors, what is being suppressed) from one call to the next.
public struct RawHTMLFilter: Sendable {
    /// Anchor ids that must not be emitted again (a heading already carries them).
    public var skippedAnchorIDs: Set<String> = []
    /// Whether emitted `<a>` tags are open, innermost last, so each `</a>` matches its opening.
    private var anchorStack: [Bool] = []
    /// The tag whose content is being dropped, and how deeply it is nested.
    private var suppressedTag: String?
    private var suppressionDepth = 0

    /// Creates a filter.
    public init(skippedAnchorIDs: Set<String> = []) {
        self.skippedAnchorIDs = skippedAnchorIDs
    }

    /// Whether content is being dropped (inside `<script>` or an `sxs-lookup` span).
    public var isSuppressing: Bool { suppressedTag != nil }

    /// Forgets open tags: called at block boundaries so a stray opening tag cannot swallow the page.
    public mutating func reset() {
        suppressedTag = nil
        suppressionDepth = 0
        anchorStack.removeAll()
    }

    /// Tags whose content is never text for a reader.
    static let contentDropping: Set<String> = [
        "script", "style", "textarea", "title", "iframe", "noscript", "template", "xmp", "object", "embed", "svg", "math", "select",
    ]

    /// Filters a piece of raw HTML into `out`. Text between tags is kept (escaped, with
    /// well-formed character references left as they are) unless it is being suppressed.
    public mutating func filter(_ html: String, into out: inout String) {
        let bytes = Array(html.utf8)
        var i = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            guard end > textStart, suppressedTag == nil else { return }
            appendText(bytes[textStart..<end], to: &out)
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            guard let tagEnd = endOfMarkup(bytes, from: i) else {
                // A `<` that opens nothing is text.
                i += 1
                continue
            }
            flushText(upTo: i)
            handle(bytes[i..<tagEnd], into: &out)
            i = tagEnd
            textStart = i
        }
        flushText(upTo: bytes.count)
    }

    /// The end (exclusive) of a tag, comment or declaration starting at `start`, or `nil` when `<` is plain text.
    private func endOfMarkup(_ b: [UInt8], from start: Int) -> Int? {
        let next = start + 1
        guard next < b.count else { return nil }
        if b[next] == UInt8(ascii: "!") {
            if b[next...].starts(with: "!--".utf8) {
                // Comment: to `-->`, or to the end when unclosed.
                var k = next + 3
                while k + 2 < b.count {
                    if b[k] == UInt8(ascii: "-"), b[k + 1] == UInt8(ascii: "-"), b[k + 2] == UInt8(ascii: ">") { return k + 3 }
                    k += 1
                }
                return b.count
            }
            return (b[next...].firstIndex(of: UInt8(ascii: ">")) ?? (b.count - 1)) + 1
        }
        if b[next] == UInt8(ascii: "?") {
            return (b[next...].firstIndex(of: UInt8(ascii: ">")) ?? (b.count - 1)) + 1
        }
        let nameStart = b[next] == UInt8(ascii: "/") ? next + 1 : next
        guard nameStart < b.count, isLetter(b[nameStart]) else { return nil }
        // Scan to the closing `>` outside quotes.
        var k = nameStart
        var quote: UInt8 = 0
        while k < b.count {
            let c = b[k]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return k + 1
            }
            k += 1
        }
        return b.count
    }

    private mutating func handle(_ tag: ArraySlice<UInt8>, into out: inout String) {
        let b = Array(tag)
        guard b.count >= 2 else { return }
        if b[1] == UInt8(ascii: "!") || b[1] == UInt8(ascii: "?") { return }
        let closing = b[1] == UInt8(ascii: "/")
        var k = closing ? 2 : 1
        let nameStart = k
        while k < b.count, isLetter(b[k]) || (b[k] >= 0x30 && b[k] <= 0x39) || b[k] == UInt8(ascii: "-") { k += 1 }
        let name = String(decoding: b[nameStart..<k], as: UTF8.self).lowercased()
        let attributes = closing ? [:] : Self.attributes(b, from: k)

        if let suppressed = suppressedTag {
            if name == suppressed {
                if closing {
                    suppressionDepth -= 1
                    if suppressionDepth <= 0 { suppressedTag = nil; suppressionDepth = 0 }
                } else if !isSelfClosing(b) {
                    suppressionDepth += 1
                }
            }
            return
        }

        switch name {
        case "a":
            if closing {
                if let open = anchorStack.popLast(), open { out += "</a>" }
            } else if let id = attributes["id"] ?? attributes["name"], !id.isEmpty, !skippedAnchorIDs.contains(id) {
                out += "<a id=\""
                HTMLEscaping.append(id, to: &out)
                out += "\">"
                if isSelfClosing(b) { out += "</a>" } else { anchorStack.append(true) }
            } else if !isSelfClosing(b) {
                anchorStack.append(false)
            }
        case "br":
            if !closing { out += "<br>" }
        case "sup", "sub", "kbd":
            out += closing ? "</\(name)>" : "<\(name)>"
        case "span":
            if !closing, let classes = attributes["class"], classes.split(separator: " ").contains("sxs-lookup") {
                suppressedTag = "span"
                suppressionDepth = 1
            }
        default:
            if !closing, Self.contentDropping.contains(name), !isSelfClosing(b) {
                suppressedTag = name
                suppressionDepth = 1
            }
        }
    }

    private func isSelfClosing(_ b: [UInt8]) -> Bool {
        b.count >= 3 && b[b.count - 2] == UInt8(ascii: "/") && b[b.count - 1] == UInt8(ascii: ">")
    }

    /// Attribute names (lower-cased) and values of a start tag, from just after its name.
    static func attributes(_ b: [UInt8], from start: Int) -> [String: String] {
        var result: [String: String] = [:]
        var i = start
        let end = b.last == UInt8(ascii: ">") ? b.count - 1 : b.count
        while i < end {
            while i < end, b[i] <= 0x20 || b[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < end, b[i] > 0x20, b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
            guard i > nameStart else { i += 1; continue }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
            while i < end, b[i] <= 0x20 { i += 1 }
            var value = ""
            if i < end, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < end, b[i] <= 0x20 { i += 1 }
                if i < end, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let quote = b[i]
                    let valueStart = i + 1
                    var k = valueStart
                    while k < end, b[k] != quote { k += 1 }
                    value = String(decoding: b[valueStart..<k], as: UTF8.self)
                    i = k + 1
                } else {
                    let valueStart = i
                    while i < end, b[i] > 0x20 { i += 1 }
                    value = String(decoding: b[valueStart..<i], as: UTF8.self)
                }
            }
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// Text from raw HTML: `<`, `>`, quotes escaped; `&` kept only where it starts a well-formed reference.
    private func appendText(_ text: ArraySlice<UInt8>, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            switch c {
            case UInt8(ascii: "<"): bytes += Array("&lt;".utf8)
            case UInt8(ascii: ">"): bytes += Array("&gt;".utf8)
            case UInt8(ascii: "\""): bytes += Array("&quot;".utf8)
            case UInt8(ascii: "'"): bytes += Array("&#39;".utf8)
            case UInt8(ascii: "&"):
                if Self.referenceLength(text, at: i) > 0 { bytes.append(c) } else { bytes += Array("&amp;".utf8) }
            default: bytes.append(c)
            }
            i += 1
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// The length of a character reference (`&amp;`, `&#39;`, `&#x27;`) starting at `i`, or 0.
    static func referenceLength(_ b: ArraySlice<UInt8>, at i: Int) -> Int {
        var k = i + 1
        guard k < b.endIndex else { return 0 }
        if b[k] == UInt8(ascii: "#") {
            k += 1
            var hex = false
            if k < b.endIndex, b[k] | 0x20 == UInt8(ascii: "x") { hex = true; k += 1 }
            let digitsStart = k
            while k < b.endIndex, k - digitsStart < 8 {
                let c = b[k]
                let isDigit = c >= 0x30 && c <= 0x39
                let isHex = isDigit || ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f"))
                guard hex ? isHex : isDigit else { break }
                k += 1
            }
            guard k > digitsStart, k < b.endIndex, b[k] == UInt8(ascii: ";") else { return 0 }
            return k - i + 1
        }
        let nameStart = k
        while k < b.endIndex, k - nameStart < 32, isLetterOrDigit(b[k]) { k += 1 }
        guard k > nameStart, k < b.endIndex, b[k] == UInt8(ascii: ";") else { return 0 }
        return k - i + 1
    }

    private func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    private static func isLetterOrDigit(_ c: UInt8) -> Bool {
        ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")) || (c >= 0x30 && c <= 0x39)
    }
}
