import ConcordModel

/// `stale-translation`: the source changed after the translation was made.
///
/// Two signals, the first that applies:
/// 1. the translation's `source-hash` (written by `concord stamp`) differs from the current
///    ``SourceHash`` of its source article;
/// 2. without `source-hash`: the translation's `ms.sourcegitcommit` names a commit that git
///    knows, and the source file changed since it. Commits git does not know (made in another
///    repository) say nothing; git is never run when the source locale is not in a work tree.
public struct StaleTranslation: TranslationRule {
    /// The rule's id.
    public let id = "stale-translation"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help, SARIF and docs.
    public let summary = "The source article changed after the translation was made."

    /// Creates the rule.
    public init() {}

    /// The findings for one translation and its source.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        let metadata = pair.translation.metadata
        if let recorded = metadata.sourceHash {
            return checkHash(recorded, pair, in: context)
        }
        if let commit = metadata.sourceGitCommit?.trimmingASCIIWhitespace(), !commit.isEmpty {
            return checkCommit(commit, pair, in: context)
        }
        return []
    }

    private func checkHash(_ recorded: String, _ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        let sourceFile = pair.source.file
        let current: String? = context.memo.value("source-hash:\(sourceFile)") {
            (try? context.content.fence.read(sourceFile)).map { SourceHash.of(file: $0) }
        }
        guard let current, !SourceHash.matches(recorded, current) else { return [] }
        let line = pair.translation.metadata.line(of: SourceHash.key) ?? 1
        return [finding(
            "source changed since this translation was stamped: source-hash \(Self.short(recorded)) here, "
                + "\(Self.short(current)) for \(sourceFile) now; update the translation, then run 'concord stamp'",
            at: pair.here(line), locale: pair.locale, source: pair.there(1),
            fingerprint: "\(id):hash:\(recorded.trimmingASCIIWhitespace().lowercased())")]
    }

    private func checkCommit(_ commit: String, _ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        guard let root = context.content.configuration.locales.first(where: { $0.id == context.sourceLocale })?.path,
              GitHistory.isCommitID(commit),
              context.memo.value("git-work-tree:\(root)", { GitHistory.isInWorkTree(root) }),
              let changes = context.memo.value("git-changes:\(root):\(commit.lowercased())", { GitHistory.changes(since: commit, in: root) }),
              let change = changes[pair.source.path]
        else { return [] }
        let line = pair.translation.metadata.line(of: "ms.sourcegitcommit") ?? 1
        return [finding(
            "source \(pair.source.file) changed since commit \(Self.short(commit)) this translation was made from "
                + "(ms.sourcegitcommit): \(Self.lines(change.added)) added, \(Self.lines(change.removed)) removed",
            at: pair.here(line), locale: pair.locale, source: pair.there(1),
            fingerprint: "\(id):commit:\(commit.lowercased())")]
    }

    private static func lines(_ count: Int) -> String { count == 1 ? "1 line" : "\(count) lines" }

    /// The first 12 characters of a hash or commit, enough to tell them apart in a message.
    static func short(_ value: String) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        return trimmed.count > 12 ? String(trimmed.prefix(12)) : trimmed
    }
}
