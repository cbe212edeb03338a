import ConcordModel
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
public struct StagingWriter: Sendable {
    /// The staging folder.
    public let root: String
    /// The live site, whose unchanged files are linked rather than written again.
    public let previous: String?

    /// A writer into `root`, linking files unchanged since `previous`.
    public init(root: String, previous: String?) {
        self.root = root
        self.previous = previous
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

    /// Links the previous build's file at `relative` into the staging folder, unread: for a
    /// file the caller knows is unchanged. Returns whether it was linked.
    public func link(fromPrevious relative: String) -> Bool {
        guard let previous else { return false }
        return hardLink(previous + "/" + relative, root + "/" + relative) == 0
    }

    private func write(_ buffer: UnsafeRawBufferPointer, to relative: String) throws {
        let path = root + "/" + relative
        if let previous, Self.reuse(previous + "/" + relative, for: buffer, at: path) { return }
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
        guard close(file) == 0 else { throw failure() }
    }

    /// Linux's `O_NOATIME` (`<fcntl.h>` defines it only with `_GNU_SOURCE`, which Swift's Glibc module lacks).
    #if os(Linux)
    private static let noAccessTime: Int32 = 0o1_000_000
    #else
    private static let noAccessTime: Int32 = 0
    #endif

    /// Links `old` to `path` when it holds exactly `buffer`.
    ///
    /// The old file is read with `open`/`read` into uninitialized memory: `fopen` allocated a
    /// stream and its buffer per file, and a zero-filled array was written once more before
    /// the read replaced it.
    private static func reuse(_ old: String, for buffer: UnsafeRawBufferPointer, at path: String) -> Bool {
        var info = stat()
        guard lstat(old, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == buffer.count,
              let target = buffer.baseAddress else { return false }
        // O_NOATIME: the link made by the last build changed the file's ctime, so under relatime
        // every read would write a new atime too. Only the file's owner may ask; others read plainly.
        var file = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | Self.noAccessTime)
        if file < 0, errno == EPERM, Self.noAccessTime != 0 { file = open(old, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) }
        guard file >= 0 else { return false }
        defer { close(file) }
        let existing = UnsafeMutableRawPointer.allocate(byteCount: buffer.count, alignment: 16)
        defer { existing.deallocate() }
        var filled = 0
        while filled < buffer.count {
            let count = read(file, existing + filled, buffer.count - filled)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            filled += count
        }
        return memcmp(existing, target, buffer.count) == 0 && hardLink(old, path) == 0
    }
}

/// The C library's `write`, which the writers' own `write` methods hide inside them.
private func writeSome(_ file: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(file, bytes, count)
}

/// The C library's `link`, which ``StagingWriter/link(fromPrevious:)`` hides inside the writer.
private func hardLink(_ existing: String, _ new: String) -> Int32 {
    link(existing, new)
}
