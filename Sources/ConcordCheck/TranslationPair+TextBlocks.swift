import ConcordModel

extension TranslationPair {
    /// Text blocks of both sides grouped by aligned section (one-sided sections folded into the previous one).
    public var textBlockGroups: [SectionGroup<TextBlock>] {
        byMatchedSection(source: source.textBlocks, translation: translation.textBlocks, line: \.line)
    }
}
