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

    /// Reads a whole file.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(path: path, reason: "cannot open file")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw Failure(path: path, reason: "\(error.localizedDescription)")
        }
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
    /// relative to `root` with `/` separators, sorted. Symbolic links that lead outside
    /// `root` are not followed.
    public static func files(under root: String, extensions: Set<String>? = nil) -> [String] {
        let canonicalRoot = canonical(root)
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeDirectory {
                    enumerator.skipDescendants()
                }
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            if let extensions, !extensions.contains(ext) { continue }
            let full = root + "/" + relative
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeSymbolicLink {
                let target = canonical(full)
                guard target.hasPrefix(canonicalRoot + "/") else { continue }
            }
            guard !isDirectory(full) else { continue }
            result.append(relative)
        }
        return result.sorted()
    }
}
