/// Where each article lands in the built site; shared by the HTML renderer and the JSON exporters.
public enum SitePaths {
    /// The page of an article, relative to the output folder: `es-ES/customer-support.html`.
    public static func page(locale: String, path: String) -> String {
        locale + "/" + withoutMarkdownExtension(path) + ".html"
    }

    /// The JSON model of an article, relative to the output folder: `es-ES/customer-support.json`.
    public static func json(locale: String, path: String) -> String {
        locale + "/" + withoutMarkdownExtension(path) + ".json"
    }

    /// A locale's search index, relative to the output folder: `es-ES/search-index.json`. An
    /// article at the locale's root named `search-index.md` would have its JSON model here; the
    /// site build keeps the index and reports the article (`reserved-path`).
    public static func searchIndex(locale: String) -> String {
        locale + "/search-index.json"
    }

    /// A locale's home page, relative to the output folder: `es-ES/index.html` (unless an
    /// article at the locale's root takes the path).
    public static func home(locale: String) -> String {
        locale + "/index.html"
    }

    /// A locale's search page, relative to the output folder: `es-ES/search.html`.
    public static func searchPage(locale: String) -> String {
        locale + "/search.html"
    }

    /// The sitemap, relative to the output folder.
    public static let sitemap = "sitemap.xml"

    /// The absolute URL of a page: `baseURL` + `/` + `relative` (or a root-relative URL when there is no base).
    public static func url(_ relative: String, baseURL: String) -> String {
        baseURL.isEmpty ? "/" + relative : baseURL + "/" + relative
    }

    /// `a/b.md` → `a/b`: the last three Characters dropped when, lower-cased, they are `.md`.
    ///
    /// Every page, link and JSON file asks this, so the whole path is not lower-cased just to
    /// look at its end. The end is read as bytes: `M` and `D` are the
    /// only other bytes that lower-case to `m` and `d`. Only a dot after a non-ASCII
    /// character (which a prepended mark could join) goes the Character-wise way.
    public static func withoutMarkdownExtension(_ path: String) -> String {
        var contiguous = path
        let (count, stem) = contiguous.withUTF8 { ($0.count, markdownStemLength(of: $0)) }
        switch stem {
        case count?: return path
        case let end?: return String(decoding: contiguous.utf8.prefix(end), as: UTF8.self)
        case nil: return path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
        }
    }

    /// How many of a path's bytes ``withoutMarkdownExtension(_:)`` keeps (all of them when there
    /// is no `.md`); `nil` when a non-ASCII character before the dot leaves it to Characters.
    /// For callers that build the page path in a buffer of their own, as links do.
    package static func markdownStemLength(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard count >= 3, bytes[count - 3] == UInt8(ascii: "."), bytes[count - 2] | 0x20 == UInt8(ascii: "m"),
              bytes[count - 1] | 0x20 == UInt8(ascii: "d") else { return count }
        return count >= 4 && bytes[count - 4] >= 0x80 ? nil : count - 3
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
