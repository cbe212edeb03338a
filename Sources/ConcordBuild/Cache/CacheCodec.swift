import ConcordCheck
import ConcordModel
import ConcordRender
import Foundation

/// The cache's files: lines of text split by hand, without a general-purpose decoder (a build
/// that has nothing to do spends its time reading the state and the report, and a rebuild reads
/// every article's findings). A finding is one line of tab-separated fields (``LineWriter
/// /diagnostic(_:)``).
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

        /// A finding's fields, tab-separated, and the line's end: rule, severity, locale,
        /// file, line, column, message, fingerprint, then the source's file, line and column.
        /// An optional field is empty when absent and starts with `=` when present.
        mutating func diagnostic(_ diagnostic: Diagnostic) {
            func optional(_ value: String?) -> String { value.map { "=" + escaped($0) } ?? "" }
            let source = diagnostic.source
            let fields = [
                escaped(diagnostic.rule), diagnostic.severity.rawValue, optional(diagnostic.locale),
                escaped(diagnostic.location.file), String(diagnostic.location.line), String(diagnostic.location.column),
                escaped(diagnostic.message), optional(diagnostic.fingerprint),
                optional(source?.file), source.map { String($0.line) } ?? "", source.map { String($0.column) } ?? "",
            ]
            text(fields.joined(separator: "\t"))
            bytes.append(0x0A)
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

    /// The finding ``LineWriter/diagnostic(_:)`` wrote, or `nil` when the line is not one.
    static func diagnostic(_ line: ArraySlice<UInt8>) -> Diagnostic? {
        let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard fields.count == 11, let severity = Severity(rawValue: String(decoding: fields[1], as: UTF8.self)),
              let lineNumber = integer(fields[4]), let column = integer(fields[5]) else { return nil }
        func optional(_ field: ArraySlice<UInt8>) -> String? {
            field.first == UInt8(ascii: "=") ? unescaped(field.dropFirst()) : nil
        }
        var source: FileLocation?
        if let file = optional(fields[8]) {
            guard let sourceLine = integer(fields[9]), let sourceColumn = integer(fields[10]) else { return nil }
            source = FileLocation(file: file, line: sourceLine, column: sourceColumn)
        }
        return Diagnostic(
            rule: unescaped(fields[0]), severity: severity, locale: optional(fields[2]),
            location: FileLocation(file: unescaped(fields[3]), line: lineNumber, column: column),
            message: unescaped(fields[6]), source: source, fingerprint: optional(fields[7]))
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
    /// by its images (`a`), included files (`n`) and findings (`d`: rare).
    static func encode(_ pages: [String: PageRecord]) -> [UInt8] {
        var out = LineWriter()
        out.text(stateHeader + "\n")
        for (path, record) in pages {
            out.text("p \(record.key?.description ?? "-") \(escaped(path))\n")
            for asset in record.assets {
                let reference = asset.reference.map { "\($0.line) \($0.column) \(escaped($0.file))" } ?? "-"
                out.text("a \(escaped(asset.outputPath))\t\(escaped(asset.sourceFile))\t\(reference)\n")
            }
            for file in record.includedFiles { out.text("n \(escaped(file))\n") }
            for diagnostic in record.diagnostics {
                out.text("d ")
                out.diagnostic(diagnostic)
            }
        }
        return out.bytes
    }

    static func decodePages(_ bytes: [UInt8]) -> [String: PageRecord]? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == stateHeader else { return nil }
        var pages: [String: PageRecord] = [:]
        var current: (path: String, record: PageRecord)?
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
                guard current != nil, let diagnostic = diagnostic(rest) else { return nil }
                current!.record.diagnostics.append(diagnostic)
            default:
                return nil
            }
        }
        if let current { pages[current.path] = current.record }
        return pages
    }

    // MARK: - Findings

    /// Each article's findings as lines: `f <key> <file>`, followed by its findings (`d`).
    static func encode(_ findings: [String: FindingsReuse.Entry]) -> [UInt8] {
        var out = LineWriter()
        out.text(stateHeader + "\n")
        for (file, entry) in findings {
            out.text("f \(entry.key) \(escaped(file))\n")
            for diagnostic in entry.findings {
                out.text("d ")
                out.diagnostic(diagnostic)
            }
        }
        return out.bytes
    }

    static func decodeFindings(_ bytes: [UInt8]) -> [String: FindingsReuse.Entry]? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let header = lines.first, String(decoding: header, as: UTF8.self) == stateHeader else { return nil }
        var findings: [String: FindingsReuse.Entry] = [:]
        var current: (file: String, entry: FindingsReuse.Entry)?
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
                guard current != nil, let diagnostic = diagnostic(rest) else { return nil }
                current!.entry.findings.append(diagnostic)
            default:
                return nil
            }
        }
        if let current { findings[current.file] = current.entry }
        return findings
    }

    // MARK: - The report

    /// The last build's report, replayed when nothing changed, as lines: the fingerprint of the
    /// state it belongs to, the locales (`l`), the counts per locale of pages, fallbacks and
    /// stale pages (`c p|f|s <count> <locale>`), the images copied (`m`), the findings (`d`)
    /// and the site's findings (`s`).
    static func encode(_ report: BuildCache.CachedReport, fingerprint: Digest) -> [UInt8] {
        var out = LineWriter()
        out.text(stateHeader + "\nfingerprint \(fingerprint)\n")
        for locale in report.locales { out.text("l \(escaped(locale))\n") }
        for (kind, counts) in [("p", report.pages), ("f", report.fallbacks), ("s", report.stale)] {
            for (locale, count) in counts.sorted(by: { $0.key < $1.key }) { out.text("c \(kind) \(count) \(escaped(locale))\n") }
        }
        out.text("m \(report.assetsCopied)\n")
        for diagnostic in report.diagnostics {
            out.text("d ")
            out.diagnostic(diagnostic)
        }
        for diagnostic in report.siteDiagnostics {
            out.text("s ")
            out.diagnostic(diagnostic)
        }
        return out.bytes
    }

    static func decodeReport(_ bytes: [UInt8]) -> (fingerprint: Digest, report: BuildCache.CachedReport)? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == stateHeader,
              lines[1].starts(with: "fingerprint ".utf8), let fingerprint = hexDigest(lines[1].dropFirst(12))
        else { return nil }
        var report = BuildCache.CachedReport(locales: [], diagnostics: [], pages: [:], fallbacks: [:], stale: [:], siteDiagnostics: [], assetsCopied: 0)
        for line in lines.dropFirst(2) {
            guard line.count > 2 else { return nil }
            let rest = line.dropFirst(2)
            switch line.first {
            case UInt8(ascii: "l"):
                report.locales.append(unescaped(rest))
            case UInt8(ascii: "c"):
                let fields = rest.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3, let count = integer(fields[1]) else { return nil }
                let locale = unescaped(fields[2])
                switch fields[0].first {
                case UInt8(ascii: "p"): report.pages[locale] = count
                case UInt8(ascii: "f"): report.fallbacks[locale] = count
                case UInt8(ascii: "s"): report.stale[locale] = count
                default: return nil
                }
            case UInt8(ascii: "m"):
                guard let count = integer(rest) else { return nil }
                report.assetsCopied = count
            case UInt8(ascii: "d"), UInt8(ascii: "s"):
                guard let diagnostic = diagnostic(rest) else { return nil }
                if line.first == UInt8(ascii: "d") { report.diagnostics.append(diagnostic) } else { report.siteDiagnostics.append(diagnostic) }
            default:
                return nil
            }
        }
        return (fingerprint, report)
    }

    /// `line column file`, or `-` for none.
    private static func reference(_ field: ArraySlice<UInt8>) -> FileLocation? {
        let parts = field.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(String(decoding: parts[0], as: UTF8.self)),
              let column = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
        return FileLocation(file: unescaped(parts[2]), line: line, column: column)
    }
}
