import ConcordModel

/// One block a translator translates on its own: a title, a heading, a paragraph, a step, a
/// list item, a table cell, an alert's text.
public struct TranslationUnit: Sendable, Hashable {
    /// What kind of block the unit is.
    public enum Kind: String, Sendable, Hashable {
        case title, description, heading, paragraph, step, listItem, tableCell, alert, quote
    }

    /// Where the unit's text sits in its file.
    public enum Place: Sendable, Hashable {
        /// A byte range of the Markdown body.
        case body(Range<Int>)
        /// The value of a top-level front-matter key.
        case frontMatter(String)
    }

    /// The structural id within the article (`getting-customer-support/procedure-1/step-2`):
    /// the section's anchor, then the path of containers, counted within the section.
    public var id: String
    /// What kind of block the unit is.
    public var kind: Kind
    /// The text and its codes.
    public var content: InlineContent
    /// Context for the translator, one line each.
    public var notes: [String]
    /// Where the text sits in the file.
    public var place: Place
    /// The file line the unit starts on.
    public var line: Int
    /// Whether the Markdown could not be read into codes and is given as text (see ``InlineScanner``).
    public var isVerbatim: Bool

    /// The id with its article: `customer-support.md#getting-customer-support/procedure-1/step-2`.
    public func qualifiedID(path: String) -> String { "\(path)#\(id)" }
}

/// An article read into units, with what import needs to put translated text back.
public struct SegmentedArticle: Sendable {
    /// The path relative to the locale root.
    public var path: String
    /// The locale the file is in.
    public var locale: String
    /// The units in document order.
    public var units: [TranslationUnit]
    /// The file's bytes before the body: the front matter with its fences (empty without).
    public var head: [UInt8]
    /// The Markdown body, as it was parsed (line ends normalised).
    public var body: [UInt8]
    /// The model of the article.
    public var article: Article

    /// The unit with `id`.
    public func unit(_ id: String) -> TranslationUnit? { units.first { $0.id == id } }
}
