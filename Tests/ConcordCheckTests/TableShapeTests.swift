import ConcordCheck
import ConcordModel
import Testing

@Suite struct TableShapeTests {
    let rule = TableShape()
    let es = "content/es-ES/customer-support.md"
    let en = "content/en-US/customer-support.md"

    static let table = """
        | Service | Hours |
        |---------|-------|
        | Billing | 24 |
        | Technical | 24 |

        """
    static let translatedTable = """
        | Servicio | Horas |
        |---------|-------|
        | Facturación | 24 |
        | Técnico | 24 |

        """

    func withTables(_ translated: String?) throws -> (String, String) {
        let source = try Sample.source.inserting(Self.table, before: "**See also**")
        var translation = try Sample.translation
        if let translated { translation = try translation.inserting(translated, before: "**Vea también**") }
        return (source, translation)
    }

    @Test func untouchedTranslationGivesNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
        let (source, translation) = try withTables(Self.translatedTable)
        #expect(try Sample.findings(rule, source: source, translation: translation).isEmpty)
    }

    @Test func droppedRowIsReported() throws {
        let (source, translation) = try withTables(try Self.translatedTable.removingLine(containing: "Técnico"))
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):49 <- \(en):44"])
        #expect(found.first?.message == "table has 1 row and 2 columns here, 2 rows and 2 columns in source \(en):44")
        #expect(found.first?.severity == .warning)
    }

    @Test func lostColumnIsReported() throws {
        let translated = "| Servicio |\n|---------|\n| Facturación |\n| Técnico |\n"
        let (source, translation) = try withTables(translated)
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(\.message) == ["table has 2 rows and 1 column here, 2 rows and 2 columns in source \(en):44"])
    }

    @Test func droppedTableIsReported() throws {
        let (source, translation) = try withTables(nil)
        let found = try Sample.findings(rule, source: source, translation: translation)
        #expect(found.map(Sample.places) == ["\(es):33 <- \(en):44"])
        #expect(found.first?.message == "1 table in source \(en):44, 0 here")
    }
}
