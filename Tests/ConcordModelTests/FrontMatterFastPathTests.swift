import Testing
@testable import ConcordModel

/// The flat front-matter fast path takes only what Yams reads the same way: front matter that
/// is not valid YAML gets the diagnostic Yams gives, whichever reader looks at it first.
/// (Found by `scripts/fuzz`; the inputs are in `Tests/Fuzz/regressions/`.)
@Suite("Front matter fast path: what YAML refuses is refused")
struct FrontMatterFastPathTests {
    @Test("characters YAML does not allow, and line breaks it sees inside a line, are an invalid-front-matter error at that line",
          arguments: [
              "title: a\u{01}b", "title: a\u{7F}b", "title: \"a\u{1B}b\"", "title: a\u{85}b", "title: a\u{9F}b",
              "title: a\u{2028}b", "title: a\u{2029}b", "title: a\u{FFFF}b", "title: a\u{FFFE}b", "# a comment \u{08}",
          ])
    func controlCharacters(line: String) throws {
        let result = ArticleLoader.load(markdown: "---\nms.date: 01/02/2024\n\(line)\n---\n# Body\n", file: "a.md")
        let diagnostic = try #require(result.diagnostics.first, "\(line.debugDescription) was read as \(String(describing: result.article?.metadata.entries))")
        #expect(diagnostic.rule == "invalid-front-matter")
        #expect(diagnostic.location.line == 3)
        #expect(result.article?.title == "Body")
    }

    @Test("a dash, question mark or colon and a tab start a YAML structure, not a value", arguments: ["a: -\tb", "a: ?\tb", "a: :\tb"])
    func indicatorAndTab(line: String) throws {
        let result = ArticleLoader.load(markdown: "---\n\(line)\n---\n# Body\n", file: "a.md")
        #expect(result.diagnostics.map(\.rule) == ["invalid-front-matter"], "\(line.debugDescription)")
    }

    @Test("a line starting with a dash and a space is a list item, so the front matter is not a mapping")
    func listItemWithAColon() throws {
        let result = ArticleLoader.load(markdown: "---\n- a: b\n---\n# Body\n", file: "a.md")
        #expect(result.diagnostics.map(\.description) == ["a.md:2:1: error: front matter is not valid YAML: front matter is not a mapping of keys to values [invalid-front-matter]"])
        #expect(result.article?.metadata.entries.isEmpty == true)
    }

    @Test("a value that starts with U+FEFF is read without it, as Yams reads it", arguments: [
        "title: \u{FEFF}Title", "title: \"\u{FEFF}Title\"", "title: '\u{FEFF}Title'",
    ])
    func byteOrderMarkStartingAValue(line: String) throws {
        let result = ArticleLoader.load(markdown: "---\nms.date: 01/02/2024\n\(line)\n---\n# Body\n", file: "a.md")
        #expect(result.diagnostics.isEmpty)
        #expect(result.article?.metadata.title == "Title", "\(line.debugDescription)")
    }

    @Test("what the fast path takes it reads as Yams does, marks and non-Latin scripts included")
    func agreesOnText() throws {
        let yaml = "title: 客户支持 — é\u{301} \u{FEFF}x \u{10FFFF}\ndescription: \"tab\there\"\nms.author: -x\nkeywords: a:b\n"
        let flat = try #require(FlatFrontMatter.parse(yaml, firstLine: 2), "the fast path should take it")
        #expect(flat == (try MetadataParser.parseWithYams(yaml, firstLine: 2).get()))
    }
}
