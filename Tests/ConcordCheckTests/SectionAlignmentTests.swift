import Testing
@testable import ConcordCheck

/// Which sections are paired by their explicit anchors.
@Suite struct SectionAlignmentTests {
    /// The longest common subsequence as first written (one array per row, every table filled):
    /// the definition the flat table and the early exit must agree with, ties included.
    static func reference(_ a: [String?], _ b: [String?]) -> [(Int, Int)] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                if let x = a[i], x == b[j] {
                    table[i][j] = table[i + 1][j + 1] + 1
                } else {
                    table[i][j] = max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var result: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if let x = a[i], x == b[j] {
                result.append((i, j)); i += 1; j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    @Test("Anchored pairs are the definition's, with repeated anchors and sides without any")
    func commonSubsequenceAgreesWithDefinition() {
        // Few distinct keys, so that repeats (a translation writing one anchor on every heading of
        // a repeated title) and ties between equally long subsequences are common.
        let keys: [String?] = [nil, nil, nil, "a", "b", "c", "cmdlets-supported"]
        var state: UInt64 = 5
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let a = (0..<next(9)).map { _ in keys[next(keys.count)] }
            let b = (0..<next(9)).map { _ in keys[next(keys.count)] }
            let found = SectionAlignment.commonSubsequence(a, b)
            let expected = Self.reference(a, b)
            #expect(found.map(\.0) == expected.map(\.0) && found.map(\.1) == expected.map(\.1), "\(a) \(b)")
        }
    }
}
