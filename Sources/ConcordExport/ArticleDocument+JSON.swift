import ConcordModel

extension ArticleDocument: JSONWritable {
    /// Writes the inspect keys and the site keys as one object, as ``encode(to:)`` does through one encoder.
    public func writeJSON(to writer: inout JSONWriter) {
        // The article writes its own keys; the writer slots these in among them in key order.
        writer.mergeIntoNextObject([
            JSONWriter.Member("contentLocale", contentLocale),
            JSONWriter.Member("schemaVersion", schemaVersion),
            JSONWriter.Member("sourcePath", sourcePath),
            JSONWriter.Member("status", status),
            JSONWriter.Member("url", url),
        ])
        article.writeJSON(to: &writer)
    }
}
