import Foundation
import Testing
@testable import ConcordModel

/// The zone pivot groups file: where it is found, what the model gets from it, and a finding with
/// file and line for each part that cannot be used.
@Suite struct ZonePivotGroupsTests {
    static let groups = """
        ### YamlMime:ZonePivotGroups
        groups:
        - id: platform
          title: Platform
          prompt: Choose a platform
          pivots:
          - id: windows
            title: Windows
          - id: linux
            title: Linux
        - id: language
          title: Language
          pivots:
          - id: csharp
            title: C#
        """

    static let article = "---\ntitle: A\nzone_pivot_groups: language, platform\n---\n# A\n"

    /// Loads `files` (paths under the content root) with `configure` applied.
    func load(_ files: [String: String], configure: (inout Configuration) -> Void = { _ in }) throws -> (ContentSet, String) {
        let root = NSTemporaryDirectory() + "concord-pivots-\(UUID().uuidString)"
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        var configuration = Configuration(contentRoot: root, sourceLocale: "en-US")
        configure(&configuration)
        return (ContentSet.load(configuration), root)
    }

    func findings(_ content: ContentSet, root: String) -> [String] {
        content.structureDiagnostics.filter { $0.rule == ZonePivotGroups.rule }.map {
            "\($0.location.file.dropFirst(root.count + 1)):\($0.location.line): \($0.message)"
        }
    }

    @Test func theArticleGetsItsGroupsWithTitlesInTheOrderNamed() throws {
        let (content, root) = try load(["en-US/zone-pivot-groups.yml": Self.groups, "en-US/a.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let groups = try #require(content.article("a.md", in: "en-US")?.zonePivotGroups)
        #expect(groups.map(\.id) == ["language", "platform"])
        #expect(groups[1].pivots == [ZonePivot(id: "windows", title: "Windows"), ZonePivot(id: "linux", title: "Linux")])
        #expect(groups[1].prompt == "Choose a platform" && groups[0].prompt == nil)
        let json = String(decoding: try content.article("a.md", in: "en-US")!.jsonData(), as: UTF8.self)
        #expect(json.contains("\"zonePivotGroups\" : [") && json.contains("\"title\" : \"C#\""))
        #expect(findings(content, root: root).isEmpty)
    }

    @Test func anArticleNamingNoGroupsHasNoneInItsJSON() throws {
        let (content, root) = try load(["en-US/zone-pivot-groups.yml": Self.groups, "en-US/b.md": "# B\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let article = try #require(content.article("b.md", in: "en-US"))
        #expect(article.zonePivotGroups == nil)
        #expect(!String(decoding: try article.jsonData(), as: UTF8.self).contains("zonePivotGroups"))
    }

    @Test func aTranslationUsesItsOwnFileElseTheSources() throws {
        let spanish = Self.groups.replacingOccurrences(of: "title: Platform", with: "title: Plataforma")
        let (content, root) = try load([
            "en-US/zone-pivot-groups.yml": Self.groups, "en-US/a.md": Self.article,
            "es-ES/zone-pivot-groups.yml": spanish, "es-ES/a.md": Self.article, "fr-FR/a.md": Self.article,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(content.article("a.md", in: "es-ES")?.zonePivotGroups?.last?.title == "Plataforma")
        #expect(content.article("a.md", in: "fr-FR")?.zonePivotGroups?.last?.title == "Platform")
    }

    @Test func thePathIsConfigurableAndAFileInTheContentRootIsShared() throws {
        let (content, root) = try load(["en-US/docs/pivots.yml": Self.groups, "en-US/a.md": Self.article]) {
            $0.zonePivotGroups = "docs/pivots.yml"
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(content.article("a.md", in: "en-US")?.zonePivotGroups?.count == 2)
        let (shared, sharedRoot) = try load(["zone-pivot-groups.yml": Self.groups, "en-US/a.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: sharedRoot) }
        #expect(shared.article("a.md", in: "en-US")?.zonePivotGroups?.count == 2)
    }

    @Test func concordYmlTakesARelativePathAndRefusesOneThatClimbsOut() throws {
        let folder = NSTemporaryDirectory() + "concord-pivots-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/content/en-US", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/concord.yml"
        try Data("sourceLocale: en-US\ncontent: content\nzonePivotGroups: docs/pivots.yml\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try Configuration.load(file: file).zonePivotGroups == "docs/pivots.yml")
        try Data("sourceLocale: en-US\ncontent: content\nzonePivotGroups: ../secret.yml\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect { try Configuration.load(file: file) } throws: { error in
            (error as? Configuration.Failure)?.description.contains(":3: 'zonePivotGroups': expected a path relative to each locale folder") == true
        }
    }

    @Test func aBadFileGetsFindingsWithItsLinesAndTheRestIsRead() throws {
        let bad = """
            groups:
            - title: No id
            - id: platform
              pivots:
              - id: windows
              - title: No id
              - id: Windows
            - id: PLATFORM
              pivots:
              - id: linux
            - id: empty
              pivots: []
            """
        let (content, root) = try load(["en-US/zone-pivot-groups.yml": bad, "en-US/a.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(findings(content, root: root) == [
            "en-US/zone-pivot-groups.yml:2: a group needs an 'id' and 'pivots'; skipped",
            "en-US/zone-pivot-groups.yml:6: a pivot of group 'platform' needs an 'id'; skipped",
            "en-US/zone-pivot-groups.yml:7: pivot 'Windows' is in group 'platform' twice; the second is skipped",
            "en-US/zone-pivot-groups.yml:8: group 'PLATFORM' is defined twice (first on line 3); this one is skipped",
            "en-US/zone-pivot-groups.yml:11: group 'empty' has no pivots; skipped",
        ])
        #expect(content.article("a.md", in: "en-US")?.zonePivotGroups?.map(\.id) == ["platform"])
        #expect(content.zonePivotGroups["en-US"]?.group("platform")?.pivots.first?.title == "windows", "a pivot without a title shows its id")
    }

    @Test func yamlThatIsNotAGroupsFileIsOneFinding() throws {
        let (broken, root) = try load(["en-US/zone-pivot-groups.yml": "groups:\n  - id: [unclosed\n", "en-US/a.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let found = findings(broken, root: root)
        #expect(found.count == 1 && found[0].hasPrefix("en-US/zone-pivot-groups.yml:") && found[0].contains("is not valid YAML"))
        let (other, otherRoot) = try load(["en-US/zone-pivot-groups.yml": "title: x\n", "en-US/a.md": Self.article])
        defer { try? FileManager.default.removeItem(atPath: otherRoot) }
        #expect(findings(other, root: otherRoot) == [
            "en-US/zone-pivot-groups.yml:1: not a zone pivot groups file: expected a mapping with a 'groups' list; not read"])
    }

    @Test func groupsAndPivotsAreLimited() throws {
        var many = "groups:\n- id: big\n  pivots:\n"
        for number in 0...ZonePivotGroups.maximumPivots { many += "  - id: p\(number)\n" }
        let (content, root) = try load(["en-US/zone-pivot-groups.yml": many, "en-US/a.md": "---\nzone_pivot_groups: big\n---\n# A\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(content.article("a.md", in: "en-US")?.zonePivotGroups?.first?.pivots.count == ZonePivotGroups.maximumPivots)
        #expect(findings(content, root: root) == [
            "en-US/zone-pivot-groups.yml:\(4 + ZonePivotGroups.maximumPivots): group 'big' has more than 100 pivots; the rest are not read"])
        let (large, largeRoot) = try load(["en-US/zone-pivot-groups.yml": String(repeating: "#\n", count: ZonePivotGroups.maximumBytes)])
        defer { try? FileManager.default.removeItem(atPath: largeRoot) }
        #expect(findings(large, root: largeRoot).first?.contains("over the limit of 1 MB; not read") == true)
    }

    @Test func monikerRangesHoldTheVersionsTheyName() {
        let newer = MonikerRange(">= ps-7.1")
        #expect(newer.contains("ps-7.1") && newer.contains("ps-7.10") && !newer.contains("ps-7.0") && !newer.contains("azure-1"))
        let between = MonikerRange(">=ps-5.1 <ps-7.2 || sql-2019")
        #expect(between.contains("ps-5.1") && between.contains("ps-7.1") && !between.contains("ps-7.2") && between.contains("sql-2019"))
        #expect(MonikerRange("PS-5.1").contains("ps-5.1"))
        #expect(MonikerRange.monikers(in: [newer, MonikerRange("<= ps-7.0"), MonikerRange("ps-10.0 || sql-2019")])
            == ["ps-10.0", "ps-7.1", "ps-7.0", "sql-2019"])
        #expect(MonikerRange(String(repeating: "a ", count: 1_000)).alternatives.joined().count == MonikerRange.maximumComparisons)
    }
}

/// The real corpus names no zone pivot groups and has no definitions file: loading it finds nothing new.
@Suite("Zone pivot groups in the corpus", .enabled(if: Fixtures.corpusIsAvailable, "needs ../shared/corpus beside the repository"))
struct ZonePivotGroupsCorpusTests {
    @Test func partnerCenterLoadsWithoutPivotFindings() {
        let content = ContentSet.load(Configuration(contentRoot: Fixtures.corpus + "/partner-center", sourceLocale: "es-ES"))
        #expect(content.locales.count == 6)
        #expect(content.zonePivotGroups.isEmpty)
        #expect(!content.structureDiagnostics.contains { $0.rule == ZonePivotGroups.rule })
        #expect(content.locales.allSatisfy { (content.articles[$0] ?? [:]).values.allSatisfy { $0.zonePivotGroups == nil } })
    }
}
