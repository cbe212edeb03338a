import Testing
import Yams
@testable import ConcordModel

/// YAML errors become one-line findings placed in their file.
@Suite("YAML problems as findings")
struct YAMLProblemTests {
    func problem(_ yaml: String, firstLine: Int = 1) -> YAMLProblem {
        do {
            _ = try Yams.compose(yaml: yaml, .basic)
            Issue.record("expected \(yaml.debugDescription) to be rejected")
            return YAMLProblem(message: "", line: 0, column: 0)
        } catch {
            return YAMLProblem(error, in: yaml, firstLine: firstLine)
        }
    }

    @Test func aRepeatedKeyPointsAtTheRepeat() {
        #expect(problem("title: A\nms.date: 1\ntitle: B\n", firstLine: 2)
            == YAMLProblem(message: "the key 'title' is repeated (first on line 2)", line: 4, column: 1))
        // Quoted, spaced before the colon, inside a list item.
        #expect(problem("- name: One\n  href: a.md\n  \"name\" : Two\n")
            == YAMLProblem(message: "the key 'name' is repeated (first on line 1)", line: 3, column: 3))
        let two = problem("a: 1\nb: 2\na: 3\nb: 4\n")
        #expect(two.message == "the keys 'a', 'b' are repeated (the first of them on line 1)")
        #expect(two.line == 3)
    }

    @Test("A character YAML does not allow is placed at its line and column (UTF-8 bytes), not at the first line")
    func aRefusedCharacterPointsAtItself() {
        #expect(problem("title: ok\ndescription: é \u{7F}\n", firstLine: 2)
            == YAMLProblem(message: "control characters are not allowed", line: 3, column: 17))
    }

    @Test("Columns count UTF-8 bytes, as every column does, not characters")
    func columnsAreBytes() {
        #expect(problem("title: é: x\n", firstLine: 2) == YAMLProblem(message: "mapping values are not allowed in this context", line: 2, column: 10))
        let repeated = problem("- 名前: A\n  名前: B\n")
        #expect(repeated.line == 2)
        #expect(repeated.column == 3)
    }

    @Test("In a text with CRLF line ends (a toc.yml from Windows), columns of later lines count bytes too")
    func columnsAreBytesAfterCRLF() {
        #expect(problem("title: ok\r\ndescription: é: x\r\n")
            == YAMLProblem(message: "mapping values are not allowed in this context", line: 2, column: 16))
    }

    @Test("An alias is placed in UTF-8 bytes, as the problems Yams reports are")
    func aliasColumnsAreBytes() throws {
        let alias = try #require(YAMLText.aliasProblem(in: "a: &x 1\nb: [名前, *x]\n", firstLine: 2))
        #expect([alias.line, alias.column] == [3, 13])
    }

    @Test func syntaxErrorsKeepTheirPlaceAndContext() {
        let unclosed = problem("items:\n  - name: [bad\n", firstLine: 10)
        #expect(unclosed.message.hasPrefix("while parsing a flow sequence (line 11): "))
        #expect(unclosed.line >= 11)
        let tab = problem("a:\n\tb: 1\n")
        #expect(!tab.message.isEmpty && tab.line == 2)
    }

    @Test func messagesAreOneLine() {
        for yaml in ["a: 1\na: 2\n", "a: [\n", "- a\nb: c\n", "a: 'unterminated\n"] {
            #expect(!problem(yaml).message.contains("\n"), "\(yaml.debugDescription)")
        }
    }
}
