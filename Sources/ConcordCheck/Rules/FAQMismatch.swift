import ConcordModel

/// `faq-mismatch`: a translated FAQ page (`### YamlMime:FAQ`) has another number of sections
/// than its source, or a section another number of questions. Both lines are named.
public struct FAQMismatch: ContentSetRule {
    /// The rule's id.
    public let id = "faq-mismatch"
    /// An error: a question dropped or added in translation is content lost or invented.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help, SARIF and docs.
    public let summary = "A translated FAQ page has other sections or another number of questions than its source."

    /// Creates the rule.
    public init() {}

    /// The findings for every translated FAQ page that has a source.
    public func check(_ context: CheckContext) -> [Diagnostic] {
        let content = context.content
        var findings: [Diagnostic] = []
        for locale in content.translationLocales {
            for (path, page) in (content.faqPages[locale] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let source = content.faqPage(path, in: content.sourceLocale) else { continue }
                findings += compare(page, with: source)
            }
        }
        return findings
    }

    /// The differences between a translated page and its source.
    func compare(_ page: FAQPage, with source: FAQPage) -> [Diagnostic] {
        if page.sections.count != source.sections.count {
            return [finding(
                "\(page.sections.count) FAQ sections here where the source has \(source.sections.count)",
                at: FileLocation(file: page.file, line: page.sections.first?.line ?? 1), locale: page.locale,
                source: FileLocation(file: source.file, line: source.sections.first?.line ?? 1),
                fingerprint: "\(id):sections:\(page.sections.count):\(source.sections.count)")]
        }
        var findings: [Diagnostic] = []
        for (index, (section, original)) in zip(page.sections, source.sections).enumerated()
        where section.questions.count != original.questions.count {
            findings.append(finding(
                "section \(index + 1) has \(section.questions.count) questions here where the source has \(original.questions.count)",
                at: FileLocation(file: page.file, line: section.line), locale: page.locale,
                source: FileLocation(file: source.file, line: original.line),
                fingerprint: "\(id):\(index):\(section.questions.count):\(original.questions.count)"))
        }
        return findings
    }
}
