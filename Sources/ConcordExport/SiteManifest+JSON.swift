import ConcordModel

// Written as the synthesized `Codable` conformances encode them: keys in UTF-8 order.
// `JSONWriterTests` fail when a stored property is missing here.

extension SiteManifest: JSONWritable {
    /// Writes the manifest's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("articles", articles)
        writer.member("locales", locales)
        writer.member("schemaVersion", schemaVersion)
        writer.member("site", site)
        writer.member("sourceLocale", sourceLocale)
        writer.endObject()
    }
}

extension SiteManifest.Site: JSONWritable {
    /// Writes the site's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("baseURL", baseURL)
        writer.member("title", title)
        writer.endObject()
    }
}

extension SiteManifest.LocaleEntry: JSONWritable {
    /// Writes the locale's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("bundle", bundle)
        writer.member("dir", dir)
        writer.member("id", id)
        writer.member("isSource", isSource)
        writer.member("statusCounts", statusCounts)
        writer.endObject()
    }
}

extension SiteManifest.StatusCounts: JSONWritable {
    /// Writes the counts.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("current", current)
        writer.member("drift", drift)
        writer.member("fallback", fallback)
        writer.member("stale", stale)
        writer.endObject()
    }
}

extension SiteManifest.ArticleEntry: JSONWritable {
    /// Writes the entry's keys, its locales sorted by id.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("locales", locales)
        writer.member("path", path)
        writer.member("title", title)
        writer.endObject()
    }
}

extension SiteManifest.Placement: JSONWritable {
    /// Writes the placement's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("contentLocale", contentLocale)
        writer.member("json", json)
        writer.member("page", page)
        writer.member("sourcePath", sourcePath)
        writer.member("status", status)
        writer.member("url", url)
        writer.endObject()
    }
}
