#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one list of URL schemes a link may use, and the one way a scheme is read.
///
/// A scheme is read as a browser reads it, not as RFC 3986 writes it: leading spaces and control
/// characters are skipped, and so are tabs and line breaks inside it (`java\tscript:` is
/// `javascript:`). The checks, the JSON and the pages all ask here, so a destination that a
/// browser would open as `javascript:` is never taken for a path by one of them.
public enum LinkScheme {
    /// Schemes a link or image may use on a page and in the JSON; every other scheme
    /// (`javascript:`, `vbscript:`, `data:`, `file:`, a drive letter `C:`…) is dropped.
    public static let allowed: Set<String> = ["http", "https", "mailto", "tel", "ftp"]

    /// What ``kind(of:)`` finds, sorted against ``allowed``.
    public enum Kind: Sendable, Hashable {
        /// No scheme: a path, a `#fragment` or a `?query`.
        case none
        /// One of ``allowed``.
        case allowed
        /// Any other scheme.
        case other
    }

    /// The lower-cased scheme of `destination` (`https`, `javascript` for `java\tscript:`), or
    /// `nil` when it has none.
    public static func scheme(of destination: String) -> String? {
        var text = destination
        return text.withUTF8 { bytes in colon(in: bytes).map { scheme(of: bytes, before: $0) } }
    }

    /// The scheme that ends at `colon` in `bytes`, lower-cased, the bytes ``colon(in:)`` skips left out.
    public static func scheme(of bytes: UnsafeBufferPointer<UInt8>, before colon: Int) -> String {
        var letters: [UInt8] = []
        letters.reserveCapacity(colon)
        for byte in bytes[..<colon] where byte > 0x20 { letters.append(isLetter(byte) ? byte | 0x20 : byte) }
        return String(decoding: letters, as: UTF8.self)
    }

    /// The kind of scheme `destination` has: ``scheme(of:)`` without building a string, for every
    /// link of every page. The scheme's bytes, lower-cased, are packed into an integer (the
    /// allowed ones are six letters at most; longer ones are never allowed).
    public static func kind(of destination: String) -> Kind {
        var text = destination
        return text.withUTF8(kind(of:))
    }

    /// ``kind(of:)`` on a destination's UTF-8.
    public static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let colon = colon(in: bytes) else { return .none }
        return packed(bytes, before: colon).map(allowedPacked.contains) == true ? .allowed : .other
    }

    /// Whether `destination`'s scheme is `xref` (``LinkDestination/Kind/xref``), asked without
    /// taking the destination apart: the cross-reference check asks it of every link.
    public static func isCrossReference(_ destination: String) -> Bool {
        var text = destination
        return text.withUTF8 { bytes in colon(in: bytes).flatMap { packed(bytes, before: $0) } == crossReferencePacked }
    }

    /// The scheme that ends at `colon`, lower-cased, as an integer of its bytes (the first in
    /// the lowest); `nil` when it is longer than eight bytes, as no scheme asked about is.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>, before colon: Int) -> UInt64? {
        var packed: UInt64 = 0
        var length = 0
        for byte in bytes[..<colon] where byte > 0x20 {
            if length < 8 { packed |= UInt64(isLetter(byte) ? byte | 0x20 : byte) << (8 * UInt64(length)) }
            length += 1
        }
        return length <= 8 ? packed : nil
    }

    /// The offset of the `:` that ends the scheme `bytes` start with, or `nil` when they start with none.
    ///
    /// A scheme is a letter, then letters, digits, `+`, `-` or `.`, then `:`. Spaces and controls
    /// before it are skipped, and tabs and line breaks inside it; a `/`, `?` or `#` first, or any
    /// other byte, makes the whole destination a path.
    public static func colon(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Only a `:` ends a scheme: most links, relative paths, have none and need no closer look
        // (libc's `memchr` looks at many bytes a step).
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: ":")), bytes.count) != nil else { return nil }
        var started = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte <= 0x20 {
                if !started || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                return nil
            }
            if byte == UInt8(ascii: ":") { return started ? index : nil }
            if !started {
                guard isLetter(byte) else { return nil }
                started = true
                continue
            }
            guard isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { return nil }
        }
        return nil
    }

    /// ``allowed`` packed as ``kind(of:)`` packs a scheme.
    private static let allowedPacked: [UInt64] = allowed.map(packed)
    private static let crossReferencePacked = packed("xref")

    private static func packed(_ scheme: String) -> UInt64 {
        scheme.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
