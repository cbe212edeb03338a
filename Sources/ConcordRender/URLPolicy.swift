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
        guard let scheme = scheme(of: destination) else { return true }
        return allowedSchemes.contains(scheme)
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

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Whether a destination is a path relative to the current page (no scheme, not `/…`, not `#…`, not `//host`).
    public static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?") { return false }
        return scheme(of: destination) == nil
    }

    /// Splits `path?query#fragment` into the path and the rest (`?query#fragment`, possibly empty).
    public static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        if let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            return (destination[..<index], destination[index...])
        }
        return (destination[...], "")
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

    /// The relative reference from a page in folder `directory` to `path` (both relative to the same root).
    public static func relative(to path: String, from directory: String) -> String {
        let from = directory.split(separator: "/")
        let to = path.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }

    /// `../` repeated once per folder of `path` (a path relative to the output root): the way back to the root.
    public static func rootPrefix(of path: String) -> String {
        String(repeating: "../", count: path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
    }
}
