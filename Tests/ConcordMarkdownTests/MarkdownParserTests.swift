import Testing
@testable import ConcordMarkdown

/// The cmark wrapper: a faithful flat tree with positions in original file lines.
@Suite("Markdown parser")
struct MarkdownParserTests {
    @Test func treeIsLinkedAndInDocumentOrder() {
        let document = MarkdownParser.parse("# Title\n\nSome *emphasis* and `code`.\n")
        #expect(document[0].kind == .document)
        let blocks = Array(document.children(of: 0))
        #expect(blocks.map { document[$0].kind } == [.heading, .paragraph])
        #expect(document[blocks[0]].headingLevel == 1)
        let inlines = Array(document.children(of: blocks[1])).map { document[$0].kind }
        #expect(inlines == [.text, .emphasis, .text, .code, .text])
        #expect(document.plainText(of: blocks[1]) == "Some emphasis and code.")
        #expect(document.descendants(of: 0).count == document.nodes.count - 1)
        for (index, node) in document.nodes.enumerated() where node.parent >= 0 {
            #expect(node.parent < index)
            #expect(document.descendants(of: node.parent).contains(index))
        }
    }

    @Test func positionsAreFileLines() {
        let text = SourceText(bytes: Array("para\n\n- item\n".utf8), firstLine: 11)
        let document = MarkdownParser.parse(text)
        let blocks = Array(document.children(of: 0))
        #expect(document[blocks[0]].range?.start == SourceLocation(line: 11, column: 1))
        #expect(document[blocks[1]].range?.start == SourceLocation(line: 13, column: 1))
        #expect(text.lineString(13) == "- item")
    }

    @Test func literalsAndDestinationsAreCopied() {
        let document = MarkdownParser.parse("[a](b.md \"t\") ![i](p.png)\n\n```ps1 x\ncode\n```\n\n<div>html</div>\n")
        func first(_ kind: MarkdownNode.Kind) -> Int { document.nodes.firstIndex { $0.kind == kind }! }
        #expect(document.destination(of: first(.link)) == "b.md")
        #expect(document.title(of: first(.link)) == "t")
        #expect(document.destination(of: first(.image)) == "p.png")
        #expect(document.title(of: first(.image)) == "")
        #expect(document.info(of: first(.codeBlock)) == "ps1 x")
        #expect(document.literal(of: first(.codeBlock)) == "code\n")
        #expect(document.literal(of: first(.htmlBlock)) == "<div>html</div>\n")
        #expect(document.plainText(of: 0) == "a i")
    }

    @Test func nonASCIILiteralsAndEntitiesSurviveTheStringBuffer() {
        let document = MarkdownParser.parse("Café &amp; 日本語 — `x&lt;y`\nnext line\n")
        let paragraph = document[0].firstChild
        #expect(document.plainText(of: paragraph) == "Café & 日本語 — x&lt;y next line")
        let code = document.nodes.firstIndex { $0.kind == .code }!
        #expect(document.literal(of: code) == "x&lt;y")
        #expect(document.literal(of: code, contains: UInt8(ascii: "<")) == false)
        #expect(document.literalFirstByte(of: code) == UInt8(ascii: "x"))
    }

    @Test func listDetails() {
        let document = MarkdownParser.parse("3. a\n4. b\n\n- x\n\n- y\n")
        let lists = document.nodes.filter { $0.kind == .list }.compactMap(\.list)
        #expect(lists == [
            MarkdownNode.ListInfo(ordered: true, start: 3, tight: true),
            MarkdownNode.ListInfo(ordered: false, start: 0, tight: false),
        ])
    }

    @Test func deepNestingConvertsIteratively() {
        let document = MarkdownParser.parse(String(repeating: "> ", count: 100_000) + "x\n")
        #expect(document.nodes.filter { $0.kind == .blockQuote }.count == 100_000)
    }

    @Test func emptyInput() {
        let document = MarkdownParser.parse("")
        #expect(document.nodes.count == 1)
        #expect(document[0].kind == .document)
    }
}

@Suite("Markdown input")
struct MarkdownInputTests {
    @Test func frontMatterIsSplitAndLinesKept() {
        let input = MarkdownInput(bytes: Array("---\ntitle: x\n---\n# H\n".utf8))
        #expect(input.frontMatter == "title: x\n")
        #expect(input.frontMatterFirstLine == 2)
        #expect(input.body.firstLine == 4)
        #expect(String(decoding: input.body.bytes, as: UTF8.self) == "# H\n")
        #expect(input.problems.isEmpty)
    }

    @Test func closingFenceMayBeDots() {
        let input = MarkdownInput(bytes: Array("---\na: 1\n...\nbody".utf8))
        #expect(input.frontMatter == "a: 1\n")
        #expect(input.body.firstLine == 4)
    }

    @Test func noFrontMatter() {
        let input = MarkdownInput(bytes: Array("# Just a body\n---\n".utf8))
        #expect(input.frontMatter == nil)
        #expect(input.body.firstLine == 1)
    }

    @Test func bomAndCRLF() {
        let input = MarkdownInput(bytes: [0xEF, 0xBB, 0xBF] + Array("---\r\na: 1\r\n---\r\nx\ry\r\n".utf8))
        #expect(input.frontMatter == "a: 1\n")
        #expect(String(decoding: input.body.bytes, as: UTF8.self) == "x\ny\n")
        #expect(input.body.firstLine == 4)
    }

    @Test func invalidUTF8Sequences() {
        #expect(MarkdownInput.firstInvalidUTF8(in: Array("héllo ✓ 𝄞".utf8)) == nil)
        #expect(MarkdownInput.firstInvalidUTF8(in: [0x61, 0x80]) == 1)
        #expect(MarkdownInput.firstInvalidUTF8(in: [0xC0, 0x80]) == 0, "overlong")
        #expect(MarkdownInput.firstInvalidUTF8(in: [0xED, 0xA0, 0x80]) == 0, "surrogate")
        #expect(MarkdownInput.firstInvalidUTF8(in: [0x61, 0xE2, 0x82]) == 1, "truncated")
        #expect(MarkdownInput.firstInvalidUTF8(in: [0xF4, 0x90, 0x80, 0x80]) == 0, "beyond U+10FFFF")
    }
}

@Suite("Pipe tables and HTML anchors")
struct ExtensionPassTests {
    @Test func tableCellsAndAlignment() throws {
        let table = try #require(PipeTable.recognize(lines: ["a | b", "--- | :-:", "1 | 2 | 3", "4"]))
        #expect(table.header.cells.map(\.markdown) == ["a", "b"])
        #expect(table.alignments == [.none, .center])
        #expect(table.rows.map { $0.cells.map(\.markdown) } == [["1", "2"], ["4", ""]])
        #expect(table.header.cells.map(\.offset) == [0, 4])
    }

    @Test func notATable() {
        #expect(PipeTable.recognize(lines: ["a | b", "just text"]) == nil)
        #expect(PipeTable.recognize(lines: ["a | b", "--- | --- | ---"]) == nil, "column counts differ")
        #expect(PipeTable.recognize(lines: ["Title", "-----"]) == nil)
    }

    @Test func anchors() {
        #expect(HTMLAnchors.anchors(in: #"<a name="x"></a>"#) == ["x"])
        #expect(HTMLAnchors.anchors(in: ##"<A ID='y' href="#">"##) == ["y"])
        #expect(HTMLAnchors.anchors(in: #"<a href="" id="billingdisputes"></a>"#) == ["billingdisputes"])
        #expect(HTMLAnchors.anchors(in: #"<abbr title="x">"#).isEmpty)
        #expect(HTMLAnchors.anchors(in: "<br>").isEmpty)
    }

    @Test("A node is 72 bytes and gives back every value it was given")
    func compactNodes() {
        #expect(MemoryLayout<MarkdownNode>.stride == 72)
        var node = MarkdownNode(kind: .heading, range: SourceRange(start: SourceLocation(line: 120_000, column: 3), end: SourceLocation(line: 120_001, column: 77)), parent: 5)
        node.firstChild = 6
        node.nextSibling = 40_000
        node.subtreeEnd = 9
        node.headingLevel = 6
        #expect(node.range == SourceRange(start: SourceLocation(line: 120_000, column: 3), end: SourceLocation(line: 120_001, column: 77)))
        #expect((node.parent, node.firstChild, node.nextSibling, node.subtreeEnd, node.headingLevel) == (5, 6, 40_000, 9, 6))
        #expect(node.list == nil)
        node.list = MarkdownNode.ListInfo(ordered: true, start: 999_999_999, tight: false)
        #expect(node.list == MarkdownNode.ListInfo(ordered: true, start: 999_999_999, tight: false))
        node.list = MarkdownNode.ListInfo(ordered: false, start: 0, tight: true)
        #expect(node.list == MarkdownNode.ListInfo(ordered: false, start: 0, tight: true))
        node.list = nil
        node.range = nil
        #expect(node.list == nil && node.range == nil)
        let root = MarkdownNode(kind: .document, range: nil, parent: -1)
        #expect((root.parent, root.firstChild, root.nextSibling, root.subtreeEnd) == (-1, -1, -1, 0))

        // Positions and spans of a parsed document, against what cmark reports.
        let document = MarkdownParser.parse("# Title\n\n1. [link](target.md \"Tip\")\n   ```ps1\n   Get-Item\n   ```\n")
        let link = document.nodes.firstIndex { $0.kind == .link }!
        #expect(document.destination(of: link) == "target.md" && document.title(of: link) == "Tip")
        #expect(document[link].literal.isEmpty && document[link].info.isEmpty)
        let code = document.nodes.firstIndex { $0.kind == .codeBlock }!
        #expect(document.info(of: code) == "ps1" && document.literal(of: code) == "Get-Item\n")
        #expect(document[code].range == SourceRange(start: SourceLocation(line: 4, column: 4), end: SourceLocation(line: 6, column: 6)))
        #expect(document[0].range?.start == SourceLocation(line: 1, column: 1))
    }
}
