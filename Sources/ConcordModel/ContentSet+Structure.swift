extension ContentSet {
    /// The table of contents of `locale`: read while the content loaded, or now for a set made
    /// from articles already built.
    public func tableOfContents(for locale: String) -> TableOfContents {
        tablesOfContents[locale] ?? loadTableOfContents(for: locale)
    }

    /// Reads the table of contents of `locale`: its own folder's files, then the source's.
    func loadTableOfContents(for locale: String) -> TableOfContents {
        var layers: [TableOfContents.Layer] = []
        for id in [locale, sourceLocale] {
            guard let entry = configuration.locales.first(where: { $0.id == id }), !layers.contains(where: { $0.root == entry.path }) else { continue }
            layers.append(TableOfContents.Layer(locale: id, root: entry.path, files: files[id] ?? []))
        }
        return TableOfContents.load(layers: layers, fence: fence, articlePaths: Array(sourceArticles.keys) + orphans(in: locale))
    }

    /// The findings of the tables of contents and `includes` (what expanding each article's
    /// includes found), each once: a source `toc.yml` that
    /// every locale falls back to is read for each, and an include file reached from many
    /// articles is walked from each, but its problems are its file's.
    func structureDiagnostics(includes: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        let navigation = locales.flatMap { tableOfContents(for: $0).diagnostics }
        return (navigation + includes).filter { seen.insert($0.description).inserted }
    }
}
