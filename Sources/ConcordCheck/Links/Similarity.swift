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
