import ConcordModel

/// `list-item-count`: a category list, the "applies to" list or the "see also" list has a
/// different number of items than in the source.
public struct ListItemCount: TranslationRule {
    /// `list-item-count`.
    public let id = "list-item-count"
    /// An error: an item was dropped or added, so the lists no longer say the same thing.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A category, applies-to or see-also list has a different number of items than in the source."

    /// Creates the rule.
    public init() {}

    /// Findings for category lists paired by order within their section, then the article's
    /// "applies to" and "see also" lists.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let groups = pair.byMatchedSection(
            source: pair.source.categories, translation: pair.translation.categories, line: \.line)
        // Where a section has more or fewer lists, one was rewritten as prose or gained a link; pairing
        // the rest by order would compare the wrong lists, so only sections with as many lists are compared.
        for group in groups where group.alignsByOrder {
            for (list, translated) in group.orderedPairs where list.items.count != translated.items.count {
                found.append(finding(
                    "\(counted(list.items.count, "item")) in the source list \(pair.sourcePlace(list.line)), \(translated.items.count) here",
                    at: pair.here(translated.line), locale: pair.locale, source: pair.there(list.line),
                    fingerprint: "list:\(list.intro):\(list.items.count):\(translated.items.count)"))
            }
        }

        let source = pair.source, translation = pair.translation
        if source.appliesTo.count != translation.appliesTo.count {
            let there = Self.line(ofItem: source.appliesTo.first, in: source) ?? 1
            let here = Self.line(ofItem: translation.appliesTo.first, in: translation) ?? pair.translationLine(forSourceLine: there)
            found.append(finding(
                "\(counted(source.appliesTo.count, "item")) in the source's applies-to list \(pair.sourcePlace(there)), \(translation.appliesTo.count) here",
                at: pair.here(here), locale: pair.locale, source: pair.there(there),
                fingerprint: "appliesTo:\(source.appliesTo.count):\(translation.appliesTo.count)"))
        }
        if source.relatedLinks.count != translation.relatedLinks.count {
            let there = source.relatedLinks.first?.line ?? 1
            let here = translation.relatedLinks.first?.line ?? pair.translationLine(forSourceLine: there)
            found.append(finding(
                "\(counted(source.relatedLinks.count, "link")) in the source's see-also list \(pair.sourcePlace(there)), \(translation.relatedLinks.count) here",
                at: pair.here(here), locale: pair.locale, source: pair.there(there),
                fingerprint: "relatedLinks:\(source.relatedLinks.count):\(translation.relatedLinks.count)"))
        }
        return found
    }

    /// The line of a list item, found through the article's text blocks (the model keeps the
    /// applies-to items as text only).
    static func line(ofItem text: String?, in article: Article) -> Int? {
        guard let text else { return nil }
        return article.textBlocks.first { $0.kind == .listItem && $0.text == text }?.line
    }
}
