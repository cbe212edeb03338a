import Foundation
import Testing
@testable import ConcordModel

/// An article shares its fields between copies until one changes: copies must still behave as
/// independent values, compare and hash by content, and encode as before.
@Suite("Article value semantics")
struct ArticleValueTests {
    @Test func aChangedCopyLeavesTheOriginalAlone() throws {
        let original = try Fixtures.article("# Title\n\nSee [x](x.md).\n\n## Next\n")
        var copy = original
        copy.locale = "fr-FR"
        var link = copy.links[0]
        link.destination = "y.md"
        copy.links.append(link)
        copy.sections[0].title = "Changed"
        #expect(original.locale == "en-US")
        #expect(original.links.map(\.destination) == ["x.md"])
        #expect(original.sections.map(\.title) == ["Title", "Next"])
        #expect(copy.locale == "fr-FR")
        #expect(copy.links.map(\.destination) == ["x.md", "y.md"])
        #expect(copy.sections.map(\.title) == ["Changed", "Next"])
        #expect(copy != original)
    }

    @Test func equalityAndHashingFollowEveryField() throws {
        let markdown = "# Title\n\n1. One\n2. Two\n\n> [!NOTE]\n> Mind.\n"
        let first = try Fixtures.article(markdown)
        let second = try Fixtures.article(markdown)
        #expect(first == second, "separately built, same content")
        #expect(first.hashValue == second.hashValue)
        #expect(Set([first, second]).count == 1)

        // Fields outside the JSON contract count too, as they did when they were stored properties.
        var differentText = second
        differentText.textBlocks[0].text = "Other"
        #expect(differentText != first)
        var differentMentions = second
        differentMentions.anchorMentions.append(AnchorMention(name: "x", line: 1))
        #expect(differentMentions != first)
    }

    @Test func codableRoundTripKeepsTheContract() throws {
        let article = try Fixtures.article("# Title\n\nSee [x](x.md).\n\n```powershell\nGet-Item\n```\n")
        let data = try JSONEncoder().encode(article)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == [
            "alerts", "appliesTo", "categories", "codeBlocks", "extraAnchors", "file", "images", "includes", "links",
            "locale", "metadata", "path", "procedures", "protectedTerms", "referenceDefinitions", "relatedLinks", "sections",
            "snippets", "tabGroups", "tables", "title", "typedBlocks", "unknownExtensions", "unresolvedReferences", "zones",
        ])
        var decoded = try JSONDecoder().decode(Article.self, from: data)
        #expect(decoded.textBlocks.isEmpty && decoded.anchorMentions.isEmpty, "not part of the JSON contract")
        decoded.textBlocks = article.textBlocks
        decoded.anchorMentions = article.anchorMentions
        #expect(decoded == article)
    }
}
