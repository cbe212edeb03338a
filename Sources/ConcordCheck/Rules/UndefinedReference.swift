import ConcordModel

/// `undefined-reference`: text shaped like a reference link (`[label][]`, `[text][label]`) whose
/// label has no definition, so cmark printed the brackets instead of a link.
///
/// Typically machine translation mangled the label (`[System. Int32][]` for `[System.Int32]`);
/// the finding names the definition the label most likely meant.
public struct UndefinedReference: ArticleRule {
    /// The rule's id.
    public let id = "undefined-reference"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help, SARIF and docs.
    public let summary = "Text shaped like a reference link names a label that has no definition."

    /// Creates the rule.
    public init() {}

    /// The findings for one article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        guard !article.unresolvedReferences.isEmpty else { return [] }
        let definitions = article.referenceDefinitions
        let labels = SimilarNames(definitions.map(\.label), key: UndefinedReference.comparable)
        var definitionOf: [String: ReferenceDefinition] = [:]
        for definition in definitions where definitionOf[definition.label] == nil { definitionOf[definition.label] = definition }
        let fromSource = UndefinedReference.definitionsTheSourceLinksTo(article, in: context)
        var findings: [Diagnostic] = []
        for reference in UndefinedReference.ownReferences(of: article, in: context) {
            var message = "'\(reference.text)' is not a link: no definition for '\(reference.label)'"
            if let match = labels.search(reference.label, threshold: 0.34).matches.first,
               case let suggestion = labels.names[match.index], let definition = definitionOf[suggestion] {
                message += "; did you mean [\(suggestion)] (line \(definition.line))?"
                if UndefinedReference.comparable(suggestion) == UndefinedReference.comparable(reference.label) {
                    // `[System. Int32]` for `[System.Int32]`, or a no-break space on one side only:
                    // CommonMark folds case and runs of spaces, nothing else.
                    message += " The labels differ only in spacing"
                    if reference.label.unicodeScalars.contains(where: UndefinedReference.isUnusualSpace)
                        || suggestion.unicodeScalars.contains(where: UndefinedReference.isUnusualSpace) {
                        message += " (no-break spaces do not match plain ones)"
                    }
                    message += "."
                }
            } else if let definition = fromSource[reference] {
                // The label was translated and its definition was not (or the other way round):
                // the source links here to a destination this article defines under another label.
                message += "; the source links here to \(definition.destination), defined here as [\(definition.label)] (line \(definition.line))"
            }
            findings.append(finding(
                message, at: FileLocation(file: article.file, line: reference.line, column: reference.column),
                locale: article.locale, fingerprint: "\(id):\(reference.text)"))
        }
        return findings
    }

    /// For a translation: each unresolved reference paired, in order within its aligned section,
    /// with a reference link of the source that the translation lacks there, and the definition
    /// in the translation of that link's destination.
    static func definitionsTheSourceLinksTo(_ article: Article, in context: CheckContext) -> [UnresolvedReference: ReferenceDefinition] {
        guard article.locale != context.sourceLocale, let source = context.content.source(of: article),
              !article.referenceDefinitions.isEmpty
        else { return [:] }
        let pair = TranslationPair(source: source, translation: article)
        let links = pair.bySection(source: source.links, translation: article.links, line: \.line)
        let unresolved = pair.bySection(source: [], translation: article.unresolvedReferences, line: \.line)
        var definitionOf: [String: ReferenceDefinition] = [:]
        for definition in article.referenceDefinitions where definitionOf[definition.destination] == nil {
            definitionOf[definition.destination] = definition
        }
        var result: [UnresolvedReference: ReferenceDefinition] = [:]
        for (group, references) in zip(links, unresolved) where !references.translation.isEmpty {
            var present: [String: Int] = [:]
            for link in group.translation { present[link.destination, default: 0] += 1 }
            var lacking: [Link] = []
            for link in group.source where link.kind == .reference {
                if let count = present[link.destination], count > 0 { present[link.destination] = count - 1 } else { lacking.append(link) }
            }
            for (reference, link) in zip(references.translation, lacking) {
                if let definition = definitionOf[link.destination] {
                    result[reference] = definition
                }
            }
        }
        return result
    }

    /// The unresolved references of `article` that are its own: in a translation, those that
    /// do not repeat one of the source's in the aligned section (same label, or a translated
    /// label in the same place: `[Méthodes][]` for the source's own broken `[Methods][]`). The
    /// source's finding covers them; fixing the source fixes every locale.
    static func ownReferences(of article: Article, in context: CheckContext) -> [UnresolvedReference] {
        guard article.locale != context.sourceLocale, let source = context.content.source(of: article),
              !source.unresolvedReferences.isEmpty
        else { return article.unresolvedReferences }
        let pair = TranslationPair(source: source, translation: article)
        var own: [UnresolvedReference] = []
        for group in pair.bySection(source: source.unresolvedReferences, translation: article.unresolvedReferences, line: \.line) {
            // The source's labels as a multiset: a list searched and shortened per reference was
            // quadratic in the references of a section.
            var inherited: [String: Int] = [:]
            for reference in group.source { inherited[comparable(reference.label), default: 0] += 1 }
            var inheritedLeft = group.source.count
            var remaining: [UnresolvedReference] = []
            for reference in group.translation {
                let label = comparable(reference.label)
                if let count = inherited[label], count > 0 {
                    inherited[label] = count - 1
                    inheritedLeft -= 1
                } else {
                    remaining.append(reference)
                }
            }
            own += remaining.dropFirst(min(inheritedLeft, remaining.count))
        }
        return own.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// White space that CommonMark does not fold into a plain space when it matches labels.
    static func isUnusualSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace && scalar != " " && scalar != "\t" && scalar != "\n"
    }

    /// A label as compared for suggestions: without white space, lower-cased.
    static func comparable(_ label: String) -> String {
        String(String.UnicodeScalarView(label.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
