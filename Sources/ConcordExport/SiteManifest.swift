import ConcordModel

/// The site-wide index, written to `manifest.json`: the locales, the articles, how every
/// article stands in every locale, and where each output file is.
@JSONWritable
public struct SiteManifest: Sendable, Hashable, Codable {
    /// The export format version (``ExportFormat/schemaVersion``).
    public var schemaVersion: String
    /// The site's title and address.
    public var site: Site
    /// The locale translations are made from.
    public var sourceLocale: String
    /// Every locale, the source first, then by id.
    public var locales: [LocaleEntry]
    /// Every source article, sorted by path.
    public var articles: [ArticleEntry]
    /// Every locale's moved paths (`.openpublishing.redirection.json`), by locale then path;
    /// absent when no locale has any.
    public var redirects: [RedirectEntry]?
    /// Every locale's FAQ pages written as YAML, by locale then path; absent when there are none.
    public var faqPages: [FAQEntry]?

    /// A moved path of one locale, and where it goes.
    @JSONWritable
    public struct RedirectEntry: Sendable, Hashable, Codable {
        /// The locale whose redirection file names it.
        public var locale: String
        /// The moved path, relative to the locale root (`partner-center/old.md`).
        public var sourcePath: String
        /// Where it goes, as written in the redirection file.
        public var redirectURL: String
        /// `redirect_document_id`.
        public var redirectDocumentID: Bool
    }

    /// A FAQ page of one locale.
    @JSONWritable
    public struct FAQEntry: Sendable, Hashable, Codable {
        /// The locale.
        public var locale: String
        /// The YAML file, relative to the locale root (`partner-center/payout-faq.yml`).
        public var path: String
        /// Its page, relative to the output folder (`es-ES/partner-center/payout-faq.html`).
        public var page: String
        /// Its title.
        public var title: String
        /// How many questions it has.
        public var questions: Int
    }

    /// The site's title and address.
    @JSONWritable
    public struct Site: Sendable, Hashable, Codable {
        /// The site's title.
        public var title: String
        /// The absolute URL the site is published at, without a trailing slash; empty for root-relative URLs.
        public var baseURL: String
    }

    /// A locale of the site.
    @JSONWritable
    public struct LocaleEntry: Sendable, Hashable, Codable {
        /// The BCP 47 id (`ja-JP`).
        public var id: String
        /// Which way the locale's script runs.
        public var dir: TextDirection
        /// Whether this is the source locale.
        public var isSource: Bool
        /// The locale's bundle, relative to the output folder (`bundles/ja-JP.json`).
        public var bundle: String
        /// How many articles have each status in this locale.
        public var statusCounts: StatusCounts
    }

    /// How many articles have each status.
    @JSONWritable
    public struct StatusCounts: Sendable, Hashable, Codable {
        /// Articles in sync with their source (or sources themselves).
        public var current: Int = 0
        /// Translations made from an older version of the source.
        public var stale: Int = 0
        /// Articles with no translation, served in the source locale.
        public var fallback: Int = 0
        /// Translations with error-level drift from the source.
        public var drift: Int = 0

        mutating func count(_ status: ArticleStatus) {
            switch status {
            case .current: current += 1
            case .stale: stale += 1
            case .fallback: fallback += 1
            case .drift: drift += 1
            }
        }
    }

    /// A source article and where it is in every locale.
    @JSONWritable
    public struct ArticleEntry: Sendable, Hashable, Codable {
        /// The path relative to the locale root (`customer-support.md`).
        public var path: String
        /// The title in the source locale.
        public var title: String
        /// The article in each locale, by locale id.
        public var locales: [String: Placement]
    }

    /// One article in one locale.
    @JSONWritable
    public struct Placement: Sendable, Hashable, Codable {
        /// How the article stands in the locale.
        public var status: ArticleStatus
        /// The locale the content is in: the locale itself, or the source locale for a fallback.
        public var contentLocale: String
        /// The HTML page, relative to the output folder (`es-ES/customer-support.html`).
        public var page: String
        /// The per-article JSON file, relative to the output folder (`es-ES/customer-support.json`).
        public var json: String
        /// The absolute URL of the page.
        public var url: String
        /// The Markdown file the content was compiled from, relative to the content root.
        public var sourcePath: String
    }
}
