import ConcordModel
import Foundation
import Testing
@testable import ConcordExport

/// `concord export steps`: records, locale selection, the three formats.
@Suite("Step export")
struct StepExportTests {
    @Test func spanishSeedArticleGivesSevenStepRowsWithUIElements() throws {
        let (content, _) = try Fixtures.sample()
        let records = try StepExport.records(content: content, locales: ["es-ES"]).filter { $0.article == "customer-support.md" }
        #expect(records.count == 7)
        #expect(records.allSatisfy { $0.locale == "es-ES" && $0.parent == nil })
        #expect(records.map(\.procedureIndex) == [0, 0, 0, 1, 1, 1, 1])
        #expect(records.map(\.number) == [1, 2, 3, 1, 2, 3, 4])
        #expect(records.map(\.path) == ["1", "2", "3", "1", "2", "3", "4"])
        #expect(records.map(\.uiElements) == [
            ["admitir solicitudes", "solicita el centro de partners"], ["Nueva solicitud"], ["Enviar"],
            ["admitir solicitudes", "las solicitudes de cliente"], ["nueva solicitud"], [],
            ["enviar una solicitud de servicio", "enviar"],
        ])
        #expect(records.map(\.source.line) == [29, 30, 31, 62, 63, 64, 65])

        let first = records[0]
        #expect(first.procedure == "Para enviar una solicitud de servicio con 21Vianet")
        #expect(first.text == "En el menú panel del centro de partners, seleccione admitir solicitudes > solicita el centro de partners.")
        #expect(first.uiElements == ["admitir solicitudes", "solicita el centro de partners"])
        #expect(first.source.file.hasSuffix("content/es-ES/customer-support.md"))
        #expect(records[3].procedure == "Para enviar una solicitud de servicio con 21Vianet parte de un cliente")
    }

    @Test func seedArticleGivesSevenRowsInEveryFormat() throws {
        let (content, _) = try Fixtures.sample()
        let records = try StepExport.records(content: content, locales: ["es-ES"]).filter { $0.article == "customer-support.md" }

        let ndjson = String(decoding: try StepExport.render(records, as: .ndjson), as: UTF8.self)
        #expect(ndjson.split(separator: "\n").count == 7)
        #expect(ndjson.hasSuffix("}\n"))

        let json = try StepExport.render(records, as: .json)
        let document = try JSONDecoder().decode(StepExport.Document.self, from: Data(json))
        #expect(document.schemaVersion == ExportFormat.schemaVersion)
        #expect(document.steps.map(\.text) == records.map(\.text))

        let csv = try CSVTestParser.parse(try StepExport.render(records, as: .csv))
        #expect(csv.count == 8)
        #expect(csv[0] == StepExport.csvColumns)
        #expect(csv[1][StepExport.csvColumns.firstIndex(of: "uiElements")!] == "admitir solicitudes; solicita el centro de partners")
        #expect(csv[1][StepExport.csvColumns.firstIndex(of: "parent")!] == "")
        #expect(csv.dropFirst().map { $0[StepExport.csvColumns.firstIndex(of: "text")!] } == records.map(\.text))
    }

    @Test func recordsFollowLocaleArticleProcedureAndStepOrder() throws {
        let (content, _) = try Fixtures.sample()
        let all = try StepExport.records(content: content)
        var order: [String] = []
        for record in all where order.last != record.locale { order.append(record.locale) }
        #expect(order == ["en-US", "es-ES", "ja-JP", "pt-BR", "zh-CN"])
        #expect(try StepExport.records(content: content, locales: []) == all, "no locale means every locale")
        let two = try StepExport.records(content: content, locales: ["zh-CN", "es-ES"])
        #expect(Set(two.map(\.locale)) == ["es-ES", "zh-CN"])
        #expect(two.first?.locale == "es-ES", "configuration order, not argument order")
        for locale in ["es-ES", "zh-CN"] {
            let articles = two.filter { $0.locale == locale }.map(\.article)
            #expect(articles == articles.sorted())
        }
    }

    @Test func unknownLocaleIsAnError() throws {
        let (content, _) = try Fixtures.sample()
        #expect(throws: StepExport.UnknownLocale.self) {
            _ = try StepExport.records(content: content, locales: ["es-ES", "fr-FR"])
        }
    }

    @Test func substepsAreRecordsOfTheirOwnWithTheirParentsPath() throws {
        let markdown = """
            # Setup

            **To set up**

            1. Open **Settings**.
            2. Configure:
               1. Select **Network**.
               2. Select **Proxy**:
                  1. Enter the [address](proxy.md).
            3. Select **Save**.

            **To undo**

            5. Select **Undo**.
            """
        let content = try Fixtures.content(["en-US": ["setup.md": markdown]])
        let records = try StepExport.records(content: content)
        #expect(records.map(\.path) == ["1", "2", "2.1", "2.2", "2.2.1", "3", "5"])
        #expect(records.map(\.parent) == [nil, nil, "2", "2", "2.2", nil, nil])
        #expect(records.map(\.number) == [1, 2, 1, 2, 1, 3, 5])
        #expect(records.map(\.procedureIndex) == [0, 0, 0, 0, 0, 0, 1])
        #expect(records[4].links == [StepRecord.Link(text: "address", destination: "proxy.md")])
        #expect(records[4].text == "Enter the address.")
        #expect(records[1].text == "Configure:", "a step's text excludes its sub-steps")
        #expect(records.map(\.source.line) == [5, 6, 7, 8, 9, 10, 14])
        #expect(records.allSatisfy { $0.source.file == "/content/en-US/setup.md" })

        let ndjson = String(decoding: try StepExport.render(records, as: .ndjson), as: UTF8.self)
        let lines = ndjson.split(separator: "\n")
        #expect(lines[0].contains(#""parent":null"#), "a top-level step says so explicitly")
        #expect(lines[2].contains(#""parent":"2""#))
    }

    @Test func missingTranslationsExportNoSteps() throws {
        let content = try Fixtures.content([
            "en-US": ["a.md": "# A\n\n**Do**\n\n1. One.\n2. Two.\n", "b.md": "# B\n\n**Do**\n\n1. One.\n"],
            "de-DE": ["a.md": "# A\n\n**Tun**\n\n1. Eins.\n2. Zwei.\n"],
        ])
        let german = try StepExport.records(content: content, locales: ["de-DE"])
        #expect(german.map(\.article) == ["a.md", "a.md"])
        #expect(german.map(\.text) == ["Eins.", "Zwei."])
    }

    @Test("Japanese and Chinese text is intact", arguments: ["ja-JP", "zh-CN"], StepExport.Format.allCases)
    func cjkTextIsIntact(locale: String, format: StepExport.Format) throws {
        let (content, _) = try Fixtures.sample()
        let records = try StepExport.records(content: content, locales: [locale])
        #expect(!records.isEmpty)
        let bytes = try StepExport.render(records, as: format)
        let text = try #require(String(validating: bytes, as: UTF8.self), "valid UTF-8")
        #expect(!text.contains("\\u"), "no \\u escapes")
        for record in records {
            #expect(text.contains(record.procedure))
            for element in record.uiElements { #expect(text.contains(element)) }
        }
        let parsedTexts: [String]
        switch format {
        case .ndjson:
            parsedTexts = try text.split(separator: "\n").map { try JSONDecoder().decode(StepRecord.self, from: Data($0.utf8)).text }
        case .json:
            parsedTexts = try JSONDecoder().decode(StepExport.Document.self, from: Data(bytes)).steps.map(\.text)
        case .csv:
            parsedTexts = try CSVTestParser.parse(bytes).dropFirst().map { $0[StepExport.csvColumns.firstIndex(of: "text")!] }
        }
        #expect(parsedTexts == records.map(\.text))
        let seed = try #require(content.article("customer-support.md", in: locale))
        #expect(parsedTexts.contains(seed.procedures[0].steps[0].text))
    }

    @Test("the same content gives byte-identical output", arguments: StepExport.Format.allCases)
    func deterministic(format: StepExport.Format) throws {
        let first = try StepExport.render(try StepExport.records(content: try Fixtures.loadSample().content), as: format)
        let second = try StepExport.render(try StepExport.records(content: try Fixtures.loadSample().content), as: format)
        #expect(first == second)
        #expect(!first.isEmpty)
    }
}
