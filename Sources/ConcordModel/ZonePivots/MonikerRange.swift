/// A moniker range as DocFX writes it (`>= ps-7.1`, `ps-5.1 || >= ps-7.0 < ps-7.3`): alternatives
/// joined by `||`, each a set of comparisons that must all hold. What the page's version selector
/// asks of each `::: moniker range` block.
public struct MonikerRange: Sendable, Hashable {
    /// One comparison (`>= ps-7.1`); a bare moniker is `=`.
    public struct Comparison: Sendable, Hashable {
        /// `=`, `>`, `>=`, `<` or `<=`.
        public var operation: String
        /// The moniker compared with, lower-cased.
        public var moniker: String
    }

    /// The alternatives; the range holds a moniker when every comparison of one of them does.
    public let alternatives: [[Comparison]]

    /// The most comparisons read from one range; content could otherwise make each block's
    /// check against every moniker of the page as long as it likes.
    public static let maximumComparisons = 64

    /// Reads `text`; anything that is not an operator or a moniker is left out.
    public init(_ text: String) {
        var alternatives: [[Comparison]] = []
        var count = 0
        for part in text.lowercased().components(separatedBy: "||") {
            var comparisons: [Comparison] = []
            var operation = "="
            for token in Self.tokens(part) where count < Self.maximumComparisons {
                if ["=", ">", ">=", "<", "<="].contains(token) {
                    operation = token
                } else {
                    comparisons.append(Comparison(operation: operation, moniker: token))
                    operation = "="
                    count += 1
                }
            }
            if !comparisons.isEmpty { alternatives.append(comparisons) }
        }
        self.alternatives = alternatives
    }

    /// The monikers the range names, in order, each once.
    public var monikers: [String] {
        var seen: Set<String> = []
        return alternatives.joined().map(\.moniker).filter { seen.insert($0).inserted }
    }

    /// Whether `moniker` (lower-cased) is in the range.
    public func contains(_ moniker: String) -> Bool {
        alternatives.contains { comparisons in
            comparisons.allSatisfy { comparison in
                guard comparison.operation != "=" else { return comparison.moniker == moniker }
                guard let order = Self.compare(moniker, comparison.moniker) else { return false }
                switch comparison.operation {
                case ">": return order > 0
                case ">=": return order >= 0
                case "<": return order < 0
                default: return order <= 0
                }
            }
        }
    }

    /// The order of two monikers of one product (`ps-5.1` before `ps-7.0` before `ps-7.1`, the
    /// numbers compared as numbers); `nil` for monikers of different products, which no range
    /// compares. The product is what comes before the first digit.
    public static func compare(_ a: String, _ b: String) -> Int? {
        let (productA, versionA) = split(a), (productB, versionB) = split(b)
        guard productA == productB else { return nil }
        for (x, y) in zip(versionA, versionB) where x != y { return x < y ? -1 : 1 }
        if versionA.count != versionB.count { return versionA.count < versionB.count ? -1 : 1 }
        return a == b ? 0 : (a < b ? -1 : 1)
    }

    /// Every moniker `ranges` name, newest first: by product as first named, then by version.
    public static func monikers(in ranges: [MonikerRange]) -> [String] {
        var seen: Set<String> = []
        let all = ranges.flatMap(\.monikers).filter { seen.insert($0).inserted }
        let products = all.map { split($0).product }
        var productOrder: [String: Int] = [:]
        for product in products where productOrder[product] == nil { productOrder[product] = productOrder.count }
        return all.sorted { a, b in
            let pa = productOrder[split(a).product]!, pb = productOrder[split(b).product]!
            if pa != pb { return pa < pb }
            return (compare(a, b) ?? 0) > 0
        }
    }

    /// A moniker's product (up to its first digit, without trailing `-`, `.` or `_`) and the numbers of its version.
    private static func split(_ moniker: String) -> (product: String, version: [Int]) {
        guard let digit = moniker.firstIndex(where: \.isASCIIDigit) else { return (moniker, []) }
        var product = moniker[..<digit]
        while let last = product.last, "-._".contains(last) { product = product.dropLast() }
        let numbers = moniker[digit...].split { !$0.isASCIIDigit }.map { Int($0.prefix(9)) ?? 0 }
        return (String(product), numbers)
    }

    /// The operators and monikers of one alternative: an operator may touch its moniker (`>=v2`).
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inOperator = false
        for character in text {
            let isOperator = character == "<" || character == ">" || character == "="
            if character.isWhitespace || isOperator != inOperator {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            }
            if !character.isWhitespace { current.append(character) }
            inOperator = isOperator
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
