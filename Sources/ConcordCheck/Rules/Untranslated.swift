import ConcordModel

/// `untranslated`: a paragraph left exactly as in the source.
public struct Untranslated: TranslationRule {
    /// `untranslated`.
    public let id = "untranslated"
    /// Off unless enabled: some teams keep passages in English on purpose.
    public let defaultSetting: Configuration.RuleSetting = .off
    /// One line for help and SARIF.
    public let summary = "A paragraph is identical to its source paragraph (prose, not just names, code or URLs)."

    /// Creates the rule.
    public init() {}

    /// Minimum prose words a paragraph needs before being identical counts as untranslated.
    static let minimumWords = 4

    /// Findings for paragraphs and list items identical to the source block at the same place.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for group in pair.textBlockGroups where group.alignsByOrder {
            for (block, translated) in group.orderedPairs
            where translated.kind == block.kind && (block.kind == .paragraph || block.kind == .listItem)
                && block.text == translated.text && Self.proseWords(in: block.prose) >= Self.minimumWords {
                found.append(finding(
                    "text is identical to source \(pair.sourcePlace(block.line)); not translated?",
                    at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(block.line),
                    fingerprint: String(block.text.prefix(80))))
            }
        }
        return found
    }

    /// The words a translator would have had to translate: words made of letters only that are
    /// neither capitalised (names, products, a sentence's first word) nor part of code or a URL.
    /// Scripts written without spaces count one word per two letters, roughly their word length.
    static func proseWords(in text: String) -> Int {
        var count = 0
        for word in text.split(whereSeparator: { $0 == " " }) {
            let core = word.trimmingPunctuation
            guard let first = core.unicodeScalars.first, !first.properties.isUppercase else { continue }
            var letters = 0
            var unspaced = 0
            var onlyLetters = true
            var innerCapital = false
            for scalar in core.unicodeScalars {
                let properties = scalar.properties
                if properties.isAlphabetic {
                    letters += 1
                    if properties.isUppercase { innerCapital = true }
                    if !properties.isLowercase, !properties.isUppercase, scalar.value >= 0x2E80 { unspaced += 1 }
                } else if scalar != "'", scalar != "’", !properties.isDiacritic {
                    onlyLetters = false
                    break
                }
            }
            // `camelCase` and `kebab-case` identifiers fail here: a capital inside, or a hyphen.
            guard onlyLetters, letters > 0, !innerCapital else { continue }
            count += unspaced > 0 ? max(1, unspaced / 2) : 1
        }
        return count
    }
}

extension Substring {
    /// The word without the punctuation that surrounds words in prose (brackets, quotes, `.,;:!?`).
    fileprivate var trimmingPunctuation: Substring {
        var s = self
        let edges: Set<Character> = ["(", ")", "\"", "'", "“", "”", "‘", "’", "«", "»", ".", ",", ";", ":", "!", "?"]
        while let f = s.first, edges.contains(f) { s.removeFirst() }
        while let l = s.last, edges.contains(l) { s.removeLast() }
        return s
    }
}
