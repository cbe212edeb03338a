#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether the string's UTF-8 holds `byte`: `utf8.contains(_:)`, asked with one `memchr` over
    /// the string's storage. The generic `contains` steps an index through the view a byte at a
    /// time, and paths and link destinations are asked this for every link of every article.
    public func containsUTF8(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }
}
