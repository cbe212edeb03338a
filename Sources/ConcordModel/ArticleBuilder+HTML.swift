import ConcordMarkdown

/// Raw HTML blocks in the model: what ``HTMLBlockReader`` reads in them becomes text blocks,
/// links, images and tables of the section they are in, so that the checks that compare those
/// (numbers, links, images, table shape) see what older articles keep in HTML tables.
extension ArticleBuilder {
    /// Reads the HTML blocks that start at `index`, when it is the first of a run of them: a
    /// table with a blank line inside (`<li>…</li>` then a blank line) is several blocks to
    /// cmark, read here as one piece of HTML, each block on its own lines.
    mutating func htmlBlock(_ index: Int) {
        let previous = previousSibling[index]
        guard previous < 0 || document[previous].kind != .htmlBlock,
              let firstLine = document[index].start?.line else { return }
        var html: [UInt8] = []
        var line = firstLine
        var lastLine = firstLine
        var block = index
        while block >= 0, document[block].kind == .htmlBlock {
            if let start = document[block].start?.line, start > line {
                html += repeatElement(0x0A, count: start - line)
                line = start
            }
            document.withLiteralBytes(of: block) { bytes in
                html.append(contentsOf: bytes)
                line += bytes.count { $0 == 0x0A }
                if bytes.last != 0x0A {
                    html.append(0x0A)
                    line += 1
                }
            }
            lastLine = document[block].range?.end.line ?? line
            block = document[block].nextSibling
        }
        // Most HTML blocks are an anchor or a comment: no text, link or image to read.
        guard Self.mayHoldContent(html) else { return }
        let content = HTMLBlockReader.read(html, firstLine: firstLine)
        if let limit = content.limit, htmlLimit == nil { htmlLimit = limit }
        add(content, lines: firstLine...max(firstLine, lastLine))
    }

    /// Whether HTML may have text, a link or an image: some byte outside its tags and comments
    /// that is not white space, or an `href` or `src`. A look at bytes that decides nothing about
    /// what the HTML says — only whether the parser is worth running.
    static func mayHoldContent(_ html: [UInt8]) -> Bool {
        var inTag = false
        for byte in html {
            switch byte {
            case UInt8(ascii: "<"): inTag = true
            case UInt8(ascii: ">"): inTag = false
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default:
                if !inTag { return true }
            }
        }
        return html.firstRange(of: Array("href".utf8)) != nil || html.firstRange(of: Array("src".utf8)) != nil
    }

    /// Adds what was read in HTML on file lines `lines` to the article.
    private mutating func add(_ content: HTMLBlockContent, lines: ClosedRange<Int>) {
        // Each paragraph's text as the model keeps it (Markdown in it read), for its table cell.
        var texts: [String] = []
        texts.reserveCapacity(content.paragraphs.count)
        var links: [(line: Int, link: Link)] = content.links.map { link in
            let place = place(of: link.href, from: link.line, in: lines, opener: UInt8(ascii: "<"))
            return (place.line, Link(destination: link.href, text: clean(link.text), kind: .html, section: section,
                                     line: place.line, column: place.column))
        }
        var images: [(line: Int, image: Image)] = content.images.map { image in
            let place = place(of: image.source, from: image.line, in: lines, opener: UInt8(ascii: "<"))
            return (place.line, Image(source: image.source, alt: clean(image.alt), section: section, line: place.line, column: place.column))
        }
        for paragraph in content.paragraphs {
            var text = paragraph.text, prose = paragraph.prose
            if !MarkdownParser.isPlainInline(paragraph.text) {
                let inline = inlineCell(paragraph.text, line: paragraph.line)
                (text, prose) = Self.textAndProse(of: 0, in: inline)
                if paragraph.prose != paragraph.text { prose = Self.textAndProse(of: 0, in: inlineCell(paragraph.prose, line: paragraph.line)).prose }
                markdownLinks(in: inline, paragraph: paragraph, lines: lines, links: &links, images: &images)
            }
            texts.append(text)
            guard !text.isEmpty else { continue }
            let column = place(of: String(paragraph.text.prefix(12)), from: paragraph.line, in: lines, opener: nil).column
            article.textBlocks.append(TextBlock(
                kind: paragraph.inCell ? .tableCell : .paragraph, text: text, prose: prose,
                section: section, line: paragraph.line, column: column))
        }
        // In document order, as the rest of the model is: the checks pair them by order.
        article.links += links.sorted { $0.line < $1.line }.map(\.link)
        article.images += images.sorted { $0.line < $1.line }.map(\.image)
        for table in content.tables where !table.rows.isEmpty {
            func cellText(_ cell: HTMLBlockContent.Cell) -> String {
                cell.paragraphs.map { texts[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
            }
            let header = table.rows[0].cells.map(cellText)
            article.tables.append(Table(
                section: section, header: header, alignments: Array(repeating: .none, count: header.count),
                rows: table.rows.dropFirst().map { $0.cells.map(cellText) }, line: table.line))
        }
    }

    /// The links and images of a paragraph's Markdown (`[text](url)` in a cell), placed on the
    /// line of the block where their destination is written.
    private mutating func markdownLinks(
        in inline: MarkdownDocument, paragraph: HTMLBlockContent.Paragraph, lines: ClosedRange<Int>,
        links: inout [(line: Int, link: Link)], images: inout [(line: Int, image: Image)]
    ) {
        for i in inline.nodes.indices {
            switch inline[i].kind {
            case .link:
                let destination = inline.destination(of: i)
                let text = inline.plainText(of: i)
                let place = place(of: destination, from: paragraph.line, in: lines, opener: UInt8(ascii: "["))
                links.append((place.line, Link(
                    destination: destination, text: clean(text), kind: linkKind(destination: destination, text: text, closing: nil),
                    section: section, line: place.line, column: place.column)))
            case .image:
                let source = inline.destination(of: i)
                let place = place(of: source, from: paragraph.line, in: lines, opener: UInt8(ascii: "!"))
                images.append((place.line, Image(source: source, alt: clean(inline.plainText(of: i)), section: section,
                                                 line: place.line, column: place.column)))
            default:
                continue
            }
        }
    }

    /// How many lines past its paragraph's first ``place(of:from:in:opener:)`` looks for a link.
    static let placeLookAhead = 64

    /// Where `needle` is written, from file line `line` to the end of `lines`: the line it is
    /// first on and the column of the nearest `opener` before it there (of `needle` itself when
    /// `opener` is `nil`). When it is not found as written (a character reference spelled it
    /// otherwise), `line` and the column of its first character that is not white space.
    private func place(of needle: String, from line: Int, in lines: ClosedRange<Int>, opener: UInt8?) -> (line: Int, column: Int) {
        let wanted = Array(needle.utf8)
        if !wanted.isEmpty, lines.contains(line) {
            // A few lines on at most: a needle written otherwise must not cost the block's square.
            for candidate in line...min(lines.upperBound, line + Self.placeLookAhead) {
                let bytes = document.source.line(candidate)
                guard let found = bytes.firstRange(of: wanted) else { continue }
                var start = found.lowerBound
                if let opener, let before = bytes[..<start].lastIndex(of: opener) { start = before }
                return (candidate, fileColumn(start - bytes.startIndex + 1, line: candidate))
            }
        }
        let bytes = document.source.line(line)
        let first = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.startIndex
        return (line, fileColumn(first - bytes.startIndex + 1, line: line))
    }
}
