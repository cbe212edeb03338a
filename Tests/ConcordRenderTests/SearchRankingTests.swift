import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// The order search.js lists results in, run in node on indexes Concord writes.
@Suite("Search ranking: exact titles first, stable ties, a word when capped", .enabled(if: nodeIsAvailable, "node is not installed; search ranking tests skipped"))
struct SearchRankingTests {
    /// The titles search.js lists for each query, and how many matched in all.
    static func rank(_ index: SearchIndex, _ queries: [String], lang: String = "en-US") throws -> [(titles: [String], total: Int)] {
        let indexFile = NSTemporaryDirectory() + "concord-search-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: indexFile) }
        try Data(index.jsonUTF8()).write(to: URL(fileURLWithPath: indexFile))
        let script = repositoryRoot + "/templates/assets/search.js"
        let input = String(decoding: try JSONSerialization.data(withJSONObject: queries), as: UTF8.self)
        let program = """
            const s = require(\(HTMLEscaping.jsonString(script)));
            const index = JSON.parse(require("fs").readFileSync(\(HTMLEscaping.jsonString(indexFile)), "utf8"));
            console.log(JSON.stringify(\(input).map(q => { const r = s.search(index, q, \(HTMLEscaping.jsonString(lang))); return { titles: r.results.map(x => x.doc.t), total: r.total }; })));
            """
        let run = runTool("node", ["-e", program])
        #expect(run.status == 0, "\(run.output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] ?? []
        return decoded.map { ($0["titles"] as? [String] ?? [], $0["total"] as? Int ?? -1) }
    }

    static func document(_ title: String, _ body: String = "") -> SearchIndex.Document {
        SearchIndex.Document(url: title.lowercased() + ".html", title: title, headings: [], excerpt: body, text: [title, body])
    }

    @Test("An exact title comes first, then titles holding every word, then the rest; case never decides")
    func tiers() throws {
        let index = SearchIndex(locale: "en-US", documents: [
            Self.document("Get-PSHostProcessInfo", "Gets process information for the PowerShell host process."),
            Self.document("about_Processes", "How Get-Process lists a process."),
            Self.document("Get-Process", "Gets the processes that are running."),
            Self.document("Stop-Process", "Stops a process; see Get-Process."),
            Self.document("get-process-examples", "More Get-Process examples."),
            Self.document("Debug-Process", "Debugs a process. Get a process with Get-Process."),
        ].map { $0.tokenized() })
        let ranked = try Self.rank(index, ["Get-Process", "get process", "get-proc"])
        #expect(ranked[0].titles.first == "Get-Process", "\(ranked[0].titles)")
        #expect(ranked[1].titles.first == "Get-Process")
        // Titles holding both words come before those that hold them only in their text.
        let second = ranked[0].titles.firstIndex(of: "get-process-examples") ?? 99
        #expect(second == 1, "\(ranked[0].titles)")
        #expect(ranked[2].titles.prefix(2) == ["Get-Process", "get-process-examples"], "\(ranked[2].titles)")
        // Ties go by title whatever its case: "about_Processes" is not put after every capital.
        let index2 = SearchIndex(locale: "en-US", documents: ["Zeta process", "alpha process", "Beta process"].map { Self.document($0).tokenized() })
        #expect(try Self.rank(index2, ["process"])[0].titles == ["alpha process", "Beta process", "Zeta process"])
    }

    @Test("Results are capped at 50, and the total says there were more")
    func capped() throws {
        let index = SearchIndex(locale: "en-US", documents: (1...70).map { Self.document("Article \($0)", "about billing").tokenized() })
        let ranked = try Self.rank(index, ["billing"])
        #expect(ranked[0].titles.count == 50 && ranked[0].total == 70)
        // Numbers in titles sort as numbers.
        #expect(ranked[0].titles.prefix(3) == ["Article 1", "Article 2", "Article 3"])
    }

    @Test("On the PowerShell corpus, each cmdlet's own page is the first result for its name", .enabled(if: corpusIsPresent, "shared/corpus/powershell is absent; corpus part skipped"))
    func corpusCmdlets() throws {
        let content = CorpusTests.site.content
        let documents = content.sortedArticles(in: "en-US").map { SearchIndex.document(for: $0, url: $0.path).tokenized() }
        let index = SearchIndex(locale: "en-US", documents: documents)
        let names = ["Get-Process", "Get-Item", "Invoke-Command", "Set-Location", "Get-Content", "Start-Job"]
        let ranked = try Self.rank(index, names)
        for (name, result) in zip(names, ranked) {
            #expect(result.titles.first == name, "\(name): \(result.titles.prefix(3))")
        }
    }
}
