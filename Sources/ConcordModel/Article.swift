/// The typed model of one Markdown article in one locale.
///
/// Built from structure, never from words: the same rules recognise a procedure
/// in en-US, es-ES, ja-JP or ar-SA. Encoded as JSON this is the `concord inspect`
/// contract other tools read.
public struct Article: Sendable, Hashable, Codable {
    /// The path relative to the locale root, with `/` separators (`customer-support.md`).
    public var path: String
    /// The BCP 47 locale id of the folder the article is in (`es-ES`).
    public var locale: String
    /// The file as a user can open it, for diagnostics (`content/es-ES/customer-support.md`).
    public var file: String
    /// The text of the first level-1 heading without its anchor HTML, else the front-matter title.
    public var title: String
    /// The front matter.
    public var metadata: Metadata
    /// Every heading, in order.
    public var sections: [Section] = []
    /// Every procedure: a bold lead-in or heading followed by a numbered list.
    public var procedures: [Procedure] = []
    /// Bulleted lists of plain items introduced by a paragraph.
    public var categories: [CategoryList] = []
    /// The items of the "applies to" list at the top of the article.
    public var appliesTo: [String] = []
    /// The links of a "see also" list: a bold label followed by a list of links only.
    public var relatedLinks: [RelatedLink] = []
    /// Every link, in order (include references excluded).
    public var links: [Link] = []
    /// Every image, in order.
    public var images: [Image] = []
    /// Every `> [!NOTE]`-style alert.
    public var alerts: [Alert] = []
    /// Every pipe table.
    public var tables: [Table] = []
    /// Every code block.
    public var codeBlocks: [CodeBlock] = []
    /// Every `[!INCLUDE [title](path)]` reference.
    public var includes: [Include] = []
    /// Anchors that are not on a heading (`<a name="x"></a>` inside text).
    public var extraAnchors: [String] = []
    /// Reference-link definitions (`[label]: destination`).
    public var referenceDefinitions: [ReferenceDefinition] = []
    /// Text shaped like a reference link that matched no definition.
    public var unresolvedReferences: [UnresolvedReference] = []
    /// Every paragraph-like run of text, for checks that compare prose (not part of the JSON contract).
    public var textBlocks: [TextBlock] = []
    /// Every anchor written in HTML (`<a name>`, `<a id>`), headings' own included, in order with
    /// its line: `extraAnchors` folds repeats away, and the duplicate check needs them (not part of the JSON contract).
    public var anchorMentions: [AnchorMention] = []

    enum CodingKeys: String, CodingKey {
        case path, locale, file, title, metadata, sections, procedures, categories, appliesTo, relatedLinks
        case links, images, alerts, tables, codeBlocks, includes, extraAnchors
        case referenceDefinitions, unresolvedReferences
    }

    /// Creates an empty article.
    public init(path: String, locale: String, file: String, title: String = "", metadata: Metadata = Metadata()) {
        self.path = path
        self.locale = locale
        self.file = file
        self.title = title
        self.metadata = metadata
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
