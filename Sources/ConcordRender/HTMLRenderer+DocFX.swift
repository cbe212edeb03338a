import ConcordMarkdown
import ConcordModel

/// DocFX directives on the page: `:::image:::` as `<img>` (a lightbox link, a `<details>` long
/// description), `:::code:::` and `[!code-…]` as the lines they name (or a visible placeholder),
/// `no-loc` as its text, zones and monikers as labelled blocks (`HTMLRenderer+Selectors`), anything else as the text written.
/// What cannot be shown is `concord check`'s finding (`broken-snippet`, `unknown-extension`),
/// not reported again from here.
extension HTMLRenderer.Writer {
    /// What a paragraph of directives has open while it is written.
    private struct DirectiveRun {
        let tight: Bool
        var inParagraph = false
        var wroteInline = false
    }

    /// Renders a paragraph holding directives: Markdown between them and inline directives
    /// (images, `no-loc`, unknown syntax) inside one `<p>`, block directives between paragraphs.
    mutating func renderDirectives(_ walk: Walk, paragraph: Int, _ segments: [ParagraphSegment]) {
        var run = DirectiveRun(tight: walk.tight || isInTightList(walk.document, paragraph))
        for (number, segment) in segments.enumerated() {
            let id = SegmentID(paragraph: paragraph, segment: number)
            switch segment {
            case .markdown(let markdown, let line, _):
                openInline(&run)
                renderFragment(walk.context, markdown: String(markdown.drop { $0 == " " || $0 == "\t" }), line: line)
            case .directive(let directive):
                renderDirective(directive, id: id, walk, &run)
            }
        }
        closeInline(&run)
    }

    private mutating func renderDirective(_ directive: DocFXDirective, id: SegmentID, _ walk: Walk, _ run: inout DirectiveRun) {
        let layout = walk.docfx
        let location = FileLocation(file: walk.context.file, line: walk.context.line ?? directive.line, column: directive.column)
        let opens = layout.closers[id] != nil, closes = layout.closing.contains(id)
        switch directive.name {
        case "image" where DocFXLayout.opensBlock(directive) && opens:
            closeInline(&run)
            out += "<figure class=\"image-complex\">\n"
            imageDirective(directive, at: location, walk.context)
            out += "\n<details><summary>"
            out.appendEscaped(directive.value("alt-text") ?? "")
            out += "</summary>\n"
        case "image":
            openInline(&run)
            imageDirective(directive, at: location, walk.context)
        case "image-end" where closes:
            closeInline(&run)
            out += "</details>\n</figure>\n"
        case "code":
            closeInline(&run)
            snippet(directive, walk.context)
        case "no-loc":
            openInline(&run)
            out.appendEscaped(directive.value("text") ?? "")
        // `where` binds to one pattern: each needs its own, or an unclosed zone opened a block.
        case "zone" where opens, "moniker" where opens:
            closeInline(&run)
            selectorBlock(directive, context: walk.context)
        case "zone-end" where closes, "moniker-end" where closes:
            closeInline(&run)
            out += "</div>\n"
        default:
            // Syntax Concord does not render stays as written, so that the reader and the writer see it.
            openInline(&run)
            out.appendEscaped(directive.text)
        }
    }

    private mutating func openInline(_ run: inout DirectiveRun) {
        if run.wroteInline {
            out += "\n"
        } else if !run.tight, !run.inParagraph {
            out += "<p>"
            run.inParagraph = true
        }
        run.wroteInline = true
    }

    private mutating func closeInline(_ run: inout DirectiveRun) {
        if run.inParagraph {
            out += "</p>\n"
        } else if run.wroteInline, !run.tight {
            out += "\n"
        }
        run.inParagraph = false
        run.wroteInline = false
    }

    /// `:::image:::`: the image, linked to its lightbox image when it names one.
    private mutating func imageDirective(_ directive: DocFXDirective, at location: FileLocation, _ context: DocumentContext) {
        let alt = (directive.value("alt-text") ?? "").collapsingWhitespace()
        let border: StaticString = directive.value("border")?.lowercased() == "true" ? " class=\"border\"" : ""
        var lightbox: String?
        if let written = directive.value("lightbox"), !written.isEmpty { lightbox = imageSource(written, at: location, context) }
        if let lightbox {
            out += "<a class=\"lightbox\" href=\""
            out.appendEscaped(URLPolicy.encodeForAttribute(lightbox))
            out += "\">"
        }
        emitImage(directive.value("source") ?? "", alt: alt, title: nil, className: border, at: location, context)
        if lightbox != nil { out += "</a>" }
    }

    /// `:::code:::` and `[!code-…]`: the lines named, highlighted ones marked; a placeholder that
    /// names the file when they cannot be read.
    private mutating func snippet(_ directive: DocFXDirective, _ context: DocumentContext) {
        let snippet = Snippet(directive: directive, section: nil, line: directive.line, column: directive.column)
        let language = snippet.language.flatMap { Self.languageClass($0) }
        guard case .success(let excerpt)? = renderer.snippets?.excerpt(snippet, from: context.directory, locale: context.locale) else {
            out += "<div class=\"snippet-missing\" role=\"note\"><p>"
            out.appendEscaped(renderer.words["snippetMissing"] ?? "Code sample not available")
            out += " <code>"
            out.appendEscaped(snippet.source)
            out += "</code></p></div>\n"
            return
        }
        includedFiles.append(excerpt.file)
        out += "<pre><code"
        if let language {
            out += " class=\"language-"
            out += language
            out += "\""
        }
        out += ">"
        for (index, line) in excerpt.lines.enumerated() {
            let marked = excerpt.highlighted.contains(index)
            if marked { out += "<mark class=\"highlight\">" }
            out.appendEscaped(line)
            if marked { out += "</mark>" }
            out += "\n"
        }
        out += "</code></pre>\n"
    }

    /// `> [!div class="…"]` as a `<div>` of that class, `> [!VIDEO url]` as a link to the video
    /// (pages load no third-party frame or script) when its host is on ``TypedBlock/videoHosts``;
    /// `nil` for any other block quote.
    mutating func typedBlock(_ i: Int, _ node: MarkdownNode, _ walk: Walk) -> Next? {
        guard let marker = walk.document.quoteMarker(blockQuote: i), let kind = TypedBlock.Kind(rawValue: marker.name) else { return nil }
        adjustments.setTrim((marker.trimmedBytes, 0), of: marker.trimmedNode)
        for hidden in marker.hidden { adjustments.hide(hidden) }
        switch kind {
        case .div:
            let name = TypedBlock.divClass(marker.argument).lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            out += "<div class=\"docfx-"
            out.appendEscaped(name.isEmpty ? "div" : name)
            out += "\">\n"
            return .children(Open(end: node.subtreeEnd, close: "</div>\n", exit: .none))
        case .video:
            let url = marker.argument.trimmingCharacters(in: .whitespaces)
            out += "<p class=\"video\">"
            if TypedBlock.isAllowedVideo(url), URLPolicy.isSafe(url) {
                out += "<a href=\""
                out.appendEscaped(URLPolicy.encodeForAttribute(url))
                out += "\" rel=\"noopener\">"
                out.appendEscaped(renderer.words["watchVideo"] ?? "Watch the video")
                out += "</a>"
            } else {
                out.appendEscaped(url)
            }
            out += "</p>\n"
            return .children(nil)
        }
    }
}
