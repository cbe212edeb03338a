import ConcordBuild
import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordCLI

/// Tables of contents, includes and reserved paths are read while the content loads, so
/// `concord check` reports their problems as `concord build` does: the same rule, severity,
/// file, line, column and message, and each once.
@Suite("Navigation and include findings: check reports what build reports", .serialized)
struct StructureFindingsTests {
    /// A content tree in a temporary folder.
    struct Tree {
        let root: String
        var content: String { root + "/content" }
        var configuration: Configuration { Configuration(contentRoot: content, sourceLocale: "en-US") }

        init(_ files: [String: String]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-structure-\(UUID().uuidString)").path
            for (path, text) in files {
                let full = root + "/content/" + path
                try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: full))
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        /// What `concord check --format json` reports with `rule`, each as its one-line description.
        func checkCommand(_ rule: String) throws -> [String] {
            let report = root + "/check.json"
            _ = ConcordCommand.execute(["check", "--content", content, "--source-locale", "en-US", "--format", "json", "--output", report])
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
            let found = object?["diagnostics"] as? [[String: Any]] ?? []
            return found.filter { $0["rule"] as? String == rule }.map { item in
                Diagnostic(
                    rule: rule, severity: Severity(rawValue: item["severity"] as? String ?? "") ?? .note,
                    location: FileLocation(file: item["file"] as? String ?? "", line: item["line"] as? Int ?? 0, column: item["column"] as? Int ?? 0),
                    message: item["message"] as? String ?? "").description
            }
        }

        /// The findings with `rule` of the check engine (the library) and of a build, and of the
        /// command, after checking that all three agree.
        func findings(_ rule: String) throws -> [Diagnostic] {
            let checked = CheckEngine().run(ContentSet.load(configuration)).filter { $0.rule == rule }
            let built = try BuildAction(configuration: configuration, output: root + "/_site").run().diagnostics.filter { $0.rule == rule }
            #expect(built.map(\.description) == checked.map(\.description), "build and check report \(rule) alike")
            #expect(Set(built.map(\.description)).count == built.count, "build reports each \(rule) finding once")
            #expect(try checkCommand(rule) == checked.map(\.description), "concord check reports \(rule) as the engine does")
            return checked
        }
    }

    /// `file:line:col: warning: message [rule]` of the content root's `path`.
    static func line(_ tree: Tree, _ path: String, _ line: Int, _ column: Int, _ message: String, _ rule: String) -> String {
        "\(tree.content)/\(path):\(line):\(column): warning: \(message) [\(rule)]"
    }

    @Test func aTOCThatCannotBeReadIsReportedOnceThoughEveryLocaleFallsBackToIt() throws {
        let tree = try Tree([
            "en-US/toc.yml": "- &a {name: A, href: a.md}\n- name: B\n  items: [*a, *a]\n", "en-US/a.md": "# A\n", "es-ES/a.md": "# A\n",
        ])
        defer { tree.remove() }
        let found = try tree.findings("invalid-toc")
        #expect(found.map(\.description) == [Self.line(
            tree, "en-US/toc.yml", 3, 11, "table of contents cannot be read: YAML aliases are not allowed here ('*a' repeats the value marked '&a'); write the value out; its entries are left out of the navigation",
            "invalid-toc")])
        #expect(found.first?.locale == "en-US", "the file's locale, not the one that fell back to it")
    }

    @Test func aTOCThatLeadsBackToItselfIsReportedAtTheEntry() throws {
        let tree = try Tree(["en-US/toc.yml": "- name: A\n  href: a.md\n- name: Again\n  href: toc.yml\n", "en-US/a.md": "# A\n"])
        defer { tree.remove() }
        #expect(try tree.findings("toc-cycle").map(\.description) == [Self.line(
            tree, "en-US/toc.yml", 3, 3, "'toc.yml' leads back to a table of contents being read (toc.yml → toc.yml); not read again inside itself",
            "toc-cycle")])
    }

    @Test func aTOCWithTooManyEntriesIsReportedAtTheFirstLeftOut() throws {
        let entries = (0...TableOfContents.maximumEntries).map { "- name: E\($0)\n" }.joined()
        let tree = try Tree(["en-US/toc.yml": entries, "en-US/a.md": "# A\n"])
        defer { tree.remove() }
        #expect(try tree.findings("toc-too-large").map(\.description) == [Self.line(
            tree, "en-US/toc.yml", TableOfContents.maximumEntries + 1, 3,
            "the tables of contents of this locale have more than \(TableOfContents.maximumEntries) entries; the rest are left out of the navigation",
            "toc-too-large")])
    }

    @Test func anIncludeThatDoesNotExistIsReportedWhereItIsWritten() throws {
        let tree = try Tree([
            "en-US/guide/a.md": "# A\n\nText.\n\n[!INCLUDE [x](../includes/missing.md)]\n",
            // A translation's include of a file only the source has, which names a missing one:
            // the finding is the source file's, once, however many pages reach it.
            "en-US/includes/shared.md": "Shared.\n\n[!INCLUDE [gone](gone.md)]\n",
            "en-US/b.md": "# B\n\n[!INCLUDE [s](includes/shared.md)]\n",
            "es-ES/b.md": "# B\n\n[!INCLUDE [s](includes/shared.md)]\n",
        ])
        defer { tree.remove() }
        let found = try tree.findings("include-not-found")
        // From the Spanish page, the nested include was looked for in es-ES first: the message says so.
        #expect(found.map(\.description) == [
            Self.line(tree, "en-US/guide/a.md", 5, 11, "include '../includes/missing.md' not found in en-US or the source locale; not expanded", "include-not-found"),
            Self.line(tree, "en-US/includes/shared.md", 3, 11, "include 'gone.md' not found in en-US or the source locale; not expanded", "include-not-found"),
            Self.line(tree, "en-US/includes/shared.md", 3, 11, "include 'gone.md' not found in es-ES or the source locale; not expanded", "include-not-found"),
        ])
        #expect(found.map(\.locale) == ["en-US", "en-US", "en-US"], "each finding is its file's")
    }

    @Test func anIncludeOutsideTheContentIsReported() throws {
        let tree = try Tree(["en-US/a.md": "# A\n\nSee [!INCLUDE [x](../../../etc/passwd)] here.\n"])
        defer { tree.remove() }
        #expect(try tree.findings("include-outside-content").map(\.description) == [Self.line(
            tree, "en-US/a.md", 3, 15, "include '../../../etc/passwd' points outside the content folder; not expanded", "include-outside-content")])
    }

    @Test func includesThatIncludeEachOtherAreReportedWhereTheLoopCloses() throws {
        let tree = try Tree([
            "en-US/a.md": "# A\n\n> [!NOTE]\n> [!INCLUDE [loop](loop-a.md)]\n",
            "en-US/loop-a.md": "Loop A\n\n[!INCLUDE [b](loop-b.md)]\n",
            "en-US/loop-b.md": "Loop B\n\n[!INCLUDE [a](loop-a.md)]\n",
        ])
        defer { tree.remove() }
        // The included files are pages too: from loop-b.md's own page, the loop closes in loop-a.md.
        #expect(try tree.findings("include-cycle").map(\.description) == [
            Self.line(tree, "en-US/loop-a.md", 3, 11, "include 'loop-b.md' leads back to en-US/loop-b.md, which is being included here; not expanded", "include-cycle"),
            Self.line(tree, "en-US/loop-b.md", 3, 11, "include 'loop-a.md' leads back to en-US/loop-a.md, which is being included here; not expanded", "include-cycle"),
        ])
    }

    @Test func includesNestedTooDeeplyAreReported() throws {
        var files = ["en-US/a.md": "# A\n\n[!INCLUDE [0](i0.md)]\n"]
        for depth in 0..<10 { files["en-US/i\(depth).md"] = "Level \(depth)\n\n[!INCLUDE [next](i\(depth + 1).md)]\n" }
        files["en-US/i10.md"] = "Bottom\n"
        let tree = try Tree(files)
        defer { tree.remove() }
        // Each included file is a page too: from a.md the eighth level stops in i7.md, from i0.md in i8.md, from i1.md in i9.md.
        let deep = IncludeExpansion.maximumDepth
        #expect(try tree.findings("include-depth").map(\.description) == (7...9).map { level in
            Self.line(tree, "en-US/i\(level).md", 3, 11, "includes nest more than \(deep) deep at 'i\(level + 1).md'; not expanded", "include-depth")
        })
    }

    @Test func aPageOverTheIncludeLimitIsReportedWhereItStopped() throws {
        var files = ["en-US/a.md": "# A\n\n" + String(repeating: "[!INCLUDE [x](x.md)]\n\n", count: IncludeExpansion.maximumExpansions + 2)]
        files["en-US/x.md"] = "Included.\n"
        let tree = try Tree(files)
        defer { tree.remove() }
        let line = 3 + 2 * IncludeExpansion.maximumExpansions
        #expect(try tree.findings("include-limit").map(\.description) == [Self.line(
            tree, "en-US/a.md", line, 11,
            "this page expands more than \(IncludeExpansion.maximumExpansions) includes; 'x.md' and the includes after it are not expanded", "include-limit")])
    }

    @Test func anArticleOnTheSearchIndexPathIsReported() throws {
        let tree = try Tree(["en-US/search-index.md": "# Search index\n", "en-US/a.md": "# A\n"])
        defer { tree.remove() }
        #expect(try tree.findings("reserved-path").map(\.description) == [Self.line(
            tree, "en-US/search-index.md", 1, 1,
            "this article's JSON model would replace the search index of each locale (<locale>/search-index.json); it is not written: rename the article to publish its JSON",
            "reserved-path")])
    }

    @Test("An error-level setting makes check fail on the finding, as on any other")
    func exitStatus() throws {
        let tree = try Tree(["en-US/a.md": "# A\n\n[!INCLUDE [x](missing.md)]\n"])
        defer { tree.remove() }
        let arguments = ["check", "--content", tree.content, "--source-locale", "en-US", "--output", tree.root + "/out.txt"]
        // The missing include is a broken link (an error) too: turned off to see the include's own finding.
        try Data("sourceLocale: en-US\ncontent: content\nrules:\n  broken-link: off\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/concord.yml"))
        #expect(ConcordCommand.execute(["check", "--config", tree.root + "/concord.yml", "--output", tree.root + "/out.txt"]) == 0)
        #expect(ConcordCommand.execute(["check", "--config", tree.root + "/concord.yml", "--output", tree.root + "/out.txt", "--strict"]) == 1)
        try Data("sourceLocale: en-US\ncontent: content\nrules:\n  broken-link: off\n  include-not-found: error\n".utf8)
            .write(to: URL(fileURLWithPath: tree.root + "/concord.yml"))
        #expect(ConcordCommand.execute(["check", "--config", tree.root + "/concord.yml", "--output", tree.root + "/out.txt"]) == 1)
        #expect(try String(contentsOfFile: tree.root + "/out.txt", encoding: .utf8).contains(": error: include 'missing.md' not found"))
        #expect(ConcordCommand.execute(arguments) == 1, "a broken link is an error either way")
    }
}
