import ConcordModel

/// The JSON of one article in one locale, written to `<locale>/<path>.json`.
///
/// It is the `concord inspect` model with its keys at the top level, plus what only the
/// site knows: where the page is published, how the translation stands, and which file
/// the content came from. Keeping the inspect keys as they are means a tool written
/// against `concord inspect` reads these files unchanged; `schemas/article.schema.json`
/// pins both parts, so a change to the model fails the schema tests rather than
/// silently changing the export.
public struct ArticleDocument: Sendable, Hashable, Codable {
    /// The export format version (``ExportFormat/schemaVersion``).
    public var schemaVersion: String
    /// The inspect model; for a fallback its `locale` is the document's locale and its content the source's.
    public var article: Article
    /// The absolute URL of the article's page in this locale.
    public var url: String
    /// How the article stands in this locale.
    public var status: ArticleStatus
    /// The locale the content is in: the document's locale, or the source locale for a fallback.
    public var contentLocale: String
    /// The Markdown file the content was compiled from, relative to the content root (`es-ES/customer-support.md`).
    public var sourcePath: String

    /// Creates a document.
    public init(schemaVersion: String = ExportFormat.schemaVersion, article: Article, url: String, status: ArticleStatus, contentLocale: String, sourcePath: String) {
        self.schemaVersion = schemaVersion
        self.article = article
        self.url = url
        self.status = status
        self.contentLocale = contentLocale
        self.sourcePath = sourcePath
    }

    private enum SiteKeys: String, CodingKey {
        case schemaVersion, url, status, contentLocale, sourcePath
    }

    /// Encodes the inspect keys and the site keys into one JSON object.
    public func encode(to encoder: any Encoder) throws {
        // Both encode into the same keyed container: the encoder merges them into one object.
        try article.encode(to: encoder)
        var container = encoder.container(keyedBy: SiteKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(url, forKey: .url)
        try container.encode(status, forKey: .status)
        try container.encode(contentLocale, forKey: .contentLocale)
        try container.encode(sourcePath, forKey: .sourcePath)
    }

    /// Decodes a document written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        article = try Article(from: decoder)
        let container = try decoder.container(keyedBy: SiteKeys.self)
        schemaVersion = try container.decode(String.self, forKey: .schemaVersion)
        url = try container.decode(String.self, forKey: .url)
        status = try container.decode(ArticleStatus.self, forKey: .status)
        contentLocale = try container.decode(String.self, forKey: .contentLocale)
        sourcePath = try container.decode(String.self, forKey: .sourcePath)
    }
}
