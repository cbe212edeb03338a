#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of byte strings (search terms), each kept once with its hash, numbered in the order
/// they came. Made by a ``SearchTermCollector``, and read only after.
///
/// Terms are not `Set<String>` members, where every token would become a `String` and be
/// hashed as one. Here a token is hashed and compared as the bytes the tokenizer
/// already has, and only distinct terms are copied. Hashes are kept: the index of a locale
/// merges the documents' tables without hashing again.
struct SearchTermTable: Sendable {
    /// The terms end to end.
    private let storage: [UInt8]
    /// Where each term ends in `storage` (it starts where the one before ends).
    private let ends: [Int]
    /// Each term's hash.
    private let hashes: [Int]

    /// A table of the terms in `storage`, ending at `ends`, with their `hashes`.
    fileprivate init(storage: [UInt8], ends: [Int], hashes: [Int]) {
        self.storage = storage
        self.ends = ends
        self.hashes = hashes
    }

    /// How many distinct terms.
    var count: Int { ends.count }

    /// The terms end to end, and where each ends: the table as a cache keeps it.
    var storedTerms: (storage: [UInt8], ends: [Int]) { (storage, ends) }

    /// The table a cache kept (``storedTerms``), its hashes made again with this process's seed;
    /// nil when `ends` do not divide `storage` into terms.
    static func restored(storage: [UInt8], ends: [Int]) -> SearchTermTable? {
        var start = 0
        for end in ends {
            guard end > start else { return nil }
            start = end
        }
        guard start == storage.count else { return nil }
        let seed = self.seed
        let hashes = storage.withUnsafeBufferPointer { storage in
            var start = 0
            return ends.map { end in
                defer { start = end }
                return hash(UnsafeBufferPointer(rebasing: storage[start..<end]), seed: seed)
            }
        }
        return SearchTermTable(storage: storage, ends: ends, hashes: hashes)
    }

    /// The bytes of all the terms.
    var byteCount: Int { storage.count }

    /// The hash of a term's bytes.
    ///
    /// Every token of every page is hashed, most of them short words, so this reads eight
    /// bytes at a time and mixes with multiplications (as wyhash and its kin do), far cheaper
    /// than `Hasher`'s SipHash on short words. It is seeded per process, like
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
        guard let base = term.baseAddress else { return Int(truncatingIfNeeded: mix(state)) }
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
        return Int(truncatingIfNeeded: state)
    }

    /// The process's hash seed.
    static let seed = UInt64.random(in: .min ... .max)

    /// The high and low halves of a 128-bit product, XORed: every bit of `value` reaches the
    /// low bits, which pick the slot, through the high half, so no finalizer is needed after
    /// the last one.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xA076_1D64_78BD_642F)
        return product.high ^ product.low
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
    /// first eight bytes as one integer, the bytes compared only where those are the same,
    /// rather than comparing `String`s. The integers are sorted by radix, a byte at a time from
    /// the last (stable, so each pass keeps the order of the ones after it), which beats `sort`
    /// with a comparison closure on a locale's tens of thousands of terms.
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
                var spare = keys
                keys.withUnsafeMutableBufferPointer { keys in
                    spare.withUnsafeMutableBufferPointer { spare in
                        // Each pass moves the keys from `unsorted` to `sorted`, then they trade places.
                        var (unsorted, sorted) = (keys, spare)
                        // Where the next key of each value of the byte goes, after counting them.
                        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { starts in
                            for shift in stride(from: 0, to: 64, by: 8) {
                                starts.initialize(repeating: 0)
                                for key in unsorted { starts[Int(truncatingIfNeeded: key.prefix >> shift) & 0xFF] += 1 }
                                // All in one bucket (the zeros past short terms, often): nothing to move.
                                if starts.contains(unsorted.count) { continue }
                                var next = 0
                                for bucket in starts.indices { (starts[bucket], next) = (next, next + starts[bucket]) }
                                for key in unsorted {
                                    let bucket = Int(truncatingIfNeeded: key.prefix >> shift) & 0xFF
                                    sorted[starts[bucket]] = key
                                    starts[bucket] += 1
                                }
                                swap(&unsorted, &sorted)
                            }
                        }
                        if unsorted.baseAddress != keys.baseAddress { _ = keys.update(fromContentsOf: unsorted) }
                        // Terms that share their first eight bytes, by the rest of their bytes.
                        var first = 0
                        while first < keys.count {
                            var end = first + 1
                            while end < keys.count, keys[end].prefix == keys[first].prefix { end += 1 }
                            if end - first > 1 {
                                var run = UnsafeMutableBufferPointer(rebasing: keys[first..<end])
                                run.sort { left, right in
                                    let leftBytes = UnsafeBufferPointer(rebasing: storage[start(left.number)..<ends[left.number]])
                                    let rightBytes = UnsafeBufferPointer(rebasing: storage[start(right.number)..<ends[right.number]])
                                    return leftBytes.lexicographicallyPrecedes(rightBytes)
                                }
                            }
                            first = end
                        }
                    }
                }
                return keys.map(\.number)
            }
        }
    }

    /// Whether `count` bytes at `stored` and at `term` are the same.
    ///
    /// Compared a machine word at a time where the hash reads words (terms are short, and a
    /// byte loop would dominate), with overlapping loads at the ends so that
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

}

/// Collects terms into a ``SearchTermTable``, each distinct term once.
///
/// The table of a page takes every term of the page, most of them already in it. In arrays,
/// each probe would go through four buffer-pointer scopes and each new term through four
/// appends that check their array's uniqueness. Here the memory is the collector's own (freed by ``deallocate()``), and each slot holds
/// the high half of its term's hash beside the term's number, so that a probe reads the
/// term's bytes only when the hashes are likely the same.
struct SearchTermCollector {
    /// The terms end to end in the first ``byteCount`` bytes.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var byteCount = 0
    /// Where each term starts in `bytes`, then where the next one would: ``count`` + 1 entries.
    private var offsets: UnsafeMutablePointer<Int>
    /// Each term's hash.
    private var hashes: UnsafeMutablePointer<Int>
    /// Open addressing with linear probing: a term's hash's high 32 bits, then its number plus
    /// one in the low 32; 0 for an empty slot. Less than half full, which keeps probes short;
    /// `offsets` and `hashes` have room for half as many terms as there are slots.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotMask: Int
    /// How many distinct terms.
    private(set) var count = 0

    /// An empty collector with room for about `capacity` terms before it grows.
    init(capacity: Int) {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        offsets = .allocate(capacity: slotCount / 2 + 1)
        offsets[0] = 0
        hashes = .allocate(capacity: slotCount / 2)
        byteCapacity = max(64, capacity * 8)
        bytes = .allocate(capacity: byteCapacity)
    }

    func deallocate() {
        bytes.deallocate()
        offsets.deallocate()
        hashes.deallocate()
        slots.deallocate()
    }

    /// The terms collected, in a table of their exact size.
    func table() -> SearchTermTable {
        SearchTermTable(
            storage: Array(UnsafeBufferPointer(start: bytes, count: byteCount)),
            ends: Array(UnsafeBufferPointer(start: offsets + 1, count: count)),
            hashes: Array(UnsafeBufferPointer(start: hashes, count: count)))
    }

    /// The number of `term`, stored first if it is new; `hash` must be `SearchTermTable.hash(term)`.
    ///
    /// Inlined: every term of every page comes here, most of them already collected, and
    /// the call cost more than the look-up. Storing a new term is the part left out of line.
    @inline(__always)
    @discardableResult
    mutating func insert(_ term: UnsafeBufferPointer<UInt8>, hash: Int) -> (index: Int, inserted: Bool) {
        let tag = UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF_0000_0000
        var slot = hash & slotMask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (store(term, hash: hash, tag: tag, slot: slot), true) }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                let start = offsets[number]
                if offsets[number + 1] - start == term.count, SearchTermTable.equalBytes(bytes + start, term.baseAddress, count: term.count) {
                    return (number, false)
                }
            }
            slot = (slot + 1) & slotMask
        }
    }

    /// Stores a term not collected yet, in empty slot `slot`, and gives its number.
    @inline(never)
    private mutating func store(_ term: UnsafeBufferPointer<UInt8>, hash: Int, tag: UInt64, slot: Int) -> Int {
        if byteCount + term.count > byteCapacity {
            byteCapacity = max(byteCapacity * 2, byteCount + term.count)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
            larger.moveInitialize(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = larger
        }
        if let base = term.baseAddress { (bytes + byteCount).initialize(from: base, count: term.count) }
        byteCount += term.count
        let number = count
        hashes[number] = hash
        offsets[number + 1] = byteCount
        slots[slot] = tag | UInt64(number + 1)
        count += 1
        if count * 2 >= slotMask + 1 { grow() }
        return number
    }

    /// Doubles the slots, and the room for terms with them.
    private mutating func grow() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        for number in 0..<count {
            var slot = hashes[number] & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = UInt64(truncatingIfNeeded: hashes[number]) & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
        }
        let largerOffsets = UnsafeMutablePointer<Int>.allocate(capacity: slotCount / 2 + 1)
        largerOffsets.moveInitialize(from: offsets, count: count + 1)
        offsets.deallocate()
        offsets = largerOffsets
        let largerHashes = UnsafeMutablePointer<Int>.allocate(capacity: slotCount / 2)
        largerHashes.moveInitialize(from: hashes, count: count)
        hashes.deallocate()
        hashes = largerHashes
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
        var ascii = SearchTermCollector(capacity: text.reduce(0) { $0 + $1.utf8.count } / 16)
        defer { ascii.deallocate() }
        var others = Set<String>()
        let seed = SearchTermTable.seed
        SearchTokenizer.forEachTerm(in: text) { term, isASCII in
            if isASCII {
                ascii.insert(term, hash: SearchTermTable.hash(term, seed: seed))
            } else {
                others.insert(String(decoding: term, as: UTF8.self))
            }
        }
        self.ascii = ascii.table()
        self.others = Array(others)
    }

    /// Every term as a string, unordered.
    var strings: [String] {
        (0..<ascii.count).map { ascii.string(at: $0) } + others
    }
}
