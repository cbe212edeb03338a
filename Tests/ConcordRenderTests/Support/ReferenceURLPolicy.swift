/// `URLPolicy` and `RelativePath` as they were before they worked on bytes, kept to check
/// that the faster code gives the same answers.
enum ReferenceURLPolicy {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel", "ftp"]

    static func isSafe(_ destination: String) -> Bool {
        guard let scheme = scheme(of: destination) else { return true }
        return allowedSchemes.contains(scheme)
    }

    static func scheme(of destination: String) -> String? {
        var letters: [UInt8] = []
        var started = false
        for byte in destination.utf8 {
            if byte <= 0x20 {
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
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return nil }
            letters.append(byte)
        }
        return nil
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?") { return false }
        return scheme(of: destination) == nil
    }

    static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        if let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            return (destination[..<index], destination[index...])
        }
        return (destination[...], "")
    }

    static func resolve(_ reference: some StringProtocol, from directory: String) -> String? {
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

    static func relative(to path: String, from directory: String) -> String {
        let from = directory.split(separator: "/")
        let to = path.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let joined = (ups + to[common...].map(String.init)).joined(separator: "/")
        // A first segment holding a `:` would read as a scheme: it gets `./` before it.
        let first = joined.utf8.prefix { !"/\\?#".utf8.contains($0) }
        return first.contains(UInt8(ascii: ":")) ? "./" + joined : joined
    }
}
