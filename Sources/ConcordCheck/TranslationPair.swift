import ConcordModel

/// A translation and the source article it was made from, with their sections aligned.
public struct TranslationPair: Sendable {
    /// The source article.
    public let source: Article
    /// The translated article.
    public let translation: Article
    /// The sections aligned between the two sides.
    public let alignment: SectionAlignment

    /// Pairs two articles and aligns their sections.
    public init(source: Article, translation: Article) {
        self.source = source
        self.translation = translation
        self.alignment = SectionAlignment(source: source.sections, translation: translation.sections)
    }

    /// The translation's locale.
    public var locale: String { translation.locale }

    /// A location in the translation.
    public func here(_ line: Int, _ column: Int = 1) -> FileLocation {
        FileLocation(file: translation.file, line: line, column: column)
    }

    /// A location in the source.
    public func there(_ line: Int, _ column: Int = 1) -> FileLocation {
        FileLocation(file: source.file, line: line, column: column)
    }
}

/// The elements of one aligned section on both sides.
public struct SectionGroup<Element> {
    /// The aligned section pair.
    public var pair: SectionAlignment.Pair
    /// Elements on the source side, in order.
    public var source: [Element]
    /// Elements on the translation side, in order.
    public var translation: [Element]
}

/// Aligns the sections of a translation with those of its source: by explicit anchor where both
/// sides carry one, by position in between (headings whose anchors are slugs of translated titles
/// cannot match by name).
public struct SectionAlignment: Sendable {
    /// One aligned pair; either side may be missing. Index into the articles' `sections`, with
    /// `nil` anchors standing for the text before the first heading.
    public struct Pair: Sendable, Hashable {
        /// The source section index, or `nil` when the translation has a section the source lacks.
        public var source: Int?
        /// The translation section index, or `nil` when the source section has no counterpart.
        public var translation: Int?
        /// Whether this is the preamble (before any heading).
        public var isPreamble: Bool { source == nil && translation == nil }
    }

    /// Aligned pairs in document order; the first is always the preamble.
    public private(set) var pairs: [Pair]

    /// For each pair, in order: the source and translation sections last seen at or before it.
    /// Rules ask where a section missing on one side would go, once per missing section; walking
    /// back through the pairs each time made that quadratic.
    private(set) var places: [(source: Int?, translation: Int?)] = []
    /// Where the pair of each source section and of each translation section is in ``pairs``.
    private var sourcePosition: [Int] = []
    private var translationPosition: [Int] = []

    /// The position of `pair` in ``pairs`` (the preamble's is 0).
    func position(of pair: Pair) -> Int? {
        if let s = pair.source { return sourcePosition.indices.contains(s) ? sourcePosition[s] : nil }
        if let t = pair.translation { return translationPosition.indices.contains(t) ? translationPosition[t] : nil }
        return 0
    }

    private static func places(of pairs: [Pair]) -> [(source: Int?, translation: Int?)] {
        var result: [(source: Int?, translation: Int?)] = []
        result.reserveCapacity(pairs.count)
        var last: (source: Int?, translation: Int?) = (nil, nil)
        for pair in pairs {
            if let s = pair.source { last.source = s }
            if let t = pair.translation { last.translation = t }
            result.append(last)
        }
        return result
    }

    /// Aligns two lists of sections.
    public init(source: [Section], translation: [Section]) {
        var pairs = [Pair(source: nil, translation: nil)]
        // Fixed points: explicit anchors present on both sides, kept in order (longest common subsequence).
        let sourceKeys = source.map { $0.explicitAnchor ? $0.anchor : nil }
        let translationKeys = translation.map { $0.explicitAnchor ? $0.anchor : nil }
        let anchored = SectionAlignment.commonSubsequence(sourceKeys, translationKeys)

        var s = 0
        var t = 0
        for (fixedS, fixedT) in anchored + [(source.count, translation.count)] {
            // Between fixed points, pair by position; leftovers stay unmatched.
            while s < fixedS, t < fixedT {
                let sourceExplicit = source[s].explicitAnchor
                let translationExplicit = translation[t].explicitAnchor
                if sourceExplicit, translationExplicit {
                    // Both explicit but different: an anchor was renamed or a section replaced;
                    // pair them only when the levels agree, so rules can report the mismatch.
                    if source[s].level == translation[t].level {
                        pairs.append(Pair(source: s, translation: t)); s += 1; t += 1
                    } else if source[s].level > translation[t].level {
                        pairs.append(Pair(source: s, translation: nil)); s += 1
                    } else {
                        pairs.append(Pair(source: nil, translation: t)); t += 1
                    }
                } else {
                    pairs.append(Pair(source: s, translation: t)); s += 1; t += 1
                }
            }
            while s < fixedS { pairs.append(Pair(source: s, translation: nil)); s += 1 }
            while t < fixedT { pairs.append(Pair(source: nil, translation: t)); t += 1 }
            if fixedS < source.count {
                pairs.append(Pair(source: fixedS, translation: fixedT))
                s = fixedS + 1
                t = fixedT + 1
            }
        }
        self.pairs = pairs
        places = SectionAlignment.places(of: pairs)
        sourcePosition = [Int](repeating: 0, count: source.count)
        translationPosition = [Int](repeating: 0, count: translation.count)
        for (index, pair) in pairs.enumerated() {
            if let s = pair.source { sourcePosition[s] = index }
            if let t = pair.translation { translationPosition[t] = index }
        }
    }

    /// The most cells of the table ``commonSubsequence(_:_:)`` fills: a table for two articles
    /// of thousands of anchors each takes gigabytes.
    static let maximumTableCells = 4_000_000

    /// Index pairs of the longest common subsequence of the non-nil keys.
    static func commonSubsequence(_ a: [String?], _ b: [String?]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        // Most articles write no anchor of their own: then nothing can match, and the table
        // (one cell per pair of sections) need not be filled.
        guard a.contains(where: { $0 != nil }), b.contains(where: { $0 != nil }) else { return [] }
        guard (n + 1) * (m + 1) <= maximumTableCells else { return commonSubsequenceOfOccurrences(a, b) }
        // table[i * width + j]: the length of the longest common subsequence of a[i...] and b[j...].
        let width = m + 1
        var table = [Int](repeating: 0, count: (n + 1) * width)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                if let x = a[i], x == b[j] {
                    table[i * width + j] = table[(i + 1) * width + j + 1] + 1
                } else {
                    table[i * width + j] = max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
        }
        var result: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if let x = a[i], x == b[j] {
                result.append((i, j)); i += 1; j += 1
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    /// A common subsequence for sides too long for the table, in O(n log n): the k-th
    /// occurrence of a key on one side stands only for its k-th occurrence on the other, which
    /// makes every key unique, and the longest common subsequence of unique keys is the longest
    /// run of matches whose positions rise on both sides (patience sorting). Where anchors repeat,
    /// it may pair fewer than the table would; they rarely do.
    static func commonSubsequenceOfOccurrences(_ a: [String?], _ b: [String?]) -> [(Int, Int)] {
        var positions: [String: [Int]] = [:]
        for (j, key) in b.enumerated() {
            if let key { positions[key, default: []].append(j) }
        }
        var taken: [String: Int] = [:]
        var matches: [(Int, Int)] = []
        for (i, key) in a.enumerated() {
            guard let key, let list = positions[key] else { continue }
            let k = taken[key, default: 0]
            taken[key] = k + 1
            if k < list.count { matches.append((i, list[k])) }
        }
        // tails[l]: the match ending the best rising run of length l + 1 found so far (the one
        // with the lowest translation position); previous[m]: the match before m in its run.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: matches.count)
        for (index, match) in matches.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if matches[tails[middle]].1 < match.1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var result: [(Int, Int)] = []
        var index = tails.last ?? -1
        while index >= 0 {
            result.append(matches[index])
            index = previous[index]
        }
        return result.reversed()
    }
}
