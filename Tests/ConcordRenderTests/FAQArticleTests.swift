import ConcordExport
import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordRender

/// A FAQ page written as YAML is an article wherever articles go: the article JSON and the
/// bundles, the search index, the navigation, the pairing of translations (a translation written
/// as Markdown pairs with its YAML source), and the checks that compare a translation's text
/// with its source's, each finding naming both YAML lines.
@Suite("FAQ pages as articles: JSON, bundles, search, navigation, pairing and checks")
struct FAQArticleTests {
    static func faq(title: String, questions: [(String, String)]) -> String {
        var yaml = """
            ### YamlMime:FAQ
            metadata:
              title: \(title)
              description: About payouts.
            title: \(title)
            summary: |
              Read the [overview](overview.md) first.
            sections:
            - name: Basics
              questions:

            """
        for (question, answer) in questions {
            yaml += "  - question: \(question)\n    answer: |\n      \(answer)\n"
        }
        return yaml
    }

    static let files = [
        "en-US/payout-faq.yml": faq(title: "Payout FAQ", questions: [
            ("What is a reimbursement?", "Money we pay back. See [billing](billing.md)."),
            ("When is it paid within 30 days?", "After 30 days."),
        ]),
        "en-US/billing-faq.yml": "### YamlMime:FAQ\ntitle: Billing questions\nsections:\n- questions:\n  - question: Why?\n    answer: Because.\n",
        "en-US/overview.md": "# Overview\n\nSee the [FAQ](payout-faq.md).\n",
        "en-US/billing.md": "# Billing\n\nBills.\n",
        "en-US/toc.yml": "- name: Overview\n  href: overview.md\n- href: payout-faq.yml\n- href: billing-faq.md\n",
        // Converted to Markdown in translation.
        "es-ES/payout-faq.md": """
            ---
            title: Preguntas sobre pagos
            ---
            # Preguntas sobre pagos

            Lea la [información general](overview.md) primero.

            ## Conceptos básicos

            ### ¿Qué es un reembolso?

            Dinero que devolvemos. Vea [facturación](billing.md).

            ### ¿Cuándo se paga en 30 días?

            Después de 30 días.

            """,
        // The other way round: a Markdown source translated as a FAQ page.
        "es-ES/billing.yml": "### YamlMime:FAQ\ntitle: Facturación\nsections:\n- questions:\n  - question: ¿Facturas?\n    answer: Facturas.\n",
        // A number changed in a question, a link changed in an answer.
        "de-DE/payout-faq.yml": faq(title: "Auszahlungen", questions: [
            ("Was ist eine Erstattung?", "Geld, das wir zurückzahlen. Siehe [Abrechnung](overview.md)."),
            ("Wann wird innerhalb von 45 Tagen gezahlt?", "Nach 30 Tagen."),
        ]),
    ]

    @Test("the FAQ page's article: questions at their YAML lines, metadata as front matter, headings on the YAML's lines")
    func model() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        let article = try #require(content.article("payout-faq.md", in: "en-US"))
        #expect(article.file.hasSuffix("en-US/payout-faq.yml"))
        #expect(article.title == "Payout FAQ")
        #expect(article.metadata.description == "About payouts.")
        #expect(article.metadata.line(of: "description") == 4)
        let questions = try #require(article.faq?.sections.first?.questions)
        #expect(questions.map { "\($0.line) \($0.answerLine) \($0.question)" }
                == ["11 13 What is a reimbursement?", "14 16 When is it paid within 30 days?"])
        #expect(article.sections.map { "\($0.line) \($0.level) \($0.title)" }
                == ["5 1 Payout FAQ", "9 2 Basics", "11 3 What is a reimbursement?", "14 3 When is it paid within 30 days?"])
        #expect(article.links.map { "\($0.line) \($0.destination)" } == ["7 overview.md", "13 billing.md"])
        // The Markdown translation and the YAML one are both the article `payout-faq.md`.
        #expect(content.article("payout-faq.md", in: "es-ES")?.faq == nil)
        #expect(content.missing(in: "es-ES").contains("billing-faq.md"))
        #expect(!content.missing(in: "es-ES").contains("payout-faq.md"))
        #expect(content.orphans(in: "es-ES").isEmpty)
        #expect(content.article("billing.md", in: "es-ES")?.faq != nil)
        #expect(!content.missing(in: "es-ES").contains("billing.md"))
    }

    @Test("a Markdown article of the same name wins over the FAQ page in its locale")
    func markdownWins() throws {
        var files = Self.files
        files["en-US/billing-faq.md"] = "# Billing FAQ in Markdown\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        #expect(content.article("billing-faq.md", in: "en-US")?.title == "Billing FAQ in Markdown")
        #expect(content.faqPage("billing-faq.yml", in: "en-US") != nil)
    }

    @Test("a number changed in a question and a link changed in an answer are findings naming both YAML lines")
    func checks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        let found = CheckEngine(rules: [NumberMismatch(), LinkMismatch(), MissingTranslation(), OrphanTranslation(), FAQMismatch()]).run(content)
        func place(_ diagnostic: Diagnostic) -> String {
            "\(diagnostic.rule) \(diagnostic.locale ?? "") \((diagnostic.location.file as NSString).lastPathComponent):\(diagnostic.location.line)"
                + " ← \(diagnostic.source?.line ?? 0)"
        }
        let german = found.filter { $0.locale == "de-DE" && $0.rule != "missing-translation" }.map(place).sorted()
        #expect(german == ["link-mismatch de-DE payout-faq.yml:13 ← 13", "number-mismatch de-DE payout-faq.yml:14 ← 14"])
        // The Markdown translation of the YAML page is no missing translation, and no orphan.
        #expect(!found.contains { $0.locale == "es-ES" && $0.message.contains("payout-faq") })
        #expect(found.contains { $0.rule == "missing-translation" && $0.locale == "es-ES" && $0.message.contains("billing-faq") })
    }

    @Test("the JSON: the article file has faq with lines, the bundle the questions; both validate against the schemas",
          .enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
    func export() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        let statuses = ArticleStatus.statuses(content: content, diagnostics: CheckEngine().run(content))
        let folder = temporary.root + "/json"
        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: folder)
        let article = try JSONSerialization.jsonObject(with: Data(try FileSystem.read(folder + "/en-US/payout-faq.json"))) as? [String: Any]
        #expect(article?["sourcePath"] as? String == "en-US/payout-faq.yml")
        let sections = (article?["faq"] as? [String: Any])?["sections"] as? [[String: Any]]
        let questions = sections?.first?["questions"] as? [[String: Any]]
        #expect(questions?.map { "\($0["line"] ?? 0) \($0["question"] ?? "")" } == ["11 What is a reimbursement?", "14 When is it paid within 30 days?"])
        let spanish = try JSONSerialization.jsonObject(with: Data(try FileSystem.read(folder + "/es-ES/payout-faq.json"))) as? [String: Any]
        #expect(spanish?["status"] as? String != "fallback")
        #expect(spanish?["faq"] == nil)
        let bundle = try JSONSerialization.jsonObject(with: Data(try FileSystem.read(folder + "/bundles/en-US.json"))) as? [String: Any]
        let entry = (bundle?["articles"] as? [[String: Any]])?.first { $0["path"] as? String == "payout-faq.md" }
        #expect((entry?["questions"] as? [[String: Any]])?.first?["question"] as? String == "What is a reimbursement?")
        #expect((entry?["questions"] as? [[String: Any]])?.first?["section"] as? String == "Basics")
        let schemas = repositoryRoot + "/schemas/"
        let articles = written.filter { !$0.hasPrefix("bundles/") && $0 != "manifest.json" }.map { folder + "/" + $0 }
        #expect(articles.count == 4 * 3)
        #expect(try SchemaValidator.validate(articles, against: schemas + "article.schema.json").map(\.description) == [])
        let bundles = written.filter { $0.hasPrefix("bundles/") }.map { folder + "/" + $0 }
        #expect(try SchemaValidator.validate(bundles, against: schemas + "bundle.schema.json").map(\.description) == [])
    }

    @Test("the site: the sidebar names and links the FAQ pages, search finds a question, the switcher pairs YAML and Markdown")
    func site() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let overview = try temporary.read("en-US/overview.html")
        #expect(overview.contains("href=\"payout-faq.html\""))
        #expect(overview.contains("Payout FAQ"))
        #expect(overview.contains("href=\"billing-faq.html\""))
        #expect(overview.contains("Billing questions"))
        let page = try temporary.read("en-US/payout-faq.html")
        #expect(page.contains("application/ld+json"))
        #expect(page.contains("hreflang=\"es-ES\" href=\"https://docs.example.com/es-ES/payout-faq.html\""))
        #expect(try temporary.read("es-ES/payout-faq.html").contains("¿Qué es un reembolso?"))
        // A locale with neither form shows the source's page as a fallback.
        let index = try temporary.read("en-US/search-index.json")
        #expect(index.contains("reimbursement"))
        let site = temporary.site()
        let documents = site.content.sortedArticles(in: "en-US").map { SearchIndex.document(for: $0, url: $0.path).tokenized() }
        if nodeIsAvailable {
            let ranked = try SearchRankingTests.rank(SearchIndex(locale: "en-US", documents: documents), ["reimbursement"])
            #expect(ranked.first?.titles == ["Payout FAQ"])
        }
    }

    @Test("partner-center: FAQ pages are articles in every locale, paired with Markdown translations, in the sidebar, search and JSON",
          .enabled(if: FileSystem.isDirectory(corpusRoot + "/partner-center"), "../shared/corpus/partner-center is absent; corpus part skipped"))
    func partnerCenter() throws {
        let site = SiteContent.load(Configuration(contentRoot: corpusRoot + "/partner-center", sourceLocale: "es-ES"))
        let content = site.content
        let faqArticles = content.sortedArticles(in: "es-ES").filter { $0.faq != nil }
        #expect(faqArticles.count == 9)
        let payout = try #require(content.article("partner-center/payout-faq.md", in: "es-ES"))
        let question = try #require(payout.faq?.sections.first?.questions.first)
        #expect(payout.sections.contains { $0.line == question.line && $0.title == question.question })
        // ja-JP has payout-faq as Markdown: a translation of the YAML page, not a missing one.
        #expect(content.article("partner-center/payout-faq.md", in: "ja-JP")?.faq == nil)
        #expect(!content.missing(in: "ja-JP").contains("partner-center/payout-faq.md"))
        #expect(!content.orphans(in: "ja-JP").contains("partner-center/payout-faq.md"))
        // The sidebar links every FAQ page TOC.yml names by its `.yml`.
        let builder = try SiteBuilder(site: site, statuses: [:], theme: .builtIn)
        let navigation = builder.makeLocaleContext("es-ES").navigation
        let sidebar = String(decoding: navigation.htmlUTF8(currentPath: "partner-center/overview.md", pageDirectory: "partner-center"), as: UTF8.self)
        // Under the name TOC.yml gives it, as every entry with a name.
        #expect(sidebar.contains("partner-center/payout-faq.html\">Preguntas más frecuentes sobre perfiles fiscales y pagos</a>"))
        #expect(sidebar.contains("partner-center/benefits-faq.html\""))
        // Search reads the questions.
        let document = SearchIndex.document(for: payout, url: "partner-center/payout-faq.html")
        #expect(document.text.contains { $0.contains(question.question) })
        // Every FAQ article's JSON validates.
        guard SchemaValidator.isAvailable else { return }
        let statuses = ArticleStatus.statuses(content: content, diagnostics: [])
        let folder = NSTemporaryDirectory() + "concord-faq-json-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var files: [String] = [], bundles: [String] = []
        for (path, bytes) in try SiteDataWriter.encodedFiles(content: content, statuses: statuses)
        where path.hasPrefix("bundles/") || faqArticles.contains(where: { path.hasSuffix(SitePaths.json(locale: "", path: $0.path)) }) {
            let file = folder + "/" + path.replacingOccurrences(of: "/", with: "_")
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            if path.hasPrefix("bundles/") { bundles.append(file) } else { files.append(file) }
        }
        #expect(files.count == 9 * 6)
        #expect(try SchemaValidator.validate(files, against: repositoryRoot + "/schemas/article.schema.json").map(\.description) == [])
        #expect(try SchemaValidator.validate(bundles, against: repositoryRoot + "/schemas/bundle.schema.json").map(\.description) == [])
    }
}
