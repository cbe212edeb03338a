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
}
