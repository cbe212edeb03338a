import ConcordModel

/// Stable identifiers for findings, independent of line numbers, for baselines and SARIF.
public enum Fingerprint {
    /// The fingerprint of a finding: rule, file and the offending content (not its line),
    /// so an edit above a finding does not make it new again.
    public static func of(_ diagnostic: Diagnostic) -> String {
        let content = diagnostic.fingerprint ?? withoutDigits(diagnostic.message)
        return hex(fnv1a64("\(diagnostic.rule)\u{1F}\(diagnostic.location.file)\u{1F}\(content)"))
    }

    /// One fingerprint per finding, no two alike: the first finding of a fingerprint keeps it,
    /// the n-th repeat (same rule, file and content on another line) gets the fingerprint of
    /// `fingerprint#n`. Code scanning merges results that share one into a single alert. The
    /// findings come sorted by place, so a repeat keeps its number while the lines above it change.
    public static func unique(_ diagnostics: [Diagnostic]) -> [String] {
        var seen: [String: Int] = [:]
        return diagnostics.map { diagnostic in
            let plain = of(diagnostic)
            let repeats = seen[plain, default: 0]
            seen[plain] = repeats + 1
            return repeats == 0 ? plain : hex(fnv1a64("\(plain)#\(repeats)"))
        }
    }

    /// 64-bit FNV-1a of a string's UTF-8 bytes: small, fast and the same on every machine.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Messages name line numbers ("source x.md:31"); without a rule fingerprint, drop digits.
    private static func withoutDigits(_ message: String) -> String {
        String(message.unicodeScalars.filter { !("0"..."9").contains($0) }.map(Character.init))
    }
}
