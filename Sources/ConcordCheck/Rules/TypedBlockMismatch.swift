import ConcordModel

/// `typed-block-mismatch`: an aligned section lacks a `> [!div class="…"]` (a next-step button, a
/// checklist, a selector) or a `> [!VIDEO]` of the source, or has one the source has not.
public struct TypedBlockMismatch: TranslationRule {
    /// `typed-block-mismatch`.
    public let id = "typed-block-mismatch"
    /// A warning: the content is there, its presentation or the video differs.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A section's [!div] or [!VIDEO] blocks differ from the source's."

    /// Creates the rule.
    public init() {}

    /// Findings per aligned section: blocks missing or added (a video's address may be localized).
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        guard !pair.source.typedBlocks.isEmpty || !pair.translation.typedBlocks.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for group in pair.byMatchedSection(source: pair.source.typedBlocks, translation: pair.translation.typedBlocks, line: \.line) {
            let difference = KeyedDifference(source: group.source, translation: group.translation, key: Self.key(of:))
            found += findings(difference, in: group, of: pair, key: Self.key(of:), describe: Self.describe, line: \.line)
        }
        return found
    }

    static func key(of block: TypedBlock) -> String {
        block.kind == .video ? "video" : "div:" + block.value.lowercased()
    }

    static func describe(_ block: TypedBlock) -> String {
        block.kind == .video ? "[!VIDEO]" : "[!div class=\"\(block.value)\"]"
    }
}
