/// A 128-bit digest of bytes, for the build cache's keys: two 64-bit lanes, each a
/// multiply-and-rotate mix of the input read eight bytes at a time.
///
/// It is not cryptographic. The cache trusts it to tell changed inputs from unchanged ones,
/// which an accidental collision (about one in 2^64 pairs) cannot fool in practice; someone who
/// controls the content and wants a stale page can craft a collision, and `concord build --clean`
/// (or a build without the cache, as CI runs) ignores the cache.
@ModelCodable
public struct Digest: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 hexadecimal digits.
    public var description: String {
        let high = String(high, radix: 16), low = String(low, radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }

    /// The digest written as ``description``, or nil.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 32, let high = UInt64(hex.prefix(16), radix: 16), let low = UInt64(hex.suffix(16), radix: 16) else { return nil }
        self.init(high: high, low: low)
    }

    public static func < (a: Digest, b: Digest) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// The digest of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Digest {
        var hasher = DigestHasher()
        hasher.combine(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes`.
    public static func of(_ bytes: [UInt8]) -> Digest { bytes.withUnsafeBytes { of($0) } }

    /// The digest of `text`'s UTF-8.
    public static func of(_ text: String) -> Digest {
        var hasher = DigestHasher()
        hasher.combine(text)
        return hasher.finalize()
    }
}

/// Builds a ``Digest`` from several values, in order. Each value is framed by its length, so
/// `("ab", "c")` and `("a", "bc")` differ.
public struct DigestHasher: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var count: UInt64 = 0

    public init() {}

    private static let multiplierA: UInt64 = 0xFF51_AFD7_ED55_8CCD
    private static let multiplierB: UInt64 = 0xC4CE_B9FE_1A85_EC53

    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* Self.multiplierA
        a = (a << 31) | (a >> 33)
        b = (b &+ word) &* Self.multiplierB
        b = (b << 29) | (b >> 35)
        b ^= a
    }

    /// Adds bytes (framed by their count).
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        count &+= UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        mix(tail ^ 0x80)
    }

    /// Adds a string's UTF-8 (framed by its count).
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a number.
    public mutating func combine(_ value: Int) { mix(UInt64(bitPattern: Int64(value))) }

    /// Adds another digest.
    public mutating func combine(_ digest: Digest) {
        mix(digest.high)
        mix(digest.low)
    }

    /// The digest of everything added.
    public func finalize() -> Digest {
        func avalanche(_ value: UInt64) -> UInt64 {
            var value = value
            value ^= value >> 33
            value &*= 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 33
            value &*= 0xC4CE_B9FE_1A85_EC53
            value ^= value >> 33
            return value
        }
        return Digest(high: avalanche(a ^ count), low: avalanche(b &+ a))
    }
}
