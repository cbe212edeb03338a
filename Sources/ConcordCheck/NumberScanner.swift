/// A number as written in prose, with every value it can stand for.
struct NumberToken: Sendable, Hashable {
    /// The text as written (`1 000`, `1,5`).
    var written: String
    /// Canonical values (`1000`, `1.5`): more than one where the notation is ambiguous between
    /// locales (`1,000` is a thousand in en-US and one in fr-FR).
    var values: [String]

    /// Whether two tokens can stand for the same number: the same value, or the same value once a
    /// scale word is read in (`43,2 millions` for 43200000, `4320万` for 43200000). Scale words are
    /// words, which Concord does not read; a ratio of exactly 10³, 10⁴, 10⁶, 10⁸, 10⁹ or 10¹² is the
    /// trace they leave in the digits.
    func matches(_ other: NumberToken) -> Bool {
        for value in values {
            for otherValue in other.values {
                if value == otherValue { return true }
                if NumberToken.differByScale(value, otherValue) { return true }
            }
        }
        return false
    }

    private static let scales: [Double] = [1e3, 1e4, 1e6, 1e8, 1e9, 1e12]

    private static func differByScale(_ a: String, _ b: String) -> Bool {
        guard let x = Double(a), let y = Double(b), x > 0, y > 0 else { return false }
        let (small, large) = x < y ? (x, y) : (y, x)
        return scales.contains { scale in abs(small * scale - large) <= large * 1e-9 }
    }
}

/// Finds the numbers in a run of prose, the way a reader of any locale would read them.
///
/// Thousands may be grouped with `,` `.` `'` or spaces (U+0020, U+00A0, U+202F, U+2009), decimals
/// written with `.` or `,`, digits full-width. What is not a number of the text is left out: digits
/// glued to letters (`21Vianet`, `x64`, `1st`, `2e`), version-like tokens (`10.0.17763`, `v2`),
/// numbers inside URLs and code-like words (`$a[1]`, `C:\\x1`, `24/7`), and a list number that
/// opens the text (`1. `). Scripts written without spaces (Chinese, Japanese, Thai…) put digits
/// right next to words (`60日`), so only letters of spaced scripts glue.
enum NumberScanner {
    /// The numbers of `text`, in order.
    ///
    /// Works on the UTF-8 bytes: every text block of every translated article comes through here,
    /// and turning French prose into an array of scalars to find its few digits was most of the
    /// rule's time. Runs of bytes that cannot start a digit are skipped eight at a time (most
    /// prose has no digit at all); scalars are decoded only around digits, where the rules below
    /// need them.
    static func numbers(in text: String) -> [NumberToken] {
        var text = text
        return text.withUTF8 { Prose(bytes: $0).numbers() }
    }

    /// The UTF-8 of one text, read by byte offsets; a scalar is decoded where a rule needs one.
    struct Prose {
        /// Valid UTF-8 (the bytes of a `String`).
        let bytes: UnsafeBufferPointer<UInt8>

        /// The numbers of the text, in order.
        func numbers() -> [NumberToken] {
            let count = bytes.count
            var result: [NumberToken] = []
            // One number at a time: its digits as ASCII, how many in each group, the marks between groups.
            var digits: [UInt8] = []
            var groupLengths: [Int] = []
            var separators: [Separator] = []
            var i = digitCandidate(from: 0)
            while i < count {
                guard digit(at: i) != nil else { i = digitCandidate(from: i + 1); continue }
                let start = i
                digits.removeAll(keepingCapacity: true)
                groupLengths.removeAll(keepingCapacity: true)
                separators.removeAll(keepingCapacity: true)
                var groupLength = 0
                // Consume digits and the separators between them.
                while i < count {
                    if let digit = digit(at: i) {
                        digits.append(0x30 + digit.value)
                        groupLength += 1
                        i += digit.length
                        continue
                    }
                    let (scalar, length) = self.scalar(at: i)
                    guard let separator = Separator(scalar), i + length < count, digit(at: i + length) != nil else { break }
                    if separator == .space {
                        // A space groups thousands only between a group of 1–3 digits and one of exactly 3;
                        // otherwise it separates two numbers ("step 2 300 times" stays two… at worst).
                        var after = 0
                        var next = i + length
                        while next < count, let digit = digit(at: next) { after += 1; next += digit.length }
                        guard groupLength <= 3, after == 3 else { break }
                        if separators.contains(where: { $0 != .space }) { break }
                    }
                    separators.append(separator)
                    groupLengths.append(groupLength)
                    groupLength = 0
                    i += length
                }
                groupLengths.append(groupLength)
                let end = i
                guard !isExcluded(start: start, end: end) else { continue }
                guard let values = interpret(digits: digits, groupLengths: groupLengths, separators: separators) else { continue }
                result.append(NumberToken(written: String(decoding: bytes[start..<end], as: UTF8.self), values: values))
            }
            return result
        }

        /// The first offset from `start` on where a digit may begin: an ASCII digit, or EF, the
        /// lead byte of full-width digits (U+FF10–U+FF19 are EF BC 90–99); the byte count if none.
        func digitCandidate(from start: Int) -> Int {
            let count = bytes.count
            var i = start
            while i + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                // Eight ASCII bytes at a time: adding 0x50 to a byte sets its top bit from 0x30
                // up, adding 0x46 from 0x3A up; a digit sets the first and not the second.
                if word & high == 0, (word &+ 0x5050_5050_5050_5050) & ~(word &+ 0x4646_4646_4646_4646) & high == 0 {
                    i += 8
                    continue
                }
                // A digit, or a non-ASCII byte, among the eight: byte by byte.
                for k in i..<(i + 8) where isDigitCandidate(bytes[k]) { return k }
                i += 8
            }
            while i < count, !isDigitCandidate(bytes[i]) { i += 1 }
            return i
        }

        private func isDigitCandidate(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || byte == 0xEF }

        /// The value and byte length of the ASCII or full-width digit starting at byte `i`, if one does.
        func digit(at i: Int) -> (value: UInt8, length: Int)? {
            let byte = bytes[i]
            if byte &- 0x30 < 10 { return (byte - 0x30, 1) }
            // U+FF10–U+FF19: EF BC 90–99.
            if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] &- 0x90 < 10 { return (bytes[i + 2] - 0x90, 3) }
            return nil
        }

        /// The scalar starting at byte `i` and its length in bytes.
        func scalar(at i: Int) -> (value: UInt32, length: Int) {
            let lead = UInt32(bytes[i])
            if lead < 0x80 { return (lead, 1) }
            func continuation(_ k: Int) -> UInt32 { UInt32(bytes[i + k]) & 0x3F }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }

        /// The byte offset where the scalar ending just before byte `i` starts (`i` > 0).
        func start(ofScalarBefore i: Int) -> Int {
            var start = i - 1
            while bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return start
        }

        // MARK: What is not a number of the text

        /// Whether the digits at bytes `start..<end` are part of something other than prose.
        func isExcluded(start: Int, end: Int) -> Bool {
            let count = bytes.count
            // Glued to a letter of a spaced script, or to a separator that starts something else (`1.2.x`).
            if start > 0, gluesToNumber(scalar(at: self.start(ofScalarBefore: start)).value) { return true }
            if end < count, gluesToNumber(scalar(at: end).value) { return true }
            // A list number opening the text: `1. Do this`, `2) Then`.
            if start == 0, end + 1 < count, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")"),
               bytes[end + 1] == UInt8(ascii: " ") {
                return true
            }
            // The word around the number, in spaced-script characters: code, paths and URLs. The
            // digits and separators of the number itself are never code marks.
            var from = start
            while from > 0 {
                let previous = self.start(ofScalarBefore: from)
                let value = scalar(at: previous).value
                guard isWordPart(value) else { break }
                if isCodeMark(value) { return true }
                from = previous
            }
            var to = end
            while to < count {
                let (value, length) = scalar(at: to)
                guard isWordPart(value) else { break }
                if isCodeMark(value) { return true }
                to += length
            }
            return false
        }
    }

    // MARK: - Reading the digits

    /// A mark between digits (also the reference definition's, in the tests: which marks
    /// separate did not change when the scan moved to bytes).
    enum Separator: Equatable {
        case comma, period, apostrophe, space

        init?(_ scalar: UInt32) {
            switch scalar {
            case 0x2C, 0xFF0C: self = .comma
            case 0x2E, 0xFF0E: self = .period
            case 0x27, 0x2019: self = .apostrophe
            case 0x20, 0xA0, 0x202F, 0x2009: self = .space
            default: return nil
            }
        }

        /// Separators that can only group thousands, never mark decimals.
        var groupsOnly: Bool { self == .apostrophe || self == .space }
    }

    /// The values a run of digit groups can stand for, or `nil` for a version-like token.
    ///
    /// `digits` are the ASCII digits of every group in order, `groupLengths` how many belong to
    /// each group, `separators` the marks between groups (one fewer than the groups).
    private static func interpret(digits: [UInt8], groupLengths: [Int], separators: [Separator]) -> [String]? {
        let all = integer(digits[...])
        guard !separators.isEmpty else { return [all] }
        let groupedThree = groupLengths.dropFirst().allSatisfy { $0 == 3 }
        let middleGroupedThree = groupLengths.dropFirst().dropLast().allSatisfy { $0 == 3 }
        // The last group, read as decimals, and the groups before it, as the whole part.
        let fractionStart = digits.count - groupLengths[groupLengths.count - 1]
        func decimalValue() -> String { decimal(integer: integer(digits[..<fractionStart]), fraction: digits[fractionStart...]) }

        let ambiguous = separators.filter { !$0.groupsOnly }
        if ambiguous.isEmpty {
            // Only spaces or apostrophes: thousands groups (validated while scanning spaces).
            return groupedThree ? [all] : nil
        }
        let last = separators[separators.count - 1]
        let earlier = separators.dropLast()
        if ambiguous.count == 1, !last.groupsOnly {
            // One `,` or `.`, last: a decimal mark, or a thousands group when three digits follow
            // and nothing else grouped (`1,000` or `1.000`).
            if earlier.isEmpty, digits.count - fractionStart == 3 { return [all, decimalValue()] }
            guard earlier.allSatisfy(\.groupsOnly), middleGroupedThree else { return nil }
            return [decimalValue()]
        }
        if ambiguous.allSatisfy({ $0 == ambiguous[0] }), separators.allSatisfy({ $0 == ambiguous[0] }) {
            // The same mark repeated: `1,000,000` groups; `1.2.3` is a version.
            return groupedThree ? [all] : nil
        }
        // Mixed marks: groups with one kind, then a decimal mark of the other (`1,000.5`, `1.000,5`).
        let groupMarks = earlier.filter { !$0.groupsOnly }
        guard !last.groupsOnly, groupMarks.allSatisfy({ $0 == groupMarks[0] && $0 != last }), middleGroupedThree
        else { return nil }
        return [decimalValue()]
    }

    /// ASCII digits without leading zeros (`007` and `7` are the same number in prose).
    private static func integer(_ digits: ArraySlice<UInt8>) -> String {
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        return significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self)
    }

    private static func decimal(integer whole: String, fraction: ArraySlice<UInt8>) -> String {
        var fraction = fraction
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + String(decoding: fraction, as: UTF8.self)
    }

    // MARK: - Kinds of character

    /// Whether a neighbouring character makes digits part of a name or code (`21Vianet`, `v2`, `_1`).
    static func gluesToNumber(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            // ASCII letters and `_`.
            return scalar == 0x5F || (scalar | 0x20) &- 0x61 < 26
        }
        return !isUnspacedScript(scalar) && Unicode.Scalar(scalar)!.properties.isAlphabetic
    }

    /// Characters of a "word" in the sense of spaced scripts: anything but white space and the
    /// letters of scripts written without spaces (where a word boundary is not visible), below
    /// U+2000 (general punctuation and the symbols after it end a word).
    static func isWordPart(_ scalar: UInt32) -> Bool {
        switch scalar {
        // White space (the Unicode White_Space property below U+2000).
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680: false
        // Thai, Lao, Myanmar, Khmer: see `isUnspacedScript`.
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: false
        default: scalar < 0x2000
        }
    }

    /// Marks that make a word code, a path or a URL rather than prose.
    private static func isCodeMark(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x24, 0x5C, 0x2F, 0x3D, 0x40, 0x7B, 0x7D, 0x5B, 0x5D, 0x3C, 0x3E, 0x7C, 0x7E, 0x5E, 0x2A, 0x23, 0x26, 0x2B, 0x60:
            // $ \ / = @ { } [ ] < > | ~ ^ * # & + `
            true
        default:
            false
        }
    }

    /// Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, CJK, kana, Hangul.
    private static func isUnspacedScript(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            true
        default:
            false
        }
    }
}
