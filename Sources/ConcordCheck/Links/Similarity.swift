/// Closeness of short strings (labels, file names, anchors), for "did you mean" suggestions.
enum Similarity {
    /// The Levenshtein distance between two strings, over Unicode scalars.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The distance divided by the longer length: 0 for equal strings, 1 for nothing in common.
    static func normalisedDistance(_ a: String, _ b: String) -> Double {
        let longest = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longest == 0 ? 0 : Double(distance(a, b)) / Double(longest)
    }

    /// The candidate closest to `target` with a normalised distance of at most `threshold`;
    /// ties go to the earliest candidate. `key` maps both sides to the form compared.
    static func closest(
        to target: String, in candidates: [String], threshold: Double, key: (String) -> String = { $0 }
    ) -> String? {
        let wanted = key(target)
        var best: (candidate: String, score: Double)?
        for candidate in candidates {
            let score = normalisedDistance(wanted, key(candidate))
            if score <= threshold, score < (best?.score ?? .infinity) { best = (candidate, score) }
        }
        return best?.candidate
    }
}

/// Names to suggest from, prepared once for many searches ("did you mean"): each name's
/// compared form as scalars, grouped by length.
///
/// A search compares the target only with names whose length lets them be close enough, nearest
/// lengths first, and with ``maximumComparisons`` of them at most: a folder of thousands of files
/// and thousands of distinct missing names made every search compare every name. Below the
/// limit the answer is the one comparing all names gives.
struct SimilarNames: Sendable {
    /// The most names one search compares the target with.
    static let maximumComparisons = 100

    /// A name within the threshold: its index in ``names`` and its normalised distance.
    struct Match: Sendable, Hashable {
        var index: Int
        var score: Double
    }

    /// What a search found, best first (ties in the names' order), and how many names it compared.
    struct Search: Sendable {
        var matches: [Match]
        var comparisons: Int
    }

    /// The names, as given.
    let names: [String]
    /// Length → the names of that length (compared form), in the names' order.
    private let byLength: [Int: [(index: Int, scalars: [Unicode.Scalar])]]
    private let key: @Sendable (String) -> String

    /// Prepares `names`, compared in the form `key` gives (applied to targets too).
    init(_ names: [String], key: @escaping @Sendable (String) -> String = { $0 }) {
        self.names = names
        self.key = key
        var byLength: [Int: [(index: Int, scalars: [Unicode.Scalar])]] = [:]
        for (index, name) in names.enumerated() {
            let scalars = Array(key(name).unicodeScalars)
            byLength[scalars.count, default: []].append((index, scalars))
        }
        self.byLength = byLength
    }

    /// The names within `threshold` (normalised distance) of `target`, and with lengths at most
    /// `lengthDifference` apart when given.
    func search(_ target: String, threshold: Double, lengthDifference: Int? = nil) -> Search {
        let wanted = Array(key(target).unicodeScalars)
        let length = wanted.count
        // A distance is at least the difference of the lengths: lengths too far apart cannot match.
        let lengths = byLength.keys
            .filter { other in
                let difference = abs(other - length)
                if let lengthDifference, difference > lengthDifference { return false }
                let longest = max(other, length)
                return longest == 0 || Double(difference) / Double(longest) <= threshold
            }
            .sorted { (abs($0 - length), $0) < (abs($1 - length), $1) }
        var matches: [Match] = []
        var comparisons = 0
        let widest = (lengths.max() ?? 0) + 1
        let rows = UnsafeMutablePointer<Int>.allocate(capacity: 2 * widest)
        defer { rows.deallocate() }
        wanted.withUnsafeBufferPointer { wanted in
            for other in lengths {
                for candidate in byLength[other]! {
                    guard comparisons < SimilarNames.maximumComparisons else { return }
                    comparisons += 1
                    let longest = max(length, other)
                    if longest == 0 {
                        matches.append(Match(index: candidate.index, score: 0))
                        continue
                    }
                    // The largest distance within the threshold, computed as the score is compared.
                    var limit = Int(threshold * Double(longest)) + 1
                    while limit > 0, Double(limit) / Double(longest) > threshold { limit -= 1 }
                    let distance = candidate.scalars.withUnsafeBufferPointer {
                        Similarity.distance(wanted, $0, atMost: limit, rows: rows)
                    }
                    if distance <= limit { matches.append(Match(index: candidate.index, score: Double(distance) / Double(longest))) }
                }
            }
        }
        matches.sort { ($0.score, $0.index) < ($1.score, $1.index) }
        return Search(matches: matches, comparisons: comparisons)
    }
}

extension Similarity {
    /// The Levenshtein distance of two scalar sequences when it is at most `limit`; otherwise
    /// some number above `limit` (the rows stop once every cell is past it). `rows` has room
    /// for two rows of `b`, so that a search of many names allocates them once.
    static func distance(
        _ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>, atMost limit: Int,
        rows: UnsafeMutablePointer<Int>
    ) -> Int {
        let n = a.count, m = b.count
        if (n > m ? n - m : m - n) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var previous = rows
        var current = rows + (m + 1)
        for j in 0...m { previous[j] = j }
        for i in 1...n {
            current[0] = i
            var smallest = i
            let scalar = a[i - 1]
            for j in 1...m {
                var cell = previous[j - 1] + (scalar == b[j - 1] ? 0 : 1)
                let deletion = previous[j] + 1
                if deletion < cell { cell = deletion }
                let insertion = current[j - 1] + 1
                if insertion < cell { cell = insertion }
                current[j] = cell
                if cell < smallest { smallest = cell }
            }
            if smallest > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[m]
    }
}
