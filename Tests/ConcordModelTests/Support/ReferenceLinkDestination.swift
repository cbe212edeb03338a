@testable import ConcordModel

/// ``LinkDestination/init(_:)`` written plainly, on a trimmed copy of the destination in an
/// array: the definition the in-place reading must agree with (see `LinkDestinationTests`).
struct ReferenceLinkDestination {
    var kind: LinkDestination.Kind
    var scheme: String?
    var path: String
    var query: String?
    var fragment: String?
    var writtenPath: String
    var suffix: String

    /// Whether `destination` was taken apart the same way.
    func matches(_ destination: LinkDestination) -> Bool {
        kind == destination.kind && scheme == destination.scheme && path == destination.path
            && query == destination.query && fragment == destination.fragment
            && Array(writtenPath.utf8) == Array(destination.writtenPath.utf8) && Array(suffix.utf8) == Array(destination.suffix.utf8)
    }

    init(_ destination: String) {
        // Spaces and control characters around it go, as browsers strip them.
        var bytes = Array(destination.utf8.drop { $0 <= 0x20 })
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        let all = bytes

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
        writtenPath = String(decoding: bytes, as: UTF8.self)
        suffix = String(decoding: all[bytes.count...], as: UTF8.self)

        if all.isEmpty {
            (kind, scheme, path) = (.empty, nil, "")
        } else if bytes.isEmpty {
            // `#x` or `?x`: the same article.
            (kind, scheme, path) = (.fragment, nil, "")
        } else if let (scheme, colon) = Self.scheme(of: bytes) {
            self.scheme = scheme
            kind = scheme == "xref" ? .xref : ["http", "https", "mailto", "tel", "ftp"].contains(scheme) ? .external : .blocked
            path = String(decoding: bytes[(colon + 1)...], as: UTF8.self)
        } else if bytes[0] == UInt8(ascii: "/") || bytes[0] == UInt8(ascii: "\\") {
            (kind, scheme, path) = (.siteRooted, nil, String(decoding: bytes, as: UTF8.self))
        } else {
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\\") { bytes[i] = UInt8(ascii: "/") }
            (kind, scheme) = (.relative, nil)
            path = LinkDestination.percentDecoded(bytes[...])
        }
    }

    /// The lower-cased scheme of `bytes` (`https` for `HTTPS://x`) and where its `:` is, if it
    /// starts with one, read as browsers read it: a letter, then letters, digits, `+`, `-`, `.`,
    /// then `:`, with tabs and line breaks anywhere in it ignored.
    static func scheme(of bytes: [UInt8]) -> (String, Int)? {
        let ignored: Set<UInt8> = [0x09, 0x0A, 0x0D]
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let letters = bytes[..<colon].filter { !ignored.contains($0) }
        guard let first = letters.first, isASCIILetter(first),
              letters.allSatisfy({ isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || "+-.".utf8.contains($0) })
        else { return nil }
        return (String(decoding: letters, as: UTF8.self).lowercased(), colon)
    }

    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
}
