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
/// already has, and only distinct terms are copied. Hashes come from `Hasher` (seeded per
/// process, so content cannot choose collisions) and are kept: the index of a locale merges
/// the documents' tables without hashing again.
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
    @inline(__always)
    static func hash(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(term))
        return hasher.finalize()
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
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { break }
            if hashes[entry] == hash, matches(entry, term) { return (entry, false) }
            slot = (slot + 1) & mask
        }
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
        return storage.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, term.count) == 0 }
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
        // Most tokens repeat a word the document already used ("the", "to", "PowerShell"). A
        // small direct-mapped cache under a cheap hash finds those without hashing with
        // `Hasher`; a miss (or a collision, which only evicts) goes to the table as usual.
        var recent = [Int32](repeating: -1, count: 1024)
        for piece in text {
            SearchTokenizer.forEachTerm(in: piece) { term, isASCII in
                if isASCII {
                    var cheap: UInt32 = 2_166_136_261
                    for byte in term { cheap = (cheap ^ UInt32(byte)) &* 16_777_619 }
                    let slot = Int(cheap >> 22)
                    let seen = Int(recent[slot])
                    if seen >= 0, ascii.matches(seen, term) { return }
                    recent[slot] = Int32(ascii.insert(term, hash: SearchTermTable.hash(term)).index)
                } else {
                    others.insert(String(decoding: term, as: UTF8.self))
                }
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
