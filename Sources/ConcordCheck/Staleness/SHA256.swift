import CCrypto

/// SHA-256 (FIPS 180-4), for the `source-hash` of an article, from the system's OpenSSL
/// (libcrypto): the value must be the same on every machine, so it is a standard digest, and a
/// maintained library computes it (with the processor's SHA instructions where it has them).
///
/// Not copyable: it owns a libcrypto context, freed when the hasher goes away.
struct SHA256: ~Copyable {
    private let context: OpaquePointer

    init() {
        // Allocation of a few hundred bytes; a failure here is out of memory.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the message.
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(contiguous: $0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { update(contiguous: $0) } }
    }

    /// Adds one byte to the message.
    mutating func update(byte: UInt8) {
        withUnsafePointer(to: byte) { update(contiguous: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    private mutating func update(contiguous input: UnsafeBufferPointer<UInt8>) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        EVP_DigestUpdate(context, base, input.count)
    }

    /// The digest as 64 lower-case hexadecimal digits.
    consuming func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1, length == 32 else {
            fatalError("libcrypto could not finish a SHA-256 digest")
        }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex digest of `bytes`.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
