import ConcordMarkdown

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
    /// The `<sup>`, `<sub>` and `<kbd>` tags emitted and not yet closed, innermost last: a
    /// closing tag with no opening one is dropped, and those left open are closed with their block.
    private var openInlineTags: [String] = []
    /// The ids on the page so far, which anchors must not repeat (the writer's headings claim theirs here too).
    var anchors = PageAnchors()

    /// Creates a filter.
    public init(skippedAnchorIDs: Set<String> = []) {
        self.skippedAnchorIDs = skippedAnchorIDs
    }

    /// Whether content is being dropped (inside `<script>` or an `sxs-lookup` span).
    public var isSuppressing: Bool { suppressedTag != nil }

    /// Forgets open tags: called at block boundaries so a stray opening tag cannot swallow the page.
    public mutating func reset() {
        // Called at the start and end of every paragraph, and mostly with nothing to forget:
        // assigning anyway released the old values, two calls into the runtime each time.
        if suppressedTag != nil { suppressedTag = nil }
        suppressionDepth = 0
        if !anchorStack.isEmpty { anchorStack.removeAll() }
        if !openInlineTags.isEmpty { openInlineTags.removeAll() }
    }

    /// Closes the inline tags content left open, before its block closes: `</p>` with a
    /// `<kbd>` open is a parse error, and the browser would guess where it ends.
    mutating func closeOpenTags(into out: inout HTMLBuffer) {
        while let name = openInlineTags.popLast() {
            out += "</"
            out += name
            out += ">"
        }
    }

    /// Tags whose content is never text for a reader: the list the checks' reading of HTML
    /// blocks skips too, so that the page and the model agree on what a block says.
    static let contentDropping = HTMLBlockReader.contentDropping

    /// Filters a piece of raw HTML, UTF-8 `bytes`, into `out`. Text between tags is kept
    /// (escaped, with well-formed character references left as they are) unless it is being
    /// suppressed.
    ///
    /// It reads the bytes where the document keeps them and writes into the page: a copy of
    /// the HTML as a string, then as an array, and a string of the result came to about a
    /// third of the cost of each call.
    mutating func filter(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout HTMLBuffer) {
        var i = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            guard end > textStart, suppressedTag == nil else { return }
            appendText(UnsafeBufferPointer(rebasing: bytes[textStart..<end]), to: &out)
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            guard let tagEnd = endOfMarkup(bytes, from: i) else {
                // A `<` that opens nothing is text.
                i += 1
                continue
            }
            flushText(upTo: i)
            handle(UnsafeBufferPointer(rebasing: bytes[i..<tagEnd]), into: &out)
            i = tagEnd
            textStart = i
        }
        flushText(upTo: bytes.count)
    }

    /// The end (exclusive) of a tag, comment or declaration starting at `start`, or `nil` when `<` is plain text.
    private func endOfMarkup(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
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

    private mutating func handle(_ b: UnsafeBufferPointer<UInt8>, into out: inout HTMLBuffer) {
        guard b.count >= 2 else { return }
        if b[1] == UInt8(ascii: "!") || b[1] == UInt8(ascii: "?") { return }
        let closing = b[1] == UInt8(ascii: "/")
        var k = closing ? 2 : 1
        let nameStart = k
        while k < b.count, isLetter(b[k]) || (b[k] >= 0x30 && b[k] <= 0x39) || b[k] == UInt8(ascii: "-") { k += 1 }
        let name = String(decoding: b[nameStart..<k], as: UTF8.self).lowercased()
        // Where the attributes start: only `<a>` and `<span>` read them.
        let attributesStart = k

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
                return
            }
            if let id = Self.attribute("id", in: b, from: attributesStart) ?? Self.attribute("name", in: b, from: attributesStart),
               !id.isEmpty, !skippedAnchorIDs.contains(id), anchors.take(id) {
                out += "<a id=\""
                out.appendEscaped(id)
                out += "\">"
                if isSelfClosing(b) { out += "</a>" } else { anchorStack.append(true) }
            } else if !isSelfClosing(b) {
                anchorStack.append(false)
            }
        case "br":
            if !closing { out += "<br>" }
        case "sup", "sub", "kbd":
            inlineTag(name, closing: closing, into: &out)
        case "span":
            if !closing, let classes = Self.attribute("class", in: b, from: attributesStart), classes.split(separator: " ").contains("sxs-lookup") {
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

    /// Emits an opening or closing `<sup>`, `<sub>` or `<kbd>` so that the tags nest: a closing
    /// tag closes those opened inside it first, and one that closes nothing is dropped.
    private mutating func inlineTag(_ name: String, closing: Bool, into out: inout HTMLBuffer) {
        guard closing else {
            // `<kbd/>` is no element in HTML: a start tag the browser keeps open.
            out += "<"
            out += name
            out += ">"
            openInlineTags.append(name)
            return
        }
        guard let index = openInlineTags.lastIndex(of: name) else { return }
        while openInlineTags.count > index {
            out += "</"
            out += openInlineTags.removeLast()
            out += ">"
        }
    }

    private func isSelfClosing(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[b.count - 2] == UInt8(ascii: "/") && b[b.count - 1] == UInt8(ascii: ">")
    }

    /// The value of a start tag's first attribute called `wanted` (lower-case ASCII), reading
    /// its attributes from just after its name; `nil` when it has none. Names compare as
    /// lower-cased strings, on their bytes when they are ASCII.
    ///
    /// Anchors ask for `id` and `name`, spans for `class`: a dictionary of every attribute, each
    /// name and value made a string, cost more than the rest of the tag's handling.
    static func attribute(_ wanted: StaticString, in b: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
        var i = start
        let end = b.last == UInt8(ascii: ">") ? b.count - 1 : b.count
        while i < end {
            while i < end, b[i] <= 0x20 || b[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < end, b[i] > 0x20, b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
            guard i > nameStart else { i += 1; continue }
            let isWanted = isName(UnsafeBufferPointer(rebasing: b[nameStart..<i]), wanted)
            while i < end, b[i] <= 0x20 { i += 1 }
            var value = i..<i
            if i < end, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < end, b[i] <= 0x20 { i += 1 }
                if i < end, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let quote = b[i]
                    let valueStart = i + 1
                    var k = valueStart
                    while k < end, b[k] != quote { k += 1 }
                    value = valueStart..<k
                    i = k + 1
                } else {
                    let valueStart = i
                    while i < end, b[i] > 0x20 { i += 1 }
                    value = valueStart..<i
                }
            }
            if isWanted { return String(decoding: b[value], as: UTF8.self) }
        }
        return nil
    }

    /// Whether the attribute name `name`, lower-cased, is `wanted` (lower-case ASCII).
    private static func isName(_ name: UnsafeBufferPointer<UInt8>, _ wanted: StaticString) -> Bool {
        // Lower-casing turns some letters beyond ASCII into ASCII ones (the Kelvin sign into `k`).
        if name.contains(where: { $0 >= 0x80 }) {
            return String(decoding: name, as: UTF8.self).lowercased() == wanted.description
        }
        let wantedBytes = UnsafeBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)
        return name.elementsEqual(wantedBytes) { ($0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0) == $1 }
    }

    /// Text from raw HTML: `<`, `>`, quotes escaped; `&` kept only where it starts a
    /// well-formed reference. The runs between those bytes are copied whole.
    private func appendText(_ text: UnsafeBufferPointer<UInt8>, to out: inout HTMLBuffer) {
        var position = 0
        while let special = HTMLEscaping.firstSpecial(in: text, from: position) {
            out.append(UnsafeBufferPointer(rebasing: text[position..<special]))
            if text[special] == UInt8(ascii: "&"), Self.referenceLength(text, at: special) > 0 {
                out += "&"
            } else {
                out += HTMLEscaping.reference(for: text[special])
            }
            position = special + 1
        }
        out.append(UnsafeBufferPointer(rebasing: text[position...]))
    }

    /// The length of a character reference (`&amp;`, `&#39;`, `&#x27;`) starting at `i`, or 0.
    static func referenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
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
