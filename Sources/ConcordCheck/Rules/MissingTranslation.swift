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
    public func check(_ context: CheckContext) -> [Diagnostic] {
        let content = context.content
        var found: [Diagnostic] = []
        for entry in content.configuration.locales where entry.id != content.sourceLocale {
            for path in content.missing(in: entry.id) {
                guard let source = content.article(path, in: content.sourceLocale) else { continue }
                found.append(finding(
                    "no \(entry.id) translation of \(source.file); expected at this path",
                    at: FileLocation(file: entry.path + "/" + path, line: 1), locale: entry.id,
                    source: FileLocation(file: source.file, line: 1), fingerprint: path))
            }
        }
        return found
    }
}
