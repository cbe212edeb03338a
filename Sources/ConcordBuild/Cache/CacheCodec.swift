import ConcordCheck
import ConcordModel
import ConcordRender
import Foundation

/// The cache's files. The state, read by every build, is lines of text split by hand (a build
/// that has nothing to do spends its time here); page records and findings are lines too, with
/// each finding in JSON.
enum CacheCodec {
    static let stateHeader = "concord-cache \(BuildCache.formatVersion)"

    static func encode(_ state: BuildCache.State) -> [UInt8] {
        var out = LineWriter()
        out.text(stateHeader + "\nfingerprint \(state.fingerprint)\n")
        // In no particular order: the file is read into dictionaries.
        for (path, entry) in state.inputs {
            out.text("i ")
            out.digest(entry.digest)
            out.stamp(entry.stamp)
            out.text(escaped(path) + "\n")
        }
        for (path, stamp) in state.outputs {
            out.text("o ")
            out.stamp(stamp)
            out.text(escaped(path) + "\n")
        }
        return out.bytes
    }

    /// Bytes of the state file; numbers written without going through `String`.
    struct LineWriter {
        var bytes: [UInt8] = []

        mutating func text(_ text: String) { bytes.append(contentsOf: text.utf8) }

        /// The digest's 32 hexadecimal digits and a space.
        mutating func digest(_ digest: Digest) {
            for word in [digest.high, digest.low] {
                for shift in stride(from: 60, through: 0, by: -4) {
                    let nibble = UInt8((word >> UInt64(shift)) & 0xF)
                    bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
                }
            }
            bytes.append(UInt8(ascii: " "))
        }

        /// `size modified inode ` (with the trailing space).
        mutating func stamp(_ stamp: FileStamp) {
            number(UInt64(bitPattern: Int64(stamp.size)), negative: stamp.size < 0)
            number(UInt64(bitPattern: Int64(stamp.modified)), negative: stamp.modified < 0)
            number(stamp.inode, negative: false)
        }

        private mutating func number(_ value: UInt64, negative: Bool) {
            var value = negative ? UInt64(bitPattern: -Int64(bitPattern: value)) : value
            if negative { bytes.append(UInt8(ascii: "-")) }
            var digits: [UInt8] = []
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(value % 10))
                value /= 10
            } while value > 0
            bytes.append(contentsOf: digits.reversed())
            bytes.append(UInt8(ascii: " "))
        }
    }

    static func decodeState(_ bytes: [UInt8]) -> (fingerprint: Digest, inputs: [String: InputSnapshot.Entry], outputs: [String: FileStamp])? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == stateHeader,
              lines[1].starts(with: "fingerprint ".utf8),
              let fingerprint = Digest(hex: String(decoding: lines[1].dropFirst(12), as: UTF8.self))
        else { return nil }
        var inputs: [String: InputSnapshot.Entry] = [:]
        var outputs: [String: FileStamp] = [:]
        inputs.reserveCapacity(lines.count)
        for line in lines.dropFirst(2) {
            let isInput = line.first == UInt8(ascii: "i")
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: isInput ? 5 : 4, omittingEmptySubsequences: false)
            guard fields.count == (isInput ? 6 : 5), fields[0].count == 1 else { return nil }
            let numbers = isInput ? 2 : 1
            guard let size = integer(fields[numbers]), let modified = integer(fields[numbers + 1]), let inode = integer(fields[numbers + 2])
            else { return nil }
            let stamp = FileStamp(size: size, modified: modified, inode: UInt64(bitPattern: Int64(inode)))
            if isInput {
                guard let digest = hexDigest(fields[1]) else { return nil }
                inputs[unescaped(fields[5])] = InputSnapshot.Entry(stamp: stamp, digest: digest)
            } else if line.first == UInt8(ascii: "o") {
                outputs[unescaped(fields[4])] = stamp
            } else {
                return nil
            }
        }
        return (fingerprint, inputs, outputs)
    }

    /// A decimal integer (optionally negative) from bytes, without making a `String`.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 20 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times &+ UInt64(byte - UInt8(ascii: "0"))
        }
        return negative ? -Int(truncatingIfNeeded: value) : Int(truncatingIfNeeded: value)
    }

    /// A digest from its 32 hexadecimal digits, without making a `String`.
    static func hexDigest(_ bytes: ArraySlice<UInt8>) -> Digest? {
        guard bytes.count == 32 else { return nil }
        var words: [UInt64] = [0, 0]
        for (offset, byte) in bytes.enumerated() {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            words[offset / 16] = words[offset / 16] << 4 | UInt64(nibble)
        }
        return Digest(high: words[0], low: words[1])
    }

    /// A path on one line: `%`, line breaks and tabs percent-encoded.
    static func escaped(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\t", with: "%09")
    }

    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "%")) else { return text }
        return text.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }

    // MARK: - Page records

    /// Page records as lines: `p <key> <path>` for each page, followed
    /// by its images (`a`), included files (`n`) and findings (`d`, one JSON object each: rare).
    static func encode(_ pages: [String: PageRecord]) -> [UInt8] {
        var text = stateHeader + "\n"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (path, record) in pages {
            text += "p \(record.key?.description ?? "-") \(escaped(path))\n"
            for asset in record.assets {
                let reference = asset.reference.map { "\($0.line) \($0.column) \(escaped($0.file))" } ?? "-"
                text += "a \(escaped(asset.outputPath))\t\(escaped(asset.sourceFile))\t\(reference)\n"
            }
            for file in record.includedFiles { text += "n \(escaped(file))\n" }
            for diagnostic in record.diagnostics {
                guard let json = try? encoder.encode(diagnostic) else { continue }
                text += "d " + String(decoding: json, as: UTF8.self) + "\n"
            }
        }
        return Array(text.utf8)
    }

    static func decodePages(_ bytes: [UInt8]) -> [String: PageRecord]? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == stateHeader else { return nil }
        var pages: [String: PageRecord] = [:]
        var current: (path: String, record: PageRecord)?
        let decoder = JSONDecoder()
        for line in lines.dropFirst() {
            guard line.count > 2 else { return nil }
            let rest = line.dropFirst(2)
            switch line.first {
            case UInt8(ascii: "p"):
                if let current { pages[current.path] = current.record }
                let fields = rest.split(separator: UInt8(ascii: " "), maxSplits: 1, omittingEmptySubsequences: false)
                guard fields.count == 2 else { return nil }
                current = (unescaped(fields[1]), PageRecord(key: Digest(hex: String(decoding: fields[0], as: UTF8.self)), assets: [], diagnostics: []))
            case UInt8(ascii: "a"):
                let fields = rest.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3, current != nil else { return nil }
                current!.record.assets.append(AssetCopy(outputPath: unescaped(fields[0]), sourceFile: unescaped(fields[1]), reference: reference(fields[2])))
            case UInt8(ascii: "n"):
                guard current != nil else { return nil }
                current!.record.includedFiles.append(unescaped(rest))
            case UInt8(ascii: "d"):
                guard current != nil, let diagnostic = try? decoder.decode(Diagnostic.self, from: Data(rest)) else { return nil }
                current!.record.diagnostics.append(diagnostic)
            default:
                return nil
            }
        }
        if let current { pages[current.path] = current.record }
        return pages
    }

    // MARK: - Findings

    /// Each article's findings as lines: `f <key> <file>`, followed by its findings (`d`, one
    /// JSON object each).
    static func encode(_ findings: [String: FindingsReuse.Entry]) -> [UInt8] {
        var text = stateHeader + "\n"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (file, entry) in findings {
            text += "f \(entry.key) \(escaped(file))\n"
            for diagnostic in entry.findings {
                guard let json = try? encoder.encode(diagnostic) else { continue }
                text += "d " + String(decoding: json, as: UTF8.self) + "\n"
            }
        }
        return Array(text.utf8)
    }

    static func decodeFindings(_ bytes: [UInt8]) -> [String: FindingsReuse.Entry]? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == stateHeader else { return nil }
        var findings: [String: FindingsReuse.Entry] = [:]
        var current: (file: String, entry: FindingsReuse.Entry)?
        let decoder = JSONDecoder()
        for line in lines.dropFirst() {
            guard line.count > 2 else { return nil }
            let rest = line.dropFirst(2)
            switch line.first {
            case UInt8(ascii: "f"):
                if let current { findings[current.file] = current.entry }
                let fields = rest.split(separator: UInt8(ascii: " "), maxSplits: 1, omittingEmptySubsequences: false)
                guard fields.count == 2, let key = hexDigest(fields[0]) else { return nil }
                current = (unescaped(fields[1]), FindingsReuse.Entry(key: key, findings: []))
            case UInt8(ascii: "d"):
                guard current != nil, let diagnostic = try? decoder.decode(Diagnostic.self, from: Data(rest)) else { return nil }
                current!.entry.findings.append(diagnostic)
            default:
                return nil
            }
        }
        if let current { findings[current.file] = current.entry }
        return findings
    }

    /// `line column file`, or `-` for none.
    private static func reference(_ field: ArraySlice<UInt8>) -> FileLocation? {
        let parts = field.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(String(decoding: parts[0], as: UTF8.self)),
              let column = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
        return FileLocation(file: unescaped(parts[2]), line: line, column: column)
    }
}
