import ConcordModel
import ConcordRender
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
///
/// One build at a time publishes into a folder (``lock(waiting:)``); the swap is one atomic
/// exchange where the system has one (Linux `renameat2(RENAME_EXCHANGE)`, macOS
/// `renamex_np(RENAME_SWAP)`), so the output path always holds a whole site; staging folders of
/// builds that died are removed by the next build (``removeStaleFolders()``). A folder that is a
/// mount point cannot be renamed: its staging folder is made inside it, and its contents are
/// swapped entry by entry.
public struct OutputFolder: Sendable {
    /// A reason not to touch a folder.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What is wrong.
        public var reason: String
        public var description: String { reason }
    }

    /// How ``swap(in:)`` put the new site in place.
    public enum Swap: Sendable, Equatable {
        /// There was no site: the staging folder was renamed to the output.
        case moved
        /// The two folders were exchanged in one step.
        case exchanged
        /// The old site was renamed aside, then the new one into place (no atomic exchange here).
        case renamed
        /// The output is a mount point: its entries were replaced one by one.
        case contentsSwapped
    }

    /// The file that marks a folder as Concord's output, so a build never replaces anything else.
    public static let markerName = ".concord-site"
    /// What the marker file says.
    static let markerText = "This folder was built by concord and is replaced on every build.\n"

    /// The folder the site is published in.
    public let path: String
    /// Whether the folder is a mount point, which cannot be renamed: the staging folder is made
    /// inside it and its contents are swapped.
    var isMountPoint: Bool
    /// Whether ``swap(in:)`` may use the system's atomic exchange (tests turn it off to try the fallback).
    var allowsExchange = true

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
            let contents = ((try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []).filter { !Self.isWorkName($0) }
            if !contents.isEmpty, !contents.contains(Self.markerName) {
                throw Failure(reason: "output folder '\(path)' is not empty and was not made by concord (no \(Self.markerName)); remove it or choose another")
            }
        }
        self.path = absolute
        self.isMountPoint = Self.isMountPoint(absolute)
    }

    // MARK: Names

    /// The folder holding the output.
    private var parent: String { (path as NSString).deletingLastPathComponent }

    /// Where staging and old folders are made, and the start of their names: beside the output,
    /// or inside it when it is a mount point (renames cannot cross file systems).
    private var workPlace: (folder: String, prefix: String) {
        isMountPoint ? (path, ".concord-") : (parent, ".\((path as NSString).lastPathComponent).concord-")
    }

    /// The lock file of the output.
    var lockPath: String { workPlace.folder + "/" + workPlace.prefix + "lock" }

    /// Whether an entry of a mount-point output is Concord's own work (staging, old, lock), not part of the site.
    static func isWorkName(_ name: String) -> Bool {
        name.hasPrefix(".concord-staging-") || name.hasPrefix(".concord-old-") || name == ".concord-lock"
    }

    // MARK: One build at a time

    /// The output's lock, held by one build from before it makes its staging folder until it has
    /// published; released (and its file removed) when it goes away.
    public struct Lock: ~Copyable {
        let descriptor: Int32
        let path: String

        deinit {
            // Removed while held: a build waiting on this file finds it gone and locks a new one.
            unlink(path)
            close(descriptor)
        }

        /// Releases the lock.
        public consuming func release() {}
    }

    /// Takes the output's lock, waiting while another build holds it (`waiting` is called first).
    public func lock(waiting: (() -> Void)? = nil) throws(Failure) -> Lock {
        let file = lockPath
        try? FileManager.default.createDirectory(atPath: workPlace.folder, withIntermediateDirectories: true)
        var told = false
        while true {
            let descriptor = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure(reason: "cannot open the lock \(file): \(String(cString: strerror(errno)))") }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                if !told { waiting?(); told = true }
                while flock(descriptor, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let reason = String(cString: strerror(errno))
                        close(descriptor)
                        throw Failure(reason: "cannot lock \(file): \(reason)")
                    }
                }
            }
            // The build that held it removes the file as it releases it: a lock on that file guards nothing.
            var held = stat(), named = stat()
            if fstat(descriptor, &held) == 0, stat(file, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                return Lock(descriptor: descriptor, path: file)
            }
            close(descriptor)
        }
    }

    /// Removes the staging and old folders of builds that died (killed, or the machine stopped):
    /// their process id is in their name, and only those of processes that no longer run go.
    public func removeStaleFolders() {
        let (folder, prefix) = workPlace
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names {
            for kind in ["staging-", "old-"] where name.hasPrefix(prefix + kind) {
                let rest = name.dropFirst(prefix.count + kind.count)
                guard let pid = pid_t(rest.prefix { $0 != "-" }), pid > 0, !Self.isRunning(pid) else { continue }
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }

    /// Whether a process with this id exists.
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: Staging and the swap

    /// Makes an empty staging folder beside the output (inside it, for a mount point).
    public func makeStaging() throws -> String {
        try makeStaging(at: newStagingPath())
    }

    /// A path for a new staging folder: its name holds this process's id, so that a later build
    /// can tell whether the build that made it still runs.
    func newStagingPath() -> String {
        let (folder, prefix) = workPlace
        return folder + "/" + prefix + "staging-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Makes an empty staging folder at `staging` (from ``newStagingPath()``).
    @discardableResult
    func makeStaging(at staging: String) throws -> String {
        try FileManager.default.createDirectory(atPath: workPlace.folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        try Data(Self.markerText.utf8).write(to: URL(fileURLWithPath: staging + "/" + Self.markerName))
        return staging
    }

    /// Puts `staging` in place of the output, then removes the old site.
    @discardableResult
    public func swap(in staging: String) throws(Failure) -> Swap {
        let (swap, oldSite) = try swapLeavingOldSite(in: staging)
        if let oldSite { try? FileManager.default.removeItem(atPath: oldSite) }
        return swap
    }

    /// Puts `staging` in place of the output and returns the folder that now holds the old site
    /// (nil when there was none, or the output is a mount point and it was removed), for the
    /// caller to remove: its name holds this process's id, so if the process dies first, a
    /// later build removes it (``removeStaleFolders()``).
    public func swapLeavingOldSite(in staging: String) throws(Failure) -> (swap: Swap, oldSite: String?) {
        if isMountPoint {
            // Removed here: inside the output, it would be among the files of the new site
            // until it is gone.
            let swap = try swapContents(of: staging)
            try? FileManager.default.removeItem(atPath: staging)
            return (swap, nil)
        }
        guard Self.pathExists(path) else {
            if rename(staging, path) != 0 { throw Failure(reason: "cannot move the new site to \(path): \(String(cString: strerror(errno)))") }
            return (.moved, nil)
        }
        if allowsExchange, let status = Self.exchange(staging, path), !Self.exchangeUnsupported(status) {
            guard status == 0 else { throw Failure(reason: "cannot exchange the new site with \(path): \(String(cString: strerror(status)))") }
            // The staging path now holds the old site.
            return (.exchanged, staging)
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
        return (.renamed, old)
    }

    /// Replaces the output's entries with those of `staging`, which is inside it: each entry is
    /// exchanged in one step where the system can, and entries the new site lacks are moved into
    /// `staging`, which then holds the old site. Readers may see old and new entries side by
    /// side for a moment, never a missing page.
    private func swapContents(of staging: String) throws(Failure) -> Swap {
        let fileManager = FileManager.default
        let incoming = Set(((try? fileManager.contentsOfDirectory(atPath: staging)) ?? []))
        for name in incoming.sorted() {
            let source = staging + "/" + name, target = path + "/" + name
            if Self.pathExists(target) {
                if allowsExchange, let status = Self.exchange(source, target), status == 0 { continue }
                // Without an exchange: the old entry aside (inside staging, removed with it), then the new one in.
                guard rename(target, staging + "/.concord-old-" + name) == 0 else {
                    throw Failure(reason: "cannot move \(target) aside: \(String(cString: strerror(errno)))")
                }
            }
            guard rename(source, target) == 0 else { throw Failure(reason: "cannot move the new \(target) in place: \(String(cString: strerror(errno)))") }
        }
        let current = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        for name in current where !incoming.contains(name) && !Self.isWorkName(name) {
            // Into staging, which is removed whole afterwards (it holds the exchanged old entries too).
            guard rename(path + "/" + name, staging + "/" + name) == 0 else {
                throw Failure(reason: "cannot remove \(path)/\(name) of the old site: \(String(cString: strerror(errno)))")
            }
        }
        return .contentsSwapped
    }

    /// Moves the site before last, kept at `spare` by the last build (``keepAsSpare(_:at:)``), to
    /// `staging`; returns whether there was one. Never for a mount point, whose staging folder
    /// is inside it.
    func claimSpare(_ spare: String, as staging: String) -> Bool {
        !isMountPoint && rename(spare, staging) == 0
    }

    /// Keeps `oldSite` (from ``swapLeavingOldSite(in:)``) at `spare` for the next build to start
    /// from, so that a rebuild writes only the files that changed (``StagingWriter``); returns
    /// false, and leaves it where it is, when it cannot be moved there (another file system).
    func keepAsSpare(_ oldSite: String, at spare: String) -> Bool {
        guard !isMountPoint else { return false }
        try? FileManager.default.createDirectory(atPath: (spare as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return rename(oldSite, spare) == 0
    }

    /// Removes a staging folder after a failed build.
    public func discard(_ staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Whether something (even a dangling link) is at `path`.
    private static func pathExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}

// MARK: - The system's calls

extension OutputFolder {
    /// Exchanges what two paths name in one step; `0`, or the error number; `nil` when this
    /// system has no such call.
    static func exchange(_ first: String, _ second: String) -> Int32? {
        #if os(Linux)
        // Glibc declares `renameat2` only with _GNU_SOURCE, which Swift's Glibc module lacks, and
        // `syscall` is variadic, which Swift cannot call: the function is looked up instead.
        guard let renameat2 = Self.renameat2 else { return nil }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 ? 0 : errno
        #elseif canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #else
        return nil
        #endif
    }

    /// Whether an exchange failed only because the file system or kernel cannot do it.
    static func exchangeUnsupported(_ status: Int32) -> Bool {
        status == EINVAL || status == ENOSYS || status == ENOTSUP || status == EOPNOTSUPP
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// The C library's `renameat2` (glibc 2.28 and later, musl 1.2.4), if it has one.
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    /// Whether `path` is a mount point: on another device than its parent, the root of one, or
    /// (for a bind mount of the same file system) in the system's mount table.
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat(), above = stat()
        guard stat(path, &own) == 0, stat(path + "/..", &above) == 0 else { return false }
        if own.st_dev != above.st_dev || own.st_ino == above.st_ino { return true }
        #if os(Linux)
        return mountPoints().contains(path)
        #else
        return false
        #endif
    }

    #if os(Linux)
    /// The mount points of this process's mount table (`/proc/self/mountinfo`, fifth field,
    /// with `\040`-style escapes decoded).
    static func mountPoints() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        var points: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { continue }
            var bytes: [UInt8] = []
            var field = Array(fields[4].utf8)[...]
            while let byte = field.popFirst() {
                if byte == UInt8(ascii: "\\"), field.count >= 3, let code = UInt8(String(decoding: field.prefix(3), as: UTF8.self), radix: 8) {
                    bytes.append(code)
                    field = field.dropFirst(3)
                } else {
                    bytes.append(byte)
                }
            }
            points.insert(String(decoding: bytes, as: UTF8.self))
        }
        return points
    }
    #endif
}
