import ConcordModel

/// `orphan-translation`: a translation with no source article.
public struct OrphanTranslation: ContentSetRule {
    /// `orphan-translation`.
    public let id = "orphan-translation"
    /// A warning: the file still builds, but nothing keeps it in sync (often a source was renamed or deleted).
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A translation has no source article at the same path."

    /// Creates the rule.
    public init() {}

    /// One finding per translated article whose path has no article in the source locale.
    public func check(_ context: CheckContext) -> [Diagnostic] {
        let content = context.content
        let sourceRoot = content.configuration.locales.first { $0.id == content.sourceLocale }?.path ?? content.sourceLocale
        var found: [Diagnostic] = []
        for locale in content.translationLocales {
            for path in content.orphans(in: locale) {
                guard let article = content.article(path, in: locale) else { continue }
                found.append(finding(
                    "no \(content.sourceLocale) source for this translation at \(sourceRoot)/\(path)",
                    at: FileLocation(file: article.file, line: 1), locale: locale, fingerprint: path))
            }
        }
        return found
    }
}
