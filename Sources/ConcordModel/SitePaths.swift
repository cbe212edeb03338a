/// Where each article lands in the built site; shared by the HTML renderer and the JSON exporters.
public enum SitePaths {
    /// The page of an article, relative to the output folder: `es-ES/customer-support.html`.
    public static func page(locale: String, path: String) -> String {
        "\(locale)/\(withoutMarkdownExtension(path)).html"
    }

    /// The JSON model of an article, relative to the output folder: `es-ES/customer-support.json`.
    public static func json(locale: String, path: String) -> String {
        "\(locale)/\(withoutMarkdownExtension(path)).json"
    }

    /// The absolute URL of a page: `baseURL` + `/` + `relative` (or a root-relative URL when there is no base).
    public static func url(_ relative: String, baseURL: String) -> String {
        baseURL.isEmpty ? "/" + relative : baseURL + "/" + relative
    }

    /// `a/b.md` → `a/b`.
    public static func withoutMarkdownExtension(_ path: String) -> String {
        path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
    }
}

/// The state of an article in one locale, as the site and the JSON bundles report it.
public enum ArticleStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// In sync with its source (or is the source).
    case current
    /// Translated from an older version of the source.
    case stale
    /// No translation: the source content is served in its place.
    case fallback
    /// Translated, but the checker found error-level drift from the source.
    case drift
}
