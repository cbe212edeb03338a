import ConcordMarkdown
import ConcordModel

/// The HTML of an article's body and what it needs besides.
public struct RenderedBody: Sendable {
    /// The article's content as HTML (headings, lists, tables… no page chrome).
    public var html: String {
        get { String(decoding: utf8, as: UTF8.self) }
        set { utf8 = Array(newValue.utf8) }
    }
    /// ``html`` as UTF-8, which is how pages take it.
    public var utf8: [UInt8]
    /// Images the content refers to, to copy into the site.
    public var assets: [AssetCopy]
    /// Problems met while rendering (images the site may not publish). Includes that cannot be
    /// expanded are the model's findings (``IncludeExpansion``), reported once per file.
    public var diagnostics: [Diagnostic]
    /// The files expanded into it (`<locale>/<path>`, nested includes too), in order: what the
    /// build cache must watch besides the article's own file.
    public var includedFiles: [String] = []
    /// The includes this rendering left out, as it met them: what the model's
    /// ``IncludeExpansion/findings(article:document:store:)`` reports for the page, which tests
    /// hold it to. Not reported from here.
    public var includeFindings: [Diagnostic] = []
    /// The id each of the article's sections has on the page, in the order of `Article.sections`:
    /// its anchor made unique on the page and never empty (``PageAnchors``); `nil` for a heading
    /// not shown (empty, or hidden by an include). What "in this article" links to.
    public var sectionIDs: [String?] = []
    /// Whether the content has zones, monikers or tabs, which `assets/selectors.js` makes selectable.
    public var usesSelectors = false
}

/// Renders an article's Markdown tree to HTML, using the typed model for what cmark
/// does not know: heading anchors, procedures and their UI elements, alerts, pipe tables
/// and includes. Raw HTML goes through ``RawHTMLFilter``; every URL through ``LinkResolver``.
///
/// The tree is walked in document order without recursion (the flat tree gives each node's
/// subtree end), so deep nesting cannot overflow the stack; only includes and table cells,
/// both bounded, start a nested walk.
public struct HTMLRenderer: Sendable {
    /// Rewrites links and images.
    public var links: LinkResolver
    /// Loads `[!INCLUDE]` files; `nil` leaves includes out.
    public var includes: IncludeStore?
    /// The heading of each kind of alert, in the page's language.
    public var alertTitles: [Alert.Kind: String]
    /// Reads the files code snippets show; `nil` shows each snippet's placeholder.
    public var snippets: SnippetStore?
    /// The words the page's DocFX blocks show, in the page's language (`snippetMissing`).
    public var words: [String: String]
    /// What a code block is called to assistive technology, in the page's language (`Code`).
    public var codeLabel: String

    /// How deeply includes may nest before the renderer stops expanding them.
    public static let maximumIncludeDepth = IncludeExpansion.maximumDepth
    /// How many includes one page expands, nested ones counted.
    public static let maximumIncludeExpansions = IncludeExpansion.maximumExpansions
    /// How many bytes of included Markdown one page expands.
    public static let maximumIncludedBytes = IncludeExpansion.maximumBytes

    /// Creates a renderer.
    public init(
        links: LinkResolver, includes: IncludeStore?, alertTitles: [Alert.Kind: String] = [:], snippets: SnippetStore? = nil,
        words: [String: String] = [:], codeLabel: String = "Code"
    ) {
        self.links = links
        self.includes = includes
        self.alertTitles = alertTitles
        self.snippets = snippets
        self.words = words
        self.codeLabel = codeLabel
    }

    /// Renders `document`, the body of `article`, for the page of `article.path` in `locale`
    /// (the article's own locale, or another one when it is shown as a fallback).
    public func render(_ document: MarkdownDocument, article: Article, locale: String) -> RenderedBody {
        var writer = Writer(
            renderer: self, pageLocale: locale, pageDirectory: RelativePath.directory(of: article.path), file: article.file,
            capacity: document.source.bytes.count * 5 / 4 + 256)
        let context = Writer.DocumentContext(
            document: document, article: article, directory: RelativePath.directory(of: article.path), locale: article.locale,
            file: article.file, isPage: true)
        writer.sectionIDs = Array(repeating: nil, count: article.sections.count)
        writer.selectors = Writer.Selectors(article: article)
        writer.renderBlocks(context, parent: document.root, tight: false)
        return RenderedBody(
            utf8: writer.out.array(), assets: writer.assets, diagnostics: writer.diagnostics, includedFiles: writer.includedFiles,
            includeFindings: writer.expansion?.diagnostics ?? [], sectionIDs: writer.sectionIDs, usesSelectors: writer.selectors.used)
    }
}

extension HTMLRenderer {
    struct Writer: ~Copyable {
        struct DocumentContext {
            var document: MarkdownDocument
            /// The model built from the document; `nil` for a fragment (a table cell), which has none.
            var article: Article?
            /// The document's folder, relative to the locale root.
            var directory: String
            /// The locale the document's text is in.
            var locale: String
            /// The file the document came from, for findings about what it holds.
            var file: String
            /// For a fragment (a table cell), the line of `file` it came from: what is reported for
            /// anything in it, as the fragment's own lines count from its start.
            var line: Int? = nil
            /// Whether this is the page's own article, whose headings "in this article" lists
            /// (not an include or a table cell).
            var isPage = false

            /// Where node `node` of the document is in `file`.
            func location(of node: Int) -> FileLocation {
                if let line { return FileLocation(file: file, line: line) }
                let start = document[node].start
                return FileLocation(file: file, line: start?.line ?? 0, column: start?.column ?? 1)
            }
        }

        /// What to do when a node's subtree ends.
        enum Exit {
            case none, leaveProcedure, resetFilter
        }

        struct Open {
            var end: Int
            /// The markup that closes the node: always a literal, so opening and closing one
            /// counts no references.
            var close: StaticString
            var exit: Exit
        }

        /// What the walk changes in the tree as it goes: bytes to drop at the start and end of
        /// text nodes (alert markers, include brackets) and nodes not to render at all.
        ///
        /// Every node is asked. The changes are made just before the walk reaches the nodes
        /// they concern, so the highest node changed is kept: past it (most of a page, once its
        /// last alert is behind) no look-up is made.
        struct Adjustments {
            private var trims: [Int: (prefix: Int, suffix: Int)] = [:]
            private var hidden: Set<Int> = []
            private var last = -1

            /// Whether any text node is trimmed.
            var hasTrims: Bool { !trims.isEmpty }

            /// The bytes to drop at the start and end of text node `node`, if any.
            func trim(of node: Int) -> (prefix: Int, suffix: Int)? {
                node <= last ? trims[node] : nil
            }

            /// Whether node `node` is not to be rendered.
            func isHidden(_ node: Int) -> Bool {
                node <= last && hidden.contains(node)
            }

            mutating func setTrim(_ trim: (prefix: Int, suffix: Int), of node: Int) {
                trims[node] = trim
                last = max(last, node)
            }

            mutating func hide(_ node: Int) {
                hidden.insert(node)
                last = max(last, node)
            }
        }

        let renderer: HTMLRenderer
        let pageLocale: String
        let pageDirectory: String
        let file: String
        var out: HTMLBuffer
        var assets: [AssetCopy] = []
        var diagnostics: [Diagnostic] = []
        var includedFiles: [String] = []
        var filter = RawHTMLFilter()
        var procedureDepth = 0
        /// The page's includes: which are expanded, within the limits, decided as the model
        /// decides them for `concord check` (whose findings they are).
        var expansion: IncludeExpansion?
        /// Bytes to drop from text nodes and nodes not to render at all.
        var adjustments = Adjustments()
        /// The id each section of the page's article was given (``RenderedBody/sectionIDs``).
        var sectionIDs: [String?] = []
        /// The page's zone pivot groups, versions and open tab group (``Selectors``).
        var selectors = Selectors()

        /// Creates a writer whose buffer has room for `capacity` bytes of HTML.
        init(renderer: HTMLRenderer, pageLocale: String, pageDirectory: String, file: String, capacity: Int) {
            self.renderer = renderer
            self.pageLocale = pageLocale
            self.pageDirectory = pageDirectory
            self.file = file
            expansion = renderer.includes.map { IncludeExpansion(store: $0) }
            out = HTMLBuffer(capacity: capacity)
        }

        // MARK: Blocks and inlines

        /// Renders the children of `parent`. With `tight`, paragraphs are not wrapped in `<p>` (table cells).
        /// What one walk over a subtree knows: the document, the model's findings about it, and
        /// how many headings it has passed (their anchors come from the model, in order).
        struct Walk {
            let context: DocumentContext
            let tight: Bool
            let sections: [Section]
            var headingIndex: Int
            let procedureLines: Set<Int>
            let explicitAnchors: Set<String>
            // The model already found the tables, alerts and includes: no looking where it found none.
            let mayHaveTables: Bool, mayHaveAlerts: Bool, mayHaveIncludes: Bool, mayHaveTypedBlocks: Bool
            /// The DocFX directives of the document (found here for a fragment, which has no model).
            let docfx: DocFXLayout
            /// The lines of the `---` that end tab groups.
            let tabEnds: Set<Int>
            /// The page article's tab groups by the line of their first tab; empty for anything
            /// but the page's own article, whose top-level blocks the groups are wrapped around.
            let tabGroups: [Int: TabGroup]
            /// Whether inline markup is being left out (the filter is inside raw HTML it drops).
            var suppressing = false
            var document: MarkdownDocument { context.document }

            init(_ context: DocumentContext, parent: Int, tight: Bool) {
                self.context = context
                self.tight = tight
                sections = context.article?.sections ?? []
                headingIndex = 0
                for index in 0..<parent where context.document.nodes[index].kind == .heading { headingIndex += 1 }
                procedureLines = Set(context.article?.procedures.map(\.listLine) ?? [])
                // Fragments and includes are rendered with their own model, or none, and looked at fully.
                let fragment = context.article.map { $0.sections.isEmpty && $0.textBlocks.isEmpty } ?? true
                mayHaveTables = fragment || context.article?.tables.isEmpty == false
                mayHaveAlerts = fragment || context.article?.alerts.isEmpty == false
                mayHaveIncludes = fragment || context.article?.includes.isEmpty == false
                mayHaveTypedBlocks = fragment || context.article?.typedBlocks.isEmpty == false
                explicitAnchors = Set(sections.filter(\.explicitAnchor).map(\.anchor))
                docfx = context.document.docfx ?? DocFXLayout.find(in: context.document)
                tabEnds = Set(context.article?.tabGroups.map(\.endLine) ?? [])
                tabGroups = context.isPage && parent == context.document.root
                    ? Dictionary((context.article?.tabGroups ?? []).filter { !$0.tabs.isEmpty }.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
                    : [:]
            }
        }

        /// Where the walk goes after a node.
        enum Next {
            /// Into its children (a leaf has none), closing it with `Open` once they are done.
            case children(Open?)
            /// Past its subtree: the node was rendered whole, or left out.
            case skip
        }

        /// Renders the children of `parent` in document order, without recursion: a stack of the
        /// nodes opened holds what closes each. Each kind of node is rendered by its own method.
        mutating func renderBlocks(_ context: DocumentContext, parent: Int, tight: Bool) {
            var walk = Walk(context, parent: parent, tight: tight)
            let nodes = context.document.nodes
            let savedSkipped = filter.skippedAnchorIDs
            filter.skippedAnchorIDs = walk.explicitAnchors
            defer { filter.skippedAnchorIDs = savedSkipped }

            var stack: [Open] = []
            var i = parent + 1
            let end = nodes[parent].subtreeEnd
            while i < end {
                while let top = stack.last, i >= top.end { close(stack.removeLast()) }
                let node = nodes[i]
                if !walk.tabGroups.isEmpty, node.parent == parent { tabBoundary(node, walk) }
                if adjustments.isHidden(i) {
                    if node.kind == .heading { walk.headingIndex += 1 }
                    i = node.subtreeEnd
                    continue
                }
                walk.suppressing = filter.isSuppressing
                switch render(i, node, &walk) {
                case .children(let open):
                    if let open { stack.append(open) }
                    i += 1
                case .skip:
                    i = node.subtreeEnd
                }
            }
            while let top = stack.popLast() { close(top) }
            if !walk.tabGroups.isEmpty { closeTabs() }
        }

        /// Renders the opening of node `i` (all of it, for a leaf) and says where the walk goes.
        private mutating func render(_ i: Int, _ node: MarkdownNode, _ walk: inout Walk) -> Next {
            switch node.kind {
            case .document, .customBlock, .customInline: return .children(nil)
            case .paragraph: return paragraph(i, node, walk)
            case .heading: return heading(i, node, &walk)
            case .blockQuote: return blockQuote(i, node, walk)
            case .list: return list(i, node, walk)
            case .item:
                out += "<li>"
                return .children(Open(end: node.subtreeEnd, close: "</li>\n", exit: .none))
            case .codeBlock: codeBlock(i, walk)
            case .htmlBlock: htmlBlock(i, walk)
            case .thematicBreak:
                // The `---` that ends a tab group is the group's end marker, not a rule.
                if !walk.tabEnds.contains(node.start?.line ?? -1) { out += "<hr>\n" }
            case .text: if !walk.suppressing { text(i, walk) }
            case .softBreak: if !walk.suppressing { out += "\n" }
            case .lineBreak: if !walk.suppressing { out += "<br>\n" }
            case .code:
                guard !walk.suppressing else { break }
                out += "<code>"
                walk.document.withLiteralBytes(of: i) { out.appendEscaped(utf8: $0) }
                out += "</code>"
            case .htmlInline: walk.document.withLiteralBytes(of: i) { filter.filter(utf8: $0, into: &out) }
            case .emphasis:
                if !walk.suppressing { out += "<em>" }
                return .children(Open(end: node.subtreeEnd, close: walk.suppressing ? "" : "</em>", exit: .none))
            case .strong:
                if !walk.suppressing { out += procedureDepth > 0 ? "<strong class=\"ui\">" : "<strong>" }
                return .children(Open(end: node.subtreeEnd, close: walk.suppressing ? "" : "</strong>", exit: .none))
            case .link: return link(i, node, walk)
            case .image:
                image(i, node, walk)
                return .skip
            }
            return .children(nil)
        }

        private mutating func paragraph(_ i: Int, _ node: MarkdownNode, _ walk: Walk) -> Next {
            let document = walk.document, nodes = document.nodes
            filter.reset()
            // Both questions fail at a first child of visible text, as nearly every paragraph has: asked once here.
            let opensWithText = node.firstChild >= 0 && nodes[node.firstChild].kind == .text
                && Self.startsWithVisibleASCII(document, node.firstChild)
            if !opensWithText, isAnchorOnly(document, i, skipped: walk.explicitAnchors) || isBlank(document, i) { return .skip }
            if walk.mayHaveTables, let table = document.tables[i] ?? document.recognizedTable(paragraph: i) {
                renderTable(walk.context, paragraph: i, table)
                return .skip
            }
            if let segments = walk.docfx.paragraphs[i] {
                renderDirectives(walk, paragraph: i, segments)
                return .skip
            }
            let includeLinks = walk.mayHaveIncludes ? document.includeLinks(inParagraph: i) : []
            if !includeLinks.isEmpty, prepareIncludes(document, paragraph: i, links: includeLinks) {
                for link in includeLinks { renderInclude(walk.context, link: link, inline: false) }
                return .skip
            }
            let closing: StaticString
            if walk.tight || isInTightList(document, i) {
                closing = node.nextSibling >= 0 && !walk.tight ? "\n" : ""
            } else if let next = node.nextSibling >= 0 ? nodes[node.nextSibling] : nil,
                      next.kind == .list, let line = next.start?.line, walk.procedureLines.contains(line) {
                out += "<p class=\"procedure-title\">"
                closing = "</p>\n"
            } else {
                out += "<p>"
                closing = "</p>\n"
            }
            return .children(Open(end: node.subtreeEnd, close: closing, exit: .resetFilter))
        }

        private mutating func heading(_ i: Int, _ node: MarkdownNode, _ walk: inout Walk) -> Next {
            filter.reset()
            let number = walk.headingIndex
            walk.headingIndex += 1
            // An empty heading is no heading to a reader, and an empty element to a validator.
            guard !Self.isEmptyHeading(walk.document, i) else { return .skip }
            let level = min(max(node.headingLevel, 1), 6)
            var written: String
            if number < walk.sections.count {
                let section = walk.sections[number]
                written = section.anchor
                // A repeated empty slug is numbered by the model (`-1`): no name either.
                if !section.explicitAnchor, written.first == "-", Slug.make(section.title).isEmpty { written = "" }
            } else {
                written = Slug.make(walk.document.plainText(of: i))
            }
            let anchor = filter.anchors.claim(written, fallback: "section-\(number + 1)")
            if walk.context.isPage, number < sectionIDs.count { sectionIDs[number] = anchor }
            let tags = Self.headingTags(level: level)
            out += tags.open
            out.appendEscaped(anchor)
            out += "\">"
            return .children(Open(end: node.subtreeEnd, close: tags.close, exit: .resetFilter))
        }

        private mutating func blockQuote(_ i: Int, _ node: MarkdownNode, _ walk: Walk) -> Next {
            guard walk.mayHaveAlerts, let kind = prepareAlert(walk.document, blockQuote: i) else {
                if walk.mayHaveTypedBlocks, let next = typedBlock(i, node, walk) { return next }
                out += "<blockquote>\n"
                return .children(Open(end: node.subtreeEnd, close: "</blockquote>\n", exit: .none))
            }
            let title = renderer.alertTitles[kind] ?? kind.rawValue.capitalized
            out += "<div class=\"alert alert-\(kind.rawValue)\" role=\"note\">\n<p class=\"alert-title\">"
            out.appendEscaped(title)
            out += "</p>\n"
            return .children(Open(end: node.subtreeEnd, close: "</div>\n", exit: .none))
        }

        private mutating func list(_ i: Int, _ node: MarkdownNode, _ walk: Walk) -> Next {
            guard node.list?.ordered ?? false else {
                out += "<ul>\n"
                return .children(Open(end: node.subtreeEnd, close: "</ul>\n", exit: .none))
            }
            let start = node.list?.start ?? 1
            let isProcedure = procedureDepth > 0 || (node.start.map { walk.procedureLines.contains($0.line) } ?? false)
            out += "<ol"
            if isProcedure, procedureDepth == 0 { out += " class=\"procedure\"" }
            if start != 1 { out += " start=\"\(start)\"" }
            out += ">\n"
            if isProcedure { procedureDepth += 1 }
            return .children(Open(end: node.subtreeEnd, close: "</ol>\n", exit: isProcedure ? .leaveProcedure : .none))
        }

        private mutating func codeBlock(_ i: Int, _ walk: Walk) {
            filter.reset()
            // A wide block scrolls sideways: focusable, so a keyboard can scroll it, and named, as
            // a focusable element must be.
            out += "<pre tabindex=\"0\" role=\"group\" aria-label=\""
            out.appendEscaped(renderer.codeLabel)
            out += "\"><code"
            let language = Self.languageClass(walk.document.info(of: i))
            if let language {
                out += " class=\"language-"
                out += language
                out += "\""
            }
            out += ">"
            walk.document.withLiteralBytes(of: i) { code in
                if let grammar = language.flatMap(SyntaxHighlighter.language(ofClass:)), code.count <= SyntaxHighlighter.maximumBytes {
                    SyntaxHighlighter.write(code, language: grammar, into: &out)
                } else {
                    out.appendEscaped(utf8: code)
                }
            }
            out += "</code></pre>\n"
        }

        private mutating func htmlBlock(_ i: Int, _ walk: Walk) {
            filter.reset()
            let start = out.count
            walk.document.withLiteralBytes(of: i) { filter.filter(utf8: $0, into: &out) }
            filter.closeOpenTags(into: &out)
            filter.reset()
            if out.withBytes(from: start, Self.isWhitespace) {
                out.removeBytes(from: start)
            } else {
                out += "\n"
            }
        }

        private mutating func text(_ i: Int, _ walk: Walk) {
            guard let trim = adjustments.trim(of: i) else {
                if renderer.links.hasUIDs, textWithShorthand(i, walk) { return }
                walk.document.withLiteralBytes(of: i) { out.appendEscaped(utf8: $0) }
                return
            }
            walk.document.withLiteralBytes(of: i) { literal in
                let start = min(trim.prefix, literal.count)
                let end = max(start, literal.count - trim.suffix)
                out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: literal[start..<end]))
            }
        }

        private mutating func link(_ i: Int, _ node: MarkdownNode, _ walk: Walk) -> Next {
            let document = walk.document
            if walk.mayHaveIncludes, adjustments.hasTrims, let include = document.includeCandidate(link: i),
               adjustments.trim(of: include.before) != nil {
                renderInclude(walk.context, link: i, inline: true)
                return .skip
            }
            // A tab heading's link names the tab: its text stays, the link goes.
            if document[node.parent].kind == .heading, document.destination(of: i).hasPrefix("#tab/") {
                return .children(Open(end: node.subtreeEnd, close: "", exit: .none))
            }
            let destination = document.destination(of: i)
            if !walk.suppressing, let first = destination.utf8.first, first | 0x20 == UInt8(ascii: "x") {
                let link = LinkDestination(destination)
                if link.kind == .xref { return crossReference(i, node, walk, link) }
            }
            // Suppressed, or an unsafe destination: the text stays, the link goes.
            guard !walk.suppressing, let href = renderer.links.href(
                destination, documentDirectory: walk.context.directory, pageDirectory: pageDirectory, locale: pageLocale)
            else { return .children(Open(end: node.subtreeEnd, close: "", exit: .none)) }
            out += "<a href=\""
            out.appendEscaped(URLPolicy.encodeForAttribute(href))
            out += "\""
            if URLPolicy.opensAnotherSite(href) { out += " rel=\"noopener\"" }
            if !node.title.isEmpty {
                out += " title=\""
                out.appendEscaped(document.title(of: i))
                out += "\""
            }
            out += ">"
            return .children(Open(end: node.subtreeEnd, close: "</a>", exit: .none))
        }

        /// A cross reference (`<xref:uid>`, `[text](xref:uid)`): a link to the page its uid names
        /// in the reader's locale, showing the link's text, or the page's title when the link's
        /// text is only its destination (as DocFX shows the target's name). An undefined uid shows
        /// its text as plain text (the uid for `<xref:uid>`), never the `xref:` destination.
        private mutating func crossReference(_ i: Int, _ node: MarkdownNode, _ walk: Walk, _ link: LinkDestination) -> Next {
            let uid = link.uid ?? ""
            // cmark percent-encodes an autolink's destination, not its text (`<xref:A`B>`): the
            // text of `<xref:…>` is still known by its scheme.
            let text = walk.document.plainText(of: i)
            let namesItself = node.firstChild < 0 || text == link.raw || text.utf8.count >= 5 && text.prefix(5).lowercased() == "xref:"
            guard let target = renderer.links.crossReference(link, pageDirectory: pageDirectory, locale: pageLocale) else {
                guard namesItself else { return .children(Open(end: node.subtreeEnd, close: "", exit: .none)) }
                out.appendEscaped(uid)
                return .skip
            }
            out += "<a href=\""
            out.appendEscaped(URLPolicy.encodeForAttribute(target.href))
            out += "\">"
            guard namesItself else { return .children(Open(end: node.subtreeEnd, close: "</a>", exit: .none)) }
            out.appendEscaped(target.title.isEmpty ? uid : target.title)
            out += "</a>"
            return .skip
        }

        /// Writes text node `i` with each `@uid` whose uid is defined as a cross reference to its
        /// page (``UIDShorthand``, as the model reads it); `false`, having written nothing, when
        /// there is none, or the text is a link's.
        private mutating func textWithShorthand(_ i: Int, _ walk: Walk) -> Bool {
            let document = walk.document
            let candidates = document.withLiteralBytes(of: i) { UIDShorthand.candidates(in: $0) }
            guard !candidates.isEmpty else { return false }
            let targets = candidates.map { candidate in
                renderer.links.crossReference(LinkDestination("xref:" + candidate.uid), pageDirectory: pageDirectory, locale: pageLocale)
            }
            guard targets.contains(where: { $0 != nil }) else { return false }
            var ancestor = document[i].parent
            while ancestor > 0 {
                if document[ancestor].kind == .link { return false }
                ancestor = document[ancestor].parent
            }
            document.withLiteralBytes(of: i) { bytes in
                var written = 0
                for (candidate, target) in zip(candidates, targets) {
                    guard let target else { continue }
                    out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: bytes[written..<candidate.start]))
                    out += "<a href=\""
                    out.appendEscaped(URLPolicy.encodeForAttribute(target.href))
                    out += "\">"
                    out.appendEscaped(target.title.isEmpty ? candidate.uid : target.title)
                    out += "</a>"
                    written = candidate.end
                }
                out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: bytes[written...]))
            }
            return true
        }

        private mutating func image(_ i: Int, _ node: MarkdownNode, _ walk: Walk) {
            let document = walk.document
            guard !walk.suppressing else { return }
            emitImage(
                document.destination(of: i), alt: document.plainText(of: i).collapsingWhitespace(),
                title: node.title.isEmpty ? nil : document.title(of: i), at: walk.context.location(of: i), walk.context)
        }

        /// Writes `<img>` for an image of the content: its source resolved, the file copied when it
        /// is one the site may publish; `false` (and, for a file it may not, a finding) when left out.
        @discardableResult
        mutating func emitImage(
            _ destination: String, alt: String, title: String?, className: StaticString = "", at location: FileLocation,
            _ context: DocumentContext
        ) -> Bool {
            guard let src = imageSource(destination, at: location, context) else { return false }
            out += "<img src=\""
            out.appendEscaped(URLPolicy.encodeForAttribute(src))
            out += "\" alt=\""
            out.appendEscaped(alt)
            out += "\""
            if let title {
                out += " title=\""
                out.appendEscaped(title)
                out += "\""
            }
            out += className
            out += " loading=\"lazy\">"
            return true
        }

        /// The `src` of an image of the content, its file queued to be copied; `nil` when it is left out.
        mutating func imageSource(_ destination: String, at location: FileLocation, _ context: DocumentContext) -> String? {
            guard let image = renderer.links.image(destination, documentDirectory: context.directory, pageDirectory: pageDirectory, locale: pageLocale)
            else { return nil }
            if var copy = image.copy {
                // Only images are published: a page's own name or an HTML file must never be copied.
                guard MediaPolicy.kind(ofPath: copy.sourceFile) != nil else {
                    diagnostics.append(MediaPolicy.finding(
                        locale: context.locale, location: location,
                        message: "'\(destination)' is not an image the site may publish "
                            + "(\(MediaPolicy.allowedExtensionsText)); it is not copied and the image is left out"))
                    return nil
                }
                copy.reference = location
                assets.append(copy)
            }
            return image.src
        }

        private mutating func close(_ open: Open) {
            if open.exit == .resetFilter { filter.closeOpenTags(into: &out) }
            out += open.close
            switch open.exit {
            case .none: break
            case .leaveProcedure: procedureDepth -= 1
            case .resetFilter: filter.reset()
            }
        }

        /// The start of a heading's opening tag, up to its `id` value, and its closing tag.
        static func headingTags(level: Int) -> (open: StaticString, close: StaticString) {
            switch level {
            case 1: ("<h1 id=\"", "</h1>\n")
            case 2: ("<h2 id=\"", "</h2>\n")
            case 3: ("<h3 id=\"", "</h3>\n")
            case 4: ("<h4 id=\"", "</h4>\n")
            case 5: ("<h5 id=\"", "</h5>\n")
            default: ("<h6 id=\"", "</h6>\n")
            }
        }

        /// Whether heading `heading` shows nothing: no text but white space, no code, no image.
        static func isEmptyHeading(_ document: MarkdownDocument, _ heading: Int) -> Bool {
            let node = document[heading]
            guard node.firstChild >= 0 else { return true }
            for child in document.descendants(of: heading) where document[child].kind == .image || document[child].kind == .code {
                return false
            }
            return document.plainText(of: heading).allSatisfy(\.isWhitespace)
        }

        /// Whether UTF-8 `text` is white space only, as `allSatisfy(\.isWhitespace)` of its
        /// string tells: filtered HTML blocks are asked, and most start with a tag or a letter.
        static func isWhitespace(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in text {
                // In ASCII every byte is a Character but for CR LF, which is white space too.
                if byte >= 0x80 { return String(decoding: text, as: UTF8.self).allSatisfy(\.isWhitespace) }
                guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return false }
            }
            return true
        }

        /// A language name safe in a class attribute (`powershell`, `csharp`).
        static func languageClass(_ info: String) -> String? {
            // Through the string's contiguous bytes, here and below, not its far slower `utf8`
            // view: the info string of every code block comes here.
            var text = info
            return text.withUTF8({ $0.allSatisfy { $0 < 0x80 } }) ? asciiLanguageClass(info) : unicodeLanguageClass(info)
        }

        /// ``languageClass(_:)`` by its definition: the first word, lower-cased, kept to the
        /// characters a class name takes.
        static func unicodeLanguageClass(_ info: String) -> String? {
            let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first.map(String.init) ?? ""
            var result = ""
            for scalar in word.lowercased().unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9", "-", "_", "+": result.unicodeScalars.append(scalar)
                case "#": result += "sharp"
                default: continue
                }
            }
            return result.isEmpty ? nil : result
        }

        /// ``languageClass(_:)`` of an ASCII info string, on its bytes: in ASCII every byte is a
        /// Character, and lower-casing is a byte's own.
        static func asciiLanguageClass(_ info: String) -> String? {
            var text = info
            return text.withUTF8 { bytes in
                // A byte gives at most five (`#` gives `sharp`). Written on the stack, and a
                // language name is short enough to be a small string: nothing is allocated.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 5) { result -> String? in
                    var count = 0
                    func append(_ byte: UInt8) {
                        result[count] = byte
                        count += 1
                    }
                    words: for byte in bytes.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "{") }) {
                        switch byte {
                        case 0x20, 0x09, UInt8(ascii: "{"): break words
                        case UInt8(ascii: "A")...UInt8(ascii: "Z"): append(byte + 0x20)
                        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "+"): append(byte)
                        case UInt8(ascii: "#"): for letter in "sharp".utf8 { append(letter) }
                        default: continue
                        }
                    }
                    return count == 0 ? nil : String(decoding: UnsafeBufferPointer(rebasing: result[..<count]), as: UTF8.self)
                }
            }
        }

        func isInTightList(_ document: MarkdownDocument, _ paragraph: Int) -> Bool {
            let parent = document[paragraph].parent
            guard parent >= 0, document[parent].kind == .item else { return false }
            let list = document[parent].parent
            return list >= 0 && document[list].list?.tight == true
        }

        /// Whether a text node starts with an ASCII byte that is not white space, so it cannot be
        /// white space only (paragraphs are asked this of every text run; the answer needs no string).
        private static func startsWithVisibleASCII(_ document: MarkdownDocument, _ text: Int) -> Bool {
            guard let first = document.literalFirstByte(of: text) else { return false }
            return first > 0x20 && first < 0x7F
        }

        /// A paragraph of white space only (a line of non-breaking spaces, often left as a spacer).
        private func isBlank(_ document: MarkdownDocument, _ paragraph: Int) -> Bool {
            // Siblings by index rather than `children(of:)`, which holds a reference to the nodes:
            // every paragraph is asked this and the next question.
            var child = document[paragraph].firstChild
            while child >= 0 {
                defer { child = document[child].nextSibling }
                switch document[child].kind {
                case .softBreak, .lineBreak: continue
                case .text where !Self.startsWithVisibleASCII(document, child)
                    && document.literal(of: child).unicodeScalars.allSatisfy(\.properties.isWhitespace): continue
                default: return false
                }
            }
            return true
        }

        /// A paragraph holding only anchors that headings already carry (`<a name="x"></a>` before `## Title`).
        private func isAnchorOnly(_ document: MarkdownDocument, _ paragraph: Int, skipped: Set<String>) -> Bool {
            var sawAnchor = false
            var child = document[paragraph].firstChild
            while child >= 0 {
                defer { child = document[child].nextSibling }
                switch document[child].kind {
                case .htmlInline:
                    let anchors = HTMLAnchors.anchors(in: document.literal(of: child))
                    if anchors.contains(where: { !skipped.contains($0) }) { return false }
                    if !anchors.isEmpty { sawAnchor = true }
                    if anchors.isEmpty, !document.literal(of: child).hasPrefix("</") { return false }
                case .softBreak, .lineBreak: continue
                case .text where !Self.startsWithVisibleASCII(document, child) && document.literal(of: child).allSatisfy(\.isWhitespace): continue
                default: return false
                }
            }
            return sawAnchor
        }

        // MARK: Alerts

        /// Recognises `> [!NOTE]`: hides the marker and returns the kind.
        mutating func prepareAlert(_ document: MarkdownDocument, blockQuote: Int) -> Alert.Kind? {
            guard let marker = document.alertMarker(blockQuote: blockQuote) else { return nil }
            adjustments.setTrim((marker.trimmedBytes, 0), of: marker.trimmedNode)
            for node in marker.hidden { adjustments.hide(node) }
            return marker.kind
        }

        // MARK: Tables

        /// Renders a paragraph that is a pipe table.
        private mutating func renderTable(_ context: DocumentContext, paragraph: Int, _ table: PipeTable) {
            // The paragraph's first line in the file (a fragment's own, when the table is inside one).
            let firstLine = context.line ?? context.document[paragraph].start?.line
            if table.header.lineIndex > 0, let (lines, _) = context.document.paragraphLines(of: paragraph) {
                let before = lines[..<table.header.lineIndex].joined(separator: "\n")
                out += "<p>"
                renderFragment(context, fragment: MarkdownParser.parse(before), line: firstLine)
                out += "</p>\n"
            }
            // Classes, not `style` attributes: the theme's Content-Security-Policy allows no inline style.
            func style(_ column: Int) -> StaticString {
                guard column < table.alignments.count else { return "" }
                switch table.alignments[column] {
                case .none: return ""
                case .left: return " class=\"align-left\""
                case .center: return " class=\"align-center\""
                case .right: return " class=\"align-right\""
                }
            }
            // The document's definitions, read if a cell the model builder did not parse needs them.
            var definitions: ReferenceDefinitionLines?
            out += "<div class=\"table-wrapper\"><table>\n<thead>\n<tr>"
            for (column, cell) in table.header.cells.enumerated() {
                out += "<th"
                out += style(column)
                out += ">"
                renderCell(context, markdown: cell.markdown, line: firstLine.map { $0 + table.header.lineIndex }, definitions: &definitions)
                out += "</th>"
            }
            out += "</tr>\n</thead>\n"
            if !table.rows.isEmpty {
                out += "<tbody>\n"
                for row in table.rows {
                    out += "<tr>"
                    for (column, cell) in row.cells.enumerated() {
                        out += "<td"
                        out += style(column)
                        out += ">"
                        renderCell(context, markdown: cell.markdown, line: firstLine.map { $0 + row.lineIndex }, definitions: &definitions)
                        out += "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody>\n"
            }
            out += "</table></div>\n"
        }

        /// Renders a table cell: a cell of plain words is its own text, escaped, as parsing it
        /// would give; any other is parsed as inline content (``MarkdownDocument/tableCell(_:definitions:)``).
        private mutating func renderCell(
            _ context: DocumentContext, markdown: String, line: Int?, definitions: inout ReferenceDefinitionLines?
        ) {
            guard !DocFXDirectives.mayHold(markdown.utf8), let text = Self.plainCellText(markdown) else {
                guard !markdown.isEmpty else { return }
                renderFragment(context, fragment: context.document.tableCell(markdown, definitions: &definitions), line: line)
                return
            }
            // A fragment's paragraph resets the raw-HTML filter where it ends.
            filter.reset()
            out.appendEscaped(text)
        }

        /// The text a cell's single paragraph holds, when parsing can be skipped: the cell is
        /// plain (``MarkdownParser/isPlainInline(_:)``), holds no NUL (cmark replaces it), and is
        /// not white space only (a blank paragraph is dropped). cmark strips the paragraph's
        /// trailing white space.
        static func plainCellText(_ markdown: String) -> Substring? {
            guard MarkdownParser.isPlainInline(markdown) else { return nil }
            // On the string's contiguous bytes rather than its slower `utf8` view: every cell of
            // every table is looked through for a NUL and trimmed.
            var text = markdown
            let length = text.withUTF8 { bytes -> Int? in
                guard !bytes.contains(0) else { return nil }
                var end = bytes.count
                // cmark's white space: space, tab, line feed, vertical tab, form feed, carriage return.
                while end > 0, bytes[end - 1] == 0x20 || (0x09...0x0D).contains(bytes[end - 1]) { end -= 1 }
                return end
            }
            guard let length else { return nil }
            if let first = markdown.utf8.first, first >= 0x80, markdown.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                return nil
            }
            return markdown[..<markdown.utf8.index(markdown.utf8.startIndex, offsetBy: length)]
        }

        /// Renders a snippet of Markdown (the text beside a DocFX directive) inline, in the same
        /// document's folder, parsed once already when the model was built.
        mutating func renderFragment(_ context: DocumentContext, markdown: String, line: Int?) {
            guard !markdown.isEmpty else { return }
            renderFragment(context, fragment: context.document.fragments[markdown] ?? MarkdownParser.parse(markdown), line: line)
        }

        /// Renders a snippet of Markdown parsed on its own (a table cell) inline, in the same document's folder.
        private mutating func renderFragment(_ context: DocumentContext, fragment: MarkdownDocument, line: Int?) {
            let nested = DocumentContext(
                document: fragment, article: nil, directory: context.directory, locale: context.locale, file: context.file, line: line)
            let saved = adjustments
            adjustments = Adjustments()
            let start = out.count
            renderBlocks(nested, parent: fragment.root, tight: true)
            adjustments = saved
            // Block-level leftovers end with a newline; a cell reads better without it.
            if out.count > start, out.endsWithLineFeed { out.removeBytes(from: out.count - 1) }
        }

        // MARK: Includes

        /// Takes the `[!INCLUDE` and `]` off the text around include links; `true` when nothing
        /// else is left in the paragraph, so the includes replace it as blocks.
        private mutating func prepareIncludes(_ document: MarkdownDocument, paragraph: Int, links: [Int]) -> Bool {
            let existing = adjustments
            let found = document.includeTrims(paragraph: paragraph, links: links, existing: { existing.trim(of: $0) })
            for (node, trim) in found.trims { adjustments.setTrim(trim, of: node) }
            return found.blocksOnly
        }

        private mutating func renderInclude(_ context: DocumentContext, link: Int, inline: Bool) {
            let destination = context.document.destination(of: link)
            guard !destination.isEmpty else { return }
            let location = IncludeExpansion.location(of: link, in: context.document, file: context.file, fragmentLine: context.line)
            // What is not expanded is the model's finding, made as the content loads: not reported here again.
            guard let included = expansion?.enter(destination, at: location, fileLocale: nil, from: context.directory, locale: context.locale)
            else { return }
            includedFiles.append(included.locale + "/" + included.path)
            let nested = DocumentContext(
                document: included.document, article: included.article,
                directory: RelativePath.directory(of: included.path), locale: context.locale, file: included.article.file)
            let saved = (adjustments, procedureDepth)
            adjustments = Adjustments()
            if inline {
                // Only the inline content of the include's paragraphs fits in a sentence.
                var first = true
                for child in included.document.children(of: included.document.root) where included.document[child].kind == .paragraph {
                    if !first { out += " " }
                    first = false
                    renderBlocks(nested, parent: child, tight: true)
                }
            } else {
                renderBlocks(nested, parent: included.document.root, tight: false)
            }
            (adjustments, procedureDepth) = saved
            expansion?.leave()
        }
    }
}
