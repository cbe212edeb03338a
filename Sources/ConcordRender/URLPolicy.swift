/// Decides which URLs from content may reach a page, and how relative paths combine.
public enum URLPolicy {
    /// Schemes a link or image may use; everything else with a scheme (`javascript:`,
    /// `vbscript:`, `data:`, `file:`…) is neutralised.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel", "ftp"]

    /// Whether a destination is safe to put in `href` or `src`.
    ///
    /// Browsers ignore tabs, newlines and leading control characters inside a scheme
    /// (`java\tscript:`), so those are removed before the scheme is read.
    public static func isSafe(_ destination: String) -> Bool {
        schemeKind(of: destination) != .other
    }

    /// The lower-cased scheme of a URL (`https`), or `nil` for a relative reference.
    public static func scheme(of destination: String) -> String? {
        var letters: [UInt8] = []
        var started = false
        for byte in destination.utf8 {
            if byte <= 0x20 {
                // Leading spaces/controls and embedded tab/newline are skipped, as browsers do.
                if !started || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return nil
            }
            started = true
            if byte == UInt8(ascii: ":") {
                guard let first = letters.first, isLetter(first) else { return nil }
                return String(decoding: letters, as: UTF8.self).lowercased()
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return nil }
            guard isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else {
                // A character no scheme may hold: browsers treat the whole thing as a path,
                // unless it is a control character they strip (handled above).
                return nil
            }
            letters.append(byte)
        }
        return nil
    }

    /// What ``scheme(of:)`` finds, sorted against ``allowedSchemes``.
    enum SchemeKind {
        /// No scheme: a relative reference.
        case none
        /// One of ``allowedSchemes``.
        case allowed
        /// Any other scheme.
        case other
    }

    /// The kind of scheme `destination` has: ``scheme(of:)`` without building a string, for
    /// every link of every page. The scheme's bytes, lower-cased, are packed into an integer
    /// (the allowed ones are six letters at most; longer ones are never allowed).
    static func schemeKind(of destination: String) -> SchemeKind {
        var packed: UInt64 = 0
        var length = 0
        var first: UInt8 = 0
        var started = false
        for byte in destination.utf8 {
            if byte <= 0x20 {
                if !started || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return .none
            }
            started = true
            if byte == UInt8(ascii: ":") {
                guard length > 0, isLetter(first) else { return .none }
                return length <= 8 && allowedPacked.contains(packed) ? .allowed : .other
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return .none }
            let letter = isLetter(byte)
            guard letter || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return .none }
            if length == 0 { first = byte }
            if length < 8 { packed |= UInt64(letter ? byte | 0x20 : byte) << (8 * UInt64(length)) }
            length += 1
        }
        return .none
    }

    /// ``allowedSchemes`` packed as ``schemeKind(of:)`` packs a scheme.
    private static let allowedPacked: [UInt64] = allowedSchemes.map { scheme in
        scheme.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Whether a destination is a path relative to the current page (no scheme, not `/…`, not `#…`, not `//host`).
    public static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?") { return false }
        return schemeKind(of: destination) == .none
    }

    /// Splits `path?query#fragment` into the path and the rest (`?query#fragment`, possibly empty).
    ///
    /// The split is at the first `#` or `?` that is a Character of its own, as a search over
    /// Characters finds it; the bytes say where unless a mark touches one of them.
    public static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        var contiguous = destination
        let offset = contiguous.withUTF8 { bytes -> Int?? in
            for index in bytes.indices where bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "?") {
                return UTF8Characters.isLoneCharacter(at: index, in: bytes) ? .some(index) : nil
            }
            return .some(nil)
        }
        guard let offset else {
            if let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                return (destination[..<index], destination[index...])
            }
            return (destination[...], "")
        }
        guard let offset else { return (destination[...], "") }
        let index = destination.utf8.index(destination.utf8.startIndex, offsetBy: offset)
        return (destination[..<index], destination[index...])
    }

    /// Percent-encodes what may not stand in an attribute URL as written (spaces, controls,
    /// quotes, angle brackets); existing `%xx` escapes are kept.
    public static func encodeForAttribute(_ url: String) -> String {
        guard url.utf8.contains(where: needsEncoding) else { return url }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count + 8)
        for byte in url.utf8 {
            if needsEncoding(byte) {
                let hex = Array(String(byte, radix: 16, uppercase: true).utf8)
                bytes.append(UInt8(ascii: "%"))
                if hex.count == 1 { bytes.append(UInt8(ascii: "0")) }
                bytes += hex
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEncoding(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }
}

/// `/`-separated relative paths inside a locale root: resolution that never escapes the root.
public enum RelativePath {
    /// The folder of a path (`a/b/c.md` → `a/b`, `c.md` → ``).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Resolves `reference` against `directory`, removing `.` and `..`; `nil` when it climbs above the root.
    public static func resolve(_ reference: some StringProtocol, from directory: String) -> String? {
        // Most references are plain names (`other.md`, `media/a.png`): then the result is the two joined.
        if isPlain(directory, allowingDots: true), isPlain(reference, allowingDots: false) {
            return directory.isEmpty ? String(reference) : directory + "/" + String(reference)
        }
        if let resolved = resolveBytes(reference, from: directory) { return resolved }
        var parts: [Substring] = directory.isEmpty ? [] : directory.split(separator: "/", omittingEmptySubsequences: true)
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(Substring(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// ``resolve(_:from:)`` on byte ranges; `.some(nil)` when it climbs above the root, `nil`
    /// when a `/` may be joined to a mark (then `split`, which works on Characters, decides).
    private static func resolveBytes(_ reference: some StringProtocol, from directory: String) -> String?? {
        var referenceText = String(reference)
        var directoryText = directory
        return directoryText.withUTF8 { directoryBytes in
            referenceText.withUTF8 { referenceBytes -> String?? in
                // Parts of the directory are ranges in it; parts of the reference are marked by `inReference`.
                var parts: [(inReference: Bool, range: Range<Int>)] = []
                var directoryParts: [Range<Int>] = []
                var referenceParts: [Range<Int>] = []
                guard components(of: directoryBytes, omittingEmpty: true, into: &directoryParts),
                      components(of: referenceBytes, omittingEmpty: true, into: &referenceParts) else { return nil }
                parts.reserveCapacity(directoryParts.count + referenceParts.count)
                for range in directoryParts { parts.append((false, range)) }
                for range in referenceParts {
                    let part = UnsafeBufferPointer(rebasing: referenceBytes[range])
                    if part.count == 1, part[0] == UInt8(ascii: ".") { continue }
                    if part.count == 2, part[0] == UInt8(ascii: "."), part[1] == UInt8(ascii: ".") {
                        guard !parts.isEmpty else { return .some(nil) }
                        parts.removeLast()
                        continue
                    }
                    parts.append((true, range))
                }
                let length = parts.reduce(max(parts.count - 1, 0)) { $0 + $1.range.count }
                return String(unsafeUninitializedCapacity: length) { out in
                    var count = 0
                    for (number, part) in parts.enumerated() {
                        if number > 0 { out[count] = UInt8(ascii: "/"); count += 1 }
                        for byte in part.inReference ? referenceBytes[part.range] : directoryBytes[part.range] {
                            out[count] = byte
                            count += 1
                        }
                    }
                    return count
                }
            }
        }
    }

    /// Whether `path` splits on `/` into non-empty parts none of which is `.` or `..` (unless
    /// `allowingDots`), so that splitting and joining it again changes nothing. An empty path
    /// is plain when it is a directory (`allowingDots`), not when it is a reference.
    ///
    /// A part equals `.` or `..` as a `Substring` exactly when its bytes are those: no other
    /// string is canonically equivalent to them, and a mark after a dot makes a part that is
    /// neither.
    private static func isPlain(_ path: some StringProtocol, allowingDots: Bool) -> Bool {
        var partLength = 0
        var dots = 0
        var previousSlash = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if previousSlash { return false }
                if !allowingDots, dots == partLength, dots <= 2 { return false }
                partLength = 0
                dots = 0
                previousSlash = true
            } else {
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
                previousSlash = false
            }
        }
        if partLength == 0 { return allowingDots && path.utf8.isEmpty }
        return allowingDots || dots != partLength || dots > 2
    }

    /// The relative reference from a page in folder `directory` to `path` (both relative to the same root).
    public static func relative(to path: String, from directory: String) -> String {
        var from: [Range<Int>] = []
        var to: [Range<Int>] = []
        var directoryText = directory
        var pathText = path
        let fast = directoryText.withUTF8 { fromBytes in
            pathText.withUTF8 { toBytes -> String? in
                // A `/` joined to a mark is no separator to `split`, which works on Characters.
                guard components(of: fromBytes, omittingEmpty: true, into: &from),
                      components(of: toBytes, omittingEmpty: false, into: &to) else { return nil }
                var common = 0
                while common < from.count, common < to.count - 1,
                      same(UnsafeBufferPointer(rebasing: fromBytes[from[common]]), UnsafeBufferPointer(rebasing: toBytes[to[common]])) {
                    common += 1
                }
                let ups = from.count - common
                let rest = UnsafeBufferPointer(rebasing: toBytes[to[common].lowerBound...])
                return String(unsafeUninitializedCapacity: ups * 3 + rest.count) { out in
                    var count = 0
                    for _ in 0..<ups {
                        out[count] = UInt8(ascii: "."); out[count + 1] = UInt8(ascii: "."); out[count + 2] = UInt8(ascii: "/")
                        count += 3
                    }
                    for byte in rest {
                        out[count] = byte
                        count += 1
                    }
                    return count
                }
            }
        }
        if let fast { return fast }
        let fromParts = directory.split(separator: "/")
        let toParts = path.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }

    /// The `/`-separated parts of `bytes`, as `split(separator:omittingEmptySubsequences:)`
    /// gives them; `false` when a `/` may be joined to a neighbouring mark.
    private static func components(of bytes: UnsafeBufferPointer<UInt8>, omittingEmpty: Bool, into parts: inout [Range<Int>]) -> Bool {
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            guard UTF8Characters.isLoneCharacter(at: index, in: bytes) else { return false }
            if !omittingEmpty || index > start { parts.append(start..<index) }
            start = index + 1
        }
        if !omittingEmpty || bytes.count > start { parts.append(start..<bytes.count) }
        return true
    }

    /// Whether two path parts are equal as `Substring`s: the same bytes, or, for text that is
    /// not ASCII, canonically equivalent (`é` precomposed or not).
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.elementsEqual(b) { return true }
        guard a.contains(where: { $0 >= 0x80 }) || b.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    /// `../` repeated once per folder of `path` (a path relative to the output root): the way back to the root.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }
}
