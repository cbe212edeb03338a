@testable import ConcordCheck

/// The scanner as first written, scalar by scalar over an array of `Unicode.Scalar`, with
/// Unicode properties for every class of character: the definition the byte scan of
/// ``NumberScanner`` must agree with (see `NumberScannerTests`). Kept as it was apart from its
/// name and its fast paths (the digit pre-scan, ASCII scalars from the bytes), left out so that
/// it stays the plain definition.
enum ReferenceNumberScanner {
    /// The numbers of `text`, in order.
    static func numbers(in text: String) -> [NumberToken] {
        let scalars = Array(text.unicodeScalars)
        var result: [NumberToken] = []
        var i = 0
        while i < scalars.count {
            guard isDigit(scalars[i]) else { i += 1; continue }
            let start = i
            var groups: [[UInt8]] = [[]]
            var separators: [Separator] = []
            // Consume digits and the separators between them.
            while i < scalars.count {
                let scalar = scalars[i]
                if let digit = digitValue(scalar) {
                    groups[groups.count - 1].append(digit)
                    i += 1
                    continue
                }
                guard let separator = Separator(scalar.value), i + 1 < scalars.count, isDigit(scalars[i + 1]) else { break }
                if separator == .space {
                    // A space groups thousands only between a group of 1–3 digits and one of exactly 3;
                    // otherwise it separates two numbers ("step 2 300 times" stays two… at worst).
                    let before = groups[groups.count - 1].count
                    var after = 0
                    while i + 1 + after < scalars.count, isDigit(scalars[i + 1 + after]) { after += 1 }
                    guard before >= 1, before <= 3, after == 3 else { break }
                    if separators.contains(where: { $0 != .space }) { break }
                }
                separators.append(separator)
                groups.append([])
                i += 1
            }
            let end = i
            guard !isExcluded(scalars, start: start, end: end) else { continue }
            guard let values = interpret(groups: groups, separators: separators) else { continue }
            var written: [UInt8] = []
            written.reserveCapacity(end - start)
            for scalar in scalars[start..<end] { UTF8.encode(scalar) { written.append($0) } }
            result.append(NumberToken(written: String(decoding: written, as: UTF8.self), values: values))
        }
        return result
    }

    // MARK: - Reading the digits

    private typealias Separator = NumberScanner.Separator

    /// The values a run of digit groups can stand for, or `nil` for a version-like token.
    private static func interpret(groups: [[UInt8]], separators: [Separator]) -> [String]? {
        func digits(_ groups: ArraySlice<[UInt8]>) -> String {
            var out = ""
            for group in groups { for d in group { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(d))!) } }
            return integer(out)
        }
        guard !separators.isEmpty else { return [digits(groups[...])] }
        let groupedThree = groups.dropFirst().allSatisfy { $0.count == 3 }

        let ambiguous = separators.filter { !$0.groupsOnly }
        if ambiguous.isEmpty {
            // Only spaces or apostrophes: thousands groups (validated while scanning spaces).
            return groupedThree ? [digits(groups[...])] : nil
        }
        let last = separators[separators.count - 1]
        let earlier = separators.dropLast()
        if ambiguous.count == 1, !last.groupsOnly {
            // One `,` or `.`, last: a decimal mark, or a thousands group when three digits follow
            // and nothing else grouped (`1,000` or `1.000`).
            let fraction = digitsString(groups[groups.count - 1])
            let decimalValue = decimal(integer: digits(groups.dropLast()), fraction: fraction)
            if earlier.isEmpty, fraction.count == 3 { return [digits(groups[...]), decimalValue] }
            guard earlier.allSatisfy(\.groupsOnly), groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 }) else { return nil }
            return [decimalValue]
        }
        if ambiguous.allSatisfy({ $0 == ambiguous[0] }), separators.allSatisfy({ $0 == ambiguous[0] }) {
            // The same mark repeated: `1,000,000` groups; `1.2.3` is a version.
            return groupedThree ? [digits(groups[...])] : nil
        }
        // Mixed marks: groups with one kind, then a decimal mark of the other (`1,000.5`, `1.000,5`).
        let groupMarks = earlier.filter { !$0.groupsOnly }
        guard !last.groupsOnly, groupMarks.allSatisfy({ $0 == groupMarks[0] && $0 != last }),
              groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 })
        else { return nil }
        return [decimal(integer: digits(groups.dropLast()), fraction: digitsString(groups[groups.count - 1]))]
    }

    private static func digitsString(_ group: [UInt8]) -> String {
        var out = ""
        for d in group { out.unicodeScalars.append(Unicode.Scalar(0x30 + UInt32(d))!) }
        return out
    }

    /// Digits without leading zeros (`007` and `7` are the same number in prose).
    private static func integer(_ digits: String) -> String {
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }

    private static func decimal(integer whole: String, fraction: String) -> String {
        var fraction = Substring(fraction)
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    // MARK: - What is not a number of the text

    private static func isExcluded(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        // Glued to a letter of a spaced script, or to a separator that starts something else (`1.2.x`).
        if start > 0, gluesToNumber(scalars[start - 1]) { return true }
        if end < scalars.count, gluesToNumber(scalars[end]) { return true }
        // A list number opening the text: `1. Do this`, `2) Then`.
        if start == 0, end + 1 < scalars.count, scalars[end] == "." || scalars[end] == ")", scalars[end + 1] == " " {
            return true
        }
        // The word around the number, in spaced-script characters: code, paths and URLs.
        var from = start
        while from > 0, isWordPart(scalars[from - 1]) { from -= 1 }
        var to = end
        while to < scalars.count, isWordPart(scalars[to]) { to += 1 }
        for index in from..<to where isCodeMark(scalars[index]) { return true }
        return false
    }

    /// Whether a neighbouring character makes digits part of a name or code (`21Vianet`, `v2`, `_1`).
    private static func gluesToNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        return scalar.properties.isAlphabetic && !isUnspacedScript(scalar)
    }

    /// Characters of a "word" in the sense of spaced scripts: anything but white space and the
    /// letters of scripts written without spaces (where a word boundary is not visible).
    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.properties.isWhitespace && !isUnspacedScript(scalar) && scalar.value < 0x2000
    }

    /// Marks that make a word code, a path or a URL rather than prose.
    private static func isCodeMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "$", "\\", "/", "=", "@", "{", "}", "[", "]", "<", ">", "|", "~", "^", "*", "#", "&", "+", "`":
            true
        default:
            false
        }
    }

    /// Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK, kana, Hangul.
    private static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            true
        default:
            false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { digitValue(scalar) != nil }

    /// ASCII and full-width digits.
    private static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: UInt8(scalar.value - 0x30)
        case 0xFF10...0xFF19: UInt8(scalar.value - 0xFF10)
        default: nil
        }
    }
}
