import ConcordModel

/// One locale's help content as data, written to `bundles/<locale>.json`: what an in-app
/// help viewer loads to list, show and link every article without reading Markdown.
///
/// Unlike the per-article files it is shaped for display, not for checking: no lines or
/// columns, links resolved to URLs, and an entry for every source article — the source
/// content, marked `fallback`, where the locale has no translation.
@JSONWritable
public struct HelpBundle: Sendable, Hashable, Codable {
    /// The export format version (``ExportFormat/schemaVersion``).
    public var schemaVersion: String
    /// The locale of the bundle (`es-ES`).
    public var locale: String
    /// Which way the locale's script runs.
    public var dir: TextDirection
    /// Whether this is the source locale.
    public var isSource: Bool
    /// The locale translations are made from; fallback entries are in it.
    public var sourceLocale: String
    /// The site's title.
    public var siteTitle: String
    /// Every article, sorted by path.
    public var articles: [Entry]

    /// An article of the bundle.
    @JSONWritable
    public struct Entry: Sendable, Hashable, Codable {
        /// The path relative to the locale root, the same in every locale (`customer-support.md`).
        public var path: String
        /// The absolute URL of the article's page in the bundle's locale.
        public var url: String
        /// The per-article JSON file, relative to the output folder (`es-ES/customer-support.json`).
        public var json: String
        /// How the article stands in the bundle's locale.
        public var status: ArticleStatus
        /// The locale the content is in: the bundle's, or the source locale for a fallback.
        public var contentLocale: String
        /// The title: the first level-1 heading, else the front-matter title.
        public var title: String
        /// The front-matter `description`, when there is one.
        public var description: String?
        /// Every heading, in order.
        public var sections: [Section]
        /// Every procedure, in order.
        public var procedures: [Procedure]
        /// Lists of plain items introduced by a paragraph (supported services, requirements…).
        public var categories: [CategoryList]
        /// The items of the "applies to" list.
        public var appliesTo: [String]
        /// The links of the "see also" list.
        public var relatedLinks: [Link]
        /// A FAQ page's questions and answers, in order; absent for a Markdown article.
        public var questions: [Question]?
    }

    /// A question of a FAQ page and its answer.
    @JSONWritable
    public struct Question: Sendable, Hashable, Codable {
        /// The name of the section the question is in, when it has one.
        public var section: String?
        /// The question.
        public var question: String
        /// The answer, Markdown as written.
        public var answer: String
    }

    /// A heading.
    @JSONWritable
    public struct Section: Sendable, Hashable, Codable {
        /// The anchor, for `url#anchor`.
        public var anchor: String
        /// The heading level, 1…6.
        public var level: Int
        /// The heading text.
        public var title: String
    }

    /// A procedure and its numbered steps.
    @JSONWritable
    public struct Procedure: Sendable, Hashable, Codable {
        /// The bold lead-in or heading that introduces the steps.
        public var title: String
        /// The anchor of the section the procedure is in, when there is one.
        public var section: String?
        /// The steps in order.
        public var steps: [Step]
    }

    /// A numbered step.
    @JSONWritable
    public struct Step: Sendable, Hashable, Codable {
        /// The number as displayed.
        public var number: Int
        /// The step's own text as plain text (sub-steps excluded).
        public var text: String
        /// The UI elements the step names (its bold spans), in order.
        public var uiElements: [String]
        /// The links in the step's own text.
        public var links: [Link]
        /// Nested numbered sub-steps.
        public var substeps: [Step]
    }

    /// A list of plain items introduced by a paragraph.
    @JSONWritable
    public struct CategoryList: Sendable, Hashable, Codable {
        /// The anchor of the section the list is in, when there is one.
        public var section: String?
        /// The introducing paragraph, as plain text.
        public var intro: String
        /// The items, as plain text.
        public var items: [String]
    }

    /// A link, with where it leads when that is known.
    @JSONWritable
    public struct Link: Sendable, Hashable, Codable {
        /// The link text, as plain text.
        public var text: String
        /// The destination as written in the Markdown.
        public var destination: String
        /// The article path the link points to, when it points to an article of the site.
        public var article: String?
        /// The anchor after `#`, percent-decoded, when there is one.
        public var anchor: String?
        /// The absolute URL to open, when one is known; for an article, its page in the bundle's
        /// locale with the `?query#fragment` as written (the page's own link, made absolute).
        public var url: String?
    }
}
