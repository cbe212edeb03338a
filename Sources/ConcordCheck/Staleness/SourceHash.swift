#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `source-hash` of an article: SHA-256 of its body in a normal form, as 64 hex digits.
///
/// A translation records the hash of the source it was made from (`concord stamp`); when the
/// source's hash changes, the translation is stale. The normal form keeps the hash the same
/// across machines and editors and ignores what does not change the content a reader sees
/// through the source's words:
/// - the front matter is left out (`ms.date`, `author` and the like are not the content);
/// - a byte-order mark is dropped, `\r\n` and `\r` read as `\n`;
/// - spaces and tabs at the ends of lines are dropped;
/// - blank lines at the start and the end are dropped; the text ends with one `\n`.
public enum SourceHash {
    /// The front-matter key a translation keeps the hash in.
    public static let key = "source-hash"

    /// The hash of a whole article file (front matter included, which is left out of the hash).
    public static func of(file bytes: [UInt8]) -> String {
        let layout = FrontMatterLayout(bytes)
        return of(body: bytes[layout.bodyStart...])
    }

    /// The hash of an article's body (the text after the front matter).
    public static func of<Body: Collection>(body: Body) -> String where Body.Element == UInt8, Body.Index == Int {
        // The normal form is gathered first and hashed in one call: hashing a line at a time
        // called into libcrypto twice a line, which cost more than the hashing.
        let normal = body.withContiguousStorageIfAvailable(normalForm) ?? Array(body).withUnsafeBufferPointer(normalForm)
        return SHA256.hex(normal)
    }

    /// The body's normal form: the bytes the hash is of.
    private static func normalForm(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var normal: [UInt8] = []
        normal.reserveCapacity(body.count + 1)
        guard let base = body.baseAddress else { return normal }
        var pendingBlankLines = 0
        var sawText = false
        var i = 0
        let end = body.count
        // Most files have no `\r`: their lines are found with `memchr`.
        let onlyNewlines = memchr(base, 0x0D, end) == nil
        while i < end {
            var lineEnd = i
            if onlyNewlines {
                lineEnd = memchr(base + i, 0x0A, end - i).map { UnsafeRawPointer(base).distance(to: $0) } ?? end
            } else {
                while lineEnd < end, body[lineEnd] != 0x0A, body[lineEnd] != 0x0D { lineEnd += 1 }
            }
            var trimmed = lineEnd
            while trimmed > i, body[trimmed - 1] == 0x20 || body[trimmed - 1] == 0x09 { trimmed -= 1 }
            if trimmed == i {
                if sawText { pendingBlankLines += 1 }
            } else {
                normal.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBlankLines))
                pendingBlankLines = 0
                normal.append(contentsOf: UnsafeBufferPointer(rebasing: body[i..<trimmed]))
                normal.append(UInt8(ascii: "\n"))
                sawText = true
            }
            // `\r\n` is one line end, as is `\r` or `\n` alone.
            if lineEnd < end, body[lineEnd] == 0x0D, lineEnd + 1 < end, body[lineEnd + 1] == 0x0A { lineEnd += 1 }
            i = lineEnd + 1
        }
        return normal
    }

    /// Whether a recorded hash names the same content as `current` (case and surrounding spaces aside).
    static func matches(_ recorded: String, _ current: String) -> Bool {
        recorded.trimmingASCIIWhitespace().lowercased() == current
    }
}

/// Where the parts of an article file lie, in its raw bytes: byte-order mark, front matter, body.
///
/// Follows the reading of ``ConcordMarkdown/MarkdownInput``: front matter opens with a first line
/// of `---` and closes with a line of `---` or `...` (trailing spaces allowed); a front matter
/// never closed is not front matter.
struct FrontMatterLayout {
    /// 3 when the file starts with a UTF-8 byte-order mark, else 0.
    let contentStart: Int
    /// The byte range of each front-matter line between the fences, without its line ending.
    let lines: [Range<Int>]
    /// The start of the closing fence line, when there is front matter.
    let closingFenceStart: Int?
    /// Where the body starts (after the closing fence's line ending; `contentStart` without front matter).
    let bodyStart: Int
    /// The line ending the file uses (that of its first line; `\n` for a one-line file).
    let lineEnding: [UInt8]
    /// Whether the file opened front matter that never closes.
    let isUnterminated: Bool

    init(_ bytes: [UInt8]) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        contentStart = start
        var allLines: [(content: Range<Int>, next: Int)] = []
        var i = start
        // Only the lines up to the closing fence matter; stop scanning there.
        var closing: Int?
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            var next = end
            if next < bytes.count {
                next += (bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A) ? 2 : 1
            }
            allLines.append((i..<end, next))
            if allLines.count == 1, !FrontMatterLayout.isFence(bytes[i..<end], allowDots: false) { break }
            if allLines.count > 1, FrontMatterLayout.isFence(bytes[i..<end], allowDots: true) { closing = allLines.count - 1; break }
            i = next
        }
        if let first = allLines.first, first.next > first.content.upperBound {
            lineEnding = Array(bytes[first.content.upperBound..<first.next])
        } else {
            lineEnding = [0x0A]
        }
        if let closing {
            lines = allLines[1..<closing].map(\.content)
            closingFenceStart = allLines[closing].content.lowerBound
            bodyStart = allLines[closing].next
            isUnterminated = false
        } else {
            lines = []
            closingFenceStart = nil
            bodyStart = start
            isUnterminated = !allLines.isEmpty && FrontMatterLayout.isFence(bytes[allLines[0].content], allowDots: false)
        }
    }

    /// Whether the file has front matter.
    var hasFrontMatter: Bool { closingFenceStart != nil }

    /// The spaces before the front matter's top-level keys: those of its first line that is
    /// neither blank nor a comment (0 when it has none).
    func keyIndent(in bytes: [UInt8]) -> Int {
        for line in lines {
            let spaces = bytes[line].prefix { $0 == UInt8(ascii: " ") }.count
            let rest = bytes[line].dropFirst(spaces)
            if let first = rest.first, first != UInt8(ascii: "#"), !rest.allSatisfy({ $0 == 0x09 }) { return spaces }
        }
        return 0
    }

    static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
        if trimmed.elementsEqual("---".utf8) { return true }
        return allowDots && trimmed.elementsEqual("...".utf8)
    }
}
