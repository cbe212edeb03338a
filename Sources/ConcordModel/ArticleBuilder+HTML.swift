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
        return containsLowercased(html, "href") || containsLowercased(html, "src")
    }

    /// Whether `bytes`, ASCII letters lower-cased, contain `word` (lower-case ASCII).
    private static func containsLowercased(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count >= wanted.count else { return false }
        for start in 0...(bytes.count - wanted.count) {
            var matches = true
            for (offset, byte) in wanted.enumerated() {
                let found = bytes[start + offset]
                if (found &- UInt8(ascii: "A") < 26 ? found | 0x20 : found) != byte { matches = false; break }
            }
            if matches { return true }
        }
        return false
    }

    /// Adds what was read in HTML on file lines `lines` to the article.
    private mutating func add(_ content: HTMLBlockContent, lines: ClosedRange<Int>) {
        // Each paragraph's text as the model keeps it (Markdown in it read), for its table cell.
        var texts: [String] = []
        texts.reserveCapacity(content.paragraphs.count)
        var hrefPlaces = SourcePlaces(document.source, lines: lines), sourcePlaces = hrefPlaces, textPlaces = hrefPlaces
        var markdownPlaces = MarkdownPlaces(links: hrefPlaces, images: hrefPlaces)
        var links: [(line: Int, link: Link)] = content.links.map { link in
            let place = hrefPlaces.place(of: link.href, from: link.line, opener: UInt8(ascii: "<"))
            return (place.line, Link(destination: link.href, text: clean(link.text), kind: .html, section: section,
                                     line: place.line, column: place.column))
        }
        var images: [(line: Int, image: Image)] = content.images.map { image in
            let place = sourcePlaces.place(of: image.source, from: image.line, opener: UInt8(ascii: "<"))
            return (place.line, Image(source: image.source, alt: clean(image.alt), section: section, line: place.line, column: place.column))
        }
        for paragraph in content.paragraphs {
            var text = paragraph.text, prose = paragraph.prose
            if !MarkdownParser.isPlainInline(paragraph.text) {
                let inline = inlineCell(paragraph.text, line: paragraph.line)
                (text, prose) = Self.textAndProse(of: 0, in: inline)
                if paragraph.prose != paragraph.text { prose = Self.textAndProse(of: 0, in: inlineCell(paragraph.prose, line: paragraph.line)).prose }
                markdownLinks(in: inline, paragraph: paragraph, places: &markdownPlaces, links: &links, images: &images)
            }
            texts.append(text)
            guard !text.isEmpty else { continue }
            let column = textPlaces.place(of: paragraph.text.prefix(12), from: paragraph.line, opener: nil).column
            article.textBlocks.append(TextBlock(
                kind: paragraph.inCell ? .tableCell : .paragraph, text: text, prose: prose,
                section: section, line: paragraph.line, column: column))
        }
        // In document order, as the rest of the model is: the checks pair them by order.
        article.links += links.sorted { ($0.line, $0.link.column) < ($1.line, $1.link.column) }.map(\.link)
        article.images += images.sorted { ($0.line, $0.image.column) < ($1.line, $1.image.column) }.map(\.image)
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

    /// Where the links and the images of the Markdown in an HTML block are, each kind in order.
    struct MarkdownPlaces {
        var links: SourcePlaces
        var images: SourcePlaces
    }

    /// The links and images of a paragraph's Markdown (`[text](url)` in a cell), placed on the
    /// line of the block where their destination is written.
    private mutating func markdownLinks(
        in inline: MarkdownDocument, paragraph: HTMLBlockContent.Paragraph, places: inout MarkdownPlaces,
        links: inout [(line: Int, link: Link)], images: inout [(line: Int, image: Image)]
    ) {
        for i in inline.nodes.indices {
            switch inline[i].kind {
            case .link:
                let destination = inline.destination(of: i)
                let text = inline.plainText(of: i)
                let place = places.links.place(of: destination, from: paragraph.line, opener: UInt8(ascii: "["))
                links.append((place.line, Link(
                    destination: destination, text: clean(text), kind: linkKind(destination: destination, text: text, closing: nil),
                    section: section, line: place.line, column: place.column)))
            case .image:
                let source = inline.destination(of: i)
                let place = places.images.place(of: source, from: paragraph.line, opener: UInt8(ascii: "!"))
                images.append((place.line, Image(source: source, alt: clean(inline.plainText(of: i)), section: section,
                                                 line: place.line, column: place.column)))
            default:
                continue
            }
        }
    }
}

/// Where text read from HTML is written in the source, to give it a line and column: libxml2
/// knows lines only, and text it decoded (`&amp;`) or collapsed may be written otherwise.
///
/// Items of one kind come in document order, so each is looked for from where the last one was
/// found, within a window of bytes: a block of many items costs time in proportion to its size,
/// also when items cannot be found as written.
struct SourcePlaces {
    let source: SourceText
    /// The byte offset just past the block's last line.
    private let end: Int
    /// Where the next item is looked for from, at the earliest.
    private var cursor = 0

    /// The bytes looked through for one item at most.
    static let window = 4096

    /// Places in the block on file lines `lines` of `source`.
    init(_ source: SourceText, lines: ClosedRange<Int>) {
        self.source = source
        let last = lines.upperBound - source.firstLine + 1
        end = last < source.lineStarts.count ? source.lineStarts[last] : source.bytes.count
    }

    /// The line and column (file columns) of `needle`, looked for from file line `line` on: the
    /// column of the nearest `opener` before it on its line (of `needle` itself when `opener` is
    /// `nil`). When it is not found, `line` and the column of its first byte that is not white space.
    mutating func place(of needle: some StringProtocol, from line: Int, opener: UInt8?) -> (line: Int, column: Int) {
        let index = line - source.firstLine
        guard index >= 0, index < source.lineStarts.count else { return (line, 1) }
        let lineStart = source.lineStarts[index]
        let wanted = Array(needle.utf8)
        let start = max(lineStart, cursor)
        let limit = min(start + Self.window, end)
        if !wanted.isEmpty, start < limit, let found = source.bytes[start..<limit].firstRange(of: wanted) {
            cursor = found.upperBound
            let foundIndex = source.line(containing: found.lowerBound) - source.firstLine
            let foundLineStart = source.lineStarts[foundIndex]
            var column = found.lowerBound
            if let opener, let before = source.bytes[foundLineStart..<found.lowerBound].lastIndex(of: opener) { column = before }
            let fileLine = source.firstLine + foundIndex
            return (fileLine, source.fileColumn(column - foundLineStart + 1, line: fileLine))
        }
        let bytes = source.line(line)
        let first = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.startIndex
        return (line, source.fileColumn(first - bytes.startIndex + 1, line: line))
    }
}
