import ConcordModel
import Foundation

/// Earlier versions of a source article, from git: the text a stale translation was made from.
public enum SourceVersions {
    /// How many of a file's commits are looked at, newest first.
    public static let commitLimit = 50

    /// The bytes of the version of `file` whose ``SourceHash`` is `hash`, among the last
    /// ``commitLimit`` commits that changed it; `nil` when the file is not in a git work tree, or
    /// no such version is found.
    public static func version(of file: String, withSourceHash hash: String) -> [UInt8]? {
        let folder = (file as NSString).deletingLastPathComponent
        let name = (file as NSString).lastPathComponent
        let wanted = hash.trimmingASCIIWhitespace().lowercased()
        guard !name.isEmpty, GitHistory.isInWorkTree(folder.isEmpty ? "." : folder),
              let log = GitHistory.run(["log", "--format=%H", "-n", String(commitLimit), "--no-renames", "--", name], in: folder.isEmpty ? "." : folder)
        else { return nil }
        for commit in String(decoding: log, as: UTF8.self).split(separator: "\n") where GitHistory.isCommitID(String(commit)) {
            guard let bytes = GitHistory.run(["show", "--no-textconv", "\(commit):./\(name)"], in: folder.isEmpty ? "." : folder) else { continue }
            if SourceHash.of(file: bytes) == wanted { return bytes }
        }
        return nil
    }

    /// What git says of the source of a translation that names the commit it was made from.
    public enum CommitVersion: Sendable, Hashable {
        /// The source file is the same as at the commit.
        case unchanged
        /// The source file changed since the commit: its bytes then, `nil` when it did not exist.
        case changed(previous: [UInt8]?)
    }

    /// For each translation of `locale` that names a commit (`ms.sourcegitcommit`) and records
    /// no `source-hash`, by path: what git says of its source since that commit. Asked at once,
    /// as `stale-translation` asks (``GitHistory/answers(_:in:)``); empty when the source locale
    /// is not in a git work tree. A commit git does not know has no entry.
    public static func commitVersions(_ content: ContentSet, locale: String) -> [String: CommitVersion] {
        guard let root = GitHistory.sourceRoot(of: content) else { return [:] }
        let asked = GitHistory.commitQueries(content, locale: locale)
        let answers = GitHistory.answers(Set(asked.values), in: root)
        return asked.compactMapValues { query in
            switch answers[query] {
            case .unchanged: .unchanged
            case .changed(let old): .changed(previous: old)
            case nil: nil
            }
        }
    }
}
