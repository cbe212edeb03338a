import ConcordModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file looked like to `stat`: enough to tell that it has not changed without reading it.
public struct FileStamp: Hashable, Sendable {
    public var size: Int
    public var modified: Int
    public var inode: UInt64

    public init(size: Int, modified: Int, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// The stamp of the file at `path` (following a symbolic link), or nil when it is not a regular file.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
        #endif
        return FileStamp(size: Int(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
}

/// Every file a build may read, each with its stamp and the digest of its bytes: the content
/// root (every file, media and navigation included), locale folders outside it, the templates
/// folder, `concord.yml`, and Concord's own executable. A file whose stamp is the one recorded
/// by the last build keeps that build's digest; any other file is read and digested now.
public struct InputSnapshot: Sendable {
    /// One input.
    public struct Entry: Hashable, Sendable {
        public var stamp: FileStamp
        public var digest: Digest
    }

    /// Inputs by path (as the loader names files: the locale folder's path, `/`, the relative path).
    public var files: [String: Entry]
    /// The digest of every path, stamp and digest together: equal snapshots mean nothing changed.
    public var fingerprint: Digest

    /// The digest of the file at `path`, when it is an input.
    public func digest(of path: String) -> Digest? { files[path]?.digest }

    /// Takes the snapshot of what a build of `configuration` reads. Digests of files whose stamp
    /// is unchanged since `previous` are taken from it.
    public static func take(_ configuration: Configuration, previous: [String: Entry] = [:]) -> InputSnapshot {
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

        let unique = Array(Set(paths + stampOnly)).sorted()
        let entries = parallelMap(unique) { path -> Entry? in
            guard let stamp = FileStamp.of(path) else { return nil }
            if let old = previous[path], old.stamp == stamp { return old }
            if byStamp.contains(path) { return Entry(stamp: stamp, digest: Digest.of("\(stamp.size) \(stamp.modified) \(stamp.inode)")) }
            guard let bytes = try? FileSystem.read(path) else { return nil }
            return Entry(stamp: stamp, digest: Digest.of(bytes))
        }
        var files: [String: Entry] = [:]
        var hasher = DigestHasher()
        for (path, entry) in zip(unique, entries) {
            guard let entry else { continue }
            files[path] = entry
            hasher.combine(path)
            hasher.combine(entry.digest)
        }
        return InputSnapshot(files: files, fingerprint: hasher.finalize())
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
            guard let directory = opendir(folder.isEmpty ? "." : folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." || name == ".git" || name == ".concord" { continue }
                let path = folder == "." || folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): folders.append(path)
                case Int32(DT_REG), Int32(DT_LNK): found.append(path)
                default:
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    if (info.st_mode & S_IFMT) == S_IFDIR { folders.append(path) } else { found.append(path) }
                }
            }
        }
        return found
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
