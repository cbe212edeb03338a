#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a Markdown body as they were given to cmark, with a line table
/// that maps back to line numbers in the original file.
public struct SourceText: Sendable {
    /// The body, UTF-8, with `\r\n` normalised to `\n` (and bad UTF-8 replaced, by ``MarkdownInput``).
    public let bytes: [UInt8]
    /// The line of the original file on which `bytes` starts (after front matter).
    public let firstLine: Int
    /// Offsets into `bytes` at which each body line starts.
    public let lineStarts: [Int]
    /// Whether `bytes` are known to be valid UTF-8, so the parser need not check them again.
    public let isValidUTF8: Bool
    /// Where `bytes` had bad sequences replaced, to give columns of the file (``fileColumn(_:line:)``).
    let repairs: RepairedColumns

    /// Creates a source text; `firstLine` is the file line of the first byte. Pass
    /// `isValidUTF8: true` only for bytes already validated (``MarkdownInput`` does).
    public init(bytes: [UInt8], firstLine: Int, isValidUTF8: Bool = false) {
        self.init(bytes: bytes, firstLine: firstLine, isValidUTF8: isValidUTF8, repairs: RepairedColumns())
    }

    /// A source text whose bad UTF-8 was replaced (`repairs` says where).
    init(bytes: [UInt8], firstLine: Int, isValidUTF8: Bool, repairs: RepairedColumns) {
        self.bytes = bytes
        self.firstLine = firstLine
        self.isValidUTF8 = isValidUTF8
        self.repairs = repairs
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count, let found = memchr(base + offset, 0x0A, raw.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
        }
        self.lineStarts = starts
    }

    /// The column in the file of `column` on file line `fileLine`, a column of ``bytes`` (as
    /// cmark's positions are): they differ after a bad UTF-8 sequence, which reads as U+FFFD.
    public func fileColumn(_ column: Int, line fileLine: Int) -> Int {
        repairs.isEmpty ? column : repairs.fileColumn(column, line: fileLine)
    }

    /// The number of body lines.
    public var lineCount: Int { lineStarts.count }

    /// The file line of the byte at `offset`: the last line that starts at or before it.
    public func line(containing offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return firstLine + low
    }

    /// The bytes of a line, addressed by its line number in the original file, without the newline.
    public func line(_ fileLine: Int) -> ArraySlice<UInt8> {
        let index = fileLine - firstLine
        guard index >= 0, index < lineStarts.count else { return [] }
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end < start { end = start }
        return bytes[start..<end]
    }

    /// Whether `byte` occurs in the given lines (file line numbers; lines outside the body are
    /// skipped). Looked for with libc's `memchr`, many bytes a step.
    public func contains(_ byte: UInt8, inLines lines: ClosedRange<Int>) -> Bool {
        let first = max(lines.lowerBound - firstLine, 0)
        let last = min(lines.upperBound - firstLine, lineStarts.count - 1)
        guard first <= last else { return false }
        let start = lineStarts[first]
        let end = last + 1 < lineStarts.count ? lineStarts[last + 1] : bytes.count
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, end > start else { return false }
            return memchr(base + start, Int32(byte), end - start) != nil
        }
    }

    /// A line as a string (see ``line(_:)``).
    public func lineString(_ fileLine: Int) -> String {
        String(decoding: line(fileLine), as: UTF8.self)
    }

    /// The file line numbers covered by the body.
    public var fileLines: ClosedRange<Int> { firstLine...(firstLine + max(lineStarts.count - 1, 0)) }
}
