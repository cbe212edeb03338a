import ConcordModel

/// `protected-term`: a term the source protects from translation (`no-loc:` in the front
/// matter, `:::no-loc text="…":::`) is neither protected nor written as is in the aligned part
/// of the translation.
public struct ProtectedTermMissing: TranslationRule {
    /// `protected-term`.
    public let id = "protected-term"
    /// An error: a product or command name was translated or dropped.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A term the source marks no-loc is missing from the translation."

    /// Creates the rule.
    public init() {}

    /// One finding per protected term of the source the translation lacks.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        let terms = pair.source.protectedTerms
        guard !terms.isEmpty else { return [] }
        var found: [Diagnostic] = []
        let frontMatter = terms.filter { $0.section == nil && $0.line < (pair.source.sections.first?.line ?? 1) }
        let protected = Set(pair.translation.protectedTerms.map(\.text))
        let text = pair.translation.textBlocks.map(\.text).joined(separator: "\n") + "\n" + pair.translation.title
        for term in frontMatter where !protected.contains(term.text) && !Self.contains(text, term: term.text) {
            found.append(missing(term, pair, here: pair.translation.metadata.line(of: "no-loc") ?? 1))
        }
        let inline = terms.filter { term in !frontMatter.contains(term) }
        for group in pair.byMatchedSection(source: inline, translation: pair.translation.protectedTerms, line: \.line) {
            var available: [String: Int] = [:]
            for term in group.translation { available[term.text, default: 0] += 1 }
            for term in group.source {
                if let count = available[term.text], count > 0 {
                    available[term.text] = count - 1
                } else if !Self.contains(text, term: term.text) {
                    found.append(missing(term, pair, here: pair.translationLine(of: group.pair)))
                }
            }
        }
        return found
    }

    /// Whether `term` occurs in `text` as a whole word (`Wingtipe` does not hold `Wingtip`).
    static func contains(_ text: String, term: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: term) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if !(before.isLetter || before.isNumber), !(after.isLetter || after.isNumber) { return true }
            rest = text[text.index(after: range.lowerBound)...]
        }
        return false
    }

    private func missing(_ term: ProtectedTerm, _ pair: TranslationPair, here line: Int) -> Diagnostic {
        finding(
            "protected term '\(term.text)' of source \(pair.sourcePlace(term.line)) is missing here (no-loc: it is written as is in every locale)",
            at: pair.here(line), locale: pair.locale, source: pair.there(term.line), fingerprint: "\(id):\(term.text)")
    }
}
