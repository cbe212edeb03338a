#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that writes itself as JSON, byte for byte as ``JSONOutput/encode(_:pretty:)`` encodes it.
///
/// `JSONEncoder` builds a tree of boxed values and dictionaries for every document and sorts
/// every object's keys again; on a large site that is a tenth of a build. A conformance writes
/// its members straight into UTF-8 bytes, in the order the encoder's sorted keys would put them.
///
/// The `Codable` declaration is the contract, and a struct's conformance is generated from it
/// by ``JSONWritable()``; only a type with its own `encode(to:)` writes one by hand, and tests
/// hold those byte-identical to `JSONEncoder`.
public protocol JSONWritable {
    /// Writes the value at the writer's position: an object, an array, a string or a number.
    func writeJSON(to writer: inout JSONWriter)
}

/// Gives a `Codable` struct the ``JSONWritable`` conformance its declaration implies: the members
/// its synthesized `encode(to:)` encodes (its stored properties, or its `CodingKeys`), keys in
/// `JSONEncoder`'s sorted order, `nil` optionals left out. A property added to the struct is
/// written with no other edit.
@attached(extension, conformances: JSONWritable, names: named(writeJSON))
public macro JSONWritable() = #externalMacro(module: "ConcordMacros", type: "JSONWritableMacro")

/// Writes JSON into UTF-8 bytes in exactly the pretty format of ``JSONOutput/encode(_:pretty:)``:
/// two-space indentation, `"key" : value`, empty containers as `[\n\n  ]`, slashes unescaped.
///
/// A conformance calls ``key(_:)`` with its keys already in the encoder's order (UTF-8 byte
/// order, which is what `JSONEncoder`'s `sortedKeys` uses), then writes the value.
public struct JSONWriter: ~Copyable {
    // The writing methods are `@inlinable`: every key, element and value of every file goes
    // through them, from conformances in other modules too, and inlined with a literal key the
    // separator and key become a few stores. The rarer, longer paths stay out of line.

    /// The JSON written so far.
    @usableFromInline var bytes: ByteBuffer
    /// The nesting level of the innermost open container; 0 outside all of them.
    @usableFromInline var depth = 0
    /// Whether nothing has been written yet into the innermost open container, so no comma is due.
    @usableFromInline var isFirst = true
    /// Set when a container opens `maximumDepth` levels deep, where `JSONEncoder` gives up.
    @usableFromInline var isTooDeep = false

    /// Members to merge into the next object in key order (see ``mergeIntoNextObject(_:)``).
    @usableFromInline var pendingMerge: [Member] = []
    /// Members being merged into the object open at `mergeDepth`.
    private var merge: [Member] = []
    /// The next member of `merge` to write.
    private var mergeIndex = 0
    /// The depth of the object `merge` goes into; -1 when nothing is being merged.
    @usableFromInline var mergeDepth = -1

    /// `JSONEncoder` refuses a container nested this deep; matching it keeps errors the same.
    @usableFromInline static let maximumDepth = 512

    /// A member written into another type's object: a key and its value.
    public struct Member {
        /// The key, in ASCII, needing no escapes.
        public var key: StaticString
        /// The value.
        public var value: any JSONWritable

        /// Creates a member.
        public init(_ key: StaticString, _ value: any JSONWritable) {
            self.key = key
            self.value = value
        }
    }

    /// Creates a writer with room for `capacity` bytes.
    public init(capacity: Int = 4096) {
        bytes = ByteBuffer(capacity: capacity)
    }

    /// The JSON written, followed by `terminator`.
    public consuming func finish(terminator: UInt8? = nil) -> [UInt8] {
        if let terminator { bytes.append(terminator) }
        return bytes.array()
    }

    // MARK: - Containers

    /// Opens an object.
    @inlinable
    public mutating func beginObject() {
        open(UInt8(ascii: "{"))
        if !pendingMerge.isEmpty { startMerge() }
    }

    /// Closes the innermost object.
    @inlinable
    public mutating func endObject() {
        if depth == mergeDepth { finishMerge() }
        close(UInt8(ascii: "}"))
    }

    /// Opens an array.
    @inlinable
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the innermost array.
    @inlinable
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts the next element of the innermost array: writes the comma and indentation it needs.
    @inlinable
    public mutating func element() {
        bytes.didWrite(upTo: startLine(room: 0))
    }

    /// Makes the next object written also hold `members`, merged among its own keys in key order,
    /// as `JSONEncoder` merges two keyed containers of one encoder into one object.
    ///
    /// `members` must be sorted by key and share no key with the object.
    public mutating func mergeIntoNextObject(_ members: [Member]) {
        pendingMerge = members
    }

    @inlinable @inline(__always)
    mutating func open(_ bracket: UInt8) {
        let out = bytes.reserveTail(2)
        out[0] = bracket
        out[1] = UInt8(ascii: "\n")
        bytes.didWrite(2)
        depth += 1
        if depth >= Self.maximumDepth { isTooDeep = true }
        isFirst = true
    }

    @inlinable @inline(__always)
    mutating func close(_ bracket: UInt8) {
        // An empty container gets its blank line too: `JSONEncoder` writes `[\n\n  ]`.
        depth -= 1
        let indent = 2 &* depth
        let out = bytes.reserveTail(2 &+ indent &+ Self.indentOverrun)
        out[0] = UInt8(ascii: "\n")
        Self.writeIndentation(indent, at: out + 1)
        out[1 &+ indent] = bracket
        bytes.didWrite(2 &+ indent)
        isFirst = false
    }

    /// Starts the next element or member: `,` and a line break unless it is the container's
    /// first, then the indentation. Returns where the element or key goes, with room there for
    /// `room` bytes; the caller writes them and counts them with ``ByteBuffer/didWrite(upTo:)``.
    ///
    /// Every key and element of every JSON file comes here, so the bytes are written with one
    /// check for room rather than one per piece.
    @inlinable @inline(__always)
    mutating func startLine(room: Int) -> UnsafeMutablePointer<UInt8> {
        let indent = 2 &* depth
        var out = bytes.reserveTail(2 &+ indent &+ Self.indentOverrun &+ room)
        if !isFirst {
            out[0] = UInt8(ascii: ",")
            out[1] = UInt8(ascii: "\n")
            out += 2
        }
        isFirst = false
        Self.writeIndentation(indent, at: out)
        return out + indent
    }

    /// Writes `count` spaces at `out`, eight at a time: up to ``indentOverrun`` bytes past them
    /// are overwritten too, which the caller has room for and does not count.
    @inlinable @inline(__always)
    static func writeIndentation(_ count: Int, at out: UnsafeMutablePointer<UInt8>) {
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var written = 0
        repeat {
            UnsafeMutableRawPointer(out + written).storeBytes(of: spaces, as: UInt64.self)
            written &+= 8
        } while written < count
    }

    /// How far ``writeIndentation(_:at:)`` may write past the indentation.
    @inlinable
    static var indentOverrun: Int { 8 }

    // MARK: - Keys

    /// Starts a member of the innermost object: `"key" : `. `key` is ASCII needing no escapes.
    @inlinable @inline(__always)
    public mutating func key(_ key: StaticString) {
        if depth == mergeDepth { writeMergedMembers(before: key) }
        let count = key.utf8CodeUnitCount
        let out = startLine(room: count &+ 5)
        out[0] = UInt8(ascii: "\"")
        (out + 1).update(from: key.utf8Start, count: count)
        Self.writeColon(at: out + 1 + count)
        bytes.didWrite(upTo: out + count + 5)
    }

    /// Starts a member of the innermost object whose key is data (front-matter keys, locale ids), escaped.
    public mutating func key(escaping key: String) {
        assert(depth != mergeDepth, "members are merged only among static keys")
        bytes.didWrite(upTo: startLine(room: 0))
        value(key)
        let out = bytes.reserveTail(3)
        out[0] = UInt8(ascii: " ")
        out[1] = UInt8(ascii: ":")
        out[2] = UInt8(ascii: " ")
        bytes.didWrite(3)
    }

    /// Writes the four bytes after a literal key's opening quote and text: `" : `.
    @inlinable @inline(__always)
    static func writeColon(at out: UnsafeMutablePointer<UInt8>) {
        out[0] = UInt8(ascii: "\"")
        out[1] = UInt8(ascii: " ")
        out[2] = UInt8(ascii: ":")
        out[3] = UInt8(ascii: " ")
    }

    /// Starts merging the pending members into the object just opened.
    @usableFromInline
    mutating func startMerge() {
        precondition(mergeDepth == -1, "one merged object at a time")
        swap(&merge, &pendingMerge)
        mergeIndex = 0
        mergeDepth = depth
    }

    /// Writes the merged members whose keys come before `key`.
    @usableFromInline
    mutating func writeMergedMembers(before key: StaticString) {
        while mergeIndex < merge.count, Self.precedes(merge[mergeIndex].key, key) { writeNextMergedMember() }
    }

    /// Writes the merged members left, before the object closes.
    @usableFromInline
    mutating func finishMerge() {
        while mergeIndex < merge.count { writeNextMergedMember() }
        merge.removeAll(keepingCapacity: true)
        mergeDepth = -1
    }

    private mutating func writeNextMergedMember() {
        let member = merge[mergeIndex]
        mergeIndex += 1
        // Not `key(_:)`: that would look for merged members again.
        let count = member.key.utf8CodeUnitCount
        let out = startLine(room: count + 5)
        out[0] = UInt8(ascii: "\"")
        (out + 1).update(from: member.key.utf8Start, count: count)
        Self.writeColon(at: out + 1 + count)
        bytes.didWrite(upTo: out + count + 5)
        member.value.writeJSON(to: &self)
    }

    private static func precedes(_ a: StaticString, _ b: StaticString) -> Bool {
        UnsafeBufferPointer(start: a.utf8Start, count: a.utf8CodeUnitCount)
            .lexicographicallyPrecedes(UnsafeBufferPointer(start: b.utf8Start, count: b.utf8CodeUnitCount))
    }

    // MARK: - Members

    /// Writes `"key" : "value"`.
    @inlinable
    public mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        self.value(value)
    }

    /// Writes `"key" : value`.
    @inlinable
    public mutating func member(_ key: StaticString, _ value: Int) {
        self.key(key)
        self.value(value)
    }

    /// Writes `"key" : true` or `false`.
    @inlinable
    public mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        self.value(value)
    }

    /// Writes `"key" : value`.
    @inlinable
    public mutating func member<T: JSONWritable>(_ key: StaticString, _ value: T) {
        self.key(key)
        value.writeJSON(to: &self)
    }

    /// Writes `"key" : value`, or nothing when `value` is `nil`, as synthesized `Codable` does.
    @inlinable
    public mutating func member(_ key: StaticString, ifPresent value: String?) {
        guard let value else { return }
        member(key, value)
    }

    /// Writes `"key" : value`, or nothing when `value` is `nil`, as synthesized `Codable` does.
    @inlinable
    public mutating func member<T: JSONWritable>(_ key: StaticString, ifPresent value: T?) {
        guard let value else { return }
        member(key, value)
    }

    // MARK: - Values

    /// Writes a string, escaped as `JSONEncoder` escapes it: `"`, `\` and control characters; nothing else.
    public mutating func value(_ string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ writeQuoted($0) }) == nil {
            var copy = string
            copy.withUTF8 { writeQuoted($0) }
        }
    }

    /// Writes an integer in decimal.
    public mutating func value(_ number: Int) {
        // A sign and up to 19 digits; the digits go in from the last.
        let out = bytes.reserveTail(20)
        var magnitude = number.magnitude
        let sign = number < 0 ? 1 : 0
        out[0] = UInt8(ascii: "-")
        var end = out + (sign &+ Self.decimalDigits(magnitude))
        bytes.didWrite(upTo: end)
        repeat {
            end -= 1
            end.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }

    /// How many decimal digits `number` has.
    private static func decimalDigits(_ number: UInt) -> Int {
        var digits = 1
        var bound: UInt = 10
        // `UInt.max` has 20 digits; 10^19 is the largest power of ten below it.
        while number >= bound {
            digits += 1
            if digits == 20 { break }
            bound &*= 10
        }
        return digits
    }

    /// Writes `true` or `false`.
    @inlinable
    public mutating func value(_ bool: Bool) {
        let out = bytes.reserveTail(5)
        let text: StaticString = bool ? "true" : "false"
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        bytes.didWrite(text.utf8CodeUnitCount)
    }

    /// Writes an object with data for keys, sorted as `JSONEncoder` sorts a dictionary's keys.
    @inlinable
    public mutating func value<V: JSONWritable>(_ dictionary: [String: V]) {
        beginObject()
        for (key, value) in dictionary.sorted(by: { Self.keyOrder($0.key, $1.key) }) {
            self.key(escaping: key)
            value.writeJSON(to: &self)
        }
        endObject()
    }

    /// The order of `JSONEncoder`'s `sortedKeys` on Linux: UTF-8 bytes, not Unicode collation.
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    // MARK: - Bytes

    /// Writes `utf8` between quotes, escaping what `JSONEncoder` escapes.
    ///
    /// Every string of every JSON file comes here: half a million in a PowerShell build, most
    /// of them short (anchors, paths, titles), the longest (code) with an escape every line.
    /// Blocks of sixteen, then eight, bytes are copied and tested together; a block that holds
    /// an escape says where, so the bytes before it are kept and the copy goes on right after
    /// it. What is left after the last whole block is read as the string's last block, copying
    /// a few bytes again; only strings shorter than a block, or the end of one with an escape
    /// near it, are copied byte by byte.
    private mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress, !utf8.isEmpty else {
            let out = bytes.reserveTail(2)
            out[0] = UInt8(ascii: "\"")
            out[1] = UInt8(ascii: "\"")
            bytes.didWrite(2)
            return
        }
        // Room for the string unescaped and both quotes; each escape makes room for its own
        // bytes, then again for the rest of the string unescaped.
        var copy = QuotedCopy(source: source, count: utf8.count, out: bytes.reserveTail(utf8.count &+ 2))
        copy.out[0] = UInt8(ascii: "\"")
        copy.written = 1
        copyBlocks(SIMD2<UInt64>.self, &copy)
        copyBlocks(UInt64.self, &copy)
        while copy.index < copy.count {
            let byte = source[copy.index]
            copy.index &+= 1
            if Self.needsEscape(byte) {
                writeEscape(byte, &copy)
            } else {
                copy.out[copy.written] = byte
                copy.written &+= 1
            }
        }
        copy.out[copy.written] = UInt8(ascii: "\"")
        bytes.didWrite(copy.written &+ 1)
    }

    /// Where ``writeQuoted(_:)`` is in the string it copies and in its output.
    private struct QuotedCopy {
        /// The string's UTF-8.
        let source: UnsafePointer<UInt8>
        /// How many bytes the string has.
        let count: Int
        /// The next byte to copy.
        var index = 0
        /// Where the output goes since the last escape: reserved, the bytes before `written` not yet counted.
        var out: UnsafeMutablePointer<UInt8>
        /// How many bytes are at `out`.
        var written = 0
        /// The first byte after the last escape: from it on, the output is the input byte for byte.
        var copiedFrom = 0

        init(source: UnsafePointer<UInt8>, count: Int, out: UnsafeMutablePointer<UInt8>) {
            self.source = source
            self.count = count
            self.out = out
        }

        /// Goes on after an escape, writing at `out`.
        mutating func restart(at out: UnsafeMutablePointer<UInt8>) {
            self.out = out
            written = 0
            copiedFrom = index
        }
    }

    /// Copies `copy`'s string a `Block` at a time, escaping where needed, until less than a
    /// block is left that cannot be read as the string's last block.
    @inline(__always)
    private mutating func copyBlocks<Block: EscapeScannedBlock>(_: Block.Type, _ copy: inout QuotedCopy) {
        let size = MemoryLayout<Block>.size
        while copy.index < copy.count {
            if copy.index &+ size > copy.count {
                // The last block ends at the string's end, over bytes copied as they were.
                let overlap = copy.index &+ size &- copy.count
                guard copy.index &- overlap >= copy.copiedFrom else { return }
                copy.index &-= overlap
                copy.written &-= overlap
            }
            let block = UnsafeRawPointer(copy.source + copy.index).loadUnaligned(as: Block.self)
            UnsafeMutableRawPointer(copy.out + copy.written).storeBytes(of: block, as: Block.self)
            let clean = block.bytesBeforeEscape
            copy.index &+= clean
            copy.written &+= clean
            if clean == size { continue }
            let byte = copy.source[copy.index]
            copy.index &+= 1
            writeEscape(byte, &copy)
        }
    }

    /// Whether `JSONEncoder` escapes `byte`: a control character, `"` or `\\`.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes the escape of `byte`, a control character, `"` or `\\`, as `JSONEncoder` writes it,
    /// at the end of `copy`'s output, then makes room for the rest of the string unescaped.
    private mutating func writeEscape(_ byte: UInt8, _ copy: inout QuotedCopy) {
        bytes.didWrite(copy.written)
        let out = bytes.reserveTail(copy.count &- copy.index &+ 7)
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x09: out[1] = UInt8(ascii: "t")
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0C: out[1] = UInt8(ascii: "f")
        case 0x0D: out[1] = UInt8(ascii: "r")
        default:
            // `JSONEncoder` writes the other control characters as `\u00xx`, lower-case hex.
            let hex: StaticString = "0123456789abcdef"
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hex.utf8Start[Int(byte >> 4)]
            out[5] = hex.utf8Start[Int(byte & 0xF)]
            bytes.didWrite(6)
            copy.restart(at: out + 6)
            return
        }
        bytes.didWrite(2)
        copy.restart(at: out + 2)
    }
}

/// A growable byte buffer that appends without `Array`'s per-call uniqueness and capacity
/// bookkeeping, which was a fifth of the writer's time: JSON is many short appends.
@usableFromInline
struct ByteBuffer: ~Copyable {
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = Self.reallocate(nil, capacity: self.capacity)
    }

    @inlinable
    deinit { free(start) }

    @inlinable @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    /// Room for `extra` more bytes: where they go. Write them all, then call ``didWrite(_:)``.
    @inlinable @inline(__always)
    mutating func reserveTail(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if count &+ extra > capacity { grow(to: count + extra) }
        return start + count
    }

    /// Counts `written` bytes put where ``reserveTail(_:)`` said.
    @inlinable @inline(__always)
    mutating func didWrite(_ written: Int) {
        count &+= written
    }

    /// Counts the bytes put from where ``reserveTail(_:)`` said up to `end`.
    @inlinable @inline(__always)
    mutating func didWrite(upTo end: UnsafeMutablePointer<UInt8>) {
        count = end - start
    }

    /// A copy of the bytes as an array.
    func array() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Doubles the room with `realloc`, which extends the block where it lies when it can
    /// (a thread's newest block is usually at the top of its heap) or remaps a large one: a
    /// help bundle grows to megabytes, and copying it to a new block at each doubling wrote
    /// every byte again and touched fresh pages each time.
    @usableFromInline
    mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        start = Self.reallocate(start, capacity: newCapacity)
        capacity = newCapacity
    }

    /// `realloc`, stopping the process as `allocate` does when memory runs out.
    private static func reallocate(_ pointer: UnsafeMutablePointer<UInt8>?, capacity: Int) -> UnsafeMutablePointer<UInt8> {
        guard let raw = realloc(pointer, capacity) else { fatalError("out of memory for \(capacity) bytes of JSON") }
        return raw.assumingMemoryBound(to: UInt8.self)
    }
}

/// Bytes of a string tested together for what `JSONEncoder` escapes (see `JSONWriter.writeQuoted`):
/// a word, or two at once in a vector, with the integer operations both have.
private protocol EscapeScannedBlock {
    /// A block with every byte `byte`.
    init(repeatingByte byte: UInt8)
    /// The block as an integer whose lowest byte is the first in memory (itself on little-endian machines).
    var littleEndian: Self { get }
    /// The offset of the first byte, in memory order, whose high bit is set; the block's size when none is.
    var firstHighBit: Int { get }
    static func &- (lhs: Self, rhs: Self) -> Self
    static func ^ (lhs: Self, rhs: Self) -> Self
    static func | (lhs: Self, rhs: Self) -> Self
    static func & (lhs: Self, rhs: Self) -> Self
    static prefix func ~ (operand: Self) -> Self
}

extension EscapeScannedBlock {
    /// How many bytes, from the first, need no escape: the block's size when none does.
    ///
    /// A byte below 0x20, or that is zero after XOR with `"` or `\\`, borrows into its high bit.
    /// A borrow carries only towards later bytes, so the first byte flagged is a true one (later
    /// ones may not be). Bytes of 0x80 and up (UTF-8 beyond ASCII) never flag: their high bit
    /// is masked out.
    @inline(__always)
    var bytesBeforeEscape: Int {
        let word = littleEndian
        let ones = Self(repeatingByte: 0x01)
        let below = word &- Self(repeatingByte: 0x20)
        let quote = (word ^ Self(repeatingByte: UInt8(ascii: "\""))) &- ones
        let backslash = (word ^ Self(repeatingByte: UInt8(ascii: "\\"))) &- ones
        return ((below | quote | backslash) & ~word & Self(repeatingByte: 0x80)).firstHighBit
    }
}

extension UInt64: EscapeScannedBlock {
    @inline(__always)
    fileprivate init(repeatingByte byte: UInt8) { self = 0x0101_0101_0101_0101 &* UInt64(byte) }

    @inline(__always)
    fileprivate var firstHighBit: Int { trailingZeroBitCount &>> 3 }
}

extension SIMD2: EscapeScannedBlock where Scalar == UInt64 {
    // Sixteen bytes take about as many instructions as eight: the vector operations do both words at once.

    @inline(__always)
    fileprivate init(repeatingByte byte: UInt8) { self.init(repeating: UInt64(repeatingByte: byte)) }

    @inline(__always)
    fileprivate var littleEndian: Self { Self(x.littleEndian, y.littleEndian) }

    @inline(__always)
    fileprivate var firstHighBit: Int { x != 0 ? x.firstHighBit : 8 &+ y.firstHighBit }
}

extension String: JSONWritable {
    /// Writes the string, escaped.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Int: JSONWritable {
    /// Writes the number in decimal.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Bool: JSONWritable {
    /// Writes `true` or `false`.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// Writes the elements in order, each read where it is rather than copied out (and its
    /// strings retained and released) first.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        withUnsafeBufferPointer { elements in
            for index in elements.indices {
                writer.element()
                elements[index].writeJSON(to: &writer)
            }
        }
        writer.endArray()
    }
}

extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    /// Writes an object with the keys in `JSONEncoder`'s sorted order.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    /// Writes the raw value, as `Codable` encodes an enum with string raw values.
    @inlinable
    public func writeJSON(to writer: inout JSONWriter) { writer.value(rawValue) }
}
