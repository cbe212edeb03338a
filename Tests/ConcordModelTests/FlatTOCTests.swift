import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordModel

/// The fast `toc.yml` reader either gives exactly what Yams gives, or leaves the file to Yams.
@Suite("toc.yml without Yams: the same entries, or none")
struct FlatTOCTests {
    /// What Yams makes of `text`, or `nil` where it rejects it.
    func yams(_ text: String) -> [TOCEntry]? {
        try? TOCEntry.entriesWithYams(text)
    }

    @Test("Tables of contents as they are written are read, as Yams reads them")
    func commonFiles() throws {
        let files = [
            // Indentless nested lists, a nested toc, extra keys, a URL with colons.
            "- name: Overview\n  href: overview.md\n- name: Install\n  expanded: true\n  items:\n  - name: On Windows\n    href: install/windows.md\n  - href: install/linux.md\n- name: Reference\n  href: reference/toc.yml\n- name: External\n  href: https://example.com/docs?a=b#c\n",
            // A top-level mapping, indented nested lists, extra spaces after the dash and the colon.
            "items:\n  -   name:    Cmdlets\n      href: cmdlets.md\n      items:\n        - name: Get-Item\n          uid: x.y\n",
            // Quoted keys and values, quotes inside, values that look like other types, accents and CJK.
            "- \"name\": \"Say \\u0022hi\\\" \\x41\\_\\U0001F600 \\\\ \\/\"\n  'href': 'it''s.md'\n",
            "- name: 'it''s'\n  href: \"a b.md\"\n- name: 2024\n- name: true\n- name: null\n- name: Étape\u{A0}1 — 日本語\n- displayName: Shown\n  topicHref: a.md\n",
            // Comment lines and blank lines anywhere; a colon not followed by a space.
            "# Table of contents\n\n- name: A:B\n  # a comment\n  href: a.md\n\n- name: C\n",
            // Empty quoted values, and a value with brackets inside.
            "- name: ''\n  href: \"\"\n- name: Array [x] {y}, z\n",
        ]
        for text in files {
            let reference = yams(text)
            let fast = FlatTOC.entries(text)
            #expect(fast != nil, "\(text.debugDescription) should be read without Yams")
            #expect(fast == reference, "\(text.debugDescription)")
        }
    }

    @Test("Anything beyond the subset goes to Yams", arguments: [
        "- name: A # a comment after a value\n",
        "- name: [A, B]\n",
        "- name: &anchor A\n- name: *anchor\n",
        "- name: !tag A\n",
        "- name: |\n    block\n",
        "- name: >\n    folded\n",
        "- name: A\n\thref: a.md\n",
        "- name: A\r\n  href: a.md\r\n",
        "- name: A\n  name: B\n",
        "- name: first line\n    continued\n",
        "---\n- name: A\n",
        "- name: A\n...\n",
        "%YAML 1.1\n---\n- name: A\n",
        "- name: \"a\\qb\"\n",
        "- name: \"\\uD800\"\n",
        "- name: \"\\x4\"\n",
        "- name: \"ends in a backslash\\\"\n",
        "- just a string\n",
        "- name: a: b\n",
        "- name: ends with a colon:\n",
        "- name:\n  href: a.md\n",
        "- name: A\n  meta:\n    x: y\n",
        "items: []\n",
        "- name: 'unclosed\n",
        "- name: \u{FEFF}A\n",
        "- name: A\u{2028}B\n",
        "  - name: indented at the top\n",
        "",
    ])
    func outsideTheSubset(text: String) {
        #expect(FlatTOC.entries(text) == nil)
    }

    @Test("Deeply nested lists go to Yams, which keeps 32 levels")
    func depth() {
        func nested(_ levels: Int) -> String {
            (0..<levels).map { level in String(repeating: "  ", count: level) + "- name: L\(level)\n" + String(repeating: "  ", count: level) + "  items:\n" }.joined()
                + String(repeating: "  ", count: levels) + "- name: leaf\n"
        }
        #expect(FlatTOC.entries(nested(10)) == yams(nested(10)))
        #expect(FlatTOC.entries(nested(40)) == nil)
        var entries = yams(nested(40)) ?? []
        var levels = 0
        while let first = entries.first { levels += 1; entries = first.items ?? [] }
        #expect(levels == TOCEntry.maximumLevels)
    }

    @Test("Random tables of contents: whatever the fast reader reads, Yams reads the same")
    func randomFiles() {
        let keys = ["name", "href", "name", "href", "displayName", "topicHref", "items", "expanded", "\"name\"", "'href'", "uid", "name "]
        let plain = ["Overview", "a.md", "https://example.com/x", "'quoted'", "\"double\"", "it's", "'it''s'", "a:b", "Étape", "日本語", "true", "null"]
        let tricky = [
            "a: b", "#hash", "x #y", "[flow]", "- dash", "~", "", "  spaced  ", "'", "\"", "a\\b", "@at", "`tick`", "?q", ":c", "{x}", "&a",
            "*a", "!t", "|", ">", "%p", "\"a\\_b\"", "\"\\x41\\t\"", "\"\\uD800\"", "\"\\q\"", "\"\\U0001F600\"", "\"a\\\"b\"",
        ]
        var generator = SeededRandom()
        func value() -> String {
            Int.random(in: 0..<10, using: &generator) < 8 ? plain.randomElement(using: &generator)! : tricky.randomElement(using: &generator)!
        }
        var readFast = 0
        for _ in 0..<3_000 {
            var text = ""
            var depth = 0
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let indent = String(repeating: "  ", count: depth)
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<5:
                    text += indent + "- " + keys.randomElement(using: &generator)! + ": " + value() + "\n"
                case 5..<8:
                    text += indent + "  " + keys.randomElement(using: &generator)! + ": " + value() + "\n"
                case 8:
                    text += indent + "  items:\n"
                    if Bool.random(using: &generator) { depth += 1 }
                default:
                    if Bool.random(using: &generator) { text += "\n" } else { text += indent + "# note\n" }
                    depth = max(0, depth - 1)
                }
            }
            guard let fast = FlatTOC.entries(text) else { continue }
            readFast += 1
            #expect(fast == yams(text), "\(text.debugDescription)")
        }
        #expect(readFast > 300, "the generator should give the fast reader work")
    }

    @Test("Every toc.yml of the corpus is read without Yams, as Yams reads it",
          .enabled(if: Fixtures.corpusIsAvailable, "shared/corpus is not beside the repository; corpus toc.yml files skipped"))
    func corpusFiles() throws {
        let files = FileSystem.files(under: Fixtures.corpus).filter { $0.lowercased().hasSuffix("toc.yml") }
        #expect(!files.isEmpty)
        for file in files {
            let text = String(decoding: try FileSystem.read(Fixtures.corpus + "/" + file), as: UTF8.self)
            let fast = FlatTOC.entries(text)
            #expect(fast != nil, "\(file) should be read without Yams")
            #expect(fast == yams(text), "\(file)")
        }
    }
}
