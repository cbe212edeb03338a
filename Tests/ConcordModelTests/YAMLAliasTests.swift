import Foundation
import ConcordTestSupport
import Testing
@testable import ConcordModel

/// YAML aliases (`*name`) in front matter are refused at their line: nine lines of nested
/// aliases stand for a billion values.
@Suite("YAML aliases")
struct YAMLAliasTests {
    @Test func anAliasInFrontMatterIsAnErrorAtItsLine() throws {
        let text = "---\ntitle: T\nbase: &b one\ncopy: *b\n---\n# Body\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "a.md", locale: "en-US", file: "content/en-US/a.md")
        #expect(result.diagnostics.map(\.description) == [
            "content/en-US/a.md:4:7: error: front matter is not valid YAML: YAML aliases are not allowed here ('*b' repeats the value marked '&b'); write the value out [invalid-front-matter]",
        ])
        #expect(result.article?.title == "Body", "the body still builds")
    }

    @Test func anAliasBombIsRefusedBeforeItIsExpanded() throws {
        // `a` holds 9 values, `b` 9 × `a`, … `i` 9⁹ (387 million): 600 bytes.
        var lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        let text = "---\ntitle: bomb\n" + lines.joined(separator: "\n") + "\n---\n# Bomb\n"
        let result = try #require(finished(within: 30) {
            ArticleLoader.load(bytes: Array(text.utf8), path: "b.md", locale: "en-US", file: "b.md")
        }, "loading must not expand the aliases")
        #expect(result.diagnostics.map(\.rule) == ["invalid-front-matter"])
        #expect(result.diagnostics.first?.location.line == 4, "the first alias is on the line of 'b'")
        #expect(result.article?.title == "Bomb")
    }

    @Test func anchorsWithoutAliasesAndStarsInTextAreFine() throws {
        let text = "---\ntitle: \"*Note* a * b\"\nlist: &l [a, b]\ndescription: 2 * 3 = 6\n---\n# Body\n"
        let result = ArticleLoader.load(bytes: Array(text.utf8), path: "c.md", locale: "en-US", file: "c.md")
        #expect(result.diagnostics.isEmpty)
        #expect(result.article?.metadata.title == "*Note* a * b")
        #expect(result.article?.metadata.description == "2 * 3 = 6")
    }

    @Test func theFirstAliasIsFoundWithItsName() {
        #expect(YAMLText.firstAlias(in: "a: &x 1\nb:\n  - *x\n")?.name == "x")
        #expect(YAMLText.firstAlias(in: "a: &x 1\nb:\n  - *x\n")?.line == 3)
        #expect(YAMLText.firstAlias(in: "a: 2 * 3\nb: '*x'\n") == nil)
    }
}
