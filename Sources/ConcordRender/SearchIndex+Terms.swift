#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of byte strings (search terms), each kept once with its hash, numbered in the order
/// they came.
///
/// Terms were `Set<String>` members: every token became a `String` and was hashed as one,
/// nearly a tenth of a build. Here a token is hashed and compared as the bytes the tokenizer
/// already has, and only distinct terms are copied. Hashes are kept: the index of a locale
/// merges the documents' tables without hashing again.
struct SearchTermTable: Sendable {
    /// The terms end to end in the first ``byteCount`` bytes; the rest is room for more.
    /// Sized ahead rather than appended to: `Array.append(contentsOf:)` took about 90
    /// instructions a term.
    private var storage: [UInt8]
    /// The bytes of `storage` in use.
    private(set) var byteCount = 0
    /// Where each term ends in `storage` (it starts where the one before ends).
    private var ends: [Int] = []
    /// Each term's hash.
    private var hashes: [Int] = []
    /// Open addressing with linear probing: a term's number plus one, 0 for an empty slot.
    private var slots: [Int32]

    /// An empty table with room for about `capacity` terms before it grows.
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        storage = Array(repeating: 0, count: max(64, capacity * 8))
        ends.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// How many distinct terms.
    var count: Int { ends.count }

    /// The hash of a term's bytes.
    ///
    /// Every token of every page is hashed, most of them short words, so this reads eight
    /// bytes at a time and mixes with multiplications (as wyhash and its kin do) where
    /// `Hasher`'s SipHash took about 190 instructions a word. It is seeded per process, like
    /// `Hasher`, so that content cannot be written to make terms collide on every build.
    @inline(__always)
    static func hash(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        hash(term, seed: seed)
    }

    /// ``hash(_:)`` with the process's ``seed`` read once by the caller (a global's every read
    /// checks that it is initialized).
    @inline(__always)
    static func hash(_ term: UnsafeBufferPointer<UInt8>, seed: UInt64) -> Int {
        let count = term.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = term.baseAddress else { return Int(truncatingIfNeeded: finish(state)) }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                state = mix(state ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            // The last eight bytes, overlapping the word before when the count is not a multiple of eight.
            state = mix(state ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        } else if count >= 4 {
            // The first four bytes and the last four, which overlap below eight.
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            state = mix(state ^ (low | high << 32))
        } else {
            // One to three bytes: the first, the middle and the last (wyhash's way).
            let bytes = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count - 1]) << 16
            state = mix(state ^ bytes)
        }
        return Int(truncatingIfNeeded: finish(state))
    }

    /// The process's hash seed.
    static let seed = UInt64.random(in: .min ... .max)

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
    }

    /// Spreads every input bit over the low bits, which pick the slot (MurmurHash3's finalizer).
    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }

    /// Calls `body` with the bytes of term `index`.
    func withTerm<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Term `index` as a string.
    func string(at index: Int) -> String {
        withTerm(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes and the hash of every term, in number order.
    @inline(__always)
    func forEachTerm(_ body: (UnsafeBufferPointer<UInt8>, _ hash: Int) -> Void) {
        storage.withUnsafeBufferPointer { storage in
            ends.withUnsafeBufferPointer { ends in
                hashes.withUnsafeBufferPointer { hashes in
                    var start = 0
                    for index in 0..<ends.count {
                        body(UnsafeBufferPointer(rebasing: storage[start..<ends[index]]), hashes[index])
                        start = ends[index]
                    }
                }
            }
        }
    }

    /// The term numbers in the order of the terms' bytes (shorter first where one begins the other).
    ///
    /// For ASCII terms this is `String` order, which the index file is in. Sorted by each term's
    /// first eight bytes as one integer, the bytes compared only where those are the same:
    /// comparing the terms as `String`s cost over a hundred instructions a comparison.
    func numbersInByteOrder() -> [Int] {
        storage.withUnsafeBufferPointer { storage in
            ends.withUnsafeBufferPointer { ends in
                func start(_ index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }
                var keys: [(prefix: UInt64, number: Int)] = (0..<ends.count).map { index in
                    // Big-endian, so that integer order is byte order; zeros past the end.
                    var prefix: UInt64 = 0
                    for offset in start(index)..<min(start(index) + 8, ends[index]) {
                        prefix |= UInt64(storage[offset]) << (56 - 8 * (offset - start(index)))
                    }
                    return (prefix, index)
                }
                keys.sort { left, right in
                    if left.prefix != right.prefix { return left.prefix < right.prefix }
                    let leftBytes = UnsafeBufferPointer(rebasing: storage[start(left.number)..<ends[left.number]])
                    let rightBytes = UnsafeBufferPointer(rebasing: storage[start(right.number)..<ends[right.number]])
                    return leftBytes.lexicographicallyPrecedes(rightBytes)
                }
                return keys.map(\.number)
            }
        }
    }

    /// The number of `term`, stored first if it is new; `hash` must be `SearchTermTable.hash(term)`.
    ///
    /// Inlined: every term of every page comes here, most of them already in the table, and
    /// the call cost more than the look-up. Storing a new term is the part left out of line.
    @inline(__always)
    @discardableResult
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>, hash: Int) -> (index: Int, inserted: Bool) {
        if slots.isEmpty { grow() }
        let found = find(term, hash: hash)
        if found >= 0 { return (found, false) }
        return (store(term, hash: hash, slot: -1 - found), true)
    }

    /// The number of `term`, or `-1 - slot` for the empty slot where it would go.
    @inline(__always)
    private func find(_ term: UnsafeBufferPointer<UInt8>, hash: Int) -> Int {
        // Probed through buffer pointers, which read the arrays without checking their uniqueness.
        slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                ends.withUnsafeBufferPointer { ends in
                    storage.withUnsafeBufferPointer { storage in
                        let mask = slots.count - 1
                        var slot = hash & mask
                        while true {
                            let entry = Int(slots[slot]) - 1
                            if entry < 0 { return -1 - slot }
                            if hashes[entry] == hash {
                                let start = entry == 0 ? 0 : ends[entry - 1]
                                if ends[entry] - start == term.count,
                                    Self.equalBytes(storage.baseAddress! + start, term.baseAddress, count: term.count) {
                                    return entry
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    /// Stores a term not in the table, in empty slot `slot`, and gives its number.
    @inline(never)
    private mutating func store(_ term: UnsafeBufferPointer<UInt8>, hash: Int, slot: Int) -> Int {
        let index = ends.count
        if byteCount + term.count > storage.count {
            storage += repeatElement(0, count: max(storage.count, term.count))
        }
        if let base = term.baseAddress, !term.isEmpty {
            storage.withUnsafeMutableBufferPointer { ($0.baseAddress! + byteCount).update(from: base, count: term.count) }
        }
        byteCount += term.count
        ends.append(byteCount)
        hashes.append(hash)
        slots[slot] = Int32(index + 1)
        if ends.count * 2 > slots.count { grow() }
        return index
    }

    /// Whether `count` bytes at `stored` and at `term` are the same.
    ///
    /// Compared a machine word at a time where the hash reads words (terms are short: a byte
    /// loop cost a dozen instructions a byte), with overlapping loads at the ends so that
    /// nothing past either term is read.
    @inline(__always)
    static func equalBytes(_ stored: UnsafePointer<UInt8>, _ term: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard let term, count > 0 else { return true }
        let left = UnsafeRawPointer(stored)
        let right = UnsafeRawPointer(term)
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                    return false
                }
                offset += 8
            }
            return left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        // One to three bytes: the first, the middle and the last are all of them.
        return stored[0] == term[0] && stored[count >> 1] == term[count >> 1] && stored[count - 1] == term[count - 1]
    }

    /// The table in as little memory as it takes to read: exact-size storage and no lookup
    /// slots. A page's terms are kept until the locale's index merges them, which only reads
    /// them; ``insert(_:hash:)`` on a compacted table starts its lookup slots again.
    func compacted() -> SearchTermTable {
        func exact<T>(_ array: [T], count: Int) -> [T] { array.withUnsafeBufferPointer { Array($0[..<count]) } }
        return SearchTermTable(storage: exact(storage, count: byteCount), ends: exact(ends, count: ends.count), hashes: exact(hashes, count: hashes.count))
    }

    private init(storage: [UInt8], ends: [Int], hashes: [Int]) {
        self.storage = storage
        self.byteCount = storage.count
        self.ends = ends
        self.hashes = hashes
        self.slots = []
    }

    /// Doubles the slots (half full at most keeps probes short), or makes them again for a compacted table.
    private mutating func grow() {
        var size = max(16, slots.count * 2)
        while size < ends.count * 2 + 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        let mask = slots.count - 1
        for index in hashes.indices {
            var slot = hashes[index] & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

/// The distinct terms of one document, as the index needs them.
///
/// ASCII terms (nearly all of them) live in a ``SearchTermTable``. Other terms stay `String`s
/// in a `Set`, as all terms once did: strings compare by canonical equivalence, so a CJK
/// compatibility ideograph (U+F900) and its unified twin (U+8C48) are one term, and keeping
/// these in `String`s keeps that, and which spelling is written, exactly as it was. No
/// non-ASCII term the tokenizer makes is equivalent to an ASCII one (folding already maps
/// the few scalars that decompose to ASCII, such as U+212A KELVIN SIGN), so the two
/// halves never hold the same term.
struct SearchDocumentTerms: Sendable {
    /// The ASCII terms.
    var ascii: SearchTermTable
    /// The other terms, each once.
    var others: [String]

    /// The distinct terms of `text`.
    init(text: [String]) {
        var ascii = SearchTermTable(capacity: text.reduce(0) { $0 + $1.utf8.count } / 16)
        var others = Set<String>()
        let seed = SearchTermTable.seed
        SearchTokenizer.forEachTerm(in: text) { term, isASCII in
            if isASCII {
                ascii.insert(term, hash: SearchTermTable.hash(term, seed: seed))
            } else {
                others.insert(String(decoding: term, as: UTF8.self))
            }
        }
        self.ascii = ascii.compacted()
        self.others = Array(others)
    }

    /// Every term as a string, unordered.
    var strings: [String] {
        (0..<ascii.count).map { ascii.string(at: $0) } + others
    }
}
