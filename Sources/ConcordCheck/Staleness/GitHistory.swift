import ConcordModel
import Foundation

/// What git knows about how the source files changed since a commit.
///
/// One `git diff --numstat` per distinct commit covers every file of the source locale, so a
/// check of thousands of translations that name a handful of commits costs a handful of git
/// calls; and none at all when the source locale is not in a git work tree (found by looking for
/// `.git` upwards, without running git).
enum GitHistory {
    /// Lines added and removed in one file.
    struct Change: Sendable, Hashable {
        var added: Int
        var removed: Int
    }

    /// Whether `folder` is inside a git work tree (a `.git` folder or file in it or above it).
    static func isInWorkTree(_ folder: String) -> Bool {
        var url = URL(fileURLWithPath: FileSystem.canonical(folder))
        while true {
            if FileSystem.exists(url.appendingPathComponent(".git").path) { return true }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return false }
            url = parent
        }
    }

    /// Whether `commit` is safe to pass to git: hexadecimal only, so never an option (`--output=…`)
    /// or a revision expression from untrusted front matter.
    static func isCommitID(_ commit: String) -> Bool {
        (4...64).contains(commit.utf8.count) && commit.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
                || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F"))
        }
    }

    /// The files under `folder` that differ between `commit` and the working tree, by path
    /// relative to `folder`; `nil` when git does not know the commit (or git cannot run).
    static func changes(since commit: String, in folder: String) -> [String: Change]? {
        guard isCommitID(commit),
              // No fsmonitor hook: nothing but git itself runs, and nothing waits on a daemon.
              let output = run(["-C", folder, "-c", "core.fsmonitor=false", "diff", "--numstat", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                                "--relative", commit, "--", "."])
        else { return nil }
        var result: [String: Change] = [:]
        // `added<TAB>removed<TAB>path<NUL>`; binary files show `-` for both counts.
        for record in output.split(separator: 0) {
            let fields = record.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let added = Int(String(decoding: fields[0], as: UTF8.self)) ?? 0
            let removed = Int(String(decoding: fields[1], as: UTF8.self)) ?? 0
            result[String(decoding: fields[2], as: UTF8.self)] = Change(added: added, removed: removed)
        }
        return result
    }

    /// Runs git with `arguments`; its standard output, or `nil` when it fails.
    static func run(_ arguments: [String]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read before waiting, or a large diff fills the pipe and both sides wait forever.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](data)
    }
}
