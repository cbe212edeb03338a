import ConcordModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of the site that could not be written: where, and why, in one line.
public struct SiteWriteFailure: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file.
    public var reason: String
    public var description: String { reason }
}

/// Writes files into the staging folder, where no atomicity is needed (the folder is swapped whole).
///
/// A file whose bytes are the same as in the previous build is hard-linked from it instead of
/// written: builds are deterministic, so most files of a rebuild are unchanged, and a link costs
/// no new inode (creating thousands of inodes right after deleting thousands is slow on ext4).
/// Files in staging may therefore share their inode with the live site: replace them, never
/// modify them in place.
///
/// The staging folder may be *recycled*: the folder of the site before last, which the build
/// keeps for this (`OutputFolder`). Most of its files are then already the live site's (hard
/// links made by the last build), and a file this build keeps costs an `lstat`. Every file this
/// build writes replaces what is there, every file it keeps is checked to be the live site's,
/// and ``removeUnwritten()`` then removes what this build did not write, so the folder ends as a
/// new one would.
public struct StagingWriter: Sendable {
    /// The staging folder.
    public let root: String
    /// The live site, whose unchanged files are linked rather than written again.
    public let previous: String?
    /// The paths written (files and folders), when the folder is recycled.
    private let written: WrittenPaths?
    /// The stamp of every file put in the folder, by path.
    private let stamps = StampLog()

    /// Whether the folder held an earlier build's files when this build began.
    public var recycled: Bool { written != nil }

    /// A writer into `root`, linking files unchanged since `previous`; `recycled` when `root`
    /// holds the files of an earlier build of the same site.
    public init(root: String, previous: String?, recycled: Bool = false) {
        self.root = root
        self.previous = previous
        written = recycled ? WrittenPaths() : nil
    }

    /// Writes `text` as UTF-8 to `relative`.
    public func write(_ text: String, to relative: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: relative) }
    }

    /// Writes `bytes` to `relative`.
    public func write(_ bytes: [UInt8], to relative: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: relative) }
    }

    /// Makes the folder `relative` (and its parents) inside the staging folder.
    public func createDirectories(_ relative: String) throws {
        // Never the staging folder itself: an interrupt moves it away while pages are still
        // being written, and making it again would leave a staging folder behind.
        if !relative.isEmpty { try FileSystem.createDirectories(root + "/" + relative, within: root) }
        noteDirectory(relative)
    }

    /// Records that the folder `relative` (and its parents) belongs to this build, for a caller
    /// that made it itself.
    public func noteDirectory(_ relative: String) {
        written?.insertDirectory(relative)
    }

    /// Keeps, unread, the file the last build published at `relative` with the stamp `stamp`:
    /// for a file the caller knows is made from what it was made from. Returns whether it is in
    /// the staging folder.
    ///
    /// In a recycled folder it is usually there already, a link to the inode the last build
    /// published (a link keeps the inode, so no other file can have it): a stamp there equal to
    /// `stamp` tells so in one `lstat`, whatever became of the live site's copy since, since the
    /// staging folder is what is published. Otherwise the live site's file is linked in, if it
    /// is still the one published.
    public func keep(_ relative: String, stamp: FileStamp) -> Bool {
        guard let previous else { return false }
        if keptInPlace(relative, stamp: stamp) { return true }
        guard FileStamp.of(previous + "/" + relative) == stamp else { return false }
        return link(previous + "/" + relative, at: relative, stamp: stamp)
    }

    /// The stamp of every file this writer (and its copies) put in the staging folder, by path.
    /// In a recycled folder, once ``removeUnwritten()`` has run, these are all its files; each
    /// keeps its stamp when the folder is swapped in (a rename moves no file).
    public func writtenStamps() -> [String: FileStamp] {
        stamps.all
    }

    /// Removes, from a recycled folder, every file and folder this writer (and its copies) did not write.
    public func removeUnwritten() throws {
        guard let written else { return }
        try written.removeOthers(in: root)
    }

    private func write(_ buffer: UnsafeRawBufferPointer, to relative: String) throws {
        let path = root + "/" + relative
        if let previous, let same = Self.sameBytes(previous + "/" + relative, buffer),
           keptInPlace(relative, stamp: same) || link(previous + "/" + relative, at: relative, stamp: same) { return }
        // In a recycled folder the file there may be the live site's own (a hard link): it is
        // replaced, never written into.
        if let written {
            written.insert(relative)
            if unlink(path) != 0, errno != ENOENT { throw SiteWriteFailure(reason: "cannot replace \(path): \(String(cString: strerror(errno)))") }
        }
        // `open` and `write` rather than a stdio stream: each page was one `fwrite` of its whole
        // buffer, and `fopen` allocated a stream and a buffer per file for nothing.
        func failure() -> SiteWriteFailure {
            SiteWriteFailure(reason: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard file >= 0 else { throw failure() }
        var written = 0
        while written < buffer.count {
            let count = writeSome(file, buffer.baseAddress! + written, buffer.count - written)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let error = failure()
                close(file)
                throw error
            }
            written += count
        }
        var info = stat()
        let stamp = fstat(file, &info) == 0 ? FileStamp(info) : nil
        guard close(file) == 0 else { throw failure() }
        stamps.record(relative, stamp ?? FileStamp.of(path))
    }

    /// In a recycled folder, whether the file at `relative` is already the one `stamp` describes,
    /// kept as it is if so: a link to its inode (which no other file can have while the link
    /// holds it), of its size and time (a link changes none of them).
    private func keptInPlace(_ relative: String, stamp: FileStamp) -> Bool {
        guard let written else { return false }
        var there = stat()
        guard lstat(root + "/" + relative, &there) == 0, FileStamp(there) == stamp else { return false }
        written.insert(relative)
        stamps.record(relative, stamp)
        return true
    }

    /// Puts the live site's file `old`, whose stamp is `stamp`, at `relative` as a hard link; in a
    /// recycled folder, whatever is there is replaced. Returns whether the link is there.
    private func link(_ old: String, at relative: String, stamp: FileStamp) -> Bool {
        let path = root + "/" + relative
        if written != nil, unlink(path) != 0, errno != ENOENT { return false }
        guard hardLink(old, path) == 0 else { return false }
        written?.insert(relative)
        stamps.record(relative, stamp)
        return true
    }

    /// Linux's `O_NOATIME` (`<fcntl.h>` defines it only with `_GNU_SOURCE`, which Swift's Glibc module lacks).
    #if os(Linux)
    private static let noAccessTime: Int32 = 0o1_000_000
    #else
    private static let noAccessTime: Int32 = 0
    #endif

    /// The stamp of the file `old` when it holds exactly `buffer`; nil when it does not.
    ///
    /// The old file is read with `open`/`read` into uninitialized memory: `fopen` allocated a
    /// stream and its buffer per file, and a zero-filled array was written once more before
    /// the read replaced it.
    private static func sameBytes(_ old: String, _ buffer: UnsafeRawBufferPointer) -> FileStamp? {
        var info = stat()
        guard lstat(old, &info) == 0, let stamp = FileStamp(info), stamp.size == buffer.count, let target = buffer.baseAddress else { return nil }
        // O_NOATIME: the link made by the last build changed the file's ctime, so under relatime
        // every read would write a new atime too. Only the file's owner may ask; others read plainly.
        var file = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | Self.noAccessTime)
        if file < 0, errno == EPERM, Self.noAccessTime != 0 { file = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard file >= 0 else { return nil }
        defer { close(file) }
        let existing = UnsafeMutableRawPointer.allocate(byteCount: buffer.count, alignment: 16)
        defer { existing.deallocate() }
        var filled = 0
        while filled < buffer.count {
            let count = read(file, existing + filled, buffer.count - filled)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            filled += count
        }
        return memcmp(existing, target, buffer.count) == 0 ? stamp : nil
    }
}

/// The C library's `write`, which the writers' own `write` methods hide inside them.
private func writeSome(_ file: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(file, bytes, count)
}

/// The C library's `link`, which ``StagingWriter/keep(_:stamp:)`` hides inside the writer.
private func hardLink(_ existing: String, _ new: String) -> Int32 {
    link(existing, new)
}

/// The stamp of every file a build put in its staging folder, from every core.
private final class StampLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stamps: [String: FileStamp] = [:]

    func record(_ file: String, _ stamp: FileStamp?) {
        lock.lock()
        defer { lock.unlock() }
        stamps[file] = stamp
    }

    var all: [String: FileStamp] {
        lock.lock()
        defer { lock.unlock() }
        return stamps
    }
}

/// The files and folders a build wrote into a recycled staging folder, from every core.
private final class WrittenPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var files: Set<String> = []
    private var directories: Set<String> = [""]

    func insert(_ file: String) {
        lock.lock()
        defer { lock.unlock() }
        files.insert(file)
    }

    func insertDirectory(_ relative: String) {
        lock.lock()
        defer { lock.unlock() }
        var path = relative
        while !path.isEmpty, directories.insert(path).inserted {
            path = RelativePath.directory(of: path)
        }
    }

    /// Removes every file under `root` not written, then every folder not made, deepest first.
    func removeOthers(in root: String) throws {
        lock.lock()
        defer { lock.unlock() }
        var folders: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            for (name, isFolder) in FileSystem.entries(of: folder.isEmpty ? root : root + "/" + folder) ?? [] {
                let relative = folder.isEmpty ? name : folder + "/" + name
                if isFolder {
                    // Found after its parent: removed before it, below.
                    folders.append(relative)
                    pending.append(relative)
                } else if !files.contains(relative), unlink(root + "/" + relative) != 0, errno != ENOENT {
                    throw SiteWriteFailure(reason: "cannot remove \(root)/\(relative): \(String(cString: strerror(errno)))")
                }
            }
        }
        for folder in folders.reversed() where !directories.contains(folder) {
            if rmdir(root + "/" + folder) != 0, errno != ENOENT {
                throw SiteWriteFailure(reason: "cannot remove \(root)/\(folder): \(String(cString: strerror(errno)))")
            }
        }
    }
}
