import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck

/// `unknown-pivot`: zones whose pivot no group of the article has, and groups the definitions
/// file does not define, each on its line.
@Suite struct UnknownPivotTests {
    static let groups = """
        groups:
        - id: platform
          title: Platform
          prompt: Choose a platform
          pivots:
          - id: windows
            title: Windows
          - id: linux
            title: Linux
        """

    /// The rule's findings on one article in en-US (with the groups file, unless `groups` is nil).
    func findings(_ markdown: String, groups: String? = Self.groups) throws -> [String] {
        let folder = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try LinkFixtures.write(markdown, to: "en-US/install.md", in: folder)
        if let groups { try LinkFixtures.write(groups, to: "en-US/zone-pivot-groups.yml", in: folder) }
        let content = ContentSet.load(Configuration(contentRoot: folder, sourceLocale: "en-US", locales: ["en-US"]))
        return CheckEngine(rules: [UnknownPivot()]).run(content).map {
            "\($0.location.file.dropFirst(folder.count + 1)):\($0.location.line): \($0.message)"
        }
    }

    @Test func pivotsOfTheGroupsAreFine() throws {
        let found = try findings("---\nzone_pivot_groups: platform\n---\n# A\n\n::: zone pivot=\"Windows, linux\"\nText.\n::: zone-end\n")
        #expect(found.isEmpty)
    }

    @Test func aPivotOutsideTheGroupsIsFoundOnTheZonesLine() throws {
        let found = try findings("---\nzone_pivot_groups: platform\n---\n# A\n\n::: zone pivot=\"windows,macos\"\nText.\n::: zone-end\n")
        #expect(found == ["en-US/install.md:6: pivot 'macos' is in none of the article's zone pivot groups (platform)"])
    }

    @Test func anUndefinedGroupIsFoundOnTheFrontMattersLine() throws {
        let found = try findings("---\ntitle: A\nzone_pivot_groups: platform, language\n---\n# A\n")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("en-US/install.md:3: zone_pivot_groups names 'language': ") == true)
        #expect(found.first?.hasSuffix("zone-pivot-groups.yml does not define it") == true)
    }

    @Test func withoutADefinitionsFileEveryGroupIsUnknown() throws {
        let found = try findings("---\nzone_pivot_groups: platform\n---\n# A\n\n::: zone pivot=\"windows\"\nText.\n::: zone-end\n", groups: nil)
        #expect(found == [
            "en-US/install.md:2: zone_pivot_groups names 'platform': no zone-pivot-groups.yml defines zone pivot groups for en-US",
            "en-US/install.md:6: pivot 'windows' is in none of the article's zone pivot groups (none defined)",
        ])
    }

    @Test func zonesWithoutGroupsAreReportedOnce() throws {
        let found = try findings("# A\n\n::: zone pivot=\"windows\"\nOne.\n::: zone-end\n\n::: zone pivot=\"linux\"\nTwo.\n::: zone-end\n")
        #expect(found == ["en-US/install.md:3: zone pivot=\"windows\" has no selector: the front matter names no zone_pivot_groups"])
    }

    @Test func aZoneForAnotherMediumIsNoChoice() throws {
        #expect(try findings("# A\n\n::: zone target=\"docs\"\nOnly on the web.\n::: zone-end\n").isEmpty)
    }

    @Test func theRuleIsRegisteredAndDocumented() {
        #expect(RuleRegistry.rule("unknown-pivot") != nil)
        #expect(RuleRegistry.anyRule("invalid-zone-pivot-groups") != nil)
    }
}
