#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A source file's bytes made ready for cmark: BOM removed, line endings
/// normalised, invalid UTF-8 and binary content detected with their line, and
/// YAML front matter split off the body with line numbers kept true.
public struct MarkdownInput: Sendable {
    /// The YAML front matter between the `---` fences, if the file has one.
    public var frontMatter: String?
    /// The file line of the first YAML line (the line after the opening fence).
    public var frontMatterFirstLine: Int
    /// The body, starting on the line after the closing fence.
    public var body: SourceText
    /// Problems found while decoding; the body is still usable unless `isBinary`.
    public var problems: [Problem]
    /// Where bad UTF-8 in the front matter read as U+FFFD (see ``frontMatterFileColumn(_:line:)``).
    var frontMatterRepairs = RepairedColumns()

    /// The column in the file of `column`, counted in file line `line` of ``frontMatter``: they
    /// differ after bytes that are not UTF-8, which read as U+FFFD there.
    public func frontMatterFileColumn(_ column: Int, line: Int) -> Int {
        frontMatterRepairs.fileColumn(column, line: line)
    }

    /// Whether the file looked binary (a NUL byte); nothing else is meaningful then.
    public var isBinary: Bool { problems.contains { if case .binary = $0.kind { true } else { false } } }

    /// Whether the body may be given to cmark: not binary, not too large, no shape cmark takes
    /// too long on.
    public var isParsable: Bool {
        !problems.contains { [.binary, .tooLarge, .tooComplex].contains($0.kind) }
    }

    /// A problem found while reading the bytes of a file.
    public struct Problem: Sendable, Hashable {
        /// What went wrong.
        public var kind: Kind
        /// The 1-based file line where it went wrong.
        public var line: Int
        /// The 1-based byte column where it went wrong.
        public var column: Int

        /// The kinds of input problem.
        public enum Kind: Sendable, Hashable {
            /// The file has a NUL byte: it is not text.
            case binary
            /// A byte sequence that is not UTF-8; cmark replaces it with U+FFFD.
            case invalidUTF8
            /// A `---` line opened front matter and nothing closed it.
            case unterminatedFrontMatter
            /// The file is larger than ``MarkdownInput/maximumBytes``; nothing else is meaningful then.
            case tooLarge
            /// A block of the body has a shape libcmark 0.30.2 parses in quadratic time (see
            /// ``PathologicalShapes``); the body must not be given to cmark.
            case tooComplex
        }
    }

    /// The largest file read as Markdown, in bytes: a help article is a few kilobytes, the
    /// largest of the reference corpus under 100 KB.
    public static let maximumBytes = 5 << 20

    /// Decodes a file's raw bytes.
    public init(bytes raw: [UInt8]) {
        problems = []
        frontMatter = nil
        frontMatterFirstLine = 0

        guard raw.count <= Self.maximumBytes else {
            problems.append(Problem(kind: .tooLarge, line: 1, column: 1))
            body = SourceText(bytes: [], firstLine: 1)
            return
        }
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = Self.firstIndex(of: 0, in: bytes) {
            let (line, column) = Self.position(of: nul, in: bytes)
            problems.append(Problem(kind: .binary, line: line, column: column))
            body = SourceText(bytes: [], firstLine: 1)
            return
        }
        if Self.firstIndex(of: UInt8(ascii: "\r"), in: bytes) != nil { bytes = Self.normalisingLineEndings(bytes) }
        let invalid = Self.firstInvalidUTF8(in: bytes)
        if let invalid {
            let (line, column) = Self.position(of: invalid, in: bytes)
            problems.append(Problem(kind: .invalidUTF8, line: line, column: column))
        }

        // Front matter: a first line of `---`, closed by a line of `---` or `...`.
        var bodyStart = 0
        var bodyFirstLine = 1
        if let firstEnd = Self.lineEnd(in: bytes, from: 0), Self.isFence(bytes[0..<firstEnd], allowDots: false) {
            var lineStart = firstEnd + 1
            var line = 2
            var closed = false
            while lineStart <= bytes.count {
                let end = Self.lineEnd(in: bytes, from: lineStart) ?? bytes.count
                if Self.isFence(bytes[lineStart..<end], allowDots: true) {
                    frontMatter = String(decoding: bytes[(firstEnd + 1)..<lineStart], as: UTF8.self)
                    if invalid != nil { frontMatterRepairs = RepairedColumns.decoding(bytes[(firstEnd + 1)..<lineStart], firstLine: 2) }
                    frontMatterFirstLine = 2
                    bodyStart = min(end + 1, bytes.count)
                    bodyFirstLine = line + 1
                    closed = true
                    break
                }
                if end >= bytes.count { break }
                lineStart = end + 1
                line += 1
            }
            if !closed {
                problems.append(Problem(kind: .unterminatedFrontMatter, line: 1, column: 1))
            }
        }
        let bodyBytes = bodyStart == 0 ? bytes : Array(bytes[bodyStart...])
        if invalid == nil {
            body = SourceText(bytes: bodyBytes, firstLine: bodyFirstLine, isValidUTF8: true)
        } else {
            // Repaired here as cmark would, so that its positions and the source lines agree.
            let (repaired, repairs) = RepairedColumns.repair(bodyBytes, firstLine: bodyFirstLine)
            body = SourceText(bytes: repaired, firstLine: bodyFirstLine, isValidUTF8: true, repairs: repairs)
        }
        if let found = body.bytes.withUnsafeBufferPointer(PathologicalShapes.find(in:)) {
            problems.append(Problem(kind: .tooComplex, line: bodyFirstLine + found.line - 1, column: 1))
        }
    }

    private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count else { return nil }
        return firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start) ?? bytes.count
    }

    private static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed.removeLast() }
        guard trimmed.count == 3, let first = trimmed.first, first == UInt8(ascii: "-") || (allowDots && first == UInt8(ascii: ".")) else {
            return false
        }
        return trimmed.allSatisfy { $0 == first }
    }

    private static func normalisingLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    /// The line and byte column of `offset`. A NUL is found before line endings are normalised:
    /// a lone CR ends a line there too, as it does everywhere else.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") || (bytes[i] == UInt8(ascii: "\r") && bytes[i + 1] != UInt8(ascii: "\n")) {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The offset of the first `byte` in `bytes` from offset `start`: libc's `memchr` looks at many bytes a step.
    static func firstIndex(of byte: UInt8, in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, start < raw.count, let found = memchr(base + start, Int32(byte), raw.count - start) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                // Most text is ASCII: skip it eight bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                if b[i + 1] < lower || b[i + 1] > upper { return i }
                var k = 2
                while k < length {
                    if b[i + k] < 0x80 || b[i + k] > 0xBF { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}
