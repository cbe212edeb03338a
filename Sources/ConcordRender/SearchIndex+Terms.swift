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
    /// The terms end to end.
    private var storage: [UInt8] = []
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
        storage.reserveCapacity(capacity * 8)
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

    /// The hash term `index` was stored with.
    func hash(at index: Int) -> Int { hashes[index] }

    /// Calls `body` with the bytes of term `index`.
    func withTerm<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    /// Term `index` as a string.
    func string(at index: Int) -> String {
        withTerm(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The number of `term`, stored first if it is new; `hash` must be `SearchTermTable.hash(term)`.
    @discardableResult
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>, hash: Int) -> (index: Int, inserted: Bool) {
        if slots.isEmpty { grow() }
        let mask = slots.count - 1
        var slot = hash & mask
        // Probed through buffer pointers: every term of every page comes here.
        let found = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                while true {
                    let entry = Int(slots[slot]) - 1
                    if entry < 0 { return -1 }
                    if hashes[entry] == hash, matches(entry, term) { return entry }
                    slot = (slot + 1) & mask
                }
            }
        }
        if found >= 0 { return (found, false) }
        let index = ends.count
        storage.append(contentsOf: term)
        ends.append(storage.count)
        hashes.append(hash)
        slots[slot] = Int32(index + 1)
        if ends.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// Whether term `index` is `term`.
    func matches(_ index: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == term.count else { return false }
        guard let base = term.baseAddress, !term.isEmpty else { return true }
        return storage.withUnsafeBufferPointer { storage in
            let stored = storage.baseAddress! + start
            // Most terms are short words: compared in place rather than through a call to memcmp.
            guard term.count <= 16 else { return memcmp(stored, base, term.count) == 0 }
            for offset in 0..<term.count where stored[offset] != base[offset] { return false }
            return true
        }
    }

    /// The table in as little memory as it takes to read: exact-size storage and no lookup
    /// slots. A page's terms are kept until the locale's index merges them, which only reads
    /// them; ``insert(_:hash:)`` on a compacted table starts its lookup slots again.
    func compacted() -> SearchTermTable {
        func exact<T>(_ array: [T]) -> [T] { array.withUnsafeBufferPointer { Array($0) } }
        return SearchTermTable(storage: exact(storage), ends: exact(ends), hashes: exact(hashes))
    }

    private init(storage: [UInt8], ends: [Int], hashes: [Int]) {
        self.storage = storage
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
