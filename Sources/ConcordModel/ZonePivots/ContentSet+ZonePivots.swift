extension ContentSet {
    /// Reads each locale's zone pivot groups file (``Configuration/zonePivotGroups`` in the locale's
    /// folder, else in the content root, else the source locale's, so that an untranslated file
    /// still names the pivots) and gives every article that names groups their titles.
    mutating func loadZonePivotGroups() -> [Diagnostic] {
        let path = configuration.zonePivotGroups
        var diagnostics: [Diagnostic] = []
        var own: [String: ZonePivotGroups] = [:]
        for entry in configuration.locales {
            guard let (groups, found) = ZonePivotGroups.load(file: ContentSet.file(path, in: entry.path), locale: entry.id, fence: fence) else { continue }
            own[entry.id] = groups
            diagnostics += found
        }
        let shared = ZonePivotGroups.load(
            file: ContentSet.file(path, in: configuration.contentRoot), locale: sourceLocale, fence: fence)
        diagnostics += shared?.diagnostics ?? []
        for locale in locales {
            if let groups = own[locale] ?? shared?.groups ?? own[sourceLocale] { zonePivotGroups[locale] = groups }
        }
        for (locale, byPath) in articles {
            let groups = zonePivotGroups[locale] ?? ZonePivotGroups()
            for (path, article) in byPath {
                let requested = ZonePivotGroups.requested(by: article.metadata)
                guard !requested.isEmpty else { continue }
                articles[locale]![path]!.zonePivotGroups = requested.compactMap { groups.group($0) }
            }
        }
        return diagnostics
    }
}
