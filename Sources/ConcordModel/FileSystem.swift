import Foundation

/// The few file-system operations Concord needs, with errors that name the path.
public enum FileSystem {
    /// A file-system failure naming the path and the reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The path involved.
        public var path: String
        /// What went wrong.
        public var reason: String
        /// Whether the path was refused because it leads outside the content root (``ContentFence``).
        public var leadsOutside = false
        /// The system's error number, when a system call failed.
        var code: Int32?
        public var description: String { "\(path): \(reason)" }

        /// A failure with a reason.
        public init(path: String, reason: String, leadsOutside: Bool = false) {
            self.path = path
            self.reason = reason
            self.leadsOutside = leadsOutside
        }

        /// A failure of a system call, told as what was being done and the system's reason.
        init(path: String, errno code: Int32, doing action: String? = nil) {
            let why = String(cString: strerror(code)).lowercased()
            self.init(path: path, reason: action.map { "\($0): \(why)" } ?? why)
            self.code = code
        }
    }

    /// Reads a whole file with one `read` per call into an array sized from `fstat`.
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        try read(path, flags: 0)
    }

    /// Reads a regular file without following a symbolic link in its last component, and
    /// without waiting on a FIFO or a device: for paths already resolved and checked
    /// (``ContentFence/read(_:)``), so what is opened is what was checked.
    static func readRegularFile(_ path: String) throws(Failure) -> [UInt8] {
        try read(path, flags: O_NOFOLLOW | O_NONBLOCK, regularOnly: true)
    }

    private static func read(_ path: String, flags: Int32, regularOnly: Bool = false) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | flags)
        guard fd >= 0 else { throw Failure(path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, reason: "is a folder") }
        if regularOnly, (info.st_mode & S_IFMT) != S_IFREG { throw Failure(path: path, reason: "is not a regular file") }
        let size = max(Int(info.st_size), 0)
        // Read into uninitialized memory: zero-filling it first was a second pass over every byte.
        var total = 0
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while total < size {
                let count = posixRead(fd, buffer.baseAddress! + total, size - total)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = errno; break }
                if count == 0 { break }
                total += count
            }
            initialized = total
        }
        if failure != 0 { throw Failure(path: path, errno: failure) }
        // A file that grew since fstat: read the rest, probing on the stack so the common case
        // neither allocates nor oversizes the array.
        if total == size {
            withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { chunk in
                while true {
                    let count = posixRead(fd, chunk.baseAddress!, chunk.count)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { break }
                    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
                }
            }
        }
        return bytes
    }

    /// Removes `folder` with what it holds, then each folder above it that is left empty, up to
    /// (not including) `existing`: undoes `createDirectories(folder)` when `existing` is the
    /// deepest of its folders that was there before.
    public static func removeFolder(_ folder: String, withEmptyFoldersBelow existing: String) {
        try? FileManager.default.removeItem(atPath: folder)
        var parent = (folder as NSString).deletingLastPathComponent
        while parent.count > existing.count, parent.hasPrefix(existing), rmdir(parent) == 0 {
            parent = (parent as NSString).deletingLastPathComponent
        }
    }

    /// Writes a file atomically: a new temporary file in the same folder (missing folders are
    /// created), then a rename over `path`. A file already at `path` keeps its permissions.
    ///
    /// The temporary file is named `.<name>.concord-<random>`; a run killed before the rename
    /// leaves it behind (``leftoverTemporaryFiles(in:)`` finds those).
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let file = try AtomicFile(path)
        try file.write(bytes)
        try file.commit()
    }

    /// What follows a file's name in the temporary files of ``writeAtomically(_:to:)``.
    static let temporaryMarker = ".concord-"

    /// The temporary files a killed ``writeAtomically(_:to:)`` (or ``AtomicFile``) left directly in `folder`:
    /// `.<name>.concord-<digits>` beside a file `<name>`.
    public static func leftoverTemporaryFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in
            guard name.hasPrefix("."), let marker = name.range(of: temporaryMarker, options: .backwards) else { return false }
            let digits = name[marker.upperBound...]
            let target = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
            return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                && !target.isEmpty && exists(folder + "/" + target)
        }.sorted().map { folder + "/" + $0 }
    }

    /// Creates the folder `path` and any missing parents, as `mkdir -p` does. Other threads may
    /// create the same folders at the same moment: a folder that appears meanwhile is fine.
    /// (Foundation's `createDirectory(withIntermediateDirectories:)` can fail then on Linux.)
    /// With `base`, only folders inside it are made: a missing `base` is an error.
    public static func createDirectories(_ path: String, within base: String? = nil) throws(Failure) {
        if mkdir(path, 0o755) == 0 { return }
        let error = errno
        if error == EEXIST, isDirectory(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        guard error == ENOENT, !parent.isEmpty, parent != path, parent != base else {
            throw Failure(path: path, errno: error, doing: "cannot create the folder")
        }
        try createDirectories(parent, within: base)
        if mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) { return }
        throw Failure(path: path, errno: errno, doing: "cannot create the folder")
    }

    /// Whether a directory exists at `path`.
    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Whether a file exists at `path`.
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The canonical form of a path (symbolic links resolved).
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The canonical form of an existing path, from `realpath(3)`: absolute, every symbolic link
    /// resolved; `nil` when the path does not exist (or a link in it is broken).
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against the current folder, with `.`, `..` and repeated slashes
    /// removed as text, links not resolved: where the user's words put it.
    public static func lexicalAbsolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The entries of `folder` but `.` and `..`, each with its name and whether it is a folder (a
    /// symbolic link is not one, wherever it leads); `lstat` is asked only where the listing
    /// does not say. Nil when the folder cannot be opened. Names that are not UTF-8 are decoded
    /// with replacement characters: for walks over folders Concord wrote or reads whole
    /// (``scan(_:within:extensions:)`` keeps such names apart).
    public static func entries(of folder: String) -> [(name: String, isFolder: Bool)]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append((name, true))
            case Int32(DT_UNKNOWN):
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                entries.append((name, (info.st_mode & S_IFMT) == S_IFDIR))
            default: entries.append((name, false))
            }
        }
        return entries
    }

    /// Every regular file under `root` (whose extension is in `extensions`, when given), as paths
    /// relative to `root` with `/` separators, sorted; a symbolic link is taken only when it
    /// resolves inside `root`. See ``scan(_:within:extensions:)``.
    public static func files(under root: String, extensions: Set<String>? = nil) -> [String] {
        scan(root, within: ContentFence(roots: [root]), extensions: extensions).files
    }

    /// Every regular file under `root` (whose extension is in `extensions`, when given), and the
    /// entries left out for a reason the user should hear of.
    ///
    /// Hidden files and folders are skipped. A folder that cannot be listed is reported (all but
    /// a root that does not exist). A symbolic link to a file is taken only when it
    /// resolves inside `fence` (else it is reported); linked folders are not entered, so no link
    /// cycle is followed. A name that is not UTF-8 cannot be carried as a Swift string without
    /// changing it, so that entry is reported rather than read under a name that is not its own.
    public static func scan(_ root: String, within fence: ContentFence, extensions: Set<String>? = nil) -> FolderScan {
        var scan = FolderScan()
        var folders: [String] = [""]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder.isEmpty ? root : root + "/" + folder) else {
                // A folder that cannot be read is not an empty one: its files would pass for
                // missing. Only a root that does not exist at all has nothing to say.
                let failure = errno
                if !(folder.isEmpty && failure == ENOENT) {
                    scan.skipped.append(.init(path: folder, reason: .unreadable(String(cString: strerror(failure)))))
                }
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let decoded = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String?, [UInt8]) in
                    let bytes = Array(raw.prefix { $0 != 0 })
                    return (String(validating: bytes, as: UTF8.self), bytes)
                }
                guard let name = decoded.0 else {
                    if decoded.1.first != UInt8(ascii: ".") {
                        let escaped = FolderScan.escaped(decoded.1)
                        scan.skipped.append(.init(path: folder.isEmpty ? escaped : folder + "/" + escaped, reason: .nameNotUTF8))
                    }
                    continue
                }
                if name.hasPrefix(".") { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                let full = root + "/" + relative
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(full, &info) == 0 else { continue }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = UInt8(DT_DIR)
                    case S_IFREG: type = UInt8(DT_REG)
                    case S_IFLNK: type = UInt8(DT_LNK)
                    default: continue
                    }
                }
                if type == UInt8(DT_DIR) {
                    folders.append(relative)
                    continue
                }
                if let extensions {
                    guard let dot = name.lastIndex(of: "."), extensions.contains(name[name.index(after: dot)...].lowercased()) else { continue }
                }
                if type == UInt8(DT_LNK) {
                    guard let target = realPath(full) else { continue }
                    guard fence.contains(resolved: target) else {
                        scan.skipped.append(.init(path: relative, reason: .outsideFence(target: target)))
                        continue
                    }
                    var info = stat()
                    guard stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                } else if type != UInt8(DT_REG) {
                    continue
                }
                scan.files.append(relative)
            }
        }
        scan.files.sort()
        scan.skipped.sort { $0.path < $1.path }
        return scan
    }
}

/// A file written atomically in parts, for output too large to hold whole: the parts go to a
/// temporary file in the same folder (missing folders are created), which ``commit()`` renames
/// over the path. Dropped without a commit (an error on the way), the temporary file is removed
/// and the path is untouched. A file already at the path keeps its permissions.
///
/// The temporary file is named `.<name>.concord-<random>`, as ``FileSystem/writeAtomically(_:to:)``'s.
public final class AtomicFile {
    /// The file the parts are for.
    public let path: String
    private let temporary: String
    private var descriptor: Int32

    /// Creates the temporary file for `path`.
    public init(_ path: String) throws(FileSystem.Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if !folder.isEmpty { try FileSystem.createDirectories(folder) }
        self.path = path
        temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name)\(FileSystem.temporaryMarker)\(UInt32.random(in: 0...UInt32.max))"
        // O_EXCL and O_NOFOLLOW: never write through something already at the temporary name.
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileSystem.Failure(path: path, errno: errno, doing: "cannot create a file in \(folder.isEmpty ? "." : folder)")
        }
        var existing = stat()
        if stat(path, &existing) == 0, fchmod(descriptor, existing.st_mode & 0o7777) != 0 { throw fail(errno, "cannot write") }
    }

    /// Appends `bytes` to the file.
    public func write(_ bytes: [UInt8]) throws(FileSystem.Failure) {
        guard descriptor >= 0 else { throw FileSystem.Failure(path: path, reason: "cannot write: the file is closed") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { posixWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw fail(count < 0 ? errno : EIO, "cannot write") }
            written += count
        }
    }

    /// Closes the file and renames it over the path.
    public func commit() throws(FileSystem.Failure) {
        guard descriptor >= 0 else { throw FileSystem.Failure(path: path, reason: "cannot write: the file is closed") }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw fail(errno, "cannot write") }
        guard rename(temporary, path) == 0 else { throw fail(errno, "cannot replace") }
    }

    /// The failure of `action`, after the temporary file is closed and removed.
    private func fail(_ code: Int32, _ action: String) -> FileSystem.Failure {
        abandon()
        return FileSystem.Failure(path: path, errno: code, doing: action)
    }

    private func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    deinit {
        if descriptor >= 0 { abandon() }
    }
}

/// What ``FileSystem/scan(_:within:extensions:)`` found under a folder.
public struct FolderScan: Sendable, Hashable {
    /// An entry the scan left out, and why.
    public struct Skipped: Sendable, Hashable {
        /// Why an entry was left out.
        public enum Reason: Sendable, Hashable {
            /// A symbolic link that resolves outside the fence, to `target`.
            case outsideFence(target: String)
            /// A name whose bytes are not UTF-8.
            case nameNotUTF8
            /// A folder that cannot be listed (the scanned folder itself when the path is empty), and why.
            case unreadable(String)
        }

        /// The path relative to the scanned folder; bytes of a name that is not UTF-8 are written `\xNN`.
        public var path: String
        /// Why it was left out.
        public var reason: Reason
    }

    /// The files, relative to the scanned folder, sorted.
    public var files: [String] = []
    /// The entries left out, sorted by path.
    public var skipped: [Skipped] = []

    /// A file name's bytes as text: ASCII as it is (but control characters), every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return text
    }
}

extension String {
    /// The string with `0` in front until it has `count` characters.
    fileprivate func leftPadded(to count: Int) -> String {
        String(repeating: "0", count: Swift.max(0, count - self.count)) + self
    }
}

/// The C `read`, named apart from ``FileSystem/read(_:)``.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The C `write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
