import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file looked like to `stat`: enough to tell that it has not changed without reading it.
@ModelCodable
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
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// The stamp `stat`, `lstat` or `fstat` gave, or nil when it is not a regular file's.
    public init?(_ info: stat) {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = Int(info.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
        #endif
        self.init(size: Int(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
}
