#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ConcordModel

/// Decides which URLs may reach a page, and how relative paths combine.
///
/// Schemes are read and allowed by ``LinkScheme``, the model's one rule, here on the URL as it is
/// finally written into the page.
public enum URLPolicy {
    /// Schemes a link or image may use; everything else with a scheme (`javascript:`,
    /// `vbscript:`, `data:`, `file:`…) is neutralised.
    static var allowedSchemes: Set<String> { LinkScheme.allowed }

    /// Whether a destination is safe to put in `href` or `src`.
    ///
    /// Browsers ignore tabs, newlines and leading control characters inside a scheme
    /// (`java\tscript:`), so those are removed before the scheme is read.
    public static func isSafe(_ destination: String) -> Bool {
        LinkScheme.kind(of: destination) != .other
    }

    /// The lower-cased scheme of a URL (`https`), or `nil` for a relative reference.
    public static func scheme(of destination: String) -> String? {
        LinkScheme.scheme(of: destination)
    }

    /// Whether a destination is a path relative to the current page (no scheme, not `/…`, not `#…`, not `//host`).
    public static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?") { return false }
        return LinkScheme.kind(of: destination) == .none
    }

    /// Whether a link opens another site: `http:`, `https:` or `ftp:`, or `//host` (which
    /// browsers also read from `\\host`). Such links get `rel="noopener"`.
    public static func opensAnotherSite(_ href: String) -> Bool {
        var text = href
        let start = text.withUTF8 { bytes -> (slashes: Bool, colon: Bool) in
            let isSlash = { (byte: UInt8) in byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") }
            return (bytes.count >= 2 && isSlash(bytes[0]) && isSlash(bytes[1]), bytes.contains(UInt8(ascii: ":")))
        }
        if start.slashes { return true }
        guard start.colon, let scheme = scheme(of: href) else { return false }
        return scheme == "http" || scheme == "https" || scheme == "ftp"
    }

    /// A relative reference as it may be written into a page: `./` + `reference` when its first
    /// segment holds a `:`, else `reference` itself.
    ///
    /// A browser reads `javascript:x.html` as a scheme and a path, whatever file it was made
    /// from (`./javascript:x.md` loses its `./` when rewritten), so every relative URL the site
    /// writes goes through here or ``RelativePath/relative(to:from:)``, which does the same.
    public static func relativeReference(_ reference: String) -> String {
        var text = reference
        return text.withUTF8(firstSegmentHasColon) ? "./" + reference : reference
    }

    /// Whether the bytes before the first `/`, `\`, `?` or `#` hold a `:`. Bytes, not Characters:
    /// browsers parse URLs by code points, so a `:` joined to a mark is still a `:` to them, and a
    /// `\` ends a segment as a `/` does.
    static func firstSegmentHasColon(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "#"): return false
            default: continue
            }
        }
        return false
    }

    /// Splits `path?query#fragment` into the path and the rest (`?query#fragment`, possibly empty).
    ///
    /// The split is at the first `#` or `?` that is a Character of its own, as a search over
    /// Characters finds it; the bytes say where unless a mark touches one of them.
    public static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        var contiguous = destination
        guard let offset = contiguous.withUTF8(suffixStart(in:)) else {
            if let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                return (destination[..<index], destination[index...])
            }
            return (destination[...], "")
        }
        let index = destination.utf8.index(destination.utf8.startIndex, offsetBy: offset)
        return (destination[..<index], destination[index...])
    }

    /// Where ``splitSuffix(_:)`` splits a destination's bytes (their count when there is no
    /// suffix); `nil` when a mark may touch the first `#` or `?`.
    static func suffixStart(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"), in: 0..<bytes.count) ?? bytes.count
        let start = bytes.firstIndex(of: UInt8(ascii: "?"), in: 0..<hash) ?? hash
        return start == bytes.count || UTF8Characters.isLoneCharacter(at: start, in: bytes) ? start : nil
    }

    /// Percent-encodes what may not stand in an attribute URL as written (spaces, controls,
    /// quotes, angle brackets); existing `%xx` escapes are kept.
    public static func encodeForAttribute(_ url: String) -> String {
        // Asked of every link and image of every page, nearly always to find nothing: the
        // string's contiguous bytes are scanned, not its `utf8` view, which is far slower per byte.
        var text = url
        guard text.withUTF8({ $0.contains(where: needsEncoding) }) else { return url }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(url.utf8.count + 8)
        for byte in url.utf8 {
            if needsEncoding(byte) {
                let hex = Array(String(byte, radix: 16, uppercase: true).utf8)
                encoded.append(UInt8(ascii: "%"))
                if hex.count == 1 { encoded.append(UInt8(ascii: "0")) }
                encoded += hex
            } else {
                encoded.append(byte)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func needsEncoding(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }
}

/// `/`-separated relative paths inside a locale root: resolution that never escapes the root.
///
/// Every link of every page is resolved and related here, so both work on UTF-8 bytes in one
/// pass, with no arrays of parts, straight into the string they return. A `/` is a separator
/// to `split`, which works on Characters, unless a mark joins it to a neighbour: when the
/// bytes cannot rule that out (``UTF8Characters/isLoneCharacter(at:in:)``), `split` decides.
public enum RelativePath {
    /// The folder of a path (`a/b/c.md` → `a/b`, `c.md` → ``).
    public static func directory(of path: String) -> String {
        // The last `/` byte is the last `/` Character when no mark joins it to a neighbour
        // (every page and output file asks): found on bytes; otherwise Characters decide.
        var text = path
        let folder: String? = text.withUTF8 { bytes in
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
            guard UTF8Characters.isLoneCharacter(at: slash, in: bytes) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<slash]), as: UTF8.self)
        }
        if let folder { return folder }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Resolves `reference` against `directory`, removing `.` and `..`; `nil` when it climbs above the root.
    public static func resolve(_ reference: some StringProtocol, from directory: String) -> String? {
        var directoryText = directory
        let resolved = directoryText.withUTF8 { directoryBytes in
            reference.utf8.withContiguousStorageIfAvailable { resolve($0, from: directoryBytes) } ?? nil
        }
        if let resolved { return resolved }
        return ReferencePath.resolve(reference, from: directory)
    }

    /// ``resolve(_:from:)`` on bytes; `.some(nil)` when it climbs above the root, `nil` when a
    /// `/` may be joined to a mark.
    private static func resolve(_ reference: UnsafeBufferPointer<UInt8>, from directory: UnsafeBufferPointer<UInt8>) -> String?? {
        var length: Int?? = nil
        let resolved = String(unsafeUninitializedCapacity: directory.count + reference.count + 1) { out in
            length = resolve(reference, from: directory, into: out)
            return (length ?? nil) ?? 0
        }
        guard let length else { return nil }
        return length == nil ? .some(nil) : resolved
    }

    /// Writes `reference` resolved against `directory` into `out`, which has room for both and
    /// a `/`, and returns its length; `.some(nil)` when it climbs above the root, `nil` when a
    /// `/` may be joined to a mark.
    static func resolve(
        _ reference: UnsafeBufferPointer<UInt8>, from directory: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>
    ) -> Int?? {
        var count = 0
        guard appendParts(of: directory, resolvingDots: false, to: out, count: &count) != nil,
              let inside = appendParts(of: reference, resolvingDots: true, to: out, count: &count) else { return nil }
        return inside ? count : .some(nil)
    }

    /// Appends the non-empty `/`-separated parts of `path` to the first `count` bytes of `out`,
    /// a `/` between two parts; with `resolvingDots`, a `.` part is dropped and a `..` part takes
    /// the last part away. `false` when a `..` finds no part to take, `nil` when a `/` may be
    /// joined to a mark.
    ///
    /// A part equals `.` or `..` as a `Substring` exactly when its bytes are those: no other
    /// string is canonically equivalent to them, and a mark after a dot makes a part that is
    /// neither.
    private static func appendParts(
        of path: UnsafeBufferPointer<UInt8>, resolvingDots: Bool, to out: UnsafeMutableBufferPointer<UInt8>, count: inout Int
    ) -> Bool? {
        var start = 0
        while start <= path.count {
            let end = path.firstIndex(of: UInt8(ascii: "/"), in: start..<path.count) ?? path.count
            if end < path.count, !UTF8Characters.isLoneCharacter(at: end, in: path) { return nil }
            let part = UnsafeBufferPointer(rebasing: path[start..<end])
            start = end + 1
            if part.isEmpty { continue }
            if resolvingDots, part.count <= 2, part[0] == UInt8(ascii: "."), part.count == 1 || part[1] == UInt8(ascii: ".") {
                if part.count == 2 {
                    guard count > 0 else { return false }
                    // Back to the `/` before the last part (parts hold no `/`), or to nothing.
                    repeat { count -= 1 } while count > 0 && out[count] != UInt8(ascii: "/")
                }
                continue
            }
            if count > 0 {
                out[count] = UInt8(ascii: "/")
                count += 1
            }
            copy(part, to: out, at: &count)
        }
        return true
    }

    /// The relative reference from a page in folder `directory` to `path` (both relative to the same root).
    public static func relative(to path: String, from directory: String) -> String {
        var directoryText = directory
        var pathText = path
        let fast = directoryText.withUTF8 { directoryBytes in
            pathText.withUTF8 { relative(to: $0, from: directoryBytes, suffix: UnsafeBufferPointer(start: nil, count: 0)) }
        }
        if let fast { return fast }
        let fromParts = directory.split(separator: "/")
        let toParts = path.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return URLPolicy.relativeReference((ups + toParts[common...].map(String.init)).joined(separator: "/"))
    }

    /// ``relative(to:from:)`` on bytes, with `suffix` (`?query#fragment`) appended; `nil` when a
    /// `/` that counts may be joined to a mark. A result that would start with a segment holding
    /// a `:` starts with `./` (``URLPolicy/relativeReference(_:)``).
    ///
    /// The parts of `directory` (empty ones omitted) are matched in turn against the parts of
    /// `path` (empty ones kept, the last never matched) up to the first that differs; each one
    /// left over is a `../`, and the rest of `path` follows as it is. So every `/` of `directory`
    /// counts, but of those in `path` only the ones that end a compared part do.
    static func relative(
        to path: UnsafeBufferPointer<UInt8>, from directory: UnsafeBufferPointer<UInt8>, suffix: UnsafeBufferPointer<UInt8>
    ) -> String? {
        var rest = 0
        var ups = 0
        var start = 0
        while start <= directory.count {
            let end = directory.firstIndex(of: UInt8(ascii: "/"), in: start..<directory.count) ?? directory.count
            if end < directory.count, !UTF8Characters.isLoneCharacter(at: end, in: directory) { return nil }
            let part = UnsafeBufferPointer(rebasing: directory[start..<end])
            start = end + 1
            if part.isEmpty { continue }
            if ups == 0, let separator = path.firstIndex(of: UInt8(ascii: "/"), in: rest..<path.count) {
                guard UTF8Characters.isLoneCharacter(at: separator, in: path) else { return nil }
                if same(part, UnsafeBufferPointer(rebasing: path[rest..<separator])) {
                    rest = separator + 1
                    continue
                }
            }
            ups += 1
        }
        let tail = UnsafeBufferPointer(rebasing: path[rest...])
        let dotSlash = ups == 0 && URLPolicy.firstSegmentHasColon(tail)
        return String(unsafeUninitializedCapacity: ups * 3 + (dotSlash ? 2 : 0) + tail.count + suffix.count) { out in
            var count = 0
            if dotSlash {
                out[0] = UInt8(ascii: "."); out[1] = UInt8(ascii: "/")
                count = 2
            }
            for _ in 0..<ups {
                out[count] = UInt8(ascii: "."); out[count + 1] = UInt8(ascii: "."); out[count + 2] = UInt8(ascii: "/")
                count += 3
            }
            copy(tail, to: out, at: &count)
            copy(suffix, to: out, at: &count)
            return count
        }
    }

    /// Copies `bytes` into `out` from `count` on, and moves `count` past them.
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at count: inout Int) {
        guard let source = bytes.baseAddress, let destination = out.baseAddress else { return }
        (destination + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Whether two path parts are equal as `Substring`s: the same bytes, or, for text that is
    /// not ASCII, canonically equivalent (`é` precomposed or not).
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count == b.count, a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 { return true }
        guard a.contains(where: { $0 >= 0x80 }) || b.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    /// `../` repeated once per folder of `path` (a path relative to the output root): the way back to the root.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `byte` in `range`: libc's `memchr` looks at many bytes a step.
    fileprivate func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, let base = baseAddress, let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
