/// A link destination taken apart: what kind of target it names, and its path, query and fragment.
///
/// Works on the destination as cmark gives it (entities and backslash escapes already decoded,
/// percent-encoding kept), in UTF-8, without Foundation's URL (which rejects much of what writers
/// put in links: spaces, `[`, non-ASCII).
public struct LinkDestination: Sendable, Hashable {
    /// What a destination points at.
    public enum Kind: Sendable, Hashable {
        /// Nothing (`[text]()`).
        case empty
        /// `#anchor` alone: a place in the same article.
        case fragment
        /// A URL with a scheme other than `xref:` (`https:`, `mailto:`, `ftp:`, also `C:`).
        case external
        /// `xref:Some.Uid`: resolved by the docs platform, not a file.
        case xref
        /// `/path` or `//host/path`: a path on the published site, not in the content tree.
        case siteRooted
        /// A path relative to the article's folder (`../a/b.md`, `media/x.png`).
        case relative
    }

    /// The destination as written.
    public let raw: String
    /// What it points at.
    public let kind: Kind
    /// The scheme, lower-cased (`https`), for external and xref destinations.
    public let scheme: String?
    /// Everything before `?` and `#`; for relative destinations percent-decoded, with `\` read as `/`.
    public let path: String
    /// The text after `?` (without it), if any.
    public let query: String?
    /// The text after `#` (without it), percent-decoded, if any.
    public let fragment: String?

    /// Takes a destination apart.
    ///
    /// Reads the string's own UTF-8 in place: every link of every article is taken apart, and
    /// copying each destination into an array (and trimming it into a new string) first was a
    /// third of the work.
    public init(_ destination: String) {
        raw = destination
        var destination = destination
        (kind, scheme, path, query, fragment) = destination.withUTF8(LinkDestination.parts)
    }

    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// The kind, scheme, path, query and fragment of a destination's UTF-8.
    private static func parts(_ utf8: UnsafeBufferPointer<UInt8>) -> (Kind, String?, String, String?, String?) {
        // ASCII white space around it (space, tab, line feed, carriage return) is not part of it.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var bytes = utf8[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        if bytes.isEmpty { return (.empty, nil, "", nil, nil) }

        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = percentDecoded(bytes[(hash + 1)...])
            bytes = bytes[..<hash]
        }
        var query: String?
        if let question = bytes.firstIndex(of: UInt8(ascii: "?")) {
            query = String(decoding: bytes[(question + 1)...], as: UTF8.self)
            bytes = bytes[..<question]
        }

        if bytes.isEmpty {
            // `#x` or `?x`: the same article.
            return (.fragment, nil, "", query, fragment)
        }
        if let scheme = scheme(of: bytes) {
            let path = String(decoding: bytes[(bytes.startIndex + scheme.utf8.count + 1)...], as: UTF8.self)
            return (scheme == "xref" ? .xref : .external, scheme, path, query, fragment)
        }
        if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "\\") {
            return (.siteRooted, nil, String(decoding: bytes, as: UTF8.self), query, fragment)
        }
        // A relative path, where `\` reads as `/`.
        guard bytes.contains(UInt8(ascii: "\\")) else { return (.relative, nil, percentDecoded(bytes), query, fragment) }
        let slashed = bytes.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }
        return (.relative, nil, slashed.withUnsafeBufferPointer { percentDecoded($0[...]) }, query, fragment)
    }

    /// The lower-cased scheme of `bytes` (`https` for `HTTPS://x`), if it starts with one.
    ///
    /// RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`.
    private static func scheme(of bytes: Bytes) -> String? {
        guard let first = bytes.first, isASCIILetter(first) else { return nil }
        var i = bytes.startIndex + 1
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: ":") {
                // ASCII only: lowering is setting the letters' 0x20 bit.
                let scheme = bytes[..<i]
                return String(unsafeUninitializedCapacity: scheme.count) { buffer in
                    for (k, byte) in scheme.enumerated() { buffer[k] = isASCIILetter(byte) ? byte | 0x20 : byte }
                    return scheme.count
                }
            }
            guard isASCIILetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            else { return nil }
            i += 1
        }
        return nil
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

    /// `%XX` sequences decoded; the text unchanged when decoding would not give valid UTF-8.
    /// (Also the reference definition's, in the tests: only the reading around it changed.)
    static func percentDecoded<UTF8Bytes: RandomAccessCollection<UInt8>>(_ bytes: UTF8Bytes) -> String where UTF8Bytes.Index == Int {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.endIndex,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        // Decoding that makes invalid UTF-8 (a stray `%FF`) gives the text back as written.
        let decoded = String(decoding: out, as: UTF8.self)
        if decoded.unicodeScalars.contains("\u{FFFD}"), !String(decoding: bytes, as: UTF8.self).unicodeScalars.contains("\u{FFFD}") {
            return String(decoding: bytes, as: UTF8.self)
        }
        return decoded
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Where a relative link leads, once `.` and `..` are applied to the article's folder.
public enum RelativeTarget: Sendable, Hashable {
    /// A path inside the locale root, with `/` separators and no `.` or `..` (empty: the root itself).
    case inside(String)
    /// A path that climbs `levels` folders above the locale root, then descends into `rest`.
    case outside(levels: Int, rest: String)

    /// Applies a relative `path` to the folder of `articlePath` (both relative to the locale root).
    ///
    /// Works on the UTF-8 bytes into one buffer: every link of every article comes through here,
    /// and splitting into substrings and joining them again dominated `broken-link`.
    public init(path: String, from articlePath: String) {
        var joined: [UInt8] = []
        joined.reserveCapacity(articlePath.utf8.count + path.utf8.count)
        var above = 0
        // The article's folder: its components without the file name, empty components dropped.
        RelativeTarget.forEachComponent(of: articlePath) { component, isLast in
            if !isLast { RelativeTarget.append(component, to: &joined) }
        }
        RelativeTarget.forEachComponent(of: path) { component, _ in
            if component.count == 1, component[component.startIndex] == UInt8(ascii: ".") { return }
            if component.count == 2, component[component.startIndex] == UInt8(ascii: "."),
               component[component.startIndex + 1] == UInt8(ascii: ".") {
                if joined.isEmpty {
                    above += 1
                } else {
                    // Drop the last component and the slash before it.
                    let slash = joined.lastIndex(of: UInt8(ascii: "/")) ?? 0
                    joined.removeSubrange(slash...)
                }
                return
            }
            // Once above the root, `..` and names pair up against the climbed folders.
            RelativeTarget.append(component, to: &joined)
        }
        let result = String(decoding: joined, as: UTF8.self)
        self = above == 0 ? .inside(result) : .outside(levels: above, rest: result)
    }

    private static func append(_ component: UnsafeBufferPointer<UInt8>.SubSequence, to joined: inout [UInt8]) {
        if !joined.isEmpty { joined.append(UInt8(ascii: "/")) }
        joined.append(contentsOf: component)
    }

    /// Calls `body` with each non-empty `/`-separated component of `string`, and whether it is the last one.
    private static func forEachComponent(
        of string: String, _ body: (UnsafeBufferPointer<UInt8>.SubSequence, _ isLast: Bool) -> Void
    ) {
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            var pending: Range<Int>?
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start {
                    if let previous = pending { body(bytes[previous], false) }
                    pending = start..<index
                }
                start = index + 1
            }
            if let last = pending { body(bytes[last], true) }
        }
    }
}
