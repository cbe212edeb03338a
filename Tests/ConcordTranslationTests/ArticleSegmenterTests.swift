@testable import ConcordTranslation
import Testing

/// Units and their structural ids, on small articles.
@Suite struct ArticleSegmenterTests {
    static let article = """
        ---
        title: Customer support
        description: How to get support.
        ms.topic: article
        ---
        # <a name="customer-support"></a>Customer support

        This article explains support.

        ## <a name="getting-support"></a>Getting support

        **To submit a request**

        1. From the dashboard, select **Support** &gt; **Requests**.
        2. Select **New request**.
           1. Fill out the form.
           2. Select **Submit**.
        3. Wait for an answer.

        | Plan | Hours |
        |------|-------|
        | Basic | 9 to 5 |

        > [!NOTE]
        > Support is in `English` only.

        ```powershell
        Get-Help
        ```

        - First item
        - Second item

        """

    private func units(_ markdown: String) -> [TranslationUnit] {
        ArticleSegmenter.segment(bytes: Array(markdown.utf8), path: "customer-support.md", locale: "en-US", file: "customer-support.md")?.units ?? []
    }

    @Test func everyTranslatableBlockIsAUnitWithAStructuralID() {
        let found = units(Self.article)
        #expect(found.map(\.id) == [
            "meta/title", "meta/description",
            "customer-support", "customer-support/p-1",
            "getting-support", "getting-support/p-1",
            "getting-support/procedure-1/step-1", "getting-support/procedure-1/step-2",
            "getting-support/procedure-1/step-2/step-1", "getting-support/procedure-1/step-2/step-2",
            "getting-support/procedure-1/step-3",
            "getting-support/table-1/r0c1", "getting-support/table-1/r0c2",
            "getting-support/table-1/r1c1", "getting-support/table-1/r1c2",
            "getting-support/alert-1/p-1",
            "getting-support/list-1/item-1", "getting-support/list-1/item-2",
        ])
        #expect(found.allSatisfy { !$0.isVerbatim })
        let step = found.first { $0.id == "getting-support/procedure-1/step-1" }
        #expect(step?.content.text == "From the dashboard, select Support  Requests.")
        #expect(step?.notes.contains("Step 1 of 3.") == true)
        #expect(step?.notes.contains { $0.hasPrefix("UI elements (bold): Support; Requests") } == true)
        #expect(found.first { $0.id == "getting-support/alert-1/p-1" }?.content.codes.map(\.kind) == [.marker, .code])
    }

    @Test func aParagraphAddedAboveRenumbersNothingElse() {
        let edited = Self.article.replacingOccurrences(of: "This article explains support.\n", with: "A new first paragraph.\n\nThis article explains support.\n")
        let before = Set(units(Self.article).map(\.id))
        let after = Set(units(edited).map(\.id))
        #expect(after.subtracting(before) == ["customer-support/p-2"])
        #expect(before.subtracting(after).isEmpty)
    }

    @Test func theSourcesOwnTextGivesBackItsMarkdown() throws {
        let bytes = Array(Self.article.utf8)
        let article = try #require(ArticleSegmenter.segment(bytes: bytes, path: "a.md", locale: "en-US", file: "a.md"))
        for unit in article.units {
            // A soft break reads as a space; the lines of a paragraph are joined.
            guard case .body(let span) = unit.place, !article.body[span].contains(0x0A) else { continue }
            #expect(String(decoding: article.body[span], as: UTF8.self) == unit.content.markdown)
        }
        #expect(article.head + article.body == bytes)
    }

    @Test func repeatedAnchorsGiveDistinctIDs() {
        let found = units("## <a name=\"x\"></a>One\n\nText.\n\n## <a name=\"x\"></a>Two\n\nMore text.\n")
        #expect(found.map(\.id) == ["x", "x/p-1", "x~2", "x~2/p-1"])
    }
}
