/// Fields with their byte length in front (LEB128), written and read back: the build cache's
/// binary records.
public struct LengthPrefixedBytes: Sendable {
    public var bytes: [UInt8] = []

    /// No fields yet.
    public init() {}

    /// A non-negative number, seven bits a byte, lowest first.
    public mutating func number(_ value: Int) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A field of bytes.
    public mutating func bytes(_ field: UnsafeBufferPointer<UInt8>) {
        number(field.count)
        bytes.append(contentsOf: field)
    }

    /// A string's UTF-8, as a field.
    public mutating func text(_ text: String) {
        number(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    /// Reads what ``LengthPrefixedBytes`` wrote; every read returns nil past the end.
    public struct Reader {
        private let bytes: ArraySlice<UInt8>
        private var position: Int

        /// A reader at the start of `bytes`.
        public init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        /// Whether every byte was read.
        public var isAtEnd: Bool { position == bytes.endIndex }

        /// A number written by ``LengthPrefixedBytes/number(_:)``.
        public mutating func number() -> Int? {
            var value: UInt = 0
            var shift: UInt = 0
            while position < bytes.endIndex, shift < 63 {
                let byte = bytes[position]
                position += 1
                value |= UInt(byte & 0x7F) << shift
                if byte < 0x80 { return value <= UInt(Int.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }

        /// A field's bytes.
        public mutating func slice() -> ArraySlice<UInt8>? {
            guard let count = number(), count <= bytes.endIndex - position else { return nil }
            defer { position += count }
            return bytes[position..<position + count]
        }

        /// A field, as a string.
        public mutating func text() -> String? { slice().map { String(decoding: $0, as: UTF8.self) } }
    }
}
