/// Text saved as UTF-16 (as some Windows editors do), which Concord does not read: told apart
/// from binary files, so the message can say what the file is and how to convert it.
public enum UTF16Text {
    /// The byte order of a UTF-16 file, and whether it starts with a byte-order mark.
    public struct Encoding: Sendable, Hashable {
        /// Whether the low byte of each code unit comes first.
        public var littleEndian: Bool
        /// Whether the file starts with U+FEFF.
        public var byteOrderMark: Bool

        /// `UTF-16 (little-endian, with a byte-order mark)`.
        public var description: String {
            "UTF-16 (\(littleEndian ? "little" : "big")-endian, \(byteOrderMark ? "with" : "without") a byte-order mark)"
        }

        /// The name `iconv -f` needs: with a mark, iconv reads the byte order from it.
        public var iconvName: String { byteOrderMark ? "UTF-16" : (littleEndian ? "UTF-16LE" : "UTF-16BE") }

        /// What to do about it, for a message: the `iconv` command that converts the file.
        public var advice: String { "convert it to UTF-8 (iconv -f \(iconvName) -t UTF-8 FILE > NEW, then replace FILE with NEW)" }
    }

    /// The UTF-16 encoding of `bytes`, if they look like UTF-16 text: a byte-order mark (which
    /// UTF-8 text cannot start with), or, without one, code units that are mostly ASCII
    /// characters with a zero byte beside them and never two zero bytes.
    public static func detect(_ bytes: [UInt8]) -> Encoding? {
        guard bytes.count >= 2 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): return Encoding(littleEndian: true, byteOrderMark: true)
        case (0xFE, 0xFF): return Encoding(littleEndian: false, byteOrderMark: true)
        case (_, 0), (0, _): break
        default: return nil
        }
        let units = min(bytes.count, 1024) / 2
        guard units >= 2 else { return nil }
        var low = 0, high = 0
        for index in 0..<units {
            switch (bytes[2 * index], bytes[2 * index + 1]) {
            case (0, 0): return nil
            case (_, 0): low += 1
            case (0, _): high += 1
            default: break
            }
        }
        // Nine in ten: room for a few characters beyond Latin-1 in otherwise ASCII text.
        if low * 10 >= units * 9 { return Encoding(littleEndian: true, byteOrderMark: false) }
        if high * 10 >= units * 9 { return Encoding(littleEndian: false, byteOrderMark: false) }
        return nil
    }
}
