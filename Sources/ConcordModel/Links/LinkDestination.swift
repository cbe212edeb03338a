/// A link destination taken apart: what kind of target it names, and its path, query and fragment.
///
/// The one reading of a destination that the checks, the JSON export and the pages share. Works on
/// the destination as cmark gives it (entities and backslash escapes already decoded,
/// percent-encoding kept), in UTF-8, without Foundation's URL (which rejects much of what writers
/// put in links: spaces, `[`, non-ASCII). The rules, as docs platforms apply them:
///
/// - Spaces and control characters around the destination are not part of it.
/// - The first `#` starts the fragment, and a `?` before it the query; both are kept as written
///   for the page and read percent-decoded where they name something (the fragment an anchor).
/// - A scheme is read as ``LinkScheme`` reads it; only ``LinkScheme/allowed`` ones are links to
///   follow, `xref:` is the docs platform's, every other one is ``Kind/blocked``.
/// - `/…` and `\…` are paths on the published site (`//host` another site).
/// - Anything else is a path relative to the article's folder, where `\` reads as `/` (Windows
///   writers' paths; browsers read them so too) and `%XX` escapes are decoded.
public struct LinkDestination: Sendable, Hashable {
    /// What a destination points at.
    public enum Kind: Sendable, Hashable {
        /// Nothing (`[text]()`): the article itself.
        case empty
        /// `#anchor` or `?query` alone: a place in the same article.
        case fragment
        /// A URL with a scheme of ``LinkScheme/allowed`` (`https:`, `mailto:`).
        case external
        /// `xref:Some.Uid`: resolved by the docs platform, not a file.
        case xref
        /// A URL with any other scheme (`javascript:`, `data:`, also `C:`): never followed.
        case blocked
        /// `/path` or `//host/path`: a path on the published site, not in the content tree.
        case siteRooted
        /// A path relative to the article's folder (`../a/b.md`, `media/x.png`).
        case relative
    }

    /// The destination as written.
    public let raw: String
    /// What it points at.
    public let kind: Kind
    /// The scheme, lower-cased (`https`), for external, xref and blocked destinations.
    public let scheme: String?
    /// Everything before `?` and `#`; for relative destinations percent-decoded, with `\` read as `/`.
    public let path: String
    /// The text after `?` (without it), if any.
    public let query: String?
    /// The text after `#` (without it), percent-decoded, if any.
    public let fragment: String?
    /// Where, in the UTF-8 of ``raw``, the path as written starts, where it ends (where the
    /// `?query#fragment` starts), and where that ends: offsets, so that taking a destination
    /// apart makes no more strings.
    private let pathStart: Int, pathEnd: Int, end: Int

    /// Takes a destination apart.
    ///
    /// Reads the string's own UTF-8 in place: every link of every article is taken apart, and
    /// copying each destination into an array (and trimming it into a new string) first was a
    /// third of the work.
    public init(_ destination: String) {
        raw = destination
        var destination = destination
        (kind, scheme, path, query, fragment, pathStart, pathEnd, end) = destination.withUTF8(LinkDestination.parts)
    }

    /// The path as written: percent escapes and `\` kept, spaces around the destination left out.
    public var writtenPath: Substring { slice(pathStart, pathEnd) }

    /// `?query#fragment` as written (empty when there is neither), for a page that keeps them.
    public var suffix: Substring { slice(pathEnd, end) }

    /// What a page writes after the URL of the target: ``suffix``, but for an `xref:` only its
    /// `#fragment`, as a `?displayProperty=…` query says how DocFX shows the link, not where it goes.
    public var pageSuffix: Substring {
        let all = suffix
        guard kind == .xref else { return all }
        return all.firstIndex(of: "#").map { all[$0...] } ?? all[all.endIndex...]
    }

    /// The uid an `xref:` destination names (its path, percent-decoded); `nil` for any other destination.
    public var uid: String? {
        kind == .xref ? LinkDestination.percentDecoded(Array(path.utf8)) : nil
    }

    private func slice(_ from: Int, _ to: Int) -> Substring {
        let utf8 = raw.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
    }

    private typealias Parts = (Kind, String?, String, String?, String?, Int, Int, Int)

    /// The kind, scheme, path, query, fragment and written path's bounds of a destination's UTF-8.
    private static func parts(_ utf8: UnsafeBufferPointer<UInt8>) -> Parts {
        // Spaces and control characters around it are not part of it (browsers strip them too).
        var bytes = utf8[...]
        while let first = bytes.first, first <= 0x20 { bytes.removeFirst() }
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        let start = bytes.startIndex, stop = bytes.endIndex
        if bytes.isEmpty { return (.empty, nil, "", nil, nil, start, start, start) }

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
        let end = bytes.endIndex

        if bytes.isEmpty {
            // `#x` or `?x`: the same article.
            return (.fragment, nil, "", query, fragment, start, end, stop)
        }
        let head = UnsafeBufferPointer(rebasing: bytes)
        if let colon = LinkScheme.colon(in: head) {
            let scheme = LinkScheme.scheme(of: head, before: colon)
            let path = String(decoding: bytes[(start + colon + 1)...], as: UTF8.self)
            let kind: Kind = scheme == "xref" ? .xref : LinkScheme.allowed.contains(scheme) ? .external : .blocked
            return (kind, scheme, path, query, fragment, start, end, stop)
        }
        if bytes.first == UInt8(ascii: "/") || bytes.first == UInt8(ascii: "\\") {
            return (.siteRooted, nil, String(decoding: bytes, as: UTF8.self), query, fragment, start, end, stop)
        }
        // A relative path, where `\` reads as `/`.
        guard bytes.contains(UInt8(ascii: "\\")) else { return (.relative, nil, percentDecoded(bytes), query, fragment, start, end, stop) }
        let path = slashed(bytes).withUnsafeBufferPointer { percentDecoded($0[...]) }
        return (.relative, nil, path, query, fragment, start, end, stop)
    }

    /// `bytes` with every `\` made a `/`.
    package static func slashed(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        bytes.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }
    }

    /// `%XX` sequences decoded; the text unchanged when decoding would not give valid UTF-8.
    /// (Also the reference definition's, in the tests: only the reading around it changed.)
    package static func percentDecoded<UTF8Bytes: RandomAccessCollection<UInt8>>(_ bytes: UTF8Bytes) -> String where UTF8Bytes.Index == Int {
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

    /// A path of the content tree as it may stand in a URL: `%`, `#` and `?` escaped, as a file
    /// name can hold them and a URL would read them as an escape, a fragment or a query.
    public static func urlPath(_ path: String) -> String {
        var text = path
        let needsEscape = text.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }
        }
        guard needsEscape else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "#": out += "%23"
            case "?": out += "%3F"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
