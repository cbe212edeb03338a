import ConcordMarkdown
import ConcordModel

/// Reads an article file into translation units with structural ids.
///
/// A unit's id is the anchor of the section it is in (`top` before the first heading), then
/// the containers that hold it, each counted within its own container:
/// `getting-customer-support/procedure-1/step-2`, `top/p-1`, `faq/table-1/r2c1`,
/// `setup/alert-1/p-1`. A heading's unit is the anchor alone. A paragraph added to one section
/// renumbers only the paragraphs after it in that section; steps, tables and other sections keep
/// their ids.
public enum ArticleSegmenter {
    /// Units of one article beyond this are not made (a diagnostic says so): content can multiply.
    public static let maximumUnits = 10_000
    /// Containers nested deeper than this (lists in quotes in lists…) are not read into units.
    public static let maximumDepth = 24

    /// The units of the file `bytes`, with what import needs to put text back; `nil` when it
    /// cannot be read as an article.
    public static func segment(bytes: [UInt8], path: String, locale: String, file: String, anchors: [String]? = nil) -> SegmentedArticle? {
        let loaded = ArticleLoader.load(bytes: bytes, path: path, locale: locale, file: file)
        guard let article = loaded.article, let document = loaded.document else { return nil }
        let body = document.source.bytes
        let head: [UInt8]
        if bytes.count >= body.count, bytes[(bytes.count - body.count)...].elementsEqual(body) {
            head = Array(bytes[..<(bytes.count - body.count)])
        } else {
            // A byte-order mark or CR line ends: the front matter as it was read, in plain `\n`.
            head = MarkdownInput(bytes: bytes).frontMatter.map { Array("---\n\($0)---\n".utf8) } ?? []
        }
        let units = segment(document: document, article: article, anchors: anchors)
        return SegmentedArticle(path: path, locale: locale, units: units, head: head, body: body, article: article)
    }

    /// The units of a parsed article. `anchors` names its sections in ids (a translation's units
    /// take its source's anchors, section by section, so that the ids of the two agree); by
    /// default the article's own.
    public static func segment(document: MarkdownDocument, article: Article, anchors: [String]? = nil) -> [TranslationUnit] {
        var walker = SegmentWalker(document: document, article: article, anchors: anchors ?? article.sections.map(\.anchor))
        walker.frontMatter()
        walker.walk()
        return walker.units
    }
}

/// The walk over one document's blocks that makes its units.
struct SegmentWalker {
    let document: MarkdownDocument
    let article: Article
    private(set) var units: [TranslationUnit] = []
    private var usedIDs: Set<String> = []
    private var sectionIndex = -1 {
        didSet { sectionNote = section.title.map { "Section: \($0)" } }
    }
    /// The note that names the section, for every unit in it: made once a section.
    private var sectionNote: String?
    private var counters: [CounterKey: Int] = [:]

    /// A counter's key: the kind of block counted in one container. Two strings, not their join:
    /// joining made two new strings for every block of every article.
    private struct CounterKey: Hashable {
        var container: String
        var kind: String
    }

    private let procedures: [Int: Procedure]
    private let anchors: [String]

    init(document: MarkdownDocument, article: Article, anchors: [String]) {
        self.document = document
        self.article = article
        self.anchors = anchors
        var procedures: [Int: Procedure] = [:]
        for procedure in article.procedures { procedures[procedure.listLine] = procedure }
        self.procedures = procedures
        // About one unit a heading and one a text block (paragraph, item, cell) of the model: the
        // set of ids is sized once rather than grown, which hashes every id again each time.
        let expected = min(article.sections.count + article.textBlocks.count + 2, ArticleSegmenter.maximumUnits)
        usedIDs.reserveCapacity(expected)
        units.reserveCapacity(expected)
    }

    /// The section the walk is in: its anchor (`top` before the first heading) and title.
    private var section: (anchor: String, title: String?) {
        guard sectionIndex >= 0, sectionIndex < article.sections.count else { return ("top", nil) }
        let anchor = sectionIndex < anchors.count ? anchors[sectionIndex] : article.sections[sectionIndex].anchor
        return (anchor, article.sections[sectionIndex].title)
    }

    private mutating func next(_ kind: String, in container: String) -> Int {
        // Counted in place: one look-up of the key, not one to read and one to write.
        func increment(_ count: inout Int) -> Int {
            count += 1
            return count
        }
        return increment(&counters[CounterKey(container: container, kind: kind), default: 0])
    }

    // MARK: - Front matter and the walk

    mutating func frontMatter() {
        for key in ["title", "description"] {
            guard let value = article.metadata[key]?.text, !value.isEmpty else { continue }
            let content = InlineContent(pieces: [.text(value)])
            guard content.hasTranslatableText else { continue }
            let note = key == "title" ? "The page title (front matter): browser tabs and search results show it."
                : "The page description (front matter): search results show it."
            units.append(TranslationUnit(
                id: "meta/\(key)", kind: key == "title" ? .title : .description, content: content, notes: [note],
                place: .frontMatter(key), line: article.metadata.line(of: key) ?? 1, isVerbatim: false))
        }
    }

    mutating func walk() {
        var container = "top"
        for child in document.children(of: document.root) {
            if document[child].kind == .heading {
                sectionIndex += 1
                // A repeated anchor (`x`, then `x~2`) keeps the two sections' units apart.
                container = unique(section.anchor)
                heading(child, id: container, level: document[child].headingLevel)
                continue
            }
            block(child, container: container, quoted: false, depth: 0)
        }
    }

    private mutating func block(_ node: Int, container: String, quoted: Bool, depth: Int, kind: TranslationUnit.Kind = .paragraph, notes: [String] = []) {
        guard depth < ArticleSegmenter.maximumDepth, units.count < ArticleSegmenter.maximumUnits else { return }
        switch document[node].kind {
        case .heading:
            // Every heading is a section of the model, nested or not: the notes follow it as the model does.
            sectionIndex += 1
            heading(node, id: "\(container)/h-\(next("h", in: container))", level: document[node].headingLevel)
        case .paragraph:
            if let range = document[node].range, range.start.line < range.end.line, table(node, container: container) { return }
            paragraph(node, id: "\(container)/p-\(next("p", in: container))", kind: kind, quoted: quoted, notes: notes)
        case .list:
            list(node, container: container, quoted: quoted, depth: depth)
        case .blockQuote:
            let isAlert = firstParagraphStartsWithMarker(node)
            let id = isAlert ? "\(container)/alert-\(next("alert", in: container))" : "\(container)/quote-\(next("quote", in: container))"
            let note = isAlert ? "An alert (\(alertKind(node))): keep the [!…] marker as it is." : "A block quote."
            for child in document.children(of: node) {
                block(child, container: id, quoted: true, depth: depth + 1, kind: isAlert ? .alert : .quote, notes: [note])
            }
        case .htmlBlock:
            htmlBlock(node, container: container, quoted: quoted)
        default:
            break
        }
    }

    private mutating func heading(_ node: Int, id: String, level: Int) {
        guard let span = HeadingSpan.content(of: node, in: document) else { return }
        add(id: id, alreadyUnique: true, kind: .heading, node: node, span: span, quoted: false, notes: ["Heading, level \(level): its anchor stays as it is."])
    }

    private mutating func paragraph(_ node: Int, id: String, kind: TranslationUnit.Kind, quoted: Bool, notes: [String]) {
        guard let span = HeadingSpan.paragraph(node, in: document) else { return }
        add(id: id, kind: kind, node: node, span: span, quoted: quoted, notes: notes)
    }

    // MARK: - Lists

    private mutating func list(_ node: Int, container: String, quoted: Bool, depth: Int) {
        let line = document[node].start?.line ?? 0
        let items = Array(document.children(of: node))
        if let procedure = procedures[line] {
            let id = "\(container)/procedure-\(next("procedure", in: container))"
            for (index, item) in items.enumerated() {
                let step = index < procedure.steps.count ? procedure.steps[index] : nil
                var notes = ["Procedure: \(procedure.title)", "Step \(index + 1) of \(items.count)."]
                if let step, !step.uiElements.isEmpty { notes.append(uiNote(step.uiElements)) }
                self.item(item, id: "\(id)/step-\(index + 1)", kind: .step, quoted: quoted, depth: depth + 1, notes: notes, substeps: step)
            }
            return
        }
        let id = "\(container)/list-\(next("list", in: container))"
        for (index, item) in items.enumerated() {
            self.item(item, id: "\(id)/item-\(index + 1)", kind: .listItem, quoted: quoted, depth: depth + 1,
                      notes: ["List item \(index + 1) of \(items.count)."], substeps: nil)
        }
    }

    /// A list item: its first paragraph is the item's unit; what follows it is counted inside
    /// the item (`…/step-2/p-2`, `…/step-2/step-1` for a sub-step).
    private mutating func item(_ node: Int, id: String, kind: TranslationUnit.Kind, quoted: Bool, depth: Int, notes: [String], substeps step: Step?) {
        var first = true
        for child in document.children(of: node) {
            let childKind = document[child].kind
            if first, childKind == .paragraph {
                first = false
                _ = next("p", in: id)
                paragraph(child, id: id, kind: kind, quoted: quoted, notes: notes)
                continue
            }
            first = false
            if childKind == .list, let step, document[child].list?.ordered == true {
                let subitems = Array(document.children(of: child))
                for (index, subitem) in subitems.enumerated() {
                    let substep = index < step.substeps.count ? step.substeps[index] : nil
                    var subnotes = ["Sub-step \(index + 1) of \(subitems.count) of step \(step.number)."]
                    if let substep, !substep.uiElements.isEmpty { subnotes.append(uiNote(substep.uiElements)) }
                    item(subitem, id: "\(id)/step-\(index + 1)", kind: .step, quoted: quoted, depth: depth + 1, notes: subnotes, substeps: substep)
                }
                continue
            }
            block(child, container: id, quoted: quoted, depth: depth + 1, kind: kind, notes: notes)
        }
    }

    private func uiNote(_ elements: [String]) -> String {
        "UI elements (bold): \(elements.joined(separator: "; ")). Use the names the translated product shows."
    }

    // MARK: - Tables

    /// The cells of a pipe table as units (`table-1/r0c1` is the first header cell); `false` when the paragraph is no table.
    private mutating func table(_ node: Int, container: String) -> Bool {
        guard let range = document[node].range, mayHoldDelimiterRow(range) else { return false }
        // The model builder keeps the tables it recognised; a document it did not build is read here.
        guard let (lines, prefixes) = document.paragraphLines(of: node),
              let table = document.tables[node] ?? PipeTable.recognize(lines: lines) else { return false }
        let id = "\(container)/table-\(next("table", in: container))"
        let rows = [table.header] + table.rows
        let headers = table.header.cells.map(\.markdown)
        for (rowIndex, row) in rows.enumerated() {
            let line = range.start.line + row.lineIndex
            let lineStart = document.source.lineStarts[line - document.source.firstLine] + prefixes[row.lineIndex]
            for (column, cell) in row.cells.enumerated() {
                guard let span = TableCellSpan.span(of: cell, lineStart: lineStart, in: document.source.bytes) else { continue }
                let header = rowIndex == 0 ? "" : " (column heading: \(headers[column]))"
                let notes = ["Table cell: row \(rowIndex) of \(rows.count - 1) (0 is the heading row), column \(column + 1) of \(headers.count)\(header)."]
                addCell(id: "\(id)/r\(rowIndex)c\(column + 1)", markdown: cell.markdown, span: span, line: line, notes: notes)
            }
        }
        return true
    }

    // MARK: - Raw HTML

    /// The text of a raw HTML block (an HTML table, a `<div>`), a unit per run of text between
    /// block tags (``HTMLTextRuns``): `setup/html-1/t-2` is the second run of the section's first
    /// block. The tags around a run stay in the file; those inside it are codes.
    private mutating func htmlBlock(_ node: Int, container: String, quoted: Bool) {
        guard let span = HeadingSpan.paragraph(node, in: document) else { return }
        let id = "\(container)/html-\(next("html", in: container))"
        let bytes = document.source.bytes
        var number = 0
        for run in HTMLTextRuns.runs(in: bytes, span, quoted: quoted) where units.count < ArticleSegmenter.maximumUnits {
            let raw = Array(bytes[run])
            var content = InlineScanner.content(of: raw, quoted: quoted)
            guard content.hasTranslatableText else { continue }
            // The model reads Markdown in an HTML block's text as a table cell's: the same test decides.
            let verbatim = InlineShape.ofCell(String(decoding: raw, as: UTF8.self)) != InlineShape(content)
            if verbatim { content = InlineScanner.content(of: raw, quoted: quoted, plain: true) }
            number += 1
            let line = document.source.line(containing: run.lowerBound)
            units.append(TranslationUnit(
                id: unique("\(id)/t-\(number)"), kind: .paragraph, content: content,
                notes: sectionNotes(["Text in raw HTML: the tags inside it are codes; those around it stay as they are."], verbatim: verbatim),
                place: .body(run), line: line, isVerbatim: verbatim))
        }
    }

    /// Whether a line after the paragraph's first holds both `|` and `-`, as a table's delimiter
    /// row must (``PipeTable/recognize(lines:)``): most paragraphs of several lines are no table,
    /// and one look at their bytes tells, without splitting them into lines.
    private func mayHoldDelimiterRow(_ range: SourceRange) -> Bool {
        guard range.end.line > range.start.line else { return false }
        return ((range.start.line + 1)...range.end.line).contains { line in
            let bytes = document.source.line(line)
            return bytes.contains(UInt8(ascii: "|")) && bytes.contains(UInt8(ascii: "-"))
        }
    }

    private mutating func addCell(id: String, markdown: String, span: Range<Int>, line: Int, notes: [String]) {
        let raw = Array(document.source.bytes[span])
        var content = InlineScanner.content(of: raw, quoted: false)
        let verbatim = InlineShape.ofCell(markdown) != InlineShape(content)
        if verbatim { content = InlineScanner.content(of: raw, quoted: false, plain: true) }
        guard content.hasTranslatableText else { return }
        units.append(TranslationUnit(
            id: unique(id), kind: .tableCell, content: content, notes: sectionNotes(notes, verbatim: verbatim),
            place: .body(span), line: line, isVerbatim: verbatim))
    }

    // MARK: - Units

    private mutating func add(id: String, alreadyUnique: Bool = false, kind: TranslationUnit.Kind, node: Int, span: Range<Int>, quoted: Bool, notes: [String]) {
        guard units.count < ArticleSegmenter.maximumUnits else { return }
        let raw = Array(document.source.bytes[span])
        var content = InlineScanner.content(of: raw, quoted: quoted)
        let verbatim = InlineShape(document, node: node) != InlineShape(content)
        if verbatim { content = InlineScanner.content(of: raw, quoted: quoted, plain: true) }
        guard content.hasTranslatableText else { return }
        units.append(TranslationUnit(
            id: alreadyUnique ? id : unique(id), kind: kind, content: content, notes: kind == .heading ? notes : sectionNotes(notes, verbatim: verbatim),
            place: .body(span), line: document[node].start?.line ?? 1, isVerbatim: verbatim))
    }

    /// `id`, or with `~2`, `~3`… when a section's anchor repeats and the id was taken.
    private mutating func unique(_ id: String) -> String {
        var candidate = id
        var number = 1
        // Inserting tells whether the id was taken: one hash of it, not one to ask and one to insert.
        while !usedIDs.insert(candidate).inserted {
            number += 1
            candidate = "\(id)~\(number)"
        }
        return candidate
    }

    private func sectionNotes(_ notes: [String], verbatim: Bool) -> [String] {
        var all: [String] = []
        all.reserveCapacity(notes.count + 2)
        if let sectionNote { all.append(sectionNote) }
        all += notes
        if verbatim { all.append("The Markdown of this text is given as written: keep its marks (** _ [ ] ( ) ` < >) where they are.") }
        return all
    }

    private func firstParagraphStartsWithMarker(_ quote: Int) -> Bool {
        guard let first = document.children(of: quote).first(where: { _ in true }), document[first].kind == .paragraph,
              let span = HeadingSpan.paragraph(first, in: document) else { return false }
        return document.source.bytes[span].starts(with: Array("[!".utf8))
    }

    private func alertKind(_ quote: Int) -> String {
        guard let first = document.children(of: quote).first(where: { _ in true }), let span = HeadingSpan.paragraph(first, in: document) else { return "" }
        let bytes = document.source.bytes[span].dropFirst(2).prefix { $0 != UInt8(ascii: "]") }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What cmark and ``InlineScanner`` must agree on for a unit to be read into codes: how many
/// links, images, strong and emphasis spans, and code spans its text holds.
struct InlineShape: Equatable {
    var links = 0, images = 0, strong = 0, emphasis = 0, code = 0

    /// cmark's count, over the inlines under `node`.
    init(_ document: MarkdownDocument, node: Int) {
        for index in document.descendants(of: node) {
            switch document[index].kind {
            case .link: links += 1
            case .image: images += 1
            case .strong: strong += 1
            case .emphasis: emphasis += 1
            case .code: code += 1
            default: break
            }
        }
    }

    /// cmark's count for a table cell's Markdown. A cell without `[ * _ ` <` holds none of
    /// the five (links and images open with `[`, autolinks with `<`), and is not parsed.
    static func ofCell(_ markdown: String) -> InlineShape {
        let opensInline = markdown.utf8.contains { byte in
            byte == UInt8(ascii: "[") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "<")
        }
        guard opensInline else { return InlineShape() }
        let parsed = MarkdownParser.parse(markdown)
        return InlineShape(parsed, node: parsed.root)
    }

    /// No inline of any kind.
    init() {}

    /// The scanner's count: an include holds one link (`[!INCLUDE [title](path)]`), an autolink is one.
    init(_ content: InlineContent) {
        for code in content.codes {
            switch code.kind {
            case .link, .autolink: links += 1
            case .include: if code.start.contains("](") { links += 1 }
            case .image: images += 1
            case .bold: strong += 1
            case .italic: emphasis += 1
            case .code: self.code += 1
            default: break
            }
        }
    }
}
