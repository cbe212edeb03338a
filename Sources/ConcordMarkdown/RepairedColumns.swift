/// Bytes that are not UTF-8, replaced as cmark replaces them, and what that does to columns.
///
/// cmark reads each bad byte sequence of a line as U+FFFD, three bytes, whatever the
/// sequence's own length, and counts its columns in that text: past a bad sequence a column
/// pointed further right than the byte it names, past the end of the line at worst. The body
/// is repaired before cmark sees it, exactly as cmark would have repaired it (the same tree,
/// the same HTML), so that cmark's positions and the source lines agree, and each line's
/// shifts are kept to turn a column back into one of the file.
struct RepairedColumns: Sendable {
    /// From offset `repaired` (0-based, in the repaired line) on, a repaired offset is `shift`
    /// bytes more than the file's.
    struct Shift: Sendable {
        var repaired: Int
        var shift: Int
    }

    /// The shifts of each line that has any, by file line.
    private var shifts: [Int: [Shift]] = [:]

    /// No repair.
    init() {}

    /// Whether any line was repaired.
    var isEmpty: Bool { shifts.isEmpty }

    /// The file column of `column`, counted in line `fileLine` of the repaired text.
    func fileColumn(_ column: Int, line fileLine: Int) -> Int {
        guard let line = shifts[fileLine] else { return column }
        var shift = 0
        for entry in line {
            guard entry.repaired <= column - 1 else { break }
            shift = entry.shift
        }
        return column - shift
    }

    /// `bytes` (lines ending in `\n`, the first being file line `firstLine`) with every bad
    /// sequence replaced by U+FFFD as cmark's `cmark_utf8proc_check` does it, line by line, and
    /// the shifts that leaves.
    static func repair(_ bytes: [UInt8], firstLine: Int) -> (bytes: [UInt8], columns: RepairedColumns) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var columns = RepairedColumns()
        var line = firstLine
        var lineStart = 0
        var shifts: [Shift] = []
        var shift = 0
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x0A {
                if !shifts.isEmpty { columns.shifts[line] = shifts }
                shifts = []
                shift = 0
                out.append(byte)
                offset += 1
                line += 1
                lineStart = out.count
                continue
            }
            let length = byte < 0x80 ? 1 : cmarkLength(bytes, at: offset)
            if length > 0 {
                out.append(contentsOf: bytes[offset..<(offset + length)])
                offset += length
            } else {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                offset += -length
                shift += 3 + length
                shifts.append(Shift(repaired: out.count - lineStart, shift: shift))
            }
        }
        if !shifts.isEmpty { columns.shifts[line] = shifts }
        return (out, columns)
    }

    /// The shifts of `bytes` (lines ending in `\n`, the first being file line `firstLine`) as
    /// Swift's `String(decoding:as:)` repairs them: each maximal ill-formed subpart is one U+FFFD.
    static func decoding(_ bytes: ArraySlice<UInt8>, firstLine: Int) -> RepairedColumns {
        var columns = RepairedColumns()
        var line = firstLine
        var shifts: [Shift] = []
        var shift = 0
        var repaired = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1, scalar.first == 0x0A {
                    if !shifts.isEmpty { columns.shifts[line] = shifts }
                    (line, shifts, shift, repaired) = (line + 1, [], 0, 0)
                } else {
                    repaired += scalar.count
                }
            case .error(let length):
                repaired += 3
                shift += 3 - length
                shifts.append(Shift(repaired: repaired, shift: shift))
            case .emptyInput:
                if !shifts.isEmpty { columns.shifts[line] = shifts }
                return columns
            }
        }
    }

    /// The length of the character at `offset` (not a newline), negative for the length of the
    /// bad sequence cmark replaces there (`utf8proc_valid`, RFC 3629). A sequence the end of the
    /// line cuts short is replaced with everything up to the end of the line.
    static func cmarkLength(_ bytes: [UInt8], at offset: Int) -> Int {
        let first = bytes[offset]
        let length: Int
        switch first {
        case 0x01..<0x80: return 1
        case 0xC0...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF7: length = 4
        default: return -1
        }
        var lineEnd = offset + 1
        while lineEnd < bytes.count, lineEnd < offset + length, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        if length > lineEnd - offset { return -(lineEnd - offset) }
        for index in 1..<length where bytes[offset + index] & 0xC0 != 0x80 { return -index }
        let second = bytes[offset + 1]
        switch length {
        case 2 where first < 0xC2: return -length
        case 3 where (first == 0xE0 && second < 0xA0) || (first == 0xED && second >= 0xA0): return -length
        case 4 where (first == 0xF0 && second < 0x90) || (first >= 0xF4 && (first > 0xF4 || second >= 0x90)): return -length
        default: return length
        }
    }
}
