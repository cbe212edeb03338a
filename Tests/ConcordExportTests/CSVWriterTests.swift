import Foundation
import Testing
@testable import ConcordExport

/// RFC 4180: what gets quoted, how quotes are doubled, CRLF record ends, non-ASCII as is.
@Suite("CSV writer")
struct CSVWriterTests {
    private func csv(_ rows: [[String]]) -> String {
        var writer = CSVWriter()
        for row in rows { writer.append(row) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func plainFieldsAreWrittenAsTheyAreWithCRLFAfterEveryRecord() {
        #expect(csv([["a", "b"], ["c", "d"]]) == "a,b\r\nc,d\r\n")
    }

    @Test func fieldsWithCommaQuoteOrLineBreakAreQuoted() {
        #expect(csv([["a,b"]]) == "\"a,b\"\r\n")
        #expect(csv([["say \"hi\""]]) == "\"say \"\"hi\"\"\"\r\n")
        #expect(csv([["line 1\nline 2"]]) == "\"line 1\nline 2\"\r\n")
        #expect(csv([["line 1\r\nline 2"]]) == "\"line 1\r\nline 2\"\r\n")
        #expect(csv([["carriage\rreturn"]]) == "\"carriage\rreturn\"\r\n")
        #expect(csv([["\""]]) == "\"\"\"\"\r\n")
    }

    @Test func otherFieldsAreNotQuoted() {
        #expect(csv([["", " padded ", "semi;colon", "a > b", "tab\there"]]) == ", padded ,semi;colon,a > b,tab\there\r\n")
        #expect(csv([["", ""]]) == ",\r\n", "two empty fields")
    }

    @Test func nonASCIITextIsWrittenAsUTF8() throws {
        let row = ["ダッシュボード", "从仪表板菜单中，选择客户。", "Configuración, cuenta", "لوحة"]
        let text = csv([row])
        #expect(text == "ダッシュボード,从仪表板菜单中，选择客户。,\"Configuración, cuenta\",لوحة\r\n")
        #expect(try CSVTestParser.parse(Array(text.utf8)) == [row], "a full-width comma is not a separator")
    }

    @Test func everyEdgeCaseRoundTrips() throws {
        let rows = [
            ["plain", "with,comma", "with \"quotes\"", "multi\nline", "crlf\r\nline", "", "\"", ",", "\n", "end"],
            ["ünïcödé", "日本語", "a,\"b\"\nc", " ", "x"],
        ]
        var writer = CSVWriter()
        for row in rows { writer.append(row) }
        #expect(try CSVTestParser.parse(writer.bytes) == rows)
    }

    @Test func stepRowsQuoteTheirFieldsAndJoinArrays() throws {
        let record = StepRecord(
            locale: "en-US", article: "a, b.md", procedure: "To \"save\"", procedureIndex: 0, number: 2, path: "1.2", parent: "1",
            text: "Select **Save**,\nthen close.", uiElements: ["File", "Save, as"],
            links: [StepRecord.Link(text: "x", destination: "x.md"), StepRecord.Link(text: "y", destination: "https://y.example/?a=1,2")],
            source: StepRecord.Source(file: "content/en-US/a, b.md", line: 7)
        )
        let bytes = try StepExport.render([record], as: .csv)
        let text = String(decoding: bytes, as: UTF8.self)
        let header = "locale,article,procedure,procedureIndex,number,path,parent,text,uiElements,links,sourceFile,sourceLine\r\n"
        let row = #"en-US,"a, b.md","To ""save""",0,2,1.2,1,"Select **Save**,\#nthen close.","File; Save, as","x.md; https://y.example/?a=1,2","content/en-US/a, b.md",7\#r\#n"#
        #expect(text == header + row)
        let rows = try CSVTestParser.parse(bytes)
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count == StepExport.csvColumns.count })
        #expect(rows[1][7] == "Select **Save**,\nthen close.")
    }

    @Test("Cells a spreadsheet would run as a formula start with an apostrophe (OWASP, CSV injection)")
    func formulaCellsArePrefixed() throws {
        let cells = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tindent", "\rreturn"]
        let text = csv([cells])
        #expect(text == "'=HYPERLINK(\"https://evil.example\",\"x\")" .quotedForTest + ",'+1+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),'\tindent," + "'\rreturn".quotedForTest + "\r\n")
        #expect(try CSVTestParser.parse(Array(text.utf8)) == [cells.map { "'" + $0 }])
        // Only the first character counts, and only these.
        #expect(csv([["a=b", "1-2", " =x", "'quoted", "#x"]]) == "a=b,1-2, =x,'quoted,#x\r\n")
    }

    @Test func stepTextStartingWithAFormulaIsPrefixedInTheExport() throws {
        let record = StepRecord(
            locale: "en-US", article: "a.md", procedure: "=cmd", procedureIndex: 0, number: 1, path: "1", parent: nil,
            text: "=1+1", uiElements: ["@x"], links: [], source: StepRecord.Source(file: "content/en-US/a.md", line: 3))
        let rows = try CSVTestParser.parse(try StepExport.render([record], as: .csv))
        #expect(rows[1][2] == "'=cmd")
        #expect(rows[1][7] == "'=1+1")
        #expect(rows[1][8] == "'@x")
    }

    @Test func emptyExportIsTheHeaderAlone() throws {
        let text = String(decoding: try StepExport.render([], as: .csv), as: UTF8.self)
        #expect(text == StepExport.csvColumns.joined(separator: ",") + "\r\n")
        #expect(try StepExport.render([], as: .ndjson).isEmpty)
    }
}

extension String {
    /// The field as RFC 4180 quotes it: in double quotes, its quotes doubled.
    fileprivate var quotedForTest: String { "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// A strict RFC 4180 reader for tests: CRLF record ends, quoted fields with doubled quotes.
enum CSVTestParser {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var fieldStarted = false
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field = []
            fieldStarted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 2
                        continue
                    }
                    quoted = false
                    guard index + 1 == bytes.count || bytes[index + 1] == 0x2C || bytes[index + 1] == 0x0D else {
                        throw Malformed(description: "text after a closing quote at byte \(index)")
                    }
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case 0x22:
                guard !fieldStarted, field.isEmpty else { throw Malformed(description: "quote inside an unquoted field at byte \(index)") }
                quoted = true
                fieldStarted = true
            case 0x2C:
                endField()
            case 0x0D:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Malformed(description: "bare CR at byte \(index)") }
                endField()
                rows.append(row)
                row = []
                index += 1
            case 0x0A:
                throw Malformed(description: "bare LF outside quotes at byte \(index)")
            default:
                field.append(byte)
                fieldStarted = true
            }
            index += 1
        }
        guard !quoted else { throw Malformed(description: "unterminated quoted field") }
        guard row.isEmpty, field.isEmpty else { throw Malformed(description: "last record has no CRLF") }
        return rows
    }
}
