import ConcordMarkdown

/// DocFX directives in the model: `:::image:::` as images, `:::code:::` and `[!code-…]` as
/// snippets, `no-loc` as protected terms, and whatever else as unknown extensions, which stay
/// visible in the page and get a warning.
extension ArticleBuilder {
    /// The extensions Concord renders; any other name is an ``UnknownExtension``.
    static let knownDirectives: Set<String> = ["image", "image-end", "code", "no-loc", "zone", "zone-end", "moniker", "moniker-end"]

    /// A paragraph that holds directives: the Markdown between them is read as a fragment (its
    /// text, links and images), each directive as what it is.
    mutating func directives(_ segments: [ParagraphSegment], paragraph: Int) {
        let kind: TextBlock.Kind = document[document[paragraph].parent].kind == .item ? .listItem : .paragraph
        for (number, segment) in segments.enumerated() {
            switch segment {
            case .markdown(let markdown, let line, let column):
                fragment(markdown, line: line, column: column, kind: kind)
            case .directive(let directive):
                self.directive(directive, id: SegmentID(paragraph: paragraph, segment: number))
            }
        }
    }

    /// The Markdown between directives, parsed alone as the renderer parses it (``fragmentDocument(_:line:)``):
    /// its text, links, includes and images.
    private mutating func fragment(_ markdown: String, line: Int, column: Int, kind: TextBlock.Kind) {
        let trimmed = String(markdown.drop { $0 == " " || $0 == "\t" })
        let column = column + markdown.utf8.count - trimmed.utf8.count
        let parsed = fragmentDocument(trimmed, line: line)
        func place(_ index: Int) -> (line: Int, column: Int) {
            let start = parsed[index].start ?? SourceLocation(line: 1, column: 1)
            let fileLine = line + start.line - 1
            return (fileLine, fileColumn(start.line == 1 ? column + start.column - 1 : start.column, line: fileLine))
        }
        for index in parsed.nodes.indices {
            switch parsed[index].kind {
            case .link where parsed.includeCandidate(link: index) != nil:
                // `[!INCLUDE [title](path)]` beside a directive: an include, as anywhere else.
                let (line, column) = place(index)
                article.includes.append(Include(
                    title: clean(parsed.plainText(of: index)), path: parsed.destination(of: index), section: section, line: line, column: column))
            case .link:
                let (line, column) = place(index)
                let destination = parsed.destination(of: index), text = clean(parsed.plainText(of: index))
                let closing = parsed[index].range.flatMap { range in
                    parsed.source.line(range.end.line).dropFirst(range.end.column - 1).first
                }
                article.links.append(Link(
                    destination: destination, text: text, kind: linkKind(destination: destination, text: text, closing: closing),
                    section: section, line: line, column: column))
            case .image:
                let (line, column) = place(index)
                article.images.append(Image(
                    source: parsed.destination(of: index), alt: clean(parsed.plainText(of: index)), section: section, line: line, column: column))
            default: continue
            }
        }
        let (text, prose) = Self.textAndProse(of: 0, in: parsed)
        if !text.isEmpty {
            article.textBlocks.append(TextBlock(
                kind: kind, text: text, prose: prose, section: section, line: line, column: fileColumn(column, line: line)))
        }
    }

    /// The Markdown between directives as a document of its own, followed by the article's
    /// reference definitions it names (so `[label][ref]` beside a directive is a link, as in
    /// any paragraph), kept in ``fragments`` for the renderer. A blank line ends whatever block
    /// the fragment leaves open before the definitions.
    private mutating func fragmentDocument(_ markdown: String, line: Int) -> MarkdownDocument {
        if let found = fragments[markdown] { return found }
        if definitionLines == nil { definitionLines = ReferenceDefinitionLines(document) }
        let definitions = definitionLines!.markdown(for: markdown, line: line)
        let parsed = MarkdownParser.parse(definitions.isEmpty ? markdown : markdown + "\n\n" + definitions)
        fragments[markdown] = parsed
        return parsed
    }

    /// One directive into the model. `id` is `nil` for one inside a table cell, which opens no block.
    mutating func directive(_ directive: DocFXDirective, id: SegmentID?) {
        let line = directive.line, column = fileColumn(directive.column, line: directive.line)
        switch directive.name {
        case "image":
            var image = Image(
                source: directive.value("source") ?? "", alt: directive.value("alt-text") ?? "", section: section, line: line, column: column)
            image.type = (directive.value("type") ?? "content").lowercased()
            image.lightbox = directive.value("lightbox")
            image.border = directive.value("border").map { $0.lowercased() != "false" }
            if DocFXLayout.opensBlock(directive) {
                if let id, let end = docfx.closers[id] {
                    image.longDescription = longDescription(from: id, to: end)
                } else {
                    unknown(directive, reason: "no ':::image-end:::' closes this complex image's long description", line: line, column: column)
                }
            }
            article.images.append(image)
        case "code":
            article.snippets.append(Snippet(directive: directive, section: section, line: line, column: column))
        case "no-loc":
            if let text = directive.value("text"), !text.isEmpty {
                article.protectedTerms.append(ProtectedTerm(text: text, section: section, line: line))
            }
        case "zone", "moniker":
            if let id, let end = docfx.closers[id], let closer = docfx.paragraphs[end.paragraph]?[end.segment].directive {
                article.zones.append(Zone(
                    kind: directive.name == "zone" ? .zone : .moniker, value: directive.value(directive.name == "zone" ? "pivot" : "range") ?? "",
                    section: section, line: line, endLine: closer.line))
            } else {
                unknown(directive, reason: "no '::: \(directive.name)-end' closes it at this level", line: line, column: column)
            }
        case let name where Self.knownDirectives.contains(name):
            let matched = id.map { docfx.closers[$0] != nil || docfx.closing.contains($0) } ?? false
            if !matched {
                let reason = directive.isEnd ? "it closes no '\(directive.closedBlock ?? name)' block opened before it at this level"
                    : "no '::: \(name)-end' closes it at this level"
                unknown(directive, reason: reason, line: line, column: column)
            }
        default:
            unknown(directive, reason: "Concord does not know the DocFX extension '\(directive.name)'", line: line, column: column)
        }
    }

    private mutating func unknown(_ directive: DocFXDirective, reason: String, line: Int, column: Int) {
        article.unknownExtensions.append(UnknownExtension(
            name: directive.name, text: directive.text, reason: reason, section: section, line: line, column: column))
    }

    /// The Markdown of a complex image's long description, from the image to its end marker: the
    /// segments between them, and the blocks between when they are in different paragraphs.
    private func longDescription(from start: SegmentID, to end: SegmentID) -> String {
        var parts: [String] = []
        func markdown(of paragraph: Int, in range: Range<Int>) {
            guard let segments = docfx.paragraphs[paragraph] else { return }
            for index in range.clamped(to: 0..<segments.count) {
                if case .markdown(let text, _, _) = segments[index] { parts.append(text.trimmingASCIIWhitespace()) }
            }
        }
        if start.paragraph == end.paragraph {
            markdown(of: start.paragraph, in: (start.segment + 1)..<end.segment)
        } else {
            markdown(of: start.paragraph, in: (start.segment + 1)..<Int.max)
            var block = document[start.paragraph].nextSibling
            while block >= 0, block != end.paragraph {
                if let lines = document[block].range.map({ $0.start.line...$0.end.line }) {
                    parts.append(lines.map { String(decoding: document.source.line($0), as: UTF8.self) }.joined(separator: "\n"))
                }
                block = document[block].nextSibling
            }
            markdown(of: end.paragraph, in: 0..<end.segment)
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    /// The reader's text of a table cell holding directives, and the directives into the model.
    mutating func cellDirectives(_ markdown: String, line: Int, column: Int) -> String? {
        guard DocFXDirectives.mayHold(markdown.utf8),
              let segments = DocFXDirectives.segments(lines: [Substring(markdown)], lineNumbers: [line], columns: [column])
        else { return nil }
        for directive in segments.compactMap(\.directive) { self.directive(directive, id: nil) }
        return clean(DocFXDirectives.plainText(of: markdown) ?? markdown)
    }

    /// A heading that is a tab (``MarkdownDocument/tabID(heading:)``) joins the open group of its
    /// level or opens one; any other heading at that level or above ends the group before it.
    mutating func tabHeading(_ index: Int) {
        let node = document[index]
        let line = node.start?.line ?? 0
        guard let id = document.tabID(heading: index) else {
            if let open = openTabs, node.headingLevel <= open.level { closeTabs(endLine: line - 1) }
            return
        }
        if let open = openTabs, open.level != node.headingLevel { closeTabs(endLine: line - 1) }
        if openTabs == nil { openTabs = TabGroup(level: node.headingLevel, tabs: [], section: section, line: line, endLine: line) }
        let tab = Tab(id: id, title: text(of: index), line: line)
        openTabs?.tabs.append(tab)
    }

    /// `---` at the top level ends the open tab group.
    mutating func endTabGroup(atBreak index: Int) {
        guard openTabs != nil, document[index].parent == document.root else { return }
        closeTabs(endLine: document[index].start?.line ?? 0)
    }

    mutating func closeTabs(endLine: Int) {
        guard var group = openTabs else { return }
        group.endLine = max(endLine, group.tabs.last?.line ?? group.line)
        article.tabGroups.append(group)
        openTabs = nil
    }

    /// `> [!div class="…"]` and `> [!VIDEO url]`.
    mutating func typedBlock(_ blockQuote: Int) {
        guard let marker = document.quoteMarker(blockQuote: blockQuote), let kind = TypedBlock.Kind(rawValue: marker.name) else { return }
        let value = kind == .div ? TypedBlock.divClass(marker.argument) : marker.argument
        let line = document[blockQuote].start?.line ?? 0
        article.typedBlocks.append(TypedBlock(kind: kind, value: value, section: section, line: line))
        if kind == .video, !TypedBlock.isAllowedVideo(value) {
            article.unknownExtensions.append(UnknownExtension(
                name: "video", text: "[!VIDEO \(value)]",
                reason: "the video is not https:// on an allowed host (\(TypedBlock.videoHosts.sorted().joined(separator: ", "))); the address is shown as text",
                section: section, line: line, column: document[blockQuote].start?.column ?? 1))
        }
    }

    /// `no-loc:` in the front matter: a list of terms (or one).
    mutating func frontMatterProtectedTerms() {
        guard let value = article.metadata["no-loc"] else { return }
        let line = article.metadata.line(of: "no-loc") ?? 1
        let terms: [String]
        switch value {
        case .string(let text): terms = [text]
        case .list(let items): terms = items.map(\.text)
        case .map: terms = []
        }
        article.protectedTerms.insert(contentsOf: terms.filter { !$0.isEmpty }.map { ProtectedTerm(text: $0, section: nil, line: line) }, at: 0)
    }
}

extension Snippet {
    /// The snippet a `:::code:::` or `[!code-…]` directive shows.
    public init(directive: DocFXDirective, section: String?, line: Int, column: Int) {
        func value(_ name: String) -> String? { directive.value(name).flatMap { $0.isEmpty ? nil : $0 } }
        self.init(
            language: value("language"), source: directive.value("source") ?? "", range: value("range"),
            name: value("id") ?? value("name"), highlight: value("highlight"), title: value("title"),
            section: section, line: line, column: column)
    }
}

extension TypedBlock {
    /// The hosts a `[!VIDEO]` may name: the page links to the video there (no frame, no script).
    public static let videoHosts: Set<String> = [
        "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtu.be", "player.vimeo.com", "vimeo.com",
        "learn.microsoft.com", "docs.microsoft.com", "www.microsoft.com", "channel9.msdn.com",
    ]

    /// Whether `url` is `https://` on one of ``videoHosts``.
    public static func isAllowedVideo(_ url: String) -> Bool {
        guard url.lowercased().hasPrefix("https://") else { return false }
        let host = url.dropFirst(8).prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
        return videoHosts.contains(host)
    }

    /// The class a `[!div class="…"]` marker names (`class="nextstepaction"` gives `nextstepaction`).
    public static func divClass(_ argument: String) -> String {
        guard let segments = DocFXDirectives.segments(lines: [Substring(":::div " + argument + ":::")], lineNumbers: [1], columns: [1]),
              let value = segments.first?.directive?.value("class") else { return argument }
        return value
    }
}
