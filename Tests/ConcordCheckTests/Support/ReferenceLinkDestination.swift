@testable import ConcordCheck
import ConcordModel

/// ``LinkDestination/init(_:)`` as first written, on a trimmed copy of the destination in an
/// array: the definition the in-place reading must agree with (see `LinkDestinationTests`).
struct ReferenceLinkDestination {
    var kind: LinkDestination.Kind
    var scheme: String?
    var path: String
    var query: String?
    var fragment: String?

    /// Whether `destination` was taken apart the same way.
    func matches(_ destination: LinkDestination) -> Bool {
        kind == destination.kind && scheme == destination.scheme && path == destination.path
            && query == destination.query && fragment == destination.fragment
    }

    init(_ destination: String) {
        let trimmed = destination.trimmingASCIIWhitespace()
        var bytes = Array(trimmed.utf8)

        if bytes.isEmpty {
            (kind, scheme, path, query, fragment) = (.empty, nil, "", nil, nil)
            return
        }
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = Self.percentDecoded(bytes[(hash + 1)...])
            bytes.removeSubrange(hash...)
        }
        var query: String?
        if let question = bytes.firstIndex(of: UInt8(ascii: "?")) {
            query = String(decoding: bytes[(question + 1)...], as: UTF8.self)
            bytes.removeSubrange(question...)
        }
        self.fragment = fragment
        self.query = query

        if bytes.isEmpty {
            // `#x` or `?x`: the same article.
            (kind, scheme, path) = (.fragment, nil, "")
        } else if let scheme = Self.scheme(of: bytes) {
            self.scheme = scheme
            kind = scheme == "xref" ? .xref : .external
            path = String(decoding: bytes[(scheme.utf8.count + 1)...], as: UTF8.self)
        } else if bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "\\") {
            (kind, scheme, path) = (.siteRooted, nil, String(decoding: bytes, as: UTF8.self))
        } else {
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\\") { bytes[i] = UInt8(ascii: "/") }
            (kind, scheme) = (.relative, nil)
            path = Self.percentDecoded(bytes[...])
        }
    }

    /// The lower-cased scheme of `bytes` (`https` for `HTTPS://x`), if it starts with one.
    ///
    /// RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`.
    static func scheme(of bytes: [UInt8]) -> String? {
        guard let first = bytes.first, isASCIILetter(first) else { return nil }
        var i = 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ":") {
                return String(decoding: bytes[0..<i], as: UTF8.self).lowercased()
            }
            guard isASCIILetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            else { return nil }
            i += 1
        }
        return nil
    }

    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

    /// `%XX` sequences decoded; the text unchanged when decoding would not give valid UTF-8.
    static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> String {
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
