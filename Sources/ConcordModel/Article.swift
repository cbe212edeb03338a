/// The typed model of one Markdown article in one locale.
///
/// Built from structure, never from words: the same rules recognise a procedure
/// in en-US, es-ES, ja-JP or ar-SA. Encoded as JSON this is the `concord inspect`
/// contract other tools read.
public struct Article: Sendable, Hashable, Codable, CustomReflectable {
    /// The path relative to the locale root, with `/` separators (`customer-support.md`).
    public var path: String {
        get { storage.path }
        _modify { makeUnique(); yield &storage.path }
    }
    /// The BCP 47 locale id of the folder the article is in (`es-ES`).
    public var locale: String {
        get { storage.locale }
        _modify { makeUnique(); yield &storage.locale }
    }
    /// The file as a user can open it, for diagnostics (`content/es-ES/customer-support.md`).
    public var file: String {
        get { storage.file }
        _modify { makeUnique(); yield &storage.file }
    }
    /// The text of the first level-1 heading without its anchor HTML, else the front-matter title.
    public var title: String {
        get { storage.title }
        _modify { makeUnique(); yield &storage.title }
    }
    /// The front matter.
    public var metadata: Metadata {
        get { storage.metadata }
        _modify { makeUnique(); yield &storage.metadata }
    }
    /// Every heading, in order.
    public var sections: [Section] {
        get { storage.sections }
        _modify { makeUnique(); yield &storage.sections }
    }
    /// Every procedure: a bold lead-in or heading followed by a numbered list.
    public var procedures: [Procedure] {
        get { storage.procedures }
        _modify { makeUnique(); yield &storage.procedures }
    }
    /// Bulleted lists of plain items introduced by a paragraph.
    public var categories: [CategoryList] {
        get { storage.categories }
        _modify { makeUnique(); yield &storage.categories }
    }
    /// The items of the "applies to" list at the top of the article.
    public var appliesTo: [String] {
        get { storage.appliesTo }
        _modify { makeUnique(); yield &storage.appliesTo }
    }
    /// The links of a "see also" list: a bold label followed by a list of links only.
    public var relatedLinks: [RelatedLink] {
        get { storage.relatedLinks }
        _modify { makeUnique(); yield &storage.relatedLinks }
    }
    /// Every link, in order (include references excluded).
    public var links: [Link] {
        get { storage.links }
        _modify { makeUnique(); yield &storage.links }
    }
    /// Every image, in order.
    public var images: [Image] {
        get { storage.images }
        _modify { makeUnique(); yield &storage.images }
    }
    /// Every `> [!NOTE]`-style alert.
    public var alerts: [Alert] {
        get { storage.alerts }
        _modify { makeUnique(); yield &storage.alerts }
    }
    /// Every pipe table.
    public var tables: [Table] {
        get { storage.tables }
        _modify { makeUnique(); yield &storage.tables }
    }
    /// Every code block.
    public var codeBlocks: [CodeBlock] {
        get { storage.codeBlocks }
        _modify { makeUnique(); yield &storage.codeBlocks }
    }
    /// Every `[!INCLUDE [title](path)]` reference.
    public var includes: [Include] {
        get { storage.includes }
        _modify { makeUnique(); yield &storage.includes }
    }
    /// Anchors that are not on a heading (`<a name="x"></a>` inside text).
    public var extraAnchors: [String] {
        get { storage.extraAnchors }
        _modify { makeUnique(); yield &storage.extraAnchors }
    }
    /// Reference-link definitions (`[label]: destination`).
    public var referenceDefinitions: [ReferenceDefinition] {
        get { storage.referenceDefinitions }
        _modify { makeUnique(); yield &storage.referenceDefinitions }
    }
    /// Text shaped like a reference link that matched no definition.
    public var unresolvedReferences: [UnresolvedReference] {
        get { storage.unresolvedReferences }
        _modify { makeUnique(); yield &storage.unresolvedReferences }
    }
    /// Every paragraph-like run of text, for checks that compare prose (not part of the JSON contract).
    public var textBlocks: [TextBlock] {
        get { storage.textBlocks }
        _modify { makeUnique(); yield &storage.textBlocks }
    }
    /// Every anchor written in HTML (`<a name>`, `<a id>`), headings' own included, in order with
    /// its line: `extraAnchors` folds repeats away, and the duplicate check needs them (not part of the JSON contract).
    public var anchorMentions: [AnchorMention] {
        get { storage.anchorMentions }
        _modify { makeUnique(); yield &storage.anchorMentions }
    }

    /// The fields, shared by copies of the article until one of them changes.
    ///
    /// An article is copied out of dictionaries and arrays all through a build (a look-up by
    /// path returns a copy), and copying twenty-one fields retained and released each of them:
    /// over a million atomic reference-count operations on the PowerShell corpus, on articles
    /// both rendering threads read. A copy is now one retain.
    ///
    /// A new field is declared as an accessor above and stored in ``Storage``, and goes into
    /// `Storage.copy()`, `==`, `hash(into:)` and `customMirror`; into `CodingKeys` and the
    /// coding methods too when it is part of the JSON contract.
    private var storage: Storage

    /// The fields skip run-time exclusivity checks (`@exclusivity(unchecked)`): every access
    /// goes through an ``Article`` accessor, so the compiler's static checks on the article
    /// already cover it, and a dynamic check on each read cost more than the copy saved.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var path: String
        @exclusivity(unchecked) var locale: String
        @exclusivity(unchecked) var file: String
        @exclusivity(unchecked) var title: String
        @exclusivity(unchecked) var metadata: Metadata
        @exclusivity(unchecked) var sections: [Section] = []
        @exclusivity(unchecked) var procedures: [Procedure] = []
        @exclusivity(unchecked) var categories: [CategoryList] = []
        @exclusivity(unchecked) var appliesTo: [String] = []
        @exclusivity(unchecked) var relatedLinks: [RelatedLink] = []
        @exclusivity(unchecked) var links: [Link] = []
        @exclusivity(unchecked) var images: [Image] = []
        @exclusivity(unchecked) var alerts: [Alert] = []
        @exclusivity(unchecked) var tables: [Table] = []
        @exclusivity(unchecked) var codeBlocks: [CodeBlock] = []
        @exclusivity(unchecked) var includes: [Include] = []
        @exclusivity(unchecked) var extraAnchors: [String] = []
        @exclusivity(unchecked) var referenceDefinitions: [ReferenceDefinition] = []
        @exclusivity(unchecked) var unresolvedReferences: [UnresolvedReference] = []
        @exclusivity(unchecked) var textBlocks: [TextBlock] = []
        @exclusivity(unchecked) var anchorMentions: [AnchorMention] = []

        init(path: String, locale: String, file: String, title: String, metadata: Metadata) {
            self.path = path
            self.locale = locale
            self.file = file
            self.title = title
            self.metadata = metadata
        }

        /// A storage with the same fields.
        func copy() -> Storage {
            let copy = Storage(path: path, locale: locale, file: file, title: title, metadata: metadata)
            copy.sections = sections
            copy.procedures = procedures
            copy.categories = categories
            copy.appliesTo = appliesTo
            copy.relatedLinks = relatedLinks
            copy.links = links
            copy.images = images
            copy.alerts = alerts
            copy.tables = tables
            copy.codeBlocks = codeBlocks
            copy.includes = includes
            copy.extraAnchors = extraAnchors
            copy.referenceDefinitions = referenceDefinitions
            copy.unresolvedReferences = unresolvedReferences
            copy.textBlocks = textBlocks
            copy.anchorMentions = anchorMentions
            return copy
        }
    }

    /// Gives this article storage of its own before a field changes (storage is `@unchecked
    /// Sendable` on this ground: shared storage is never written).
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    enum CodingKeys: String, CodingKey {
        case path, locale, file, title, metadata, sections, procedures, categories, appliesTo, relatedLinks
        case links, images, alerts, tables, codeBlocks, includes, extraAnchors
        case referenceDefinitions, unresolvedReferences
    }

    /// Creates an empty article.
    public init(path: String, locale: String, file: String, title: String = "", metadata: Metadata = Metadata()) {
        storage = Storage(path: path, locale: locale, file: file, title: title, metadata: metadata)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try container.decode(String.self, forKey: .path), locale: try container.decode(String.self, forKey: .locale),
            file: try container.decode(String.self, forKey: .file), title: try container.decode(String.self, forKey: .title),
            metadata: try container.decode(Metadata.self, forKey: .metadata))
        sections = try container.decode([Section].self, forKey: .sections)
        procedures = try container.decode([Procedure].self, forKey: .procedures)
        categories = try container.decode([CategoryList].self, forKey: .categories)
        appliesTo = try container.decode([String].self, forKey: .appliesTo)
        relatedLinks = try container.decode([RelatedLink].self, forKey: .relatedLinks)
        links = try container.decode([Link].self, forKey: .links)
        images = try container.decode([Image].self, forKey: .images)
        alerts = try container.decode([Alert].self, forKey: .alerts)
        tables = try container.decode([Table].self, forKey: .tables)
        codeBlocks = try container.decode([CodeBlock].self, forKey: .codeBlocks)
        includes = try container.decode([Include].self, forKey: .includes)
        extraAnchors = try container.decode([String].self, forKey: .extraAnchors)
        referenceDefinitions = try container.decode([ReferenceDefinition].self, forKey: .referenceDefinitions)
        unresolvedReferences = try container.decode([UnresolvedReference].self, forKey: .unresolvedReferences)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(locale, forKey: .locale)
        try container.encode(file, forKey: .file)
        try container.encode(title, forKey: .title)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(sections, forKey: .sections)
        try container.encode(procedures, forKey: .procedures)
        try container.encode(categories, forKey: .categories)
        try container.encode(appliesTo, forKey: .appliesTo)
        try container.encode(relatedLinks, forKey: .relatedLinks)
        try container.encode(links, forKey: .links)
        try container.encode(images, forKey: .images)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(tables, forKey: .tables)
        try container.encode(codeBlocks, forKey: .codeBlocks)
        try container.encode(includes, forKey: .includes)
        try container.encode(extraAnchors, forKey: .extraAnchors)
        try container.encode(referenceDefinitions, forKey: .referenceDefinitions)
        try container.encode(unresolvedReferences, forKey: .unresolvedReferences)
    }

    public static func == (lhs: Article, rhs: Article) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.path == rhs.path
            && lhs.locale == rhs.locale
            && lhs.file == rhs.file
            && lhs.title == rhs.title
            && lhs.metadata == rhs.metadata
            && lhs.sections == rhs.sections
            && lhs.procedures == rhs.procedures
            && lhs.categories == rhs.categories
            && lhs.appliesTo == rhs.appliesTo
            && lhs.relatedLinks == rhs.relatedLinks
            && lhs.links == rhs.links
            && lhs.images == rhs.images
            && lhs.alerts == rhs.alerts
            && lhs.tables == rhs.tables
            && lhs.codeBlocks == rhs.codeBlocks
            && lhs.includes == rhs.includes
            && lhs.extraAnchors == rhs.extraAnchors
            && lhs.referenceDefinitions == rhs.referenceDefinitions
            && lhs.unresolvedReferences == rhs.unresolvedReferences
            && lhs.textBlocks == rhs.textBlocks
            && lhs.anchorMentions == rhs.anchorMentions
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(locale)
        hasher.combine(file)
        hasher.combine(title)
        hasher.combine(metadata)
        hasher.combine(sections)
        hasher.combine(procedures)
        hasher.combine(categories)
        hasher.combine(appliesTo)
        hasher.combine(relatedLinks)
        hasher.combine(links)
        hasher.combine(images)
        hasher.combine(alerts)
        hasher.combine(tables)
        hasher.combine(codeBlocks)
        hasher.combine(includes)
        hasher.combine(extraAnchors)
        hasher.combine(referenceDefinitions)
        hasher.combine(unresolvedReferences)
        hasher.combine(textBlocks)
        hasher.combine(anchorMentions)
    }

    /// The fields, as `dump`, test failures and debuggers showed them when they were stored properties.
    public var customMirror: Mirror {
        Mirror(self, children: [
            ("path", path as Any),
            ("locale", locale as Any),
            ("file", file as Any),
            ("title", title as Any),
            ("metadata", metadata as Any),
            ("sections", sections as Any),
            ("procedures", procedures as Any),
            ("categories", categories as Any),
            ("appliesTo", appliesTo as Any),
            ("relatedLinks", relatedLinks as Any),
            ("links", links as Any),
            ("images", images as Any),
            ("alerts", alerts as Any),
            ("tables", tables as Any),
            ("codeBlocks", codeBlocks as Any),
            ("includes", includes as Any),
            ("extraAnchors", extraAnchors as Any),
            ("referenceDefinitions", referenceDefinitions as Any),
            ("unresolvedReferences", unresolvedReferences as Any),
            ("textBlocks", textBlocks as Any),
            ("anchorMentions", anchorMentions as Any),
        ], displayStyle: .struct)
    }

    /// Every anchor a `#fragment` link may name: section anchors and extra anchors.
    public var anchors: Set<String> {
        Set(sections.map(\.anchor)).union(extraAnchors)
    }
}

/// A heading.
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
public struct RelatedLink: Sendable, Hashable, Codable {
    /// The link destination.
    public var destination: String
    /// The link text.
    public var text: String
    /// The file line.
    public var line: Int
}

/// A link.
public struct Link: Sendable, Hashable, Codable {
    /// How the link was written.
    public enum Kind: String, Sendable, Hashable, Codable {
        case inline, reference, autolink
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
}

/// A `> [!NOTE]`-style alert.
public struct Alert: Sendable, Hashable, Codable {
    /// The alert kinds Microsoft Docs defines.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
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
public struct Table: Sendable, Hashable, Codable {
    /// Column alignment from the delimiter row.
    public enum Alignment: String, Sendable, Hashable, Codable {
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
public struct ReferenceDefinition: Sendable, Hashable, Codable {
    /// The label as written.
    public var label: String
    /// The destination.
    public var destination: String
    /// The file line.
    public var line: Int
}

/// Text shaped like a reference link (`[label][]`, `[text][label]`) that matched no definition.
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
    public enum Kind: String, Sendable, Hashable, Codable {
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
