import ConcordModel
@testable import ConcordTranslation
import Foundation
import Testing

/// A translation that would break its article is refused, with the unit named.
@Suite struct ImportRefusalTests {
    static let files = [
        "en-US/a.md": """
            ---
            title: Support
            ---
            # <a name="support"></a>Support

            Call `Get-Help` for help, 24 hours a day.

            **To ask for help**

            1. Select **New request**.
            2. Select **Submit**.

            """,
        "es-ES/a.md": """
            ---
            title: Soporte
            ---
            # <a name="support"></a>Soporte

            Llame a `Get-Help` para obtener ayuda, 24 horas al día.

            **Para pedir ayuda**

            1. Seleccione **Nueva solicitud**.
            2. Seleccione **Enviar**.

            """,
    ]

    /// Exports es-ES, lets `edit` change the handoff, imports it (dry run) and returns the report.
    private func importEdited(_ edit: (inout [Handoff.Unit]) -> Void) throws -> TranslationImport.Report {
        let fixture = try Fixture(Self.files)
        defer { fixture.remove() }
        var handoff = try TranslationExport.handoff(fixture.configuration, locale: "es-ES").handoff
        #expect(handoff.counts.final == handoff.counts.units)
        edit(&handoff.files[0].units)
        let xliff = XLIFFWriter.document(handoff)
        let report = try TranslationImport.run(Array(xliff.utf8), configuration: fixture.configuration, options: .init(dryRun: true))
        let after = try FileSystem.read(fixture.root + "/es-ES/a.md")
        #expect(after == Array(Self.files["es-ES/a.md"]!.utf8), "a dry run writes nothing")
        return report
    }

    private func target(_ units: inout [Handoff.Unit], _ id: String, _ change: (inout InlineContent) -> Void) {
        guard let index = units.firstIndex(where: { $0.source.id == id }), var content = units[index].target else {
            Issue.record("no unit \(id) with a target")
            return
        }
        change(&content)
        units[index].target = content
    }

    @Test func anUnchangedTranslationIsAccepted() throws {
        let report = try importEdited { _ in }
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.written == ["a.md"])
    }

    @Test func aDeletedPlaceholderIsRefused() throws {
        let report = try importEdited { units in
            target(&units, "support/p-1") { $0.pieces.removeAll { $0 == .placeholder(1) } }
        }
        #expect(report.refused == ["a.md"])
        #expect(report.problems.map(\.description) == ["a.md#support/p-1: placeholder 1 (code `Get-Help`) is missing"])
    }

    @Test func aMergedStepIsRefused() throws {
        let report = try importEdited { units in
            let second = units.first { $0.source.id == "support/procedure-1/step-2" }!.target!
            target(&units, "support/procedure-1/step-1") { $0.pieces += [.text(" ")] + second.pieces }
            units[units.firstIndex { $0.source.id == "support/procedure-1/step-2" }!].target = nil
        }
        #expect(report.refused == ["a.md"])
        #expect(report.problems.map(\.description) == [
            "a.md#support/procedure-1/step-1: placeholder 1 (bold **…**) appears 2 times",
            "a.md#support/procedure-1/step-2: no translation",
        ])
    }

    @Test func aMergedStepWithALineBreakIsRefused() throws {
        let report = try importEdited { units in
            target(&units, "support/procedure-1/step-1") { $0.pieces += [.text("\n2. Seleccione Enviar.")] }
        }
        #expect(report.refused == ["a.md"])
        #expect(report.problems.first?.unit == "support/procedure-1/step-1")
        #expect(report.problems.first?.message.contains("line break") == true)
    }

    @Test func aChangedNumberIsRefusedByTheChecks() throws {
        let report = try importEdited { units in
            target(&units, "support/p-1") { content in
                content.pieces = content.pieces.map { piece in
                    if case .text(let text) = piece { return .text(text.replacingOccurrences(of: "24", with: "25")) }
                    return piece
                }
            }
        }
        #expect(report.refused == ["a.md"])
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.unit == "support/p-1")
        #expect(report.problems.first?.message.hasPrefix("number-mismatch:") == true, "\(report.problems)")
    }

    @Test func aPathOutsideTheContentIsRefused() throws {
        let fixture = try Fixture(Self.files)
        defer { fixture.remove() }
        let handoff = try TranslationExport.handoff(fixture.configuration, locale: "es-ES").handoff
        let xliff = XLIFFWriter.document(handoff).replacingOccurrences(of: "original=\"a.md\"", with: "original=\"../../etc/a.md\"")
        let output = try Place.temporaryFolder()
        let report = try TranslationImport.run(Array(xliff.utf8), configuration: fixture.configuration, options: .init(output: output))
        #expect(report.refused == ["../../etc/a.md"])
        #expect(report.written.isEmpty)
    }
}

/// A large document is read in pieces cut between files, with the same result as whole.
@Suite struct XLIFFPiecesTests {
    @Test func aDocumentReadInPiecesReadsAsAWhole() throws {
        let handoff = try TranslationExport.handoff(try Place.sample(), locale: "es-ES").handoff
        let bytes = Array(XLIFFWriter.document(handoff).utf8)
        #expect(XLIFFInput.pieces(of: bytes, limit: 20_000).count > 3)
        let whole = try XLIFFInput.read(bytes, pieceLimit: bytes.count)
        let pieces = try XLIFFInput.read(bytes, pieceLimit: 20_000)
        #expect(pieces.files.map(\.original) == whole.files.map(\.original))
        #expect(pieces.files.map(\.units.count) == whole.files.map(\.units.count))
        #expect(pieces.files.flatMap(\.units).map(\.target) == whole.files.flatMap(\.units).map(\.target))
        #expect(pieces.sourceLocale == "en-US" && pieces.targetLocale == "es-ES")
    }

    @Test func aBrokenPieceNamesItsLineInTheWhole() throws {
        let handoff = try TranslationExport.handoff(try Place.sample(), locale: "es-ES").handoff
        let lines = XLIFFWriter.document(handoff).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A closing tag that does not match, on a unit's segment line near the end.
        let broken = try #require(lines.lastIndex { $0.contains("</segment>") }) + 1
        let text = lines.enumerated().map { $0.offset == broken - 1 ? $0.element.replacingOccurrences(of: "</segment>", with: "</segmnt>") : $0.element }
            .joined(separator: "\n")
        // libxml2 names the line where it notices, a line or a few after the break, and a piece
        // ends sooner than the whole; either way the line is one of the whole document's.
        for limit in [text.utf8.count, 20_000] {
            do {
                _ = try XLIFFInput.read(Array(text.utf8), pieceLimit: limit)
                Issue.record("read without an error")
            } catch {
                let line = error.description.split(separator: ":").first.flatMap { Int($0.dropFirst(5)) } ?? 0
                #expect(line >= broken && line <= broken + 4, "\(broken): \(error)")
            }
        }
    }
}
