/// A value the build cache keeps in binary: an article's model, so that a rebuild need not parse
/// the files that did not change. The cache's other binary files (search entries) are written
/// with the same ``ModelWriter`` and read with ``ModelReader``.
///
/// Structs get their conformance from ``ModelCodable()``, enums with `String` raw values from
/// an empty conformance. The bytes are read only by the Concord that wrote them (the cache is
/// keyed by Concord's executable), so there are no keys and no versions: fields in declaration
/// order, numbers in LEB128, strings and arrays with their length in front.
public protocol ModelCodable: Sendable {
    /// Appends the value's bytes.
    func write(to writer: inout ModelWriter)
    /// Reads a value that ``write(to:)`` wrote; throws on bytes that are not one.
    init(from reader: inout ModelReader) throws
}

/// Writes a struct's ``ModelCodable`` conformance from its declaration: every stored property, in
/// declaration order.
@attached(extension, conformances: ModelCodable, names: named(write(to:)), named(init(from:)))
public macro ModelCodable() = #externalMacro(module: "ConcordMacros", type: "ModelCodableMacro")

/// The bytes of model values.
public struct ModelWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends `value`.
    @inlinable
    public mutating func write<T: ModelCodable>(_ value: T) {
        value.write(to: &self)
    }

    /// A non-negative number, seven bits a byte, lowest first.
    public mutating func number(_ value: Int) {
        // Most numbers are lengths and lines under 128: one byte.
        if value >= 0, value < 0x80 {
            bytes.append(UInt8(value))
            return
        }
        var value = UInt(bitPattern: value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Raw bytes, with their count in front.
    public mutating func field(_ field: some Collection<UInt8>) {
        number(field.count)
        bytes.append(contentsOf: field)
    }

    /// Forgets the bytes written, keeping the memory for the next ones: for a writer whose
    /// bytes go out a part at a time.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Bytes another writer wrote (values, not a field: no count in front).
    public mutating func append(written: some Collection<UInt8>) {
        bytes.append(contentsOf: written)
    }

    /// What `body` writes, as one field (its count in front, read back by
    /// ``ModelReader/field()``), written in place rather than in a writer of its own and copied:
    /// the count goes first as five bytes, seven bits each with the continuation bit on the first
    /// four, which reads back as the same number.
    public mutating func field(_ body: (inout ModelWriter) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0, 0] as [UInt8])
        body(&self)
        var count = bytes.count - start - 5
        precondition(count >> 35 == 0, "a model field of 32 GiB or more")
        for offset in 0..<5 {
            bytes[start + offset] = UInt8(count & 0x7F) | (offset < 4 ? 0x80 : 0)
            count >>= 7
        }
    }
}

/// Reads what ``ModelWriter`` wrote.
public struct ModelReader {
    /// Bytes that are not a value of the type read.
    public struct Malformed: Error {}

    private let bytes: ArraySlice<UInt8>
    /// The index in the bytes of the next value to read.
    public private(set) var position: Int
    private let end: Int

    /// A reader of `bytes[range]`.
    public init(_ bytes: [UInt8], _ range: Range<Int>) {
        self.init(bytes[range])
    }

    /// A reader of `bytes`.
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
        end = bytes.endIndex
    }

    /// Whether every byte was read.
    public var isAtEnd: Bool { position == end }

    /// Reads a value of the type the context asks for (the generated conformances' reads).
    @inlinable
    public mutating func read<T: ModelCodable>() throws -> T {
        try T(from: &self)
    }

    /// Reads a value of `type`. Say the type where the context is optional: `try? read()` into a
    /// `T?` would read a `T?`, which was not written.
    @inlinable
    public mutating func read<T: ModelCodable>(_ type: T.Type) throws -> T {
        try T(from: &self)
    }

    /// A number ``ModelWriter/number(_:)`` wrote.
    public mutating func number() throws -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(bitPattern: value) }
            shift += 7
        }
        throw Malformed()
    }

    /// The bytes of a field ``ModelWriter/field(_:)`` wrote.
    public mutating func field() throws -> ArraySlice<UInt8> {
        let count = try number()
        guard count >= 0, count <= end - position else { throw Malformed() }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// A count of elements that follow, each at least one byte: larger counts are malformed.
    public mutating func count() throws -> Int {
        let count = try number()
        guard count >= 0, count <= end - position else { throw Malformed() }
        return count
    }
}

extension String: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        var copy = self
        copy.withUTF8 { writer.field($0) }
    }

    public init(from reader: inout ModelReader) throws {
        self = String(decoding: try reader.field(), as: UTF8.self)
    }
}

extension Int: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        // Zig-zag: small negative numbers stay short.
        writer.number((self << 1) ^ (self >> (Int.bitWidth - 1)))
    }

    public init(from reader: inout ModelReader) throws {
        let encoded = UInt(bitPattern: try reader.number())
        self = Int(bitPattern: encoded >> 1) ^ -Int(bitPattern: encoded & 1)
    }
}

extension UInt64: ModelCodable {
    public func write(to writer: inout ModelWriter) { writer.number(Int(truncatingIfNeeded: self)) }

    public init(from reader: inout ModelReader) throws { self = UInt64(truncatingIfNeeded: try reader.number()) }
}

extension Bool: ModelCodable {
    public func write(to writer: inout ModelWriter) { writer.number(self ? 1 : 0) }

    public init(from reader: inout ModelReader) throws {
        switch try reader.number() {
        case 0: self = false
        case 1: self = true
        default: throw ModelReader.Malformed()
        }
    }
}

extension Optional: ModelCodable where Wrapped: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        switch self {
        case .none: writer.number(0)
        case .some(let value):
            writer.number(1)
            writer.write(value)
        }
    }

    public init(from reader: inout ModelReader) throws {
        switch try reader.number() {
        case 0: self = .none
        case 1: self = .some(try reader.read())
        default: throw ModelReader.Malformed()
        }
    }
}

extension Array: ModelCodable where Element: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        writer.number(count)
        for element in self { writer.write(element) }
    }

    public init(from reader: inout ModelReader) throws {
        let count = try reader.count()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try reader.read()) }
    }
}

/// Entries in the dictionary's own order: the bytes of two equal dictionaries may differ, which
/// the cache's files (never compared, never published) allow.
extension Dictionary: ModelCodable where Key: ModelCodable, Value: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        writer.number(count)
        for (key, value) in self {
            writer.write(key)
            writer.write(value)
        }
    }

    public init(from reader: inout ModelReader) throws {
        let count = try reader.count()
        self.init(minimumCapacity: count)
        for _ in 0..<count {
            let key = try reader.read(Key.self)
            self[key] = try reader.read(Value.self)
        }
    }
}

extension ModelCodable where Self: RawRepresentable, RawValue == String {
    public func write(to writer: inout ModelWriter) { writer.write(rawValue) }

    public init(from reader: inout ModelReader) throws {
        guard let value = Self(rawValue: try reader.read()) else { throw ModelReader.Malformed() }
        self = value
    }
}
