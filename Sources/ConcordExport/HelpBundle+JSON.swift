import ConcordModel

// Written as the synthesized `Codable` conformances encode them: keys in UTF-8 order, `nil`
// optionals left out. `JSONWriterTests` fail when a stored property is missing here.

extension TextDirection: JSONWritable {}

extension HelpBundle: JSONWritable {
    /// Writes the bundle's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("articles", articles)
        writer.member("dir", dir)
        writer.member("isSource", isSource)
        writer.member("locale", locale)
        writer.member("schemaVersion", schemaVersion)
        writer.member("siteTitle", siteTitle)
        writer.member("sourceLocale", sourceLocale)
        writer.endObject()
    }
}

extension HelpBundle.Entry: JSONWritable {
    /// Writes the entry's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("appliesTo", appliesTo)
        writer.member("categories", categories)
        writer.member("contentLocale", contentLocale)
        writer.member("description", ifPresent: description)
        writer.member("json", json)
        writer.member("path", path)
        writer.member("procedures", procedures)
        writer.member("relatedLinks", relatedLinks)
        writer.member("sections", sections)
        writer.member("status", status)
        writer.member("title", title)
        writer.member("url", url)
        writer.endObject()
    }
}

extension HelpBundle.Section: JSONWritable {
    /// Writes the section's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("anchor", anchor)
        writer.member("level", level)
        writer.member("title", title)
        writer.endObject()
    }
}

extension HelpBundle.Procedure: JSONWritable {
    /// Writes the procedure's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("section", ifPresent: section)
        writer.member("steps", steps)
        writer.member("title", title)
        writer.endObject()
    }
}

extension HelpBundle.Step: JSONWritable {
    /// Writes the step's keys and its sub-steps.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("links", links)
        writer.member("number", number)
        writer.member("substeps", substeps)
        writer.member("text", text)
        writer.member("uiElements", uiElements)
        writer.endObject()
    }
}

extension HelpBundle.CategoryList: JSONWritable {
    /// Writes the list's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("intro", intro)
        writer.member("items", items)
        writer.member("section", ifPresent: section)
        writer.endObject()
    }
}

extension HelpBundle.Link: JSONWritable {
    /// Writes the link's keys.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("anchor", ifPresent: anchor)
        writer.member("article", ifPresent: article)
        writer.member("destination", destination)
        writer.member("text", text)
        writer.member("url", ifPresent: url)
        writer.endObject()
    }
}
