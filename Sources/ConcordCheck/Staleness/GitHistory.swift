import ConcordModel
import Foundation

/// What git knows about how source files changed since the commits translations name.
///
/// Every question of a check is asked at once: one `git cat-file --batch-check` resolves every
/// commit and the blob of every source file at every commit named; one `git hash-object` hashes
/// the source files as they are now; one `git cat-file --batch` reads the old text of those that
/// differ. Three git processes however many commits and translations, and none at all when the
/// source locale is not in a git work tree (found by looking for `.git` upwards, without running git).
enum GitHistory {
    /// Lines added and removed in one file.
    struct Change: Sendable, Hashable {
        var added: Int
        var removed: Int
    }

    /// One question: has the file at `path` (relative to the asked folder) changed since `commit`?
    struct Query: Sendable, Hashable {
        var commit: String
        var path: String
    }

    /// Git's answer to a ``Query``.
    enum Answer: Sendable, Hashable {
        /// The file is the same as at the commit.
        case unchanged
        /// The file differs from the commit's: `old` is its text then, `nil` when it did not exist.
        case changed(old: [UInt8]?)
    }

    /// The source locale's folder, when it is inside a git work tree: where questions go.
    static func sourceRoot(of content: ContentSet) -> String? {
        guard let root = content.configuration.locales.first(where: { $0.id == content.sourceLocale })?.path,
              isInWorkTree(root)
        else { return nil }
        return root
    }

    /// The question for each translation of `locale` that names a commit (`ms.sourcegitcommit`)
    /// and records no `source-hash` (the stronger signal), and whose source exists, by path.
    static func commitQueries(_ content: ContentSet, locale: String) -> [String: Query] {
        var queries: [String: Query] = [:]
        for (path, article) in content.articles[locale] ?? [:] where article.metadata.sourceHash == nil {
            guard let commit = article.metadata.sourceGitCommit?.trimmingASCIIWhitespace(), !commit.isEmpty,
                  content.hasArticle(path, in: content.sourceLocale)
            else { continue }
            queries[path] = Query(commit: commit.lowercased(), path: path)
        }
        return queries
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

    /// The answers git gives to `queries` about files under `folder`. A query whose commit git
    /// does not know (made in another repository), or that cannot be asked safely, has no answer;
    /// none has when git cannot run.
    static func answers(_ queries: Set<Query>, in folder: String) -> [Query: Answer] {
        // Batch input is one object name a line: a commit must be plain hex, a path one line.
        let asked = queries.filter { isCommitID($0.commit) && !$0.path.contains("\n") && !$0.path.contains("\r") }.sorted {
            ($0.commit, $0.path) < ($1.commit, $1.path)
        }
        guard !asked.isEmpty else { return [:] }
        let commits = Array(Set(asked.map(\.commit))).sorted()
        let names = commits.map { "\($0)^{commit}" } + asked.map { "\($0.commit):./\($0.path)" }
        guard let check = run(["cat-file", "--batch-check"], in: folder, input: names),
              case let lines = check.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false),
              lines.count >= names.count
        else { return [:] }
        let known = Set(zip(commits, lines).compactMap { objectID($1) == nil ? nil : $0 })
        var oldBlob: [Query: String] = [:]
        for (query, line) in zip(asked, lines.dropFirst(commits.count)) {
            if let id = objectID(line) { oldBlob[query] = id }
        }
        let paths = Array(Set(asked.filter { known.contains($0.commit) }.map(\.path))).sorted()
        let root = FileSystem.canonical(folder)
        guard let hashed = run(["hash-object", "--stdin-paths"], in: folder, input: paths.map { root + "/" + $0 }),
              case let hashes = hashed.split(separator: UInt8(ascii: "\n")).map({ String(decoding: $0, as: UTF8.self) }),
              hashes.count == paths.count
        else { return [:] }
        let current = Dictionary(uniqueKeysWithValues: zip(paths, hashes))
        var result: [Query: Answer] = [:]
        var differing: [(query: Query, blob: String)] = []
        for query in asked where known.contains(query.commit) {
            guard let old = oldBlob[query] else { result[query] = .changed(old: nil); continue }
            if old == current[query.path] { result[query] = .unchanged } else { differing.append((query, old)) }
        }
        let texts = contents(of: differing.map(\.blob), in: folder)
        for (index, item) in differing.enumerated() {
            result[item.query] = .changed(old: index < texts.count ? texts[index] : nil)
        }
        return result
    }

    /// The object id of a `--batch-check` line (`<id> <type> <size>`), `nil` for `<name> missing`.
    private static func objectID(_ line: ArraySlice<UInt8>) -> String? {
        let fields = line.split(separator: UInt8(ascii: " "))
        guard fields.count == 3, fields[1].elementsEqual("blob".utf8) || fields[1].elementsEqual("commit".utf8) else { return nil }
        return String(decoding: fields[0], as: UTF8.self)
    }

    /// The bytes of each blob, in order, from one `git cat-file --batch` (`<id> blob <size>\n<bytes>\n`).
    private static func contents(of blobs: [String], in folder: String) -> [[UInt8]?] {
        guard !blobs.isEmpty, let output = run(["cat-file", "--batch"], in: folder, input: blobs) else { return [] }
        var result: [[UInt8]?] = []
        var i = output.startIndex
        while i < output.endIndex, result.count < blobs.count {
            guard let newline = output[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = output[i..<newline].split(separator: UInt8(ascii: " "))
            i = newline + 1
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)), i + size <= output.endIndex else {
                result.append(nil)
                continue
            }
            result.append(Array(output[i..<(i + size)]))
            i += size + 1
        }
        return result
    }

    /// Runs git in `folder` with `arguments` and `input` (one line each) on its standard input;
    /// its standard output, or `nil` when it fails.
    static func run(_ arguments: [String], in folder: String, input: [String] = []) -> [UInt8]? {
        // No fsmonitor hook: nothing but git itself runs, and nothing waits on a daemon.
        let argv = ["/usr/bin/env", "git", "-C", folder, "-c", "core.fsmonitor=false"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        // The input goes through a temporary file, not a pipe: git may stop reading early (an
        // error), and a write to a pipe nobody reads would end Concord with SIGPIPE.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("concord-git-\(UUID().uuidString)").path
        guard (try? Data(input.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: inputFile))) != nil else { return nil }
        let feed = open(inputFile, O_RDONLY | O_CLOEXEC)
        // Unlinked at once: the open descriptor is all git needs.
        unlink(inputFile)
        guard feed >= 0 else { return nil }
        defer { close(feed) }
        return ChildProcess.output("/usr/bin/env", arguments: argv, environment: environment, input: feed)
    }
}
