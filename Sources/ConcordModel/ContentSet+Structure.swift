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

    /// The findings of the tables of contents, `includes` (what expanding each article's
    /// includes found) and the articles on reserved paths, each once: a source `toc.yml` that
    /// every locale falls back to is read for each, and an include file reached from many
    /// articles is walked from each, but its problems are its file's.
    func structureDiagnostics(includes: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        let navigation = locales.flatMap { tableOfContents(for: $0).diagnostics }
        return (navigation + includes + reservedPathDiagnostics()).filter { seen.insert($0.description).inserted }
    }

    /// Source articles whose JSON model would take a locale's search index path (an article named
    /// `search-index.md` at the root): the site keeps its search, and the JSON output leaves
    /// those files out.
    func reservedPathDiagnostics() -> [Diagnostic] {
        // Any locale: the two paths differ, if at all, after it.
        let probe = "-"
        return sourceArticles.keys.sorted().compactMap { path -> Diagnostic? in
            guard SitePaths.json(locale: probe, path: path) == SitePaths.searchIndex(locale: probe),
                  let article = article(path, in: sourceLocale) else { return nil }
            return Diagnostic(
                rule: "reserved-path", severity: .warning, locale: sourceLocale, location: FileLocation(file: article.file, line: 1),
                message: "this article's JSON model would replace the search index of each locale (<locale>/search-index.json); "
                    + "it is not written: rename the article to publish its JSON")
        }
    }
}
