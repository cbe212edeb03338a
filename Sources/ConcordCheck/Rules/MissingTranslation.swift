import ConcordModel

/// `missing-translation`: a source article with no file in a locale.
public struct MissingTranslation: ContentSetRule {
    /// `missing-translation`.
    public let id = "missing-translation"
    /// A warning: readers of that locale fall back to the source, which is not wrong, only untranslated.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A source article has no translation in a locale."

    /// Creates the rule.
    public init() {}

    /// One finding per source article and locale without a file, on the path the file would have.
    /// A file that exists but could not be loaded (unreadable, not text, too large) is reported by
    /// loading, not here.
    public func check(_ context: CheckContext) -> [Diagnostic] {
        let content = context.content
        var found: [Diagnostic] = []
        for entry in content.configuration.locales where entry.id != content.sourceLocale {
            let onDisk = content.files[entry.id] ?? []
            let unreadableFolders = content.diagnostics.filter { $0.rule == "unreadable-file" && $0.locale == entry.id }.map { $0.location.file + "/" }
            for path in content.missing(in: entry.id) {
                // A file that is there but could not be read has its own finding, and so has a
                // folder that could not be listed: neither is missing.
                let file = entry.path + "/" + path
                guard !onDisk.contains(path), !unreadableFolders.contains(where: { file.hasPrefix($0) }), let source = content.article(path, in: content.sourceLocale) else { continue }
                found.append(finding(
                    "no \(entry.id) translation of \(source.file); expected at this path",
                    at: FileLocation(file: entry.path + "/" + path, line: 1), locale: entry.id,
                    source: FileLocation(file: source.file, line: 1), fingerprint: path))
            }
        }
        return found
    }
}
