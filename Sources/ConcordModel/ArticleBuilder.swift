import ConcordMarkdown

/// Builds an ``Article`` from a ``MarkdownDocument``.
///
/// One pass over the flat tree in document order; patterns (procedures,
/// category lists, "applies to", "see also") are recognised from the shape of
/// neighbouring blocks, never from their words.
struct ArticleBuilder {
    let document: MarkdownDocument
    var article: Article
    private(set) var previousSibling: [Int]
    var section: String?
    private var pastTop = false
    private var usedSlugs: [String: Int] = [:]
    /// Lists that belong to a procedure already (as steps or sub-steps).
    private var consumedLists: Set<Int> = []
    /// Links that are the inner part of an `[!INCLUDE]`.
    private var includeLinks: Set<Int> = []
    /// Paragraphs recognised as tables: their inlines are read from the cells instead.
    private var skipUntil = 0
    private var htmlAnchors: [String] = []
    /// The tab group being read, if a tab heading opened one.
    var openTabs: TabGroup?
    /// The line of each inline of the last multi-line block asked about (``openerPlace``).
    private var inlineLines = InlineLines()
    /// The paragraphs that are tables (``MarkdownDocument/tables``).
    private(set) var tables: [Int: PipeTable] = [:]
    /// The table cells parsed on their own, by their Markdown (``MarkdownDocument/fragments``).
    var fragments: [String: MarkdownDocument] = [:]
    /// The DocFX directives of the document (``DocFXLayout``).
    private(set) var docfx: DocFXLayout
    /// The first limit an HTML block reached (``HTMLBlockReader``), for the `html-block-limit` finding.
    var htmlLimit: HTMLBlockContent.Limit?
    /// The article's reference definitions, read once: for table cells and for the model.
    var definitionLines: ReferenceDefinitionLines?

    /// The deepest sub-step nesting kept; deeper lists are ignored rather than recursed into.
    static let maximumStepDepth = 16

    init(document: MarkdownDocument, article: Article) {
        self.document = document
        self.article = article
        var previous = [Int](repeating: -1, count: document.nodes.count)
        var headings = 0
        for index in document.nodes.indices {
            let node = document[index]
            if node.nextSibling >= 0 { previous[node.nextSibling] = index }
            if node.kind == .heading { headings += 1 }
        }
        self.previousSibling = previous
        docfx = DocFXLayout.find(in: document)
        // Sized once: growing it rehashed every slug so far, as much again as the look-ups.
        usedSlugs.reserveCapacity(headings)
    }

    mutating func build() -> Article {
        let count = document.nodes.count
        var index = 1
        while index < count {
            if index < skipUntil {
                index += 1
                continue
            }
            switch document[index].kind {
            case .heading:
                tabHeading(index)
                heading(index)
            case .thematicBreak: endTabGroup(atBreak: index)
            case .paragraph: paragraph(index)
            case .list: list(index)
            case .link: link(index)
            case .image: image(index)
            case .text: uidMentions(in: index)
            case .codeBlock: codeBlock(index)
            case .blockQuote: blockQuote(index)
            case .htmlBlock, .htmlInline:
                if document[index].kind == .htmlBlock { htmlBlock(index) }
                let found = document.withLiteralBytes(of: index, HTMLAnchors.anchors(inUTF8:))
                if !found.isEmpty {
                    htmlAnchors += found
                    let line = blockLine(index)
                    article.anchorMentions += found.map { AnchorMention(name: $0, line: line) }
                }
            default: break
            }
            index += 1
        }
        finish()
        return article
    }

    // MARK: - Headings

    private mutating func heading(_ index: Int) {
        let node = document[index]
        let (title, prose) = textAndProse(of: index)
        var anchor: String?
        for child in document.descendants(of: index) where document[child].kind == .htmlInline {
            if let found = document.withLiteralBytes(of: child, HTMLAnchors.anchors(inUTF8:)).first { anchor = found; break }
        }
        if anchor == nil, let before = previousBlock(index), isAnchorOnly(before) {
            anchor = anchorsIn(before).last
        }
        let explicit = anchor != nil
        let resolved = anchor ?? uniqueSlug(for: title)
        let line = node.start?.line ?? 0
        article.sections.append(Section(anchor: resolved, explicitAnchor: explicit, level: node.headingLevel, title: title, line: line))
        section = resolved
        if node.headingLevel >= 2 { pastTop = true }
        if node.headingLevel == 1, article.title.isEmpty { article.title = title }
        article.textBlocks.append(TextBlock(
            kind: .heading, text: title, prose: prose,
            section: section, line: line, column: fileColumn(node.start?.column ?? 1, line: line)))
    }

    /// The line of a node, or of the nearest enclosing node that has one (cmark gives some inlines no position).
    private func blockLine(_ index: Int) -> Int {
        var i = index
        while i > 0 {
            if let line = document[i].start?.line { return line }
            i = document[i].parent
        }
        return 1
    }

    private func previousBlock(_ index: Int) -> Int? {
        let previous = previousSibling[index]
        return previous >= 0 ? previous : nil
    }

    private func anchorsIn(_ index: Int) -> [String] {
        if document[index].kind == .htmlBlock { return document.withLiteralBytes(of: index, HTMLAnchors.anchors(inUTF8:)) }
        return document.descendants(of: index).flatMap { i in
            document[i].kind == .htmlInline ? document.withLiteralBytes(of: i, HTMLAnchors.anchors(inUTF8:)) : []
        }
    }

    /// A block made only of anchors (`<a name="x"></a>` on a line of its own before a heading).
    private func isAnchorOnly(_ index: Int) -> Bool {
        switch document[index].kind {
        case .htmlBlock:
            return !document.withLiteralBytes(of: index, HTMLAnchors.anchors(inUTF8:)).isEmpty
        case .paragraph:
            var sawAnchor = false
            for child in document.children(of: index) {
                switch document[child].kind {
                case .htmlInline: if !document.withLiteralBytes(of: child, HTMLAnchors.anchors(inUTF8:)).isEmpty { sawAnchor = true }
                case .softBreak, .lineBreak: continue
                case .text where document.withLiteralBytes(of: child, UTF8Whitespace.isBlank): continue
                default: return false
                }
            }
            return sawAnchor
        default:
            return false
        }
    }

    /// A GitHub-style slug, made unique within the article with `-1`, `-2`…
    private mutating func uniqueSlug(for title: String) -> String {
        let base = Slug.make(title)
        // Read and counted in one look-up: hashing the slug is a good part of the cost here.
        func countingOne(_ count: inout Int) -> Int {
            defer { count += 1 }
            return count
        }
        let seen = countingOne(&usedSlugs[base, default: 0])
        return seen == 0 ? base : "\(base)-\(seen)"
    }

    // MARK: - Paragraphs

    private mutating func paragraph(_ index: Int) {
        let node = document[index]
        guard let range = node.range else { return }
        if let table = table(in: index, range: range) {
            article.tables.append(table)
            skipUntil = node.subtreeEnd
            return
        }
        if let segments = docfx.paragraphs[index] {
            directives(segments, paragraph: index)
            skipUntil = node.subtreeEnd
            return
        }
        let (text, prose) = textAndProse(of: index)
        // Text beyond white space means the paragraph is not made only of anchors (``isAnchorOnly(_:)``
        // allows white space beside them and nothing else), so that needs no look of its own.
        if !text.isEmpty {
            let kind: TextBlock.Kind = document[node.parent].kind == .item ? .listItem : .paragraph
            article.textBlocks.append(TextBlock(
                kind: kind, text: text, prose: prose, section: section, line: range.start.line,
                column: fileColumn(range.start.column, line: range.start.line)))
        }
        findUnresolvedReferences(in: index)
    }

    /// Text runs of a paragraph shaped like `[label][]` or `[text][label]`: cmark leaves a
    /// reference whose label has no definition as literal text.
    private mutating func findUnresolvedReferences(in index: Int) {
        // Siblings followed by index: a child sequence holds on to the node array, retained and released per paragraph.
        var child = document[index].firstChild
        while child >= 0 {
            let node = document[child]
            if node.kind == .text, document.literal(of: child, contains: UInt8(ascii: "]")) {
                for match in ReferenceShape.matches(in: document.literal(of: child)) {
                    let start = node.start ?? document[index].start ?? SourceLocation(line: 0, column: 0)
                    let place = openerPlace(of: child, reported: SourceLocation(line: start.line, column: start.column + match.offset),
                                            opener: UInt8(ascii: "["))
                    article.unresolvedReferences.append(UnresolvedReference(
                        text: match.text, label: match.label, section: section,
                        line: place.line, column: fileColumn(place.column, line: place.line)))
                }
            }
            child = node.nextSibling
        }
    }

    // MARK: - Tables

    private mutating func table(in index: Int, range: SourceRange) -> Table? {
        guard range.end.line > range.start.line, mayHoldDelimiterRow(range),
              let (lines, prefixes) = document.paragraphLines(of: index),
              lines.contains(where: { $0.containsUTF8(UInt8(ascii: "-")) && $0.containsUTF8(UInt8(ascii: "|")) }),
              let pipe = PipeTable.recognize(lines: lines) else { return nil }
        tables[index] = pipe
        let header = cellTexts(of: pipe.header, tableLine: range.start.line, prefixes: prefixes)
        var rows: [[String]] = []
        rows.reserveCapacity(pipe.rows.count)
        for row in pipe.rows { rows.append(cellTexts(of: row, tableLine: range.start.line, prefixes: prefixes)) }
        return Table(
            section: section, header: header,
            alignments: pipe.alignments.map { Table.Alignment(rawValue: $0.rawValue) ?? .none },
            rows: rows, line: range.start.line + pipe.header.lineIndex)
    }

    /// The texts of a row's cells (see ``cellText(_:row:tableLine:prefixes:)``).
    private mutating func cellTexts(of row: PipeTable.Row, tableLine: Int, prefixes: [Int]) -> [String] {
        // A loop, not `map`: a closure that mutates the builder copied the whole builder for each cell.
        var texts: [String] = []
        texts.reserveCapacity(row.cells.count)
        for cell in row.cells { texts.append(cellText(cell, row: row, tableLine: tableLine, prefixes: prefixes)) }
        return texts
    }

    /// A cell's text, with its links, text block and unresolved references recorded;
    /// `tableLine` is the table's first line, `prefixes` the container prefix of each of its lines.
    private mutating func cellText(_ cell: PipeTable.Cell, row: PipeTable.Row, tableLine: Int, prefixes: [Int]) -> String {
        let line = tableLine + row.lineIndex
        // In the source line's bytes, as cmark's positions are: made a file column where used.
        let column = prefixes[row.lineIndex] + cell.offset + 1
        if let text = cellDirectives(cell.markdown, line: line, column: column) {
            if !text.isEmpty {
                article.textBlocks.append(TextBlock(
                    kind: .tableCell, text: text, prose: text, section: section, line: line, column: fileColumn(column, line: line)))
            }
            return text
        }
        if MarkdownParser.isPlainInline(cell.markdown) {
            // Most cells are words: parsing them would give back the same text.
            let text = clean(cell.markdown)
            if !text.isEmpty {
                article.textBlocks.append(TextBlock(
                    kind: .tableCell, text: text, prose: text, section: section, line: line, column: fileColumn(column, line: line)))
            }
            return text
        }
        let cellDocument = inlineCell(cell.markdown, line: line)
        // Links inside the cell, with positions shifted to the cell's place in the line.
        for i in cellDocument.nodes.indices where cellDocument[i].kind == .link {
            let start = cellDocument[i].start ?? SourceLocation(line: 1, column: 1)
            let destination = cellDocument.destination(of: i)
            let text = cellDocument.plainText(of: i)
            let closing = cellDocument[i].range.flatMap { range in
                cell.markdown.utf8.dropFirst(range.end.column - 1).first
            }
            article.links.append(Link(
                destination: destination, text: clean(text),
                kind: linkKind(destination: destination, text: text, closing: closing),
                section: section, line: line, column: fileColumn(column + start.column - 1, line: line)))
        }
        findUnresolvedReferences(inCell: cellDocument, line: line, column: column)
        let (text, prose) = Self.textAndProse(of: 0, in: cellDocument)
        if !text.isEmpty {
            article.textBlocks.append(TextBlock(
                kind: .tableCell, text: text, prose: prose, section: section, line: line, column: fileColumn(column, line: line)))
        }
        return text
    }

    /// A cell parsed as inline content with the article's reference definitions it names
    /// (``MarkdownParser/parseInline(_:definitions:)``), kept in ``fragments`` so that the
    /// renderer reuses it: a cell's text is the same in every table of the article.
    mutating func inlineCell(_ markdown: String, line: Int) -> MarkdownDocument {
        if let found = fragments[markdown] { return found }
        if definitionLines == nil { definitionLines = ReferenceDefinitionLines(document) }
        let parsed = MarkdownParser.parseInline(markdown, definitions: definitionLines!.markdown(for: markdown, line: line))
        fragments[markdown] = parsed
        return parsed
    }

    /// ``findUnresolvedReferences(in:)`` for a cell: its paragraph is one line, `column` being
    /// where the cell starts in the source line (in the line's bytes).
    private mutating func findUnresolvedReferences(inCell cell: MarkdownDocument, line: Int, column: Int) {
        let paragraph = cell[cell.root].firstChild
        guard paragraph >= 0 else { return }
        for child in cell.children(of: paragraph) where cell[child].kind == .text && cell.literal(of: child, contains: UInt8(ascii: "]")) {
            let start = cell[child].start?.column ?? 1
            for match in ReferenceShape.matches(in: cell.literal(of: child)) {
                article.unresolvedReferences.append(UnresolvedReference(
                    text: match.text, label: match.label, section: section,
                    line: line, column: fileColumn(column + start - 1 + match.offset, line: line)))
            }
        }
    }

    /// The line of the first cell given none of the article's definitions because the limit on
    /// them (``ReferenceDefinitionLines/maximumBytes``) was reached.
    var cellReferenceLimitLine: Int? { definitionLines?.exhaustedAt }

    /// Whether any line after the first has both `|` and `-`: checked on bytes, because most
    /// multi-line paragraphs are prose and building their lines as strings costs more than the check.
    private func mayHoldDelimiterRow(_ range: SourceRange) -> Bool {
        let lines = (range.start.line + 1)...range.end.line
        // Most have no pipe at all, which one look over their bytes tells.
        guard document.source.contains(UInt8(ascii: "|"), inLines: lines) else { return false }
        for line in lines {
            let bytes = document.source.line(line)
            if bytes.contains(UInt8(ascii: "|")), bytes.contains(UInt8(ascii: "-")) { return true }
        }
        return false
    }

    // MARK: - Lists: procedures, categories, applies-to, see-also

    private mutating func list(_ index: Int) {
        let node = document[index]
        guard let info = node.list, !consumedLists.contains(index) else { return }
        let previous = previousBlock(index)
        let line = node.start?.line ?? 0

        if info.ordered {
            guard let previous else { return }
            let leadIn: String?
            if document[previous].kind == .heading {
                leadIn = text(of: previous)
            } else if let bold = boldLabel(previous) {
                leadIn = bold
            } else {
                leadIn = nil
            }
            guard let leadIn else { return }
            let steps = self.steps(of: index, depth: 0)
            article.procedures.append(Procedure(
                title: leadIn, section: section, line: document[previous].start?.line ?? line,
                listLine: line, steps: steps))
            return
        }

        // Bulleted lists: only those directly in the article (or a block quote) describe it.
        let parentKind = document[node.parent].kind
        guard parentKind == .document || parentKind == .blockQuote, let previous else { return }
        let items = Array(document.children(of: index))
        if let label = boldLabel(previous) {
            if let links = items.map(linkOnly).allNonNil(), !links.isEmpty {
                article.relatedLinks += links
                return
            }
            guard let texts = items.map(plainItem).allNonNil() else { return }
            if !pastTop, article.appliesTo.isEmpty {
                article.appliesTo = texts
            } else {
                article.categories.append(CategoryList(section: section, intro: label, items: texts, line: line))
            }
        } else if document[previous].kind == .paragraph, !isAnchorOnly(previous),
                  let texts = items.map(plainItem).allNonNil() {
            article.categories.append(CategoryList(
                section: section, intro: text(of: previous), items: texts, line: line))
        }
    }

    /// The text of a paragraph whose only content is one bold span (trailing `:` allowed).
    private func boldLabel(_ index: Int) -> String? {
        guard document[index].kind == .paragraph else { return nil }
        var strong: Int?
        for child in document.children(of: index) {
            switch document[child].kind {
            case .strong:
                if strong != nil { return nil }
                strong = child
            case .softBreak, .lineBreak, .htmlInline: continue
            case .text where document.literal(of: child).allSatisfy({ $0.isWhitespace || $0 == ":" || $0 == "：" }): continue
            default: return nil
            }
        }
        guard let strong else { return nil }
        let text = text(of: strong)
        return text.isEmpty ? nil : text
    }

    /// The text of an item that is one paragraph of prose (no links, images or nested blocks).
    private func plainItem(_ item: Int) -> String? {
        let children = Array(document.children(of: item))
        guard children.count == 1, document[children[0]].kind == .paragraph else { return nil }
        for i in document.descendants(of: children[0]) {
            switch document[i].kind {
            case .link, .image: return nil
            default: continue
            }
        }
        let text = text(of: children[0])
        return text.isEmpty ? nil : text
    }

    /// The link of an item whose only content is one link.
    private func linkOnly(_ item: Int) -> RelatedLink? {
        let children = Array(document.children(of: item))
        guard children.count == 1, document[children[0]].kind == .paragraph else { return nil }
        var found: Int?
        for child in document.children(of: children[0]) {
            switch document[child].kind {
            case .link:
                if found != nil { return nil }
                found = child
            case .softBreak, .lineBreak: continue
            case .text where document.literal(of: child).allSatisfy({ $0.isWhitespace || $0.isPunctuation }): continue
            default: return nil
            }
        }
        guard let found else { return nil }
        return RelatedLink(
            destination: document.destination(of: found), text: text(of: found),
            line: document[found].start?.line ?? document[item].start?.line ?? 0)
    }

    private mutating func steps(of list: Int, depth: Int) -> [Step] {
        consumedLists.insert(list)
        var number = document[list].list?.start ?? 1
        var steps: [Step] = []
        for item in document.children(of: list) {
            var text: [UInt8] = []
            var uiElements: [String] = []
            var links: [Link] = []
            var images: [Image] = []
            var substeps: [Step] = []
            for child in document.children(of: item) {
                let c = document[child]
                if c.kind == .list {
                    if c.list?.ordered == true, depth < Self.maximumStepDepth {
                        substeps += self.steps(of: child, depth: depth + 1)
                    } else {
                        consumedLists.insert(child)
                    }
                    continue
                }
                guard c.kind != .codeBlock, c.kind != .htmlBlock else { continue }
                if !text.isEmpty { text.append(0x20) }
                document.appendPlainText(of: child, to: &text)
                var i = child + 1
                while i < c.subtreeEnd {
                    let d = document[i]
                    switch d.kind {
                    case .list:
                        // Lists nested deeper (in a block quote inside the step) are not this step's text.
                        i = d.subtreeEnd
                        continue
                    case .strong:
                        let ui = self.text(of: i)
                        if !ui.isEmpty { uiElements.append(ui) }
                    case .link where !includeLinks.contains(i):
                        links.append(makeLink(i))
                    case .image:
                        images.append(makeImage(i))
                    default: break
                    }
                    i += 1
                }
            }
            let start = document[item].start ?? SourceLocation(line: 0, column: 0)
            steps.append(Step(
                number: number, text: String(collapsingWhitespaceIn: text), uiElements: uiElements, links: links, images: images,
                line: start.line, column: fileColumn(start.column, line: start.line), substeps: substeps))
            number += 1
        }
        return steps
    }

    // MARK: - Inlines

    private mutating func link(_ index: Int) {
        // A tab heading's link names the tab, not a place to go.
        if document[document[index].parent].kind == .heading, document.destination(of: index).hasPrefix("#tab/") { return }
        if let include = include(at: index) {
            article.includes.append(include)
            includeLinks.insert(index)
            return
        }
        article.links.append(makeLink(index))
    }

    /// The `@uid` candidates of a text node outside links (``UIDShorthand``): cross references
    /// once the content set knows which uids are defined.
    private mutating func uidMentions(in index: Int) {
        guard document.literal(of: index, contains: UInt8(ascii: "@")) else { return }
        let found = document.withLiteralBytes(of: index) { UIDShorthand.candidates(in: $0) }
        guard !found.isEmpty else { return }
        var ancestor = document[index].parent
        while ancestor > 0 {
            if document[ancestor].kind == .link { return }
            ancestor = document[ancestor].parent
        }
        let line = blockLine(index)
        let column = document[index].start?.line == line ? document[index].start?.column ?? 1 : 1
        for candidate in found {
            article.uidMentions.append(Link(
                destination: "xref:" + candidate.uid, text: candidate.uid, kind: .shorthand, section: section,
                line: line, column: fileColumn(column + candidate.start, line: line)))
        }
    }

    private mutating func makeLink(_ index: Int) -> Link {
        let node = document[index]
        let text = text(of: index)
        let destination = document.destination(of: index)
        let start = node.start ?? document[node.parent].start ?? SourceLocation(line: 0, column: 0)
        var closing: UInt8?
        if let end = node.range?.end {
            let line = document.source.line(end.line)
            let offset = line.startIndex + end.column - 1
            if offset >= line.startIndex, offset < line.endIndex { closing = line[offset] }
        }
        let place = node.start.map { openerPlace(of: index, reported: $0, opener: UInt8(ascii: "[")) } ?? start
        return Link(
            destination: destination, text: text,
            kind: linkKind(destination: destination, text: text, closing: closing),
            section: section, line: place.line, column: fileColumn(place.column, line: place.line))
    }

    func linkKind(destination: String, text: String, closing: UInt8?) -> Link.Kind {
        if text == destination { return .autolink }
        // Only a destination that starts with `mailto:` can equal it with the text after (no other
        // characters are canonically equivalent to those); most do not, and the joined string cost
        // more than the rest of the link.
        if destination.utf8.starts(with: "mailto:".utf8), "mailto:" + text == destination { return .autolink }
        if closing == UInt8(ascii: "]") { return .reference }
        return .inline
    }

    /// `[!INCLUDE [title](path)]`: cmark sees text ending in `[!INCLUDE`, a link, then text starting with `]`.
    private mutating func include(at index: Int) -> Include? {
        let before = previousSibling[index]
        let after = document[index].nextSibling
        guard before >= 0, after >= 0,
              document[before].kind == .text, document[after].kind == .text,
              document.literalFirstByte(of: after) == UInt8(ascii: "]")
        else { return nil }
        var literal = Substring(document.literal(of: before))
        while let last = literal.last, last == " " { literal.removeLast() }
        guard literal.count >= 9, literal.suffix(9).uppercased() == "[!INCLUDE" else { return nil }
        let node = document[index]
        let start = node.start.map { openerPlace(of: index, reported: $0, opener: UInt8(ascii: "[")) } ?? SourceLocation(line: 0, column: 0)
        return Include(
            title: text(of: index), path: document.destination(of: index), section: section,
            line: start.line, column: fileColumn(start.column, line: start.line))
    }

    private mutating func image(_ index: Int) {
        article.images.append(makeImage(index))
    }

    /// A column of the file from one of the body as cmark read it (they differ after bad UTF-8).
    func fileColumn(_ column: Int, line: Int) -> Int {
        document.source.fileColumn(column, line: line)
    }

    private mutating func makeImage(_ index: Int) -> Image {
        let node = document[index]
        let start = node.start.map { openerPlace(of: index, reported: $0, opener: UInt8(ascii: "!")) }
            ?? document[node.parent].start ?? SourceLocation(line: 0, column: 0)
        return Image(source: document.destination(of: index), alt: text(of: index), section: section, line: start.line,
                     column: fileColumn(start.column, line: start.line))
    }

    /// Where the `[` or `!` (`opener`) that starts inline node `index` is, from what cmark
    /// reported. On a paragraph's later lines cmark 0.30 misplaces inlines: a link or image gets
    /// the line of its closing bracket, a line ended by a backslash does not count, and columns
    /// are counted from where the first line's text starts, or the line before it ended: by the
    /// same amount for every inline of a line. The line is found by counting the line breaks
    /// before the node in its block; the amount, from the first inline after the last of them,
    /// which starts at the line's first byte of text. The count is made once per block
    /// (``InlineLines``): made for each link, a long paragraph's links took its square.
    private mutating func openerPlace(of index: Int, reported: SourceLocation, opener: UInt8) -> SourceLocation {
        var block = document[index].parent
        while block >= 0, !Self.holdsInlines(document[block].kind) { block = document[block].parent }
        guard block >= 0, let range = document[block].range, range.end.line > range.start.line else { return reported }
        if inlineLines.block != block { inlineLines = InlineLines(block: block, firstLine: range.start.line, in: document) }
        let (counted, lineStart) = inlineLines[index]
        let line = min(counted, range.end.line)
        let bytes = document.source.line(line)
        func isOpener(_ column: Int) -> Bool { column >= 1 && column <= bytes.count && bytes[bytes.startIndex + column - 1] == opener }
        var column = reported.column
        if lineStart > 0, lineStart < document.nodes.count, let first = (lineStart == index ? reported : document[lineStart].start),
           let text = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ">") }) {
            column = reported.column - (first.column - (text - bytes.startIndex + 1))
        }
        if isOpener(column) { return SourceLocation(line: line, column: column) }
        // Not where the count says (a line end the count missed): the nearest opener to the left.
        column = min(reported.column, bytes.count)
        while column >= 1, !isOpener(column) { column -= 1 }
        return SourceLocation(line: line, column: column >= 1 ? column : max(1, min(reported.column, bytes.count)))
    }

    /// Whether blocks of `kind` hold inline content (and so inline positions cmark may misplace).
    private static func holdsInlines(_ kind: MarkdownNode.Kind) -> Bool {
        kind == .paragraph || kind == .heading
    }

    /// For each inline of one block, the line it starts on by the count of line breaks before it,
    /// and the first inline of that line (-1 on the block's first line), for ``openerPlace``.
    /// One block's are kept: the builder reads a block's inlines together, so a block is counted
    /// once or twice (its steps, then the walk), never once per link.
    private struct InlineLines {
        private(set) var block = -1
        private var lines: [Int] = []
        private var lineStarts: [Int] = []

        init() {}

        init(block: Int, firstLine: Int, in document: MarkdownDocument) {
            self.block = block
            let end = max(document[block].subtreeEnd, block + 1)
            lines.reserveCapacity(end - block - 1)
            lineStarts.reserveCapacity(end - block - 1)
            var line = firstLine
            var lineStart = -1
            let lastLine = document[block].range?.end.line ?? firstLine
            for inner in (block + 1)..<end {
                lines.append(line)
                lineStarts.append(lineStart)
                switch document[inner].kind {
                case .softBreak, .lineBreak:
                    line += 1
                    lineStart = inner + 1
                    if lineStart < end { line = Self.sourceLine(from: line, through: lastLine, starting: lineStart, in: document) }
                // Raw HTML keeps its line ends; code spans lose theirs, counted in the source;
                // a line end between a link's destination and title is caught at the next break.
                case .htmlInline: line += document.literal(of: inner).utf8.count { $0 == 0x0A }
                case .code:
                    line = min(lastLine, line + Self.lineEndsInCodeSpan(inner, line: line, lineStart: lineStart, lastLine: lastLine, in: document))
                default: break
                }
            }
        }

        /// The line ends inside code span `code` on `line` (whose first inline is `lineStart`, -1 on
        /// the block's first line), from the source: its opening backtick run ends where cmark
        /// placed its content (columns off by the line's shift, as ``openerPlace`` corrects them),
        /// and the closing run is the next of the same length.
        static func lineEndsInCodeSpan(_ code: Int, line: Int, lineStart: Int, lastLine: Int, in document: MarkdownDocument) -> Int {
            guard let reported = document[code].start else { return 0 }
            let text = document.source.line(line)
            var column = reported.column
            if lineStart >= 0, let first = (lineStart == code ? reported : document[lineStart].start),
               let firstText = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != UInt8(ascii: ">") }) {
                column = reported.column - (first.column - (firstText - text.startIndex + 1))
            }
            let backtick = UInt8(ascii: "`")
            // cmark places a code span at its content, after the opening run.
            var i = text.startIndex + column - 1
            guard column >= 2, i <= text.endIndex, text[i - 1] == backtick else { return 0 }
            var run = 0
            while i - run - 1 >= text.startIndex, text[i - run - 1] == backtick { run += 1 }
            // The rest of the block from there: the closing run is the next run of exactly `run`.
            let bytes = document.source.bytes
            let end = document.source.line(lastLine).endIndex
            var breaks = 0
            while i < end {
                if bytes[i] == 0x0A {
                    breaks += 1
                    i += 1
                } else if bytes[i] == backtick {
                    var length = 0
                    while i < end, bytes[i] == backtick { length += 1; i += 1 }
                    if length == run { return breaks }
                } else {
                    i += 1
                }
            }
            return 0
        }

        /// How many lines past the count ``sourceLine(from:through:starting:in:)`` looks.
        static let lookAhead = 8

        /// The line that inline `first`, the first after a line break, starts: `line` by the count,
        /// unless the source says otherwise. Line ends inside a code span or between a link's
        /// destination and its title leave no line break in the tree, so the count can fall
        /// short, never overshoot; the first of the block's lines from `line` on whose text
        /// starts as `first` does is taken (the count when none does).
        static func sourceLine(from line: Int, through lastLine: Int, starting first: Int, in document: MarkdownDocument) -> Int {
            let openers: [UInt8]
            switch document[first].kind {
            case .text, .code, .htmlInline:
                guard let byte = document.literalFirstByte(of: first) else { return line }
                // A text run may come from a backslash escape or an entity.
                openers = document[first].kind == .text ? [byte, UInt8(ascii: "\\"), UInt8(ascii: "&")]
                    : document[first].kind == .code ? [UInt8(ascii: "`")] : [byte]
            case .link: openers = [UInt8(ascii: "["), UInt8(ascii: "<")]
            case .image: openers = [UInt8(ascii: "!")]
            case .emphasis, .strong: openers = [UInt8(ascii: "*"), UInt8(ascii: "_")]
            default: return line
            }
            // The line's first byte of text, past its containers' markers and indentation.
            func startsAsExpected(_ candidate: Int) -> Bool {
                for byte in document.source.line(candidate) {
                    if openers.contains(byte) { return true }
                    guard byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ">") else { return false }
                }
                return false
            }
            guard line < lastLine, !startsAsExpected(line) else { return line }
            // A destination and its title are a few lines apart at most: a short look ahead keeps a
            // paragraph of lines that never match from costing its square.
            for candidate in (line + 1)...min(lastLine, line + Self.lookAhead) where startsAsExpected(candidate) { return candidate }
            return line
        }

        /// The line of inline `index` of the block, and the first inline of that line.
        subscript(index: Int) -> (line: Int, lineStart: Int) {
            (lines[index - block - 1], lineStarts[index - block - 1])
        }
    }

    // MARK: - Blocks

    private mutating func codeBlock(_ index: Int) {
        let node = document[index]
        // The info string's first word names the language (`powershell`, `json title="x"`).
        let info = document.info(of: index).trimmingASCIIWhitespace()
        let language = info.isEmpty ? nil : info.utf8.firstIndex(of: 0x20).map { String(info[..<$0]) } ?? info
        article.codeBlocks.append(CodeBlock(
            language: language, info: info, code: document.literal(of: index), section: section, line: node.start?.line ?? 0))
    }

    /// `> [!NOTE]` and its kin: a block quote whose first paragraph starts with the marker.
    private mutating func blockQuote(_ index: Int) {
        let first = document[index].firstChild
        guard first >= 0, document[first].kind == .paragraph else { return }
        let text = text(of: index)
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return }
        let marker = text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()
        guard let kind = Alert.Kind(rawValue: marker) else {
            typedBlock(index)
            return
        }
        let body = String(text[text.index(after: close)...]).trimmingCharacters(in: " ")
        article.alerts.append(Alert(kind: kind, text: body, section: section, line: document[index].start?.line ?? 0))
    }

    // MARK: - Finishing

    private mutating func finish() {
        if article.title.isEmpty { article.title = article.metadata.title ?? "" }
        if !htmlAnchors.isEmpty {
            let sectionAnchors = Set(article.sections.map(\.anchor))
            var seen: Set<String> = []
            article.extraAnchors = htmlAnchors.filter { !sectionAnchors.contains($0) && seen.insert($0).inserted }
        }
        article.referenceDefinitions = ReferenceShape.definitions(in: definitionLines ?? ReferenceDefinitionLines(document))
        closeTabs(endLine: document.source.firstLine + document.source.lineCount - 1)
        frontMatterProtectedTerms()
    }

    /// Collapses runs of white space (non-breaking spaces included) and trims the ends.
    func clean(_ text: String) -> String { text.collapsingWhitespace() }

    /// The plain text of a block and its prose (the text with each inline code span as one
    /// space, which the number and untranslated checks read), both cleaned (see ``clean(_:)``).
    private func textAndProse(of index: Int) -> (text: String, prose: String) {
        Self.textAndProse(of: index, in: document)
    }

    /// ``textAndProse(of:)`` of a node of another document (a table cell parsed on its own).
    static func textAndProse(of index: Int, in document: MarkdownDocument) -> (text: String, prose: String) {
        let lengths = document.plainTextAndProseLengths(of: index)
        let text = document.foldedPlainText(of: index, length: lengths.text)
        guard lengths.hasCode else { return (text, text) }
        return (text, document.foldedPlainText(of: index, length: lengths.prose, codeAsSpace: true))
    }

    /// The plain text of a node, cleaned (see ``clean(_:)``).
    func text(of index: Int) -> String {
        document.foldedPlainText(of: index, length: document.plainTextAndProseLengths(of: index).text)
    }
}

extension Array {
    /// The unwrapped elements, or `nil` when any element is `nil`.
    func allNonNil<T>() -> [T]? where Element == T? {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self {
            guard let element else { return nil }
            result.append(element)
        }
        return result
    }
}
