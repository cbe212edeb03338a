import ConcordCheck
import ConcordModel
import Testing

/// Each mutation of the seed article's translation is caught by its own rule and by no other:
/// the whole structural rule set runs, so collateral noise fails the test too.
@Suite struct MutationTests {
    static let es = "content/es-ES/customer-support.md"
    static let en = "content/en-US/customer-support.md"

    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var mutate: @Sendable (String) throws -> String
        /// `rule file:line <- file:line` of the one expected finding.
        var expected: String
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "delete a step", mutate: { try $0.removingLine(containing: "4. Si su cliente") },
                 expected: "step-count \(es):60 <- \(en):55"),
        Mutation(name: "duplicate a step", mutate: { try $0.duplicatingLine(containing: "2. Selecciona **Nueva solicitud**") },
                 expected: "step-count \(es):27 <- \(en):22"),
        Mutation(name: "rename an anchor", mutate: { try $0.replacingOnce("name=\"getting-customer-support\"", with: "name=\"obtener-soporte\"") },
                 expected: "anchor-mismatch \(es):23 <- \(en):18"),
        Mutation(name: "drop a heading", mutate: { try $0.removingLine(containing: "<a name=\"escalate-a-customer-issue-to-21vianet\">") },
                 expected: "section-missing \(es):33 <- \(en):51"),
        Mutation(name: "change a number", mutate: { try $0.replacingOnce("365 días", with: "360 días") },
                 expected: "number-mismatch \(es):35 <- \(en):30"),
        Mutation(name: "drop a list item", mutate: { try $0.removingLine(containing: "Cuentas y facturación") },
                 expected: "list-item-count \(es):39 <- \(en):34"),
        Mutation(name: "drop a related link", mutate: { try $0.removingLine(containing: "(customer-self-support.md)") },
                 expected: "list-item-count \(es):51 <- \(en):46"),
        Mutation(name: "wrong ms.contentlocale", mutate: { try $0.replacingOnce("ms.contentlocale: es-ES", with: "ms.contentlocale: pt-BR") },
                 expected: "locale-mismatch \(es):11"),
        Mutation(name: "drop a procedure's lead-in", mutate: { try $0.replacingOnce("**Para enviar una solicitud de servicio con 21Vianet**", with: "Para enviar una solicitud de servicio con 21Vianet:") },
                 expected: "procedure-count \(es):23 <- \(en):22"),
        Mutation(name: "repeat an anchor", mutate: { try $0.replacingOnce("Ejemplos de los servicios", with: "<a name=\"customer-support\"></a>Ejemplos de los servicios") },
                 expected: "duplicate-anchor \(es):37"),
    ]

    @Test func untouchedSeedTranslationGivesNothing() throws {
        let found = try run(Sample.translation)
        #expect(found.isEmpty, "\(found)")
    }

    @Test(arguments: mutations)
    func mutationIsCaughtByItsRuleAlone(_ mutation: Mutation) throws {
        let found = try run(mutation.mutate(Sample.translation))
        #expect(found.map { "\($0.rule) \(Sample.places($0))" } == [mutation.expected])
    }

    @Test func deletedAndAddedFiles() throws {
        let content = try Sample.content([
            "en-US/customer-support.md": Sample.source,
            "en-US/suspend-a-subscription.md": Sample.text("en-US", "suspend-a-subscription.md"),
            "es-ES/customer-support.md": Sample.translation,
            "es-ES/suspender.md": Sample.text("es-ES", "suspend-a-subscription.md"),
        ])
        let found = CheckEngine(rules: CorpusTests.structuralRules).run(content)
        #expect(found.map { "\($0.rule) \(Sample.places($0))" } == [
            "missing-translation content/es-ES/suspend-a-subscription.md:1 <- content/en-US/suspend-a-subscription.md:1",
            "orphan-translation content/es-ES/suspender.md:1",
        ])
    }

    private func run(_ translation: String) throws -> [Diagnostic] {
        let content = try Sample.content(["en-US/customer-support.md": Sample.source, "es-ES/customer-support.md": translation])
        return Corpus.findings(content, rules: CorpusTests.structuralRules)
    }
}
