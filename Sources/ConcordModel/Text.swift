#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ConcordMarkdown

extension String {
    /// Whether `other` is the same bytes: `==` also takes a canonically equivalent spelling
    /// (a composed `é` and an `e` with a combining accent) for the same string.
    public func hasSameUTF8(as other: String) -> Bool {
        var this = self, other = other
        return this.withUTF8 { this in
            other.withUTF8 { other in this.count == other.count && (this.isEmpty || memcmp(this.baseAddress!, other.baseAddress!, this.count) == 0) }
        }
    }

    /// The string with runs of white space (non-breaking spaces included) folded to one space and the ends trimmed.
    ///
    /// Works on UTF-8 bytes: this runs on every paragraph of every article, and Unicode
    /// property look-ups per scalar cost more than parsing the Markdown.
    public func collapsingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { bytes in
            UTF8Whitespace.needsCollapsing(bytes) ? UTF8Whitespace.collapsed(bytes) : self
        }
    }

    /// Decodes UTF-8 text with its white space folded as ``collapsingWhitespace()`` does, in one pass.
    public init(collapsingWhitespaceIn bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(collapsingWhitespaceIn: $0) }
    }

    /// Decodes UTF-8 text with its white space folded as ``collapsingWhitespace()`` does, in one pass.
    public init(collapsingWhitespaceIn buffer: UnsafeBufferPointer<UInt8>) {
        self = UTF8Whitespace.collapsed(buffer)
    }

    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// Makes GitHub-style anchors from heading text.
public enum Slug {
    /// Lower-cases, drops punctuation, turns spaces into hyphens; letters of every script are kept.
    public static func make(_ title: String) -> String {
        if let ascii = makeASCII(title) { return ascii }
        // Mixed text (`Paramètres de l'applet`): ASCII characters take the byte path, accented
        // Latin letters a table, and only the others pay for Unicode case mapping and property look-ups.
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count)
        for scalar in title.unicodeScalars {
            if scalar.isASCII {
                if let byte = asciiSlugByte(UInt8(scalar.value)) { out.append(byte) }
            } else if scalar.value <= 0xFF {
                let slug = latin1Slugs[Int(scalar.value) - 0x80]
                if slug != 0 { out.append(UInt8(truncatingIfNeeded: slug)) }
                if slug > 0xFF { out.append(UInt8(slug >> 8)) }
            } else {
                appendSlug(of: scalar, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends what a non-ASCII scalar becomes in a slug: its lower-case mapping (`String.lowercased()`
    /// maps scalar by scalar in the same way) less all but letters, numbers and nonspacing marks,
    /// with white space as `-`.
    private static func appendSlug(of scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            if lower.isASCII {
                if let byte = asciiSlugByte(UInt8(lower.value)) { out.append(byte) }
                continue
            }
            let p = lower.properties
            if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark {
                UTF8.encode(lower) { out.append($0) }
            } else if p.isWhitespace {
                out.append(UInt8(ascii: "-"))
            }
        }
    }

    /// ``appendSlug(of:to:)`` of U+0080–U+00FF, worked out once: the UTF-8 bytes it appends (at
    /// most two) packed first byte lowest, 0 for none. French and other European headings are
    /// mostly ASCII and these letters.
    private static let latin1Slugs: [UInt16] = (0x80...0xFF).map { (value: UInt8) in
        var bytes: [UInt8] = []
        appendSlug(of: Unicode.Scalar(value), to: &bytes)
        precondition(bytes.count <= 2, "a Latin-1 letter's slug is longer than two bytes")
        return bytes.reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }

    /// What an ASCII byte becomes in a slug: letters lower-cased, digits, `_` and `-` kept, white
    /// space turned into `-`, anything else dropped (`nil`).
    @inline(__always)
    static func asciiSlugByte(_ byte: UInt8) -> UInt8? {
        var byte = byte
        if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return byte
        case 0x20, 0x09...0x0D:
            return UInt8(ascii: "-")
        default:
            return nil
        }
    }
}

extension Slug {
    /// The same slug for ASCII titles, on bytes: most headings are ASCII, and Unicode property
    /// look-ups per character cost more than the rest of the heading's processing.
    static func makeASCII(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                for byte in bytes {
                    guard let kept = asciiSlugByte(byte) else { continue }
                    out[count] = kept
                    count += 1
                }
                return count
            }
        }
    }
}

/// White space as Markdown prose uses it, recognised on UTF-8 bytes.
enum UTF8Whitespace {
    /// The byte length of the white-space character at `i`, or 0.
    @inline(__always)
    static func width(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 || b[i + 1] == 0x85 { return 2 }  // NBSP, NEL
        if c == 0xE2, i + 2 < b.count {
            let c1 = b[i + 1], c2 = b[i + 2]
            if c1 == 0x80, (c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF { return 3 }  // U+2000–200A, 2028, 2029, 202F
            if c1 == 0x81, c2 == 0x9F { return 3 }  // U+205F
        }
        if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }  // U+3000 ideographic space
        if c == 0xE1, i + 2 < b.count, b[i + 1] == 0x9A, b[i + 2] == 0x80 { return 3 }  // U+1680
        return 0
    }

    /// The text with runs of white space folded to one space and the ends trimmed.
    static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var folder = Folder(into: out)
            folder.append(bytes)
            return folder.finish()
        }
    }

    /// Writes text given in pieces into a buffer with its white space folded as
    /// ``collapsed(_:)`` folds it, in one pass: a block's text goes straight from the parsed
    /// document into the string's storage, with no scratch copy and no separate scan.
    ///
    /// The buffer must hold at least as many bytes as the pieces together (folding never
    /// lengthens text), which also lets a whole eight-byte word be stored at once.
    struct Folder {
        private let out: UnsafeMutableBufferPointer<UInt8>
        /// The bytes written so far.
        private var count = 0
        /// Whether nothing is written yet or the last byte written is a folded space: white
        /// space here adds nothing.
        private var atBoundary = true

        init(into out: UnsafeMutableBufferPointer<UInt8>) {
            self.out = out
        }

        /// Appends one white-space character (a line break between text runs).
        @inline(__always)
        mutating func appendSpace() {
            guard !atBoundary else { return }
            out[count] = 0x20
            count += 1
            atBoundary = true
        }

        /// Appends UTF-8 text, which must not end inside a character.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress, let outBase = out.baseAddress else { return }
            var i = 0
            while i < bytes.count {
                // Eight bytes at a time: a word with no control character, no byte that may start
                // non-ASCII white space and no two spaces in a row (nor a space where one was just
                // written) is copied as it is. The masks may flag a byte that is fine, never miss
                // one that is not (as in ``needsCollapsing(_:)``); flagged words go byte by byte.
                if i + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let spaces = WordFlags.bytes(of: word, equalTo: 0x20)
                    var plain = WordFlags.controls(in: word) | (spaces & (spaces << 8)) == 0 && !(atBoundary && word & 0xFF == 0x20)
                    if plain, word & WordFlags.highs != 0 {
                        // Accented letters and CJK are common; only these lead bytes start white space.
                        plain = WordFlags.bytes(of: word, equalTo: 0xC2) | WordFlags.bytes(of: word, equalTo: 0xE1)
                            | WordFlags.bytes(of: word, equalTo: 0xE2) | WordFlags.bytes(of: word, equalTo: 0xE3) == 0
                    }
                    if plain {
                        // The text written is never longer than the text read, so the eight bytes fit.
                        UnsafeMutableRawPointer(outBase + count).storeBytes(of: word, as: UInt64.self)
                        count += 8
                        atBoundary = word >> 56 == 0x20
                        i += 8
                        continue
                    }
                }
                let end = min(i + 8, bytes.count)
                while i < end {
                    let c = base[i]
                    if c == 0x20 {
                        appendSpace()
                        i += 1
                        continue
                    }
                    if c < 0x20 || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 {
                        let width = width(bytes, at: i)
                        if width > 0 {
                            appendSpace()
                            i += width
                            continue
                        }
                    }
                    outBase[count] = c
                    count += 1
                    atBoundary = false
                    i += 1
                }
            }
        }

        /// The number of bytes the folded text takes, without a trailing space.
        func finish() -> Int {
            count > 0 && atBoundary ? count - 1 : count
        }
    }

    /// Whether the text is empty or all white space.
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            let w = width(b, at: i)
            if w == 0 { return false }
            i += w
        }
        return true
    }

    /// Whether the text has white space other than single ASCII spaces between words.
    static func needsCollapsing(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, let first = b.first, let last = b.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        // Eight bytes at a time: a word with no control character, no non-ASCII byte and no two
        // spaces in a row (within it or across its start) needs no closer look. The masks may
        // flag a byte that is fine, never miss one that is not; flagged words go byte by byte.
        var previousSpace = false
        var i = 0
        while i < b.count {
            if i + 8 <= b.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let control = WordFlags.controls(in: word)
                let spaces = WordFlags.bytes(of: word, equalTo: 0x20)
                // Little-endian: the byte at i is the low byte, so `<< 8` lines each space up with the next byte.
                let pairs = spaces & (spaces << 8)
                let startsWithSpace = word & 0xFF == 0x20
                if control == 0, word & WordFlags.highs == 0, pairs == 0, !(previousSpace && startsWithSpace) {
                    previousSpace = word >> 56 == 0x20
                    i += 8
                    continue
                }
            }
            let end = min(i + 8, b.count)
            while i < end {
                let c = b[i]
                if c == 0x20 {
                    if previousSpace { return true }
                    previousSpace = true
                } else {
                    previousSpace = false
                    if c < 0x20 || c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xE1 {
                        if width(b, at: i) > 0 { return true }
                    }
                }
                i += 1
            }
        }
        return false
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    public func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !isSpace($0) })!
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}

extension MarkdownDocument {
    /// A node's plain text with its white space folded, as `plainText(of:).collapsingWhitespace()`
    /// gives it, or its prose (each inline code span read as one space) when `codeAsSpace`.
    /// `length` is the byte length of that text unfolded (``plainTextAndProseLengths(of:)``).
    ///
    /// Written in one pass from the document's bytes into the string's storage.
    func foldedPlainText(of index: Int, length: Int, codeAsSpace: Bool = false) -> String {
        String(unsafeUninitializedCapacity: length) { out in
            var folder = UTF8Whitespace.Folder(into: out)
            forEachPlainTextPiece(of: index) { piece in
                switch piece {
                case .text(let bytes): folder.append(bytes)
                case .code(let bytes): if codeAsSpace { folder.appendSpace() } else { folder.append(bytes) }
                case .lineBreak: folder.appendSpace()
                }
            }
            return folder.finish()
        }
    }
}

/// Tests of the eight bytes of a word at once, for scans that pass over bytes needing nothing
/// (the white-space folding here, the XLIFF's escaping): each sets the high bit of the bytes it
/// flags. They may flag a byte that is fine (the borrow of a flagged byte can reach the next
/// one), never miss one that is not; a scan takes a flagged word byte by byte.
public enum WordFlags {
    /// 0x01 in every byte.
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    /// 0x80 in every byte: the bits the tests set.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The bytes of `word` that may be `byte`.
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* ones)
        return (x &- ones) & ~x & highs
    }

    /// The bytes of `word` that may be below 0x20 (control characters).
    @inlinable @inline(__always)
    public static func controls(in word: UInt64) -> UInt64 {
        (word &- 0x20 &* ones) & ~word & highs
    }
}
