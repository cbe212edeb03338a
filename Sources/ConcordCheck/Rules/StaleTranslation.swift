import ConcordModel

/// `stale-translation`: the source changed after the translation was made.
///
/// Two signals, the first that applies:
/// 1. the translation's `source-hash` (written by `concord stamp`) differs from the current
///    ``SourceHash`` of its source article;
/// 2. without `source-hash`: the translation's `ms.sourcegitcommit` names a commit that git
///    knows, and the source file changed since it; the finding names the sections and steps that
///    changed (``SourceChanges``). Commits git does not know (made in another repository) say
///    nothing; git is never run when the source locale is not in a work tree.
public struct StaleTranslation: TranslationRule {
    /// The rule's id.
    public let id = "stale-translation"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help, SARIF and docs.
    public let summary = "The source article changed after the translation was made."
    /// Git's answers change with commits that change no file of the content.
    public let readsHistory = true

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
        let answers = context.memo.value("git-answers") { Self.gitAnswers(in: context) }
        guard let answer = answers[GitHistory.Query(commit: commit.lowercased(), path: pair.source.path)],
              case .changed(let old) = answer
        else { return [] }
        let line = pair.translation.metadata.line(of: "ms.sourcegitcommit") ?? 1
        let sourceFile = pair.source.file
        var message: String
        if let old, let current = context.memo.value("source-bytes:\(sourceFile)", { try? context.content.fence.read(sourceFile) }) {
            let (oldLines, currentLines) = (SourceChanges.lines(of: old), SourceChanges.lines(of: current))
            let change = SourceChanges.lineCounts(old: oldLines, new: currentLines)
            message = "source \(sourceFile) changed since commit \(Self.short(commit)) this translation was made from "
                + "(ms.sourcegitcommit): \(Self.lines(change.added)) added, \(Self.lines(change.removed)) removed"
            let then = ArticleLoader.load(bytes: old, path: pair.source.path, locale: pair.source.locale, file: sourceFile).article
            if let then, let what = SourceChanges.describe(old: then, oldLines: oldLines, new: pair.source, newLines: currentLines) {
                message += "; " + what
            }
        } else {
            message = "source \(sourceFile) did not exist at commit \(Self.short(commit)) this translation was made from (ms.sourcegitcommit)"
        }
        return [finding(
            message, at: pair.here(line), locale: pair.locale, source: pair.there(1),
            fingerprint: "\(id):commit:\(commit.lowercased())")]
    }

    /// Git's answer for every translation of the content set that names a commit (and no
    /// `source-hash`), asked at once: a check of thousands of translations naming scores of
    /// commits runs three git processes, not one per commit.
    static func gitAnswers(in context: CheckContext) -> [GitHistory.Query: GitHistory.Answer] {
        let content = context.content
        guard let root = GitHistory.sourceRoot(of: content) else { return [:] }
        let queries = content.translationLocales.reduce(into: Set<GitHistory.Query>()) { queries, locale in
            queries.formUnion(GitHistory.commitQueries(content, locale: locale).values)
        }
        return GitHistory.answers(queries, in: root)
    }

    private static func lines(_ count: Int) -> String { count == 1 ? "1 line" : "\(count) lines" }

    /// The first 12 characters of a hash or commit, enough to tell them apart in a message.
    static func short(_ value: String) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        return trimmed.count > 12 ? String(trimmed.prefix(12)) : trimmed
    }
}
