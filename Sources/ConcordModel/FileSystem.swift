import Foundation

/// The few file-system operations Concord needs, with errors that name the path.
public enum FileSystem {
    /// A file-system failure naming the path and the reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The path involved.
        public var path: String
        /// What went wrong.
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Reads a whole file with one `read` per call into an array sized from `fstat`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, reason: "is a folder") }
        let size = max(Int(info.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + total, size - total) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw Failure(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            total += count
        }
        if total < size { bytes.removeLast(size - total) }
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

    /// Writes a file atomically: a temporary file in the same folder, then a rename.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).concord-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try Data(bytes).write(to: temporary)
            if FileManager.default.fileExists(atPath: path),
               let attributes = try? FileManager.default.attributesOfItem(atPath: path),
               let permissions = attributes[.posixPermissions] {
                try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
            }
            if rename(temporary.path, path) != 0 {
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Creates the folder `path` and any missing parents, as `mkdir -p` does. Other threads may
    /// create the same folders at the same moment: a folder that appears meanwhile is fine.
    /// (Foundation's `createDirectory(withIntermediateDirectories:)` can fail then on Linux.)
    public static func createDirectories(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let error = errno
        if error == EEXIST, isDirectory(path) { return }
        let parent = (path as NSString).deletingLastPathComponent
        guard error == ENOENT, !parent.isEmpty, parent != path else {
            throw Failure(path: path, reason: String(cString: strerror(error)))
        }
        try createDirectories(parent)
        if mkdir(path, 0o755) == 0 || (errno == EEXIST && isDirectory(path)) { return }
        throw Failure(path: path, reason: String(cString: strerror(errno)))
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

    /// Every regular file under `root` (whose extension is in `extensions`, when given), as paths
    /// relative to `root` with `/` separators, sorted. Hidden files and folders are skipped; a
    /// symbolic link is taken only when it is a file inside `root`, and linked folders are not
    /// entered, so nothing outside the content root is read and no link cycle is followed.
    public static func files(under root: String, extensions: Set<String>? = nil) -> [String] {
        let canonicalRoot = canonical(root)
        var result: [String] = []
        var folders: [String] = [""]
        while let folder = folders.popLast() {
            guard let directory = opendir(folder.isEmpty ? root : root + "/" + folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
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
                    var info = stat()
                    guard canonical(full).hasPrefix(canonicalRoot + "/"), stat(full, &info) == 0,
                          (info.st_mode & S_IFMT) == S_IFREG else { continue }
                } else if type != UInt8(DT_REG) {
                    continue
                }
                result.append(relative)
            }
        }
        return result.sorted()
    }
}

/// The C `read`, named apart from ``FileSystem/read(_:)``.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
