import ConcordModel
import Foundation
import ConcordTestSupport
import Testing
@testable import ConcordExport

/// Every file the export writes from `content/` validates against the published schemas, and a
/// broken file does not (so these tests can fail).
@Suite("Schema validation", .enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableMessage))
struct SchemaValidationTests {
    static func schema(_ name: String) -> String { Fixtures.schemas + "/\(name).schema.json" }

    /// Writes the sample site and sorts its files by the schema they must match.
    static func writeSample(to folder: String) throws -> (articles: [String], bundles: [String], manifest: String) {
        let (content, statuses) = try Fixtures.sample()
        let written = try SiteDataWriter.write(content: content, statuses: statuses, to: folder).map { folder + "/" + $0 }
        let bundles = written.filter { $0.contains("/bundles/") }
        let manifest = folder + "/manifest.json"
        let articles = written.filter { !bundles.contains($0) && $0 != manifest }
        return (articles, bundles, manifest)
    }

    @Test func everyFileFromTheSampleContentValidates() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try Self.writeSample(to: folder)
        #expect(files.articles.count == 45)
        #expect(files.bundles.count == 5)

        #expect(try SchemaValidator.validate(files.articles, against: Self.schema("article")).map(\.description) == [])
        #expect(try SchemaValidator.validate(files.bundles, against: Self.schema("bundle")).map(\.description) == [])
        #expect(try SchemaValidator.validate([files.manifest], against: Self.schema("manifest")).map(\.description) == [])
    }

    @Test func zonePivotGroupsValidate() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var article = try #require(ArticleLoader.load(
            markdown: "---\nzone_pivot_groups: platform\n---\n# A\n\n::: zone pivot=\"windows\"\nText.\n::: zone-end\n",
            path: "a.md", locale: "en-US", file: "/content/en-US/a.md").article)
        article.zonePivotGroups = [ZonePivotGroup(id: "platform", title: "Platform", prompt: "Choose a platform", pivots: [ZonePivot(id: "windows", title: "Windows")])]
        let content = ContentSet(configuration: Configuration(contentRoot: "/content", sourceLocale: "en-US", locales: ["en-US"]), articles: [article])
        let written = try SiteDataWriter.write(content: content, statuses: [:], to: folder)
        let articles = written.filter { !$0.hasPrefix("bundles/") && $0 != "manifest.json" }.map { folder + "/" + $0 }
        #expect(try String(contentsOfFile: articles[0], encoding: .utf8).contains("\"zonePivotGroups\""))
        #expect(try SchemaValidator.validate(articles, against: Self.schema("article")).map(\.description) == [])
    }

    @Test func stepExportValidatesInJSONAndNDJSON() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (content, _) = try Fixtures.sample()
        let substeps = try Fixtures.content(["en-US": ["a.md": "# A\n\n**Do**\n\n1. One **A**.\n   1. [Sub](b.md).\n2. Two.\n"]])
        let records = try StepExport.records(content: content) + StepExport.records(content: substeps)
        #expect(records.contains { $0.parent != nil })
        try FileSystem.writeAtomically(try StepExport.render(records, as: .json), to: folder + "/steps.json")
        try FileSystem.writeAtomically(try StepExport.render(records, as: .ndjson), to: folder + "/steps.ndjson")

        #expect(try SchemaValidator.validate([folder + "/steps.json"], against: Self.schema("steps")).map(\.description) == [])
        #expect(try SchemaValidator.validate([folder + "/steps.ndjson"], against: Self.schema("steps"), definition: "step", lines: true).map(\.description) == [])
    }

    @Test func fallbackAndRightToLeftOutputValidates() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let content = try Fixtures.content([
            "en-US": ["a.md": "---\ndescription: A.\nms.custom: [x, y]\n---\n# A\n\n> [!NOTE]\n> Note.\n\n| h |\n|---|\n| c |\n\n```sh\nls\n```\n", "b/c.md": "Intro without heading; see [A](../a.md#a) and [mail](mailto:x@example.org).\n"],
            "he-IL": ["a.md": "# א\n"],
        ], baseURL: "")
        let written = try SiteDataWriter.write(content: content, statuses: ["he-IL": ["a.md": .stale]], to: folder)
        #expect(written.contains("he-IL/b/c.json"))
        let path = { (name: String) in folder + "/" + name }
        #expect(try SchemaValidator.validate(written.filter { !$0.hasPrefix("bundles/") && $0 != "manifest.json" }.map(path), against: Self.schema("article")).map(\.description) == [])
        #expect(try SchemaValidator.validate(written.filter { $0.hasPrefix("bundles/") }.map(path), against: Self.schema("bundle")).map(\.description) == [])
        #expect(try SchemaValidator.validate([path("manifest.json")], against: Self.schema("manifest")).map(\.description) == [])
    }

    @Test("Cross references validate: @uid as a shorthand link, and a step's xref link has the page's url")
    func crossReferencesValidate() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let content = try Fixtures.content([
            "en-US": [
                "a.md": "---\nuid: a.page\n---\n# A\n",
                "b.md": "# B\n\nSee @a.page and <xref:missing.uid>.\n\n**Do**\n\n1. Open [A](xref:a.page?displayProperty=fullName#top).\n2. Done.\n",
            ],
        ])
        let written = try SiteDataWriter.write(content: content, statuses: [:], to: folder)
        let article = try Fixtures.json(folder + "/en-US/b.json")
        let articleLinks = try #require(article["links"] as? [[String: Any]])
        #expect(articleLinks.map { "\($0["kind"] ?? "") \($0["destination"] ?? "")" } == [
            "shorthand xref:a.page", "autolink xref:missing.uid", "inline xref:a.page?displayProperty=fullName#top",
        ])
        // The step's link in the bundle: the page of the uid, the fragment kept, the query not.
        func links(in value: Any) -> [[String: Any]] {
            if let object = value as? [String: Any] {
                return (object["destination"] != nil ? [object] : []) + object.values.flatMap { links(in: $0) }
            }
            return (value as? [Any])?.flatMap { links(in: $0) } ?? []
        }
        let bundle = try Fixtures.json(folder + "/" + written.first { $0.hasPrefix("bundles/") }!)
        let step = try #require(links(in: bundle).first { ($0["destination"] as? String)?.hasPrefix("xref:") == true })
        #expect(step["url"] as? String == "https://help.example.com/en-US/a.html#top")
        #expect(step["article"] as? String == "a.md")
        let path = { (name: String) in folder + "/" + name }
        #expect(try SchemaValidator.validate(written.filter { !$0.hasPrefix("bundles/") && $0 != "manifest.json" }.map(path), against: Self.schema("article")).map(\.description) == [])
        #expect(try SchemaValidator.validate(written.filter { $0.hasPrefix("bundles/") }.map(path), against: Self.schema("bundle")).map(\.description) == [])
    }

    @Test func manifestWithRedirectsAndFAQPagesValidates() throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let redirects = #"{"redirections": [{"source_path": "old.md", "redirect_url": "/docs/a", "redirect_document_id": "TRUE"}]}"#
        let faq = "### YamlMime:FAQ\ntitle: Q\nsections:\n- name: S\n  questions:\n  - question: Why?\n    answer: Because.\n"
        let root = folder + "/content"
        try FileSystem.createDirectories(root + "/en-US")
        for (name, text) in ["a.md": "# A\n", ".openpublishing.redirection.json": redirects, "q.yml": faq] {
            try FileSystem.writeAtomically(Array(text.utf8), to: root + "/en-US/" + name)
        }
        let content = ContentSet.load(Configuration(contentRoot: root, sourceLocale: "en-US"))
        _ = try SiteDataWriter.write(content: content, statuses: [:], to: folder + "/out")
        let manifest = try Fixtures.json(folder + "/out/manifest.json")
        #expect((manifest["redirects"] as? [[String: Any]])?.first?["redirectDocumentID"] as? Bool == true)
        #expect((manifest["faqPages"] as? [[String: Any]])?.first?["page"] as? String == "en-US/q.html")
        #expect(try SchemaValidator.validate([folder + "/out/manifest.json"], against: Self.schema("manifest")).map(\.description) == [])
    }

    /// Each broken copy must be rejected, or the tests above prove nothing.
    @Test("a broken document fails validation", arguments: [
        ("bundle", "drop schemaVersion"),
        ("bundle", "unknown status"),
        ("bundle", "extra key in a step"),
        ("bundle", "step number as a string"),
        ("manifest", "locale without dir"),
        ("manifest", "bad schemaVersion"),
        ("article", "extra top-level key"),
        ("article", "heading level 7"),
    ])
    func brokenDocumentFails(schema: String, breakage: String) throws {
        let folder = try Fixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try Self.writeSample(to: folder)
        let file: String
        switch schema {
        case "bundle": file = files.bundles.first { $0.hasSuffix("es-ES.json") }!
        case "manifest": file = files.manifest
        default: file = files.articles.first { $0.hasSuffix("es-ES/customer-support.json") }!
        }
        var document = try Fixtures.json(file)
        func editSeed(_ edit: (inout [String: Any]) -> Void) {
            var articles = document["articles"] as! [[String: Any]]
            let index = articles.firstIndex { $0["path"] as? String == "customer-support.md" }!
            edit(&articles[index])
            document["articles"] = articles
        }
        func editFirstStep(_ edit: (inout [String: Any]) -> Void) {
            editSeed { entry in
                var procedures = entry["procedures"] as! [[String: Any]]
                var steps = procedures[0]["steps"] as! [[String: Any]]
                edit(&steps[0])
                procedures[0]["steps"] = steps
                entry["procedures"] = procedures
            }
        }
        switch breakage {
        case "drop schemaVersion": document["schemaVersion"] = nil
        case "unknown status": editSeed { $0["status"] = "outdated" }
        case "extra key in a step": editFirstStep { $0["color"] = "red" }
        case "step number as a string": editFirstStep { $0["number"] = "1" }
        case "locale without dir":
            var locales = document["locales"] as! [[String: Any]]
            locales[1]["dir"] = nil
            document["locales"] = locales
        case "bad schemaVersion": document["schemaVersion"] = "2.0.0"
        case "extra top-level key": document["generatedAt"] = "2026-01-01T00:00:00Z"
        case "heading level 7":
            var sections = document["sections"] as! [[String: Any]]
            sections[0]["level"] = 7
            document["sections"] = sections
        default: Issue.record("unknown breakage \(breakage)")
        }
        let broken = folder + "/broken.json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: broken))
        let failures = try SchemaValidator.validate([broken], against: Self.schema(schema))
        #expect(failures.count == 1, "\(breakage): the validator accepted a broken \(schema)")
    }

    @Test("every schema is valid against the 2020-12 meta-schema", arguments: ["article", "bundle", "manifest", "steps", "status"])
    func schemaIsValid(name: String) throws {
        // An empty file list still makes the validator check the schema itself.
        #expect(try SchemaValidator.validate([], against: Self.schema(name)).isEmpty)
    }
}
