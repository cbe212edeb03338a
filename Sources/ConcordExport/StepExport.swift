import ConcordModel
import Foundation

/// `concord export steps`: every step of every procedure as records, in NDJSON, JSON or CSV.
public enum StepExport {
    /// An output format.
    public enum Format: String, Sendable, CaseIterable {
        /// One compact JSON object per line, `\n` after each: streams well, loads with `jq -c` or pandas.
        case ndjson
        /// One document: `{"schemaVersion": …, "steps": [ … ]}`, pretty-printed.
        case json
        /// RFC 4180 CSV with a header row (see ``csvColumns``).
        case csv
    }

    /// A locale asked for that the content does not have.
    public struct UnknownLocale: Error, CustomStringConvertible, Sendable {
        /// The locale asked for.
        public var locale: String
        /// The locales the content has.
        public var known: [String]
        /// One sentence naming both.
        public var description: String { "no locale '\(locale)' in the content; it has \(known.joined(separator: ", "))" }
    }

    /// The `--format json` document.
    public struct Document: Sendable, Hashable, Codable {
        /// The export format version (``ExportFormat/schemaVersion``).
        public var schemaVersion: String
        /// Every record, in export order.
        public var steps: [StepRecord]
    }

    /// The steps of `locales` (every locale when `nil` or empty), locales in configuration order
    /// (source first), articles by path, then procedures and steps in document order.
    ///
    /// Only the articles a locale has are exported: a missing translation has no steps of its
    /// own, and repeating the source's under another locale would mislead a translation system.
    public static func records(content: ContentSet, locales: [String]? = nil) throws(UnknownLocale) -> [StepRecord] {
        var selected = content.locales
        if let locales, !locales.isEmpty {
            for locale in locales where !content.locales.contains(locale) {
                throw UnknownLocale(locale: locale, known: content.locales)
            }
            let wanted = Set(locales)
            selected = selected.filter(wanted.contains)
        }
        var records: [StepRecord] = []
        for locale in selected {
            for article in content.sortedArticles(in: locale) { records += StepRecord.records(of: article) }
        }
        return records
    }

    /// The records in `format`, UTF-8, with non-ASCII text as it is (no `\u` escapes).
    public static func render(_ records: [StepRecord], as format: Format) throws -> [UInt8] {
        switch format {
        case .ndjson:
            var out: [UInt8] = []
            for record in records {
                out += try JSONOutput.encode(record, pretty: false)
                out.append(UInt8(ascii: "\n"))
            }
            return out
        case .json:
            return [UInt8](try JSONOutput.encode(Document(schemaVersion: ExportFormat.schemaVersion, steps: records)))
        case .csv:
            var csv = CSVWriter()
            csv.append(csvColumns)
            for record in records { csv.append(csvRow(record)) }
            return csv.bytes
        }
    }

    /// The CSV header. Arrays are joined with ``csvListSeparator``; links are their destinations;
    /// `parent` is empty for a top-level step.
    public static let csvColumns = [
        "locale", "article", "procedure", "procedureIndex", "number", "path", "parent",
        "text", "uiElements", "links", "sourceFile", "sourceLine",
    ]

    /// What joins the items of an array in a CSV cell. Use NDJSON or JSON when an item may contain it.
    public static let csvListSeparator = "; "

    static func csvRow(_ record: StepRecord) -> [String] {
        [
            record.locale, record.article, record.procedure, String(record.procedureIndex), String(record.number),
            record.path, record.parent ?? "", record.text,
            record.uiElements.joined(separator: csvListSeparator),
            record.links.map(\.destination).joined(separator: csvListSeparator),
            record.source.file, String(record.source.line),
        ]
    }
}

/// Builds RFC 4180 CSV: CRLF after every record (the last included); a field that holds a comma,
/// a double quote, CR or LF is wrapped in double quotes with its quotes doubled; every other field
/// is written as it is. No byte-order mark: the output is plain UTF-8.
///
/// Step text comes from content anyone can propose: a field that a spreadsheet would run as a
/// formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets an apostrophe
/// in front, as OWASP advises against CSV injection. Spreadsheets show the text without it.
struct CSVWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field: field)
        }
        bytes += [0x0D, 0x0A]
    }

    /// The first bytes of a field that make spreadsheets read it as a formula.
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    private mutating func append(field: String) {
        if let first = field.utf8.first, Self.formulaStarts.contains(first) {
            append(verbatim: "'" + field)
        } else {
            append(verbatim: field)
        }
    }

    private mutating func append(verbatim field: String) {
        let utf8 = field.utf8
        // The four bytes that force quoting are ASCII, so a byte scan is exact for any UTF-8 text.
        guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            bytes += utf8
            return
        }
        bytes.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }
}
