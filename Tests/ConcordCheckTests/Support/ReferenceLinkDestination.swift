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
            fragment = LinkDestination.percentDecoded(bytes[(hash + 1)...])
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
            path = LinkDestination.percentDecoded(bytes[...])
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
}
