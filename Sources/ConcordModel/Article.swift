/// The typed model of one Markdown article in one locale.
///
/// Built from structure, never from words: the same rules recognise a procedure
/// in en-US, es-ES, ja-JP or ar-SA. Encoded as JSON this is the `concord inspect`
/// contract other tools read.
public struct Article: Sendable, Hashable, Codable, JSONWritable, ModelCodable, CustomDebugStringConvertible {
    /// The path relative to the locale root, with `/` separators (`customer-support.md`).
    public var path: String {
        get { storage.fields.contract.path }
        _modify { makeUnique(); yield &storage.fields.contract.path }
    }
    /// The BCP 47 locale id of the folder the article is in (`es-ES`).
    public var locale: String {
        get { storage.fields.contract.locale }
        _modify { makeUnique(); yield &storage.fields.contract.locale }
    }
    /// The file as a user can open it, for diagnostics (`content/es-ES/customer-support.md`).
    public var file: String {
        get { storage.fields.contract.file }
        _modify { makeUnique(); yield &storage.fields.contract.file }
    }
    /// The text of the first level-1 heading without its anchor HTML, else the front-matter title.
    public var title: String {
        get { storage.fields.contract.title }
        _modify { makeUnique(); yield &storage.fields.contract.title }
    }
    /// The front matter.
    public var metadata: Metadata {
        get { storage.fields.contract.metadata }
        _modify { makeUnique(); yield &storage.fields.contract.metadata }
    }
    /// Every heading, in order.
    public var sections: [Section] {
        get { storage.fields.contract.sections }
        _modify { makeUnique(); yield &storage.fields.contract.sections }
    }
    /// Every procedure: a bold lead-in or heading followed by a numbered list.
    public var procedures: [Procedure] {
        get { storage.fields.contract.procedures }
        _modify { makeUnique(); yield &storage.fields.contract.procedures }
    }
    /// Bulleted lists of plain items introduced by a paragraph.
    public var categories: [CategoryList] {
        get { storage.fields.contract.categories }
        _modify { makeUnique(); yield &storage.fields.contract.categories }
    }
    /// The items of the "applies to" list at the top of the article.
    public var appliesTo: [String] {
        get { storage.fields.contract.appliesTo }
        _modify { makeUnique(); yield &storage.fields.contract.appliesTo }
    }
    /// The links of a "see also" list: a bold label followed by a list of links only.
    public var relatedLinks: [RelatedLink] {
        get { storage.fields.contract.relatedLinks }
        _modify { makeUnique(); yield &storage.fields.contract.relatedLinks }
    }
    /// Every link, in order (include references excluded).
    public var links: [Link] {
        get { storage.fields.contract.links }
        _modify { makeUnique(); yield &storage.fields.contract.links }
    }
    /// Every image, in order.
    public var images: [Image] {
        get { storage.fields.contract.images }
        _modify { makeUnique(); yield &storage.fields.contract.images }
    }
    /// Every `> [!NOTE]`-style alert.
    public var alerts: [Alert] {
        get { storage.fields.contract.alerts.elements }
        _modify { makeUnique(); yield &storage.fields.contract.alerts.elements }
    }
    /// Every pipe table.
    public var tables: [Table] {
        get { storage.fields.contract.tables.elements }
        _modify { makeUnique(); yield &storage.fields.contract.tables.elements }
    }
    /// Every code block.
    public var codeBlocks: [CodeBlock] {
        get { storage.fields.contract.codeBlocks.elements }
        _modify { makeUnique(); yield &storage.fields.contract.codeBlocks.elements }
    }
    /// Every `[!INCLUDE [title](path)]` reference.
    public var includes: [Include] {
        get { storage.fields.contract.includes }
        _modify { makeUnique(); yield &storage.fields.contract.includes }
    }
    /// Every code snippet reference (`:::code source="…":::`, `[!code-cs[t](path#L1-L5)]`).
    public var snippets: [Snippet] {
        get { storage.fields.contract.snippets }
        _modify { makeUnique(); yield &storage.fields.contract.snippets }
    }
    /// Every group of tabs (`# [Title](#tab/id)` headings up to `---`).
    public var tabGroups: [TabGroup] {
        get { storage.fields.contract.tabGroups }
        _modify { makeUnique(); yield &storage.fields.contract.tabGroups }
    }
    /// Every `> [!div class="…"]` and `> [!VIDEO url]` block quote.
    public var typedBlocks: [TypedBlock] {
        get { storage.fields.contract.typedBlocks }
        _modify { makeUnique(); yield &storage.fields.contract.typedBlocks }
    }
    /// Every `::: zone pivot="…"` and `::: moniker range="…"` block, in order.
    public var zones: [Zone] {
        get { storage.fields.contract.zones }
        _modify { makeUnique(); yield &storage.fields.contract.zones }
    }
    /// The zone pivot groups `zone_pivot_groups` names that its locale's definitions file has, in
    /// the order named, with their titles; `nil` when the front matter names none.
    public var zonePivotGroups: [ZonePivotGroup]? {
        get { storage.fields.contract.zonePivotGroups }
        _modify { makeUnique(); yield &storage.fields.contract.zonePivotGroups }
    }
    /// Terms not to be translated: `no-loc:` in the front matter and `:::no-loc text="…":::`.
    public var protectedTerms: [ProtectedTerm] {
        get { storage.fields.contract.protectedTerms }
        _modify { makeUnique(); yield &storage.fields.contract.protectedTerms }
    }
    /// DocFX syntax Concord does not know, left visible in the page.
    public var unknownExtensions: [UnknownExtension] {
        get { storage.fields.contract.unknownExtensions }
        _modify { makeUnique(); yield &storage.fields.contract.unknownExtensions }
    }
    /// The questions of a FAQ page written as YAML (`### YamlMime:FAQ`); `nil` for a Markdown article.
    public var faq: FAQContent? {
        get { storage.fields.contract.faq }
        _modify { makeUnique(); yield &storage.fields.contract.faq }
    }
    /// Anchors that are not on a heading (`<a name="x"></a>` inside text).
    public var extraAnchors: [String] {
        get { storage.fields.contract.extraAnchors }
        _modify { makeUnique(); yield &storage.fields.contract.extraAnchors }
    }
    /// Reference-link definitions (`[label]: destination`).
    public var referenceDefinitions: [ReferenceDefinition] {
        get { storage.fields.contract.referenceDefinitions }
        _modify { makeUnique(); yield &storage.fields.contract.referenceDefinitions }
    }
    /// Text shaped like a reference link that matched no definition.
    public var unresolvedReferences: [UnresolvedReference] {
        get { storage.fields.contract.unresolvedReferences }
        _modify { makeUnique(); yield &storage.fields.contract.unresolvedReferences }
    }
    /// Every paragraph-like run of text, for checks that compare prose (not part of the JSON contract).
    public var textBlocks: [TextBlock] {
        get { storage.fields.textBlocks.elements }
        _modify { makeUnique(); yield &storage.fields.textBlocks.elements }
    }
    /// Every anchor written in HTML (`<a name>`, `<a id>`), headings' own included, in order with
    /// its line: `extraAnchors` folds repeats away, and the duplicate check needs them (not part of the JSON contract).
    public var anchorMentions: [AnchorMention] {
        get { storage.fields.anchorMentions }
        _modify { makeUnique(); yield &storage.fields.anchorMentions }
    }
    /// Every `@name` of running text that would be a cross reference (``UIDShorthand``): the
    /// content set moves those whose uid is defined into ``links`` (not part of the JSON contract).
    public var uidMentions: [Link] {
        get { storage.fields.uidMentions }
        _modify { makeUnique(); yield &storage.fields.uidMentions }
    }

    /// The fields, shared by copies of the article until one of them changes.
    ///
    /// An article is copied out of dictionaries and arrays all through a build (a look-up by
    /// path returns a copy), and copying twenty-one fields retained and released each of them:
    /// over a million atomic reference-count operations on the PowerShell corpus, on articles
    /// both rendering threads read. A copy is now one retain.
    ///
    /// A new field is an accessor above and a stored property of ``Contract`` when it is part of
    /// the JSON contract, of ``Fields`` when it is not: equality, hashing, copying, `Codable` and
    /// the JSON writer all follow from those declarations.
    private var storage: Storage

    /// The fields of the `concord inspect` JSON: this declaration is the contract. Lists read by
    /// few (alerts, tables, code blocks: the checks of a pair, the article's own page and JSON)
    /// are ``DeferredList``s, kept as bytes when the model comes from the build cache. `Codable` is
    /// synthesized from it and the fast writer generated from it (``JSONWritable()``), so a
    /// property added here is in the JSON, read and written, with no other edit.
    @JSONWritable @ModelCodable
    struct Contract: Sendable, Hashable, Codable {
        var path: String
        var locale: String
        var file: String
        var title: String
        var metadata: Metadata
        var sections: [Section] = []
        var procedures: [Procedure] = []
        var categories: [CategoryList] = []
        var appliesTo: [String] = []
        var relatedLinks: [RelatedLink] = []
        var links: [Link] = []
        var images: [Image] = []
        var alerts: DeferredList<Alert> = DeferredList()
        var tables: DeferredList<Table> = DeferredList()
        var codeBlocks: DeferredList<CodeBlock> = DeferredList()
        var includes: [Include] = []
        var snippets: [Snippet] = []
        var zones: [Zone] = []
        var zonePivotGroups: [ZonePivotGroup]?
        var typedBlocks: [TypedBlock] = []
        var tabGroups: [TabGroup] = []
        var protectedTerms: [ProtectedTerm] = []
        var unknownExtensions: [UnknownExtension] = []
        var extraAnchors: [String] = []
        var referenceDefinitions: [ReferenceDefinition] = []
        var unresolvedReferences: [UnresolvedReference] = []
        var faq: FAQContent? = nil
    }

    /// Every field: the JSON contract, and what only the checks read.
    @ModelCodable
    struct Fields: Sendable, Hashable {
        /// The fields of the JSON contract.
        var contract: Contract
        /// Every paragraph-like run of text: most of a model's bytes, and read by few (the
        /// checks of a pair, a page's search terms), so a model from the cache decodes it on first use.
        var textBlocks = DeferredList<TextBlock>()
        /// Every anchor written in HTML, with its line.
        var anchorMentions: [AnchorMention] = []
        /// Every `@name` that is a cross reference if a page defines the uid `name`.
        var uidMentions: [Link] = []
    }

    /// The fields skip run-time exclusivity checks (`@exclusivity(unchecked)`): every access
    /// goes through an ``Article`` accessor, so the compiler's static checks on the article
    /// already cover it, and a dynamic check on each read cost more than the copy saved.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    /// Gives this article storage of its own before a field changes (storage is `@unchecked
    /// Sendable` on this ground: shared storage is never written).
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// Creates an empty article.
    public init(path: String, locale: String, file: String, title: String = "", metadata: Metadata = Metadata()) {
        storage = Storage(Fields(contract: Contract(path: path, locale: locale, file: file, title: title, metadata: metadata)))
    }

    /// Decodes the `concord inspect` JSON; the fields outside the contract start empty.
    public init(from decoder: any Decoder) throws {
        storage = Storage(Fields(contract: try Contract(from: decoder)))
    }

    /// Encodes the `concord inspect` JSON: the contract's fields.
    public func encode(to encoder: any Encoder) throws {
        try storage.fields.contract.encode(to: encoder)
    }

    /// Writes every field, for the build cache's copy of the model (``ModelCodable``).
    public func write(to writer: inout ModelWriter) {
        writer.write(storage.fields)
    }

    /// Reads an article ``write(to:)`` wrote.
    public init(from reader: inout ModelReader) throws {
        storage = Storage(try reader.read())
    }

    /// Writes what ``encode(to:)`` encodes, through the contract's generated writer.
    public func writeJSON(to writer: inout JSONWriter) {
        storage.fields.contract.writeJSON(to: &writer)
    }

    public static func == (lhs: Article, rhs: Article) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }

    /// What test failures and debuggers show: where the article is and what it holds, not its
    /// shared storage. (`inspect --format json` gives every field.)
    public var debugDescription: String {
        "Article(\(locale)/\(path): \"\(title)\", \(sections.count) sections, \(procedures.count) procedures, \(links.count) links)"
    }

    /// Every anchor a `#fragment` link may name: section anchors and extra anchors.
    public var anchors: Set<String> {
        Set(sections.map(\.anchor)).union(extraAnchors)
    }
}

/// A heading.
@JSONWritable @ModelCodable
public struct Section: Sendable, Hashable, Codable {
    /// The anchor: from `<a name>`/`id` in or just before the heading, else a slug of the title.
    public var anchor: String
    /// Whether the anchor was written in the source (`true`) or made from the title.
    public var explicitAnchor: Bool
    /// The heading level, 1…6.
    public var level: Int
    /// The heading text without anchor HTML.
    public var title: String
    /// The file line of the heading.
    public var line: Int

    /// Creates a section.
    public init(anchor: String, explicitAnchor: Bool, level: Int, title: String, line: Int) {
        self.anchor = anchor
        self.explicitAnchor = explicitAnchor
        self.level = level
        self.title = title
        self.line = line
    }
}

/// A procedure: a title and its numbered steps.
@JSONWritable @ModelCodable
public struct Procedure: Sendable, Hashable, Codable {
    /// The bold lead-in or heading text.
    public var title: String
    /// The anchor of the section the procedure is in, if any.
    public var section: String?
    /// The file line of the lead-in.
    public var line: Int
    /// The file line of the numbered list.
    public var listLine: Int
    /// The steps in order.
    public var steps: [Step]
}

/// One numbered step of a procedure.
@JSONWritable @ModelCodable
public struct Step: Sendable, Hashable, Codable {
    /// The step number as displayed (the list's start plus the item's index).
    public var number: Int
    /// The step's own text (sub-steps excluded), as plain text.
    public var text: String
    /// The UI elements the step names: its bold spans, in order.
    public var uiElements: [String]
    /// The links in the step's own text.
    public var links: [Link]
    /// The images in the step's own text.
    public var images: [Image]
    /// The file line of the item.
    public var line: Int
    /// The column of the item's marker.
    public var column: Int
    /// Nested numbered sub-steps.
    public var substeps: [Step]
}

/// A bulleted list of plain items introduced by a paragraph (for example the services a partner supports).
@JSONWritable @ModelCodable
public struct CategoryList: Sendable, Hashable, Codable {
    /// The anchor of the section the list is in, if any.
    public var section: String?
    /// The introducing paragraph, as plain text.
    public var intro: String
    /// The items, as plain text.
    public var items: [String]
    /// The file line of the list.
    public var line: Int
}

/// An item of a "see also" list.
@JSONWritable @ModelCodable
public struct RelatedLink: Sendable, Hashable, Codable {
    /// The link destination.
    public var destination: String
    /// The link text.
    public var text: String
    /// The file line.
    public var line: Int
}

/// A link.
@JSONWritable @ModelCodable
public struct Link: Sendable, Hashable, Codable {
    /// How the link was written: `html` is an `<a href>` in a raw HTML block.
    public enum Kind: String, Sendable, Hashable, Codable, ModelCodable, JSONWritable {
        case inline, reference, autolink, html
        /// DocFX's `@uid` in running text (destination `xref:uid`), kept only where the uid is defined.
        case shorthand
    }

    /// The destination, as written after reference resolution (`customer-support.md#anchor`).
    public var destination: String
    /// The link text, as plain text.
    public var text: String
    /// How the link was written.
    public var kind: Kind
    /// The anchor of the section the link is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column (UTF-8 bytes).
    public var column: Int
}

/// An image.
@JSONWritable @ModelCodable
public struct Image: Sendable, Hashable, Codable {
    /// The image source.
    public var source: String
    /// The alternative text.
    public var alt: String
    /// The anchor of the section the image is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
    /// For `:::image:::`, its type (`content`, `icon`, `complex`); absent for a Markdown image.
    public var type: String? = nil
    /// For `:::image type="complex":::`, the Markdown up to `:::image-end:::`.
    public var longDescription: String? = nil
    /// For `:::image lightbox="…":::`, the larger image it links to.
    public var lightbox: String? = nil
    /// For `:::image border="true|false":::`, whether a border is drawn.
    public var border: Bool? = nil
}

/// A code snippet shown from another file: `:::code language source range highlight id:::` or
/// `[!code-lang[title](path#L1-L5 "title")]`.
@JSONWritable @ModelCodable
public struct Snippet: Sendable, Hashable, Codable {
    /// The language the code is shown as (`csharp`), if written.
    public var language: String?
    /// The path of the file, as written (`~/` is the locale folder).
    public var source: String
    /// The lines shown (`3-7`, `3-`, `1,4-6`), if written.
    public var range: String?
    /// The region or snippet name (`#region name`, `// <name>`), if written.
    public var name: String?
    /// The lines marked, relative to what is shown (`2-3`), if written.
    public var highlight: String?
    /// The title or `id` written with it, if any.
    public var title: String?
    /// The anchor of the section it is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
}

/// A block shown only for some pivots (`::: zone pivot="a,b"` … `::: zone-end`) or product
/// versions (`::: moniker range=">= v2"` … `::: moniker-end`).
@JSONWritable @ModelCodable
public struct Zone: Sendable, Hashable, Codable {
    /// Which kind of block.
    public enum Kind: String, Sendable, Hashable, Codable, ModelCodable, JSONWritable {
        case zone, moniker
    }

    public var kind: Kind
    /// The pivots (`a,b`) or the version range (`>= v2`) as written.
    public var value: String
    /// The anchor of the section it opens in, if any.
    public var section: String?
    /// The file line of the opening marker.
    public var line: Int
    /// The file line of the closing marker.
    public var endLine: Int
}

/// A block quote DocFX gives a meaning: `> [!div class="nextstepaction"]` (also `checklist`,
/// `op_single_selector`) or `> [!VIDEO https://…]`.
@JSONWritable @ModelCodable
public struct TypedBlock: Sendable, Hashable, Codable {
    /// Which kind of block.
    public enum Kind: String, Sendable, Hashable, Codable, ModelCodable, JSONWritable {
        case div, video
    }

    public var kind: Kind
    /// The class of a `div` (`nextstepaction`), the address of a `video`, as written.
    public var value: String
    /// The anchor of the section it is in, if any.
    public var section: String?
    /// The file line of the block quote.
    public var line: Int
}

/// Tabs: headings of one level whose text is one link to `#tab/id` (`#tab/id/condition` for a
/// tab that depends on another group's choice), each holding the blocks up to the next, the group
/// ended by `---` or a heading that is not a tab.
@JSONWritable @ModelCodable
public struct TabGroup: Sendable, Hashable, Codable {
    /// The heading level of the tabs.
    public var level: Int
    /// The tabs in order.
    public var tabs: [Tab]
    /// The anchor of the section the group is in, if any.
    public var section: String?
    /// The file line of the first tab.
    public var line: Int
    /// The file line of the `---` that ends it, or of the last line before the heading that does.
    public var endLine: Int
}

/// One tab of a ``TabGroup``.
@JSONWritable @ModelCodable
public struct Tab: Sendable, Hashable, Codable {
    /// The id after `#tab/` (`windows`, or `windows/cli` for a dependent tab).
    public var id: String
    /// The heading's text.
    public var title: String
    /// The file line of the heading.
    public var line: Int
}

/// A term not to be translated.
@JSONWritable @ModelCodable
public struct ProtectedTerm: Sendable, Hashable, Codable {
    /// The term as written.
    public var text: String
    /// The anchor of the section it is in; absent for front matter and before the first heading.
    public var section: String?
    /// The file line (the front matter's, for a `no-loc:` entry).
    public var line: Int
}

/// DocFX syntax Concord does not know (`:::row:::`, `::: zone-end` with no zone open), kept as text.
@JSONWritable @ModelCodable
public struct UnknownExtension: Sendable, Hashable, Codable {
    /// The extension's name (`row`).
    public var name: String
    /// The syntax as written.
    public var text: String
    /// Why Concord does not render it.
    public var reason: String
    /// The anchor of the section it is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
}

/// A `> [!NOTE]`-style alert.
@JSONWritable @ModelCodable
public struct Alert: Sendable, Hashable, Codable {
    /// The alert kinds Microsoft Docs defines.
    public enum Kind: String, Sendable, Hashable, Codable, ModelCodable, JSONWritable, CaseIterable {
        case note, tip, important, warning, caution
    }

    /// The kind.
    public var kind: Kind
    /// The text after the marker, as plain text.
    public var text: String
    /// The anchor of the section the alert is in, if any.
    public var section: String?
    /// The file line of the block quote.
    public var line: Int
}

/// A GitHub-style pipe table.
@JSONWritable @ModelCodable
public struct Table: Sendable, Hashable, Codable {
    /// Column alignment from the delimiter row.
    public enum Alignment: String, Sendable, Hashable, Codable, ModelCodable, JSONWritable {
        case none, left, center, right
    }

    /// The anchor of the section the table is in, if any.
    public var section: String?
    /// The header cells, as plain text.
    public var header: [String]
    /// The column alignments.
    public var alignments: [Alignment]
    /// The body rows, as plain text cells.
    public var rows: [[String]]
    /// The file line of the header row.
    public var line: Int

    /// The number of columns.
    public var columnCount: Int { header.count }
}

/// A code block.
@JSONWritable @ModelCodable
public struct CodeBlock: Sendable, Hashable, Codable {
    /// The first word of the info string (`powershell`), if any.
    public var language: String?
    /// The whole info string.
    public var info: String
    /// The code.
    public var code: String
    /// The anchor of the section the code is in, if any.
    public var section: String?
    /// The file line where the block starts.
    public var line: Int
}

/// An `[!INCLUDE [title](path)]` reference.
@JSONWritable @ModelCodable
public struct Include: Sendable, Hashable, Codable {
    /// The title between the inner brackets.
    public var title: String
    /// The path of the included Markdown file, relative to the article.
    public var path: String
    /// The anchor of the section the include is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
}

/// A reference-link definition.
@JSONWritable @ModelCodable
public struct ReferenceDefinition: Sendable, Hashable, Codable {
    /// The label as written.
    public var label: String
    /// The destination.
    public var destination: String
    /// The file line.
    public var line: Int
}

/// Text shaped like a reference link (`[label][]`, `[text][label]`) that matched no definition.
@JSONWritable @ModelCodable
public struct UnresolvedReference: Sendable, Hashable, Codable {
    /// The whole text as written (`[System. Int32][]`).
    public var text: String
    /// The label it looks up (`System. Int32`).
    public var label: String
    /// The anchor of the section it is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
}

/// One `<a name="x">` or `<a id="x">` as written, with its line.
@ModelCodable
public struct AnchorMention: Sendable, Hashable, Codable {
    /// The anchor name.
    public var name: String
    /// The file line.
    public var line: Int

    /// Creates a mention.
    public init(name: String, line: Int) {
        self.name = name
        self.line = line
    }
}

/// A paragraph-like run of prose, for checks that compare text between locales.
public struct TextBlock: Sendable, Hashable, Codable {
    /// What the text is.
    public enum Kind: String, Sendable, Hashable, Codable, ModelCodable {
        case paragraph, heading, listItem, tableCell
    }

    /// What the text is.
    public var kind: Kind
    /// The plain text.
    public var text: String
    /// The plain text without inline code (each code span is one space): the words a translator
    /// translates, for checks of numbers and untranslated prose.
    public var prose: String
    /// The anchor of the section it is in, if any.
    public var section: String?
    /// The file line.
    public var line: Int
    /// The column.
    public var column: Int
}

/// Written by hand rather than by ``ModelCodable()``: most blocks have no inline code, so their
/// prose is their text, which the build cache then writes once rather than twice. A block read
/// back shares one string for both.
extension TextBlock: ModelCodable {
    public func write(to writer: inout ModelWriter) {
        writer.write(kind)
        writer.write(text)
        writer.write(prose.hasSameUTF8(as: text) ? nil : prose)
        writer.write(section)
        writer.write(line)
        writer.write(column)
    }

    public init(from reader: inout ModelReader) throws {
        kind = try reader.read()
        text = try reader.read()
        prose = try reader.read(String?.self) ?? text
        section = try reader.read()
        line = try reader.read()
        column = try reader.read()
    }
}
