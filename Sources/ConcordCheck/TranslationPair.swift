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
    }

    /// Index pairs of the longest common subsequence of the non-nil keys.
    static func commonSubsequence(_ a: [String?], _ b: [String?]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        // Most articles write no anchor of their own: then nothing can match, and the table
        // (one cell per pair of sections) need not be filled.
        guard a.contains(where: { $0 != nil }), b.contains(where: { $0 != nil }) else { return [] }
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
}
