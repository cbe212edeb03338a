/// HTML being written, as UTF-8 bytes appended in place.
///
/// A page body is tens of thousands of small appends. Into a `String`, each piece of text
/// from the Markdown tree was first made a `String` of its own (its bytes validated and
/// copied) and then appended (copied again); here the tree's bytes are escaped straight into
/// the buffer, and the page becomes an array once.
///
/// The bytes are kept in memory of its own rather than in an `[UInt8]`: appending to an array
/// costs a uniqueness check, a capacity check through the array's header and a call however
/// small the piece, and most pieces are a tag or a few words. Here an
/// append checks the capacity, copies and moves the end; escaping copies text a word at a time
/// into room it checked once.
struct HTMLBuffer: ~Copyable {
    /// Where the bytes are; `capacity` bytes are allocated, the first `count` written.
    private var start: UnsafeMutablePointer<UInt8>
    /// How many bytes have been written.
    private(set) var count = 0
    private var capacity: Int

    /// Creates an empty buffer with room for `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Appends markup the writer spells out (`"</p>\n"`), as it is. Most appends are such
    /// literals, a few hundred thousand a build: their bytes are copied without the checks a
    /// `String` needs, so literals take this overload and other strings the one below.
    /// Inlined, a literal's length is a constant and its copy a few moves.
    @inline(__always)
    static func += (buffer: inout HTMLBuffer, text: StaticString) {
        buffer.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` as it is (markup the writer made, or HTML already escaped).
    @_disfavoredOverload
    static func += (buffer: inout HTMLBuffer, text: String) {
        // Through the string's own bytes, borrowed: `withUTF8` needs a copy it may mutate,
        // which retains the string.
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append($0) }) == nil {
            var text = text
            text.withUTF8 { buffer.append($0) }
        }
    }

    /// Appends `bytes` as they are.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if count &+ bytes.count > capacity { grow(to: count + bytes.count) }
        (start + count).update(from: source, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends `text`, escaped as ``HTMLEscaping/escape(_:)`` escapes it.
    mutating func appendEscaped(_ text: some StringProtocol) {
        // Borrowed as `+=` borrows; a substring (a table cell's text) is not made a string first.
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped(utf8: $0) }) == nil {
            var text = String(text)
            text.withUTF8 { appendEscaped(utf8: $0) }
        }
    }

    /// Appends UTF-8 `text`, escaped as ``HTMLEscaping/escape(_:)`` escapes it.
    ///
    /// Every piece of text of every page comes through here, much of it
    /// French, whose apostrophes are escaped every few words. So rather than find a special
    /// byte, copy the run before it and then the reference (three calls each), blocks of the
    /// text are stored as they are and then tested: sixteen bytes with no special byte move
    /// the end past them; otherwise eight bytes at a time tell where the first special byte is,
    /// the end moves to it and its reference is stored over the rest. Stores may reach up to
    /// sixteen bytes past the end, into room checked beforehand and overwritten later.
    mutating func appendEscaped(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let source = text.baseAddress else { return }
        let length = text.count
        /// Room for the rest of the text unescaped, a block stored in full and one reference.
        let slack = 24
        if count &+ length &+ slack > capacity { grow(to: count + length + slack) }
        var read = 0
        var written = count
        while true {
            if read &+ 16 <= length {
                let block = UnsafeRawPointer(source + read).loadUnaligned(as: SIMD2<UInt64>.self)
                UnsafeMutableRawPointer(start + written).storeBytes(of: block, as: SIMD2<UInt64>.self)
                if !HTMLEscaping.hasSpecial(block) {
                    read &+= 16
                    written &+= 16
                    continue
                }
            }
            let special: UInt8
            if read &+ 8 <= length {
                let word = UnsafeRawPointer(source + read).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(start + written).storeBytes(of: word, as: UInt64.self)
                let flags = HTMLEscaping.specialFlags(UInt64(littleEndian: word))
                if flags == 0 {
                    read &+= 8
                    written &+= 8
                    continue
                }
                let offset = flags.trailingZeroBitCount &>> 3
                read &+= offset
                written &+= offset
                special = source[read]
            } else {
                // The last few bytes, one at a time.
                guard read < length else { break }
                special = source[read]
                if !HTMLEscaping.isSpecial(special) {
                    start[written] = special
                    read &+= 1
                    written &+= 1
                    continue
                }
            }
            read &+= 1
            if written &+ (length &- read) &+ slack > capacity {
                count = written
                grow(to: written + (length - read) + slack)
            }
            let reference = HTMLEscaping.referenceWord(for: special)
            UnsafeMutableRawPointer(start + written).storeBytes(of: reference.bytes.littleEndian, as: UInt64.self)
            written &+= reference.count
        }
        count = written
    }

    /// Whether the text ends with a line feed that is a Character of its own (not the end of a
    /// `"\r\n"`), as `String.hasSuffix("\n")` tells.
    var endsWithLineFeed: Bool {
        guard count > 0, start[count - 1] == UInt8(ascii: "\n") else { return false }
        return count < 2 || start[count - 2] != UInt8(ascii: "\r")
    }

    /// Calls `body` with the bytes written from `offset` on.
    func withBytes<Result>(from offset: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: start + offset, count: count - offset))
    }

    /// Drops the bytes written from `offset` on.
    mutating func removeBytes(from offset: Int) {
        precondition(offset >= 0 && offset <= count, "removing bytes that were not written")
        count = offset
    }

    /// The bytes written, as an array.
    func array() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Moves the bytes into memory for at least `needed` bytes, twice as much as before if that is more.
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.moveInitialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }
}
