import ConcordModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The site's output folder, replaced as a whole: a build writes into a staging folder next
/// to it and swaps it in only when everything is written, so readers (and a web server
/// serving the folder) never see a half-written site, and a failed build leaves the old one.
public struct OutputFolder: Sendable {
    /// A reason not to touch a folder.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What is wrong.
        public var reason: String
        public var description: String { reason }
    }

    /// The file that marks a folder as Concord's output, so a build never replaces anything else.
    public static let markerName = ".concord-site"

    /// The folder the site is published in.
    public let path: String

    /// Creates an output folder, refusing places a build must never replace.
    ///
    /// - Parameter protected: Folders the output must not be or contain (the content, the templates).
    public init(path: String, protecting protected: [String]) throws(Failure) {
        let absolute = FileSystem.canonical(path)
        guard absolute != "/", absolute != FileSystem.canonical(NSHomeDirectory()), absolute != FileSystem.canonical(FileManager.default.currentDirectoryPath) else {
            throw Failure(reason: "refusing to use '\(path)' as the output folder: it would replace \(absolute)")
        }
        for folder in protected {
            let other = FileSystem.canonical(folder)
            if other == absolute || other.hasPrefix(absolute + "/") {
                throw Failure(reason: "refusing to use '\(path)' as the output folder: it holds \(folder)")
            }
        }
        if FileSystem.exists(absolute) {
            guard FileSystem.isDirectory(absolute) else {
                throw Failure(reason: "output '\(path)' exists and is not a folder")
            }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
            if !contents.isEmpty, !contents.contains(Self.markerName) {
                throw Failure(reason: "output folder '\(path)' is not empty and was not made by concord (no \(Self.markerName)); remove it or choose another")
            }
        }
        self.path = absolute
    }

    /// Makes an empty staging folder beside the output.
    public func makeStaging() throws -> String {
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let staging = parent + "/.\(name).concord-staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try Data("This folder was built by concord and is replaced on every build.\n".utf8)
            .write(to: URL(fileURLWithPath: staging + "/" + Self.markerName))
        return staging
    }

    /// Puts `staging` in place of the output, then removes the old site.
    public func swap(in staging: String) throws(Failure) {
        guard FileSystem.exists(path) else {
            if rename(staging, path) != 0 { throw Failure(reason: "cannot move the new site to \(path): \(String(cString: strerror(errno)))") }
            return
        }
        let old = staging.replacingOccurrences(of: "concord-staging", with: "concord-old")
        if rename(path, old) != 0 {
            throw Failure(reason: "cannot move the old site out of \(path): \(String(cString: strerror(errno)))")
        }
        if rename(staging, path) != 0 {
            let reason = String(cString: strerror(errno))
            _ = rename(old, path)
            throw Failure(reason: "cannot move the new site to \(path): \(reason)")
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    /// Removes a staging folder after a failed build.
    public func discard(_ staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }
}

/// Writes files into the staging folder, where no atomicity is needed (the folder is swapped whole).
///
/// A file whose bytes are the same as in the previous build is hard-linked from it instead of
/// written: builds are deterministic, so most files of a rebuild are unchanged, and a link costs
/// no new inode (creating thousands of inodes right after deleting thousands is slow on ext4).
/// Files in staging may therefore share their inode with the live site: replace them, never
/// modify them in place.
struct StagingWriter: Sendable {
    /// The staging folder.
    let root: String
    /// The live site, whose unchanged files are linked rather than written again.
    let previous: String?

    func write(_ text: String, to relative: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: relative) }
    }

    func write(_ bytes: [UInt8], to relative: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: relative) }
    }

    private func write(_ buffer: UnsafeRawBufferPointer, to relative: String) throws {
        let path = root + "/" + relative
        if let previous, Self.reuse(previous + "/" + relative, for: buffer, at: path) { return }
        // `open` and `write` rather than a stdio stream: each page was one `fwrite` of its whole
        // buffer, and `fopen` allocated a stream and a buffer per file for nothing.
        func failure() -> OutputFolder.Failure {
            OutputFolder.Failure(reason: "cannot write \(path): \(String(cString: strerror(errno)))")
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
        return memcmp(existing, target, buffer.count) == 0 && link(old, path) == 0
    }
}

/// The C library's `write`, which the writers' own `write` methods hide inside them.
private func writeSome(_ file: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(file, bytes, count)
}
