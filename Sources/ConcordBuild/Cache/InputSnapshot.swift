import ConcordModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file a build may read, each with its stamp and the digest of its bytes: the content
/// root (every file, media and navigation included), locale folders outside it, the templates
/// folder, `concord.yml`, and Concord's own executable. A file whose stamp is the one recorded
/// by the last build keeps that build's digest; any other file is read and digested now.
public struct InputSnapshot: Sendable {
    /// One input.
    @ModelCodable
    public struct Entry: Hashable, Sendable {
        public var stamp: FileStamp
        public var digest: Digest
    }

    /// Inputs by path (as the loader names files: the locale folder's path, `/`, the relative path).
    public var files: [String: Entry]
    /// The digest of every path and digest together: equal snapshots mean nothing changed.
    /// Meaningful only once nothing is ``pending``.
    public var fingerprint: Digest
    /// Markdown files left for the loader to digest, as it reads them anyway (``completed(with:)``).
    public var pending: [String: FileStamp] = [:]

    /// The digest of the file at `path`, when it is an input.
    public func digest(of path: String) -> Digest? { files[path]?.digest }

    /// Takes the snapshot of what a build of `configuration` reads. Digests of files whose stamp
    /// is unchanged since `previous` are taken from it. With `deferringMarkdown`, Markdown files
    /// not in `previous` are left ``pending``, for the loader to digest.
    public static func take(_ configuration: Configuration, previous: [String: Entry] = [:], deferringMarkdown: Bool = false) -> InputSnapshot {
        var paths: [String] = []
        var roots = [configuration.contentRoot]
        for entry in configuration.locales where !Self.isWithin(entry.path, configuration.contentRoot) { roots.append(entry.path) }
        roots.append(configuration.templates)
        for root in roots { paths += walk(root) }
        if let file = configuration.file { paths.append(file) }
        // Known by their stamps alone: reading Concord's executable, or git's index, on every
        // build would cost more than the rest of a build that has nothing to do.
        var stampOnly = gitState(of: configuration.contentRoot)
        if let executable = executablePath { stampOnly.append(executable) }
        let byStamp = Set(stampOnly)

        let unique = Array(Set(paths + stampOnly))
        enum Found { case entry(Entry), pending(FileStamp), missing }
        let found = parallelMap(unique) { path -> Found in
            guard let stamp = FileStamp.of(path) else { return .missing }
            if let old = previous[path], old.stamp == stamp { return .entry(old) }
            if byStamp.contains(path) { return .entry(Entry(stamp: stamp, digest: Digest.of("\(stamp.size) \(stamp.modified) \(stamp.inode)"))) }
            if deferringMarkdown, isMarkdown(path) { return .pending(stamp) }
            guard let bytes = try? FileSystem.read(path) else { return .missing }
            return .entry(Entry(stamp: stamp, digest: Digest.of(bytes)))
        }
        var snapshot = InputSnapshot(files: [:], fingerprint: Digest(high: 0, low: 0))
        snapshot.files.reserveCapacity(unique.count)
        for (path, item) in zip(unique, found) {
            switch item {
            case .entry(let entry): snapshot.files[path] = entry
            case .pending(let stamp): snapshot.pending[path] = stamp
            case .missing: break
            }
        }
        // With files pending, the fingerprint is made once they are digested (`completed(with:)`).
        if snapshot.pending.isEmpty { snapshot.fingerprint = snapshot.digestOfFiles() }
        return snapshot
    }

    /// The snapshot with its pending Markdown files digested: from `digests` (the loader's, by
    /// file) where it read them, else read now (navigation files, which the loader does not read).
    public func completed(with digests: [String: Digest]) -> InputSnapshot {
        guard !pending.isEmpty else { return self }
        var snapshot = self
        snapshot.pending = [:]
        let left = pending.filter { digests[$0.key] == nil }.map(\.key)
        let read = parallelMap(left) { path in (try? FileSystem.read(path)).map { Digest.of($0) } }
        for (path, digest) in zip(left, read) { if let digest, let stamp = pending[path] { snapshot.files[path] = Entry(stamp: stamp, digest: digest) } }
        for (path, stamp) in pending { if let digest = digests[path] { snapshot.files[path] = Entry(stamp: stamp, digest: digest) } }
        snapshot.fingerprint = snapshot.digestOfFiles()
        return snapshot
    }

    /// Every path and digest, in the order of the paths.
    private func digestOfFiles() -> Digest {
        var hasher = DigestHasher()
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            hasher.combine(path)
            hasher.combine(entry.digest)
        }
        return hasher.finalize()
    }

    /// Whether the path ends in `.md`, in any case (as the loader chooses articles).
    static func isMarkdown(_ path: String) -> Bool {
        let tail = Array(path.utf8.suffix(3))
        return tail.count == 3 && tail[0] == UInt8(ascii: ".") && tail[1] | 0x20 == UInt8(ascii: "m") && tail[2] | 0x20 == UInt8(ascii: "d")
    }

    /// Whether `path` is `root` or inside it, as written (the loader names files the same way).
    static func isWithin(_ path: String, _ root: String) -> Bool {
        if root.isEmpty || root == "." { return !path.hasPrefix("/") && !path.hasPrefix("..") }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Every regular file under `root` (symbolic links followed to files, not to folders), hidden
    /// ones included (`.openpublishing.redirection.json` is content), except the folders of git,
    /// of Concord's cache and of editors' swap state.
    static func walk(_ root: String) -> [String] {
        var found: [String] = []
        var folders = [root]
        while let folder = folders.popLast() {
            for (name, isFolder) in FileSystem.entries(of: folder.isEmpty ? "." : folder) ?? [] {
                if name == ".git" || name == ".concord" { continue }
                // Named as the loader names files (`ContentSet.file`), so digests are found by an article's `file`.
                let path = folder == "." || folder.isEmpty ? name : ContentSet.file(name, in: folder)
                if isFolder { folders.append(path) } else { found.append(path) }
            }
        }
        return found
    }

    /// The digest of the running Concord among `inputs` (of its stamp), if it is known.
    static func concordDigest(_ inputs: [String: Entry]) -> Digest? {
        executablePath.flatMap { inputs[$0]?.digest }
    }

    /// The running executable: a different Concord may build differently.
    static var executablePath: String? {
        #if os(Linux)
        return FileManager.default.fileExists(atPath: "/proc/self/exe") ? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) : nil
        #else
        return Bundle.main.executablePath
        #endif
    }

    /// The files of the git repository holding `folder` that say which commits exist and which
    /// files are tracked, when there is one: staleness asks git how a source changed since the
    /// commit a translation names, and the answer changes with them.
    static func gitState(of folder: String) -> [String] {
        var url = URL(fileURLWithPath: FileSystem.canonical(folder))
        while true {
            let git = url.appendingPathComponent(".git").path
            if FileManager.default.fileExists(atPath: git) {
                return [git + "/HEAD", git + "/index", git + "/packed-refs", git + "/FETCH_HEAD", git + "/ORIG_HEAD"]
                    + walk(git + "/refs")
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return [] }
            url = parent
        }
    }
}
