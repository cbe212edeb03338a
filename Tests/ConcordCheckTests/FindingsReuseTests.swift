import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("Findings of unchanged articles are reused, and only theirs")
struct FindingsReuseTests {
    /// A source and a translation of two articles, `guide.md` linking to `setup.md#install`.
    static let files: [String: String] = [
        "en-US/setup.md": "---\ntitle: Setup\n---\n# Setup\n\n## Install\n\nRun the 3 steps.\n",
        "en-US/guide.md": "---\ntitle: Guide\n---\n# Guide\n\nSee [installing](setup.md#install).\n",
        "fr-FR/setup.md": "---\ntitle: Installation\n---\n# Installation\n\n## Install\n\nFaites les 3 étapes.\n",
        "fr-FR/guide.md": "---\ntitle: Guide\n---\n# Guide\n\nVoir [l'installation](setup.md#install).\n",
    ]

    struct Project {
        let root: String

        init() throws {
            root = try LinkFixtures.temporaryFolder()
            for (path, text) in FindingsReuseTests.files { try LinkFixtures.write(text, to: path, in: root) }
        }

        /// Loaded as a build with a cache loads it: only such a load digests the files findings are keyed by.
        func load() -> ContentSet {
            ContentSet.loadWithDocuments(
                Configuration(contentRoot: root, sourceLocale: "en-US", locales: ["en-US", "fr-FR"]), recordingForCache: true).content
        }

        func write(_ path: String, _ text: String) throws { try LinkFixtures.write(text, to: path, in: root) }
    }

    /// A run that reuses `previous`, as a build does, with the content's shape as what all articles share.
    static func run(_ content: ContentSet, reusing previous: [String: FindingsReuse.Entry]) -> CheckEngine.Run {
        CheckEngine().run(content, reusing: FindingsReuse(previous: previous, shared: ContentShape.digest(of: content)))
    }

    @Test("an article whose file, source and surroundings are unchanged gets its recorded findings back without its rules running")
    func unchangedArticleReusesItsFindings() throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(atPath: project.root) }
        let first = Self.run(project.load(), reusing: [:])
        #expect(first.entries.count == 4)

        // A marker in the recorded findings of the French guide shows whether they were reused.
        var previous = first.entries
        let guide = project.root + "/fr-FR/guide.md"
        let marker = Diagnostic(rule: "marker", severity: .warning, locale: "fr-FR", location: FileLocation(file: guide, line: 1), message: "recorded")
        previous[guide]!.findings.append(marker)
        previous[project.root + "/fr-FR/setup.md"]!.findings.append(marker)
        // The French setup page changes: its recorded findings are not used, the guide's are.
        try project.write("fr-FR/setup.md", FindingsReuseTests.files["fr-FR/setup.md"]!.replacingOccurrences(of: "3 étapes", with: "4 étapes"))
        let second = Self.run(project.load(), reusing: previous)
        #expect(second.diagnostics.filter { $0.rule == "marker" }.map(\.location.file) == [guide])
        #expect(second.diagnostics.contains { $0.rule == "number-mismatch" && $0.location.file.hasSuffix("fr-FR/setup.md") })
    }

    @Test("a changed source re-checks its translations")
    func changedSourceRechecksTranslations() throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(atPath: project.root) }
        let first = Self.run(project.load(), reusing: [:])
        try project.write("en-US/setup.md", FindingsReuseTests.files["en-US/setup.md"]!.replacingOccurrences(of: "the 3 steps", with: "the 5 steps"))
        let second = Self.run(project.load(), reusing: first.entries)
        let fresh = CheckEngine().run(project.load())
        #expect(second.diagnostics == fresh)
        #expect(fresh.contains { $0.rule == "number-mismatch" && $0.location.file.hasSuffix("fr-FR/setup.md") })
    }

    @Test("an anchor that disappears from one article re-checks the links to it from the others")
    func changedAnchorRechecksLinks() throws {
        let project = try Project()
        defer { try? FileManager.default.removeItem(atPath: project.root) }
        let first = Self.run(project.load(), reusing: [:])
        #expect(!first.diagnostics.contains { $0.rule == "broken-anchor" })
        try project.write("en-US/setup.md", FindingsReuseTests.files["en-US/setup.md"]!.replacingOccurrences(of: "## Install", with: "## Installing"))
        let second = Self.run(project.load(), reusing: first.entries)
        #expect(second.diagnostics == CheckEngine().run(project.load()))
        #expect(second.diagnostics.contains { $0.rule == "broken-anchor" && $0.location.file.hasSuffix("en-US/guide.md") })
    }

    @Test("a rule that reads history runs every time: its findings are not recorded")
    func historyIsNotRecorded() {
        #expect(StaleTranslation().readsHistory)
        #expect(RuleRegistry.all.filter(\.readsHistory).map(\.id) == ["stale-translation"])
    }
}
