import ConcordMarkdown

extension IncludeExpansion {
    /// What the page of `article` (whose tree is `document`) cannot expand of its includes.
    ///
    /// The tree is walked as the page renderer walks it, without writing anything: the
    /// paragraphs that hold includes (in an alert too, past its marker), the cells of pipe
    /// tables, and the blocks of each included file in turn. An include inside a sentence
    /// brings only its paragraphs' text, so the includes inside it are not expanded.
    public static func findings(article: Article, document: MarkdownDocument, store: IncludeStore) -> [Diagnostic] {
        walked(article: article, document: document, store: store).diagnostics
    }

    /// The expansion of `article`'s includes once walked: its findings, and the files it read.
    static func walked(article: Article, document: MarkdownDocument, store: IncludeStore) -> IncludeExpansion {
        var walk = Walk(expansion: IncludeExpansion(store: store))
        let context = Walk.Context(
            document: document, article: article, directory: ReferencePath.directory(of: article.path), locale: article.locale,
            file: article.file, fileLocale: article.locale)
        walk.blocks(context, parent: document.root)
        return walk.expansion
    }

    /// The walk of one page's includes.
    private struct Walk {
        /// A document being walked: the article's, an included file's, or a table cell's.
        struct Context {
            var document: MarkdownDocument
            /// The model built from the document; `nil` for a table cell.
            var article: Article?
            /// The document's folder, relative to the locale root.
            var directory: String
            /// The locale the page's text is in, where includes are looked for first.
            var locale: String
            /// The file the document came from, and its locale.
            var file: String
            var fileLocale: String
            /// For a table cell, the line of `file` it is on.
            var line: Int? = nil
        }

        var expansion: IncludeExpansion

        /// Walks the blocks under `parent` for includes.
        mutating func blocks(_ context: Context, parent: Int) {
            let document = context.document
            // What the renderer looks for: where the model found none, it does not look.
            let bare = context.article.map { $0.sections.isEmpty && $0.textBlocks.isEmpty } ?? true
            let mayHaveTables = bare || context.article?.tables.isEmpty == false
            let mayHaveIncludes = bare || context.article?.includes.isEmpty == false
            guard mayHaveIncludes else {
                // Then only tables' cells can hold includes, and the model builder found every
                // table: they are all there is to walk, in the order of the page.
                if mayHaveTables { tables(context, parent: parent) }
                return
            }
            let mayHaveAlerts = bare || context.article?.alerts.isEmpty == false
            var trims: [Int: TextTrim] = [:]
            var index = parent + 1
            while index < document[parent].subtreeEnd {
                let node = document[index]
                switch node.kind {
                case .paragraph:
                    if mayHaveTables, let table = document.tables[index] ?? document.recognizedTable(paragraph: index) {
                        cells(context, table: table, paragraph: index)
                    } else {
                        let links = document.includeLinks(inParagraph: index)
                        if !links.isEmpty {
                            let blocksOnly = document.includeTrims(paragraph: index, links: links, existing: { trims[$0] }).blocksOnly
                            for link in links { include(context, link: link, inline: !blocksOnly) }
                        }
                    }
                    index = node.subtreeEnd
                case .blockQuote:
                    // An alert's marker is no text of its paragraph: includes after it stand alone.
                    if mayHaveAlerts, let marker = document.alertMarker(blockQuote: index) {
                        trims[marker.trimmedNode] = (marker.trimmedBytes, 0)
                    }
                    index += 1
                case .heading:
                    index = node.subtreeEnd
                default:
                    index += 1
                }
            }
        }

        /// Walks the cells of the tables the model builder found under `parent`, skipping those
        /// where the builder found no link: an include is a link.
        mutating func tables(_ context: Context, parent: Int) {
            let document = context.document
            let linkLines = Set((context.article?.links ?? []).map(\.line))
            for index in document.tables.keys.sorted() where index > parent && index < document[parent].subtreeEnd {
                guard let table = document.tables[index], let range = document[index].range else { continue }
                let hasLink = (range.start.line...range.end.line).contains { linkLines.contains($0) }
                // Lines before the header are no cells: the builder does not look at their links.
                if hasLink || table.header.lineIndex > 0 { cells(context, table: table, paragraph: index) }
            }
        }

        /// Walks the text before a table's header and its cells, each parsed on its own.
        mutating func cells(_ context: Context, table: PipeTable, paragraph: Int) {
            let firstLine = context.line ?? context.document[paragraph].start?.line
            if table.header.lineIndex > 0, let (lines, _) = context.document.paragraphLines(of: paragraph) {
                let before = lines[..<table.header.lineIndex].joined(separator: "\n")
                fragment(context, fragment: MarkdownParser.parse(before), line: firstLine)
            }
            var definitions: ReferenceDefinitionLines?
            for row in [table.header] + table.rows {
                // A cell of plain words holds no link, so no include.
                for cell in row.cells where !cell.markdown.isEmpty && !MarkdownParser.isPlainInline(cell.markdown) {
                    let parsed = context.document.tableCell(cell.markdown, definitions: &definitions)
                    fragment(context, fragment: parsed, line: firstLine.map { $0 + row.lineIndex })
                }
            }
        }

        /// Walks a snippet of `context`'s document parsed on its own (a table cell).
        mutating func fragment(_ context: Context, fragment: MarkdownDocument, line: Int?) {
            var nested = context
            nested.document = fragment
            nested.article = nil
            nested.line = line
            blocks(nested, parent: fragment.root)
        }

        /// Expands one include link: its file's blocks are walked in turn, unless it stands
        /// inside a sentence.
        mutating func include(_ context: Context, link: Int, inline: Bool) {
            let destination = context.document.destination(of: link)
            guard !destination.isEmpty else { return }
            let location = IncludeExpansion.location(of: link, in: context.document, file: context.file, fragmentLine: context.line)
            guard let included = expansion.enter(
                destination, at: location, fileLocale: context.fileLocale, from: context.directory, locale: context.locale) else { return }
            if !inline {
                let nested = Context(
                    document: included.document, article: included.article, directory: ReferencePath.directory(of: included.path),
                    locale: context.locale, file: included.article.file, fileLocale: included.locale)
                blocks(nested, parent: included.document.root)
            }
            expansion.leave()
        }
    }
}
