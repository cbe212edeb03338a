import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The folders content may be read from and written to: the content root, and each locale folder
/// the configuration places outside it. Every content file is checked here after its symbolic
/// links are resolved, so a link committed with hostile content cannot make a build publish, or
/// `stamp` rewrite, a file of the machine it runs on (`/proc/self/environ`, `/etc/passwd`, …).
///
/// The content root, not a locale folder, is the fence: a translation may link to the source's
/// screenshot. A locale folder found under the content root is content too, and one that is a
/// link leading out of it is refused (``refusedLocales``). A locale that `concord.yml` places
/// outside the content root (`path: ../docs.de-de/articles`, say, another repository) is the
/// configuration owner's choice, so its folder is a fence root of its own.
public struct ContentFence: Sendable, Hashable {
    /// The folders, canonical (`realpath`), inside which every content file must resolve.
    public private(set) var roots: [String]
    /// Locale folders under the content root that lead outside it: locale id → where they lead.
    public private(set) var refusedLocales: [String: String] = [:]
    /// Folders already resolved by ``read(_:)``, shared by the copies of this fence.
    private let folders = ResolvedFolders()

    /// A fence around `roots` (resolved here; a root that does not exist is left out).
    public init(roots: [String]) {
        self.roots = roots.compactMap(FileSystem.realPath)
    }

    /// The fence of a configuration: its content root and the locale folders placed outside it.
    public init(_ configuration: Configuration) {
        self.init(roots: [configuration.contentRoot])
        // Where the words of the configuration put each folder decides which rule applies:
        // under the content root, the folder is content; elsewhere, it was configured there.
        let contentRoot = FileSystem.lexicalAbsolute(configuration.contentRoot)
        let folders = configuration.locales.compactMap { entry in
            FileSystem.realPath(entry.path).map { (entry, $0, Self.isInside(FileSystem.lexicalAbsolute(entry.path), contentRoot)) }
        }
        for (_, resolved, isUnderContentRoot) in folders where !isUnderContentRoot && !contains(resolved: resolved) {
            roots.append(resolved)
        }
        for (entry, resolved, isUnderContentRoot) in folders where isUnderContentRoot && !contains(resolved: resolved) {
            refusedLocales[entry.id] = resolved
        }
    }

    /// Whether a canonical path is one of the roots or inside one.
    public func contains(resolved path: String) -> Bool {
        roots.contains { Self.isInside(path, $0) }
    }

    /// Whether `path` is `folder` or inside it (both absolute, without a trailing slash).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return path.hasPrefix("/") }
        return path == folder || (path.hasPrefix(folder) && path.utf8.dropFirst(folder.utf8.count).first == UInt8(ascii: "/"))
    }

    /// The canonical path of `path`, which must exist and resolve inside the fence.
    public func resolve(_ path: String) throws(FileSystem.Failure) -> String {
        guard let resolved = FileSystem.realPath(path) else {
            throw FileSystem.Failure(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        guard contains(resolved: resolved) else {
            throw FileSystem.Failure(path: path, reason: "leads outside the content root (to \(resolved)); not read", leadsOutside: true)
        }
        return resolved
    }

    /// Reads a content file: resolved, checked, then opened by its resolved path without following
    /// links, and only if it is a regular file.
    ///
    /// The folder is resolved once per fence and the file opened in it without following a link;
    /// only a file that is itself a link is resolved on its own. `realpath` of every file walked
    /// each of its folders again, eight system calls a file on a deep tree, for the same answer
    /// (the content does not change during a run: a tree changed while Concord reads it, by
    /// another process, is outside what this fence guards against).
    public func read(_ path: String) throws(FileSystem.Failure) -> [UInt8] {
        if let (folder, name) = Self.folderAndName(path) {
            guard let resolvedFolder = folders.resolve(folder) else {
                throw FileSystem.Failure(path: path, reason: "no such file or directory")
            }
            guard contains(resolved: resolvedFolder) else {
                throw FileSystem.Failure(path: path, reason: "leads outside the content root (to \(resolvedFolder)/\(name)); not read", leadsOutside: true)
            }
            do { return try FileSystem.readRegularFile(resolvedFolder == "/" ? "/" + name : resolvedFolder + "/" + name) } catch {
                // ELOOP: the file is a symbolic link, resolved and checked on its own below.
                guard error.code == ELOOP else { throw FileSystem.Failure(path: path, reason: error.reason) }
            }
        }
        let resolved = try resolve(path)
        do { return try FileSystem.readRegularFile(resolved) } catch {
            throw FileSystem.Failure(path: path, reason: error.reason)
        }
    }

    /// `path` split at its last slash (`a/b.md` → `a`, `b.md`; `/b.md` → `/`, `b.md`), when that
    /// leaves a plain file name and a folder the look-up can take as it is; nil otherwise (no
    /// slash, a trailing or doubled slash, `.` or `..`), for the general path.
    static func folderAndName(_ path: String) -> (folder: String, name: String)? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let name = String(path[path.index(after: slash)...])
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        guard !name.isEmpty, name != ".", name != "..", folder == "/" || !folder.hasSuffix("/") else { return nil }
        return (folder, name)
    }

    /// Rewrites an existing content file atomically. Through a symbolic link, the file it leads to
    /// is replaced (the link stays a link), and only when that file is inside the fence.
    public func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileSystem.Failure) {
        let resolved = try resolve(path)
        do { try FileSystem.writeAtomically(bytes, to: resolved) } catch {
            throw FileSystem.Failure(path: path, reason: error.reason)
        }
    }

    /// The error a refused locale folder gets: it names the folder and where it leads.
    public func refusal(of entry: Configuration.LocaleEntry) -> Diagnostic? {
        guard let target = refusedLocales[entry.id] else { return nil }
        return Diagnostic(
            rule: Self.rule, severity: .error, locale: entry.id, location: FileLocation(file: entry.path, line: 1),
            message: "locale folder \(entry.path) is a symbolic link to \(target), outside the content root; none of its files are read")
    }

    /// The warning for an entry a scan left out (a link leading outside, a name that is not UTF-8).
    public static func diagnostic(_ skipped: FolderScan.Skipped, in folder: String, locale: String) -> Diagnostic {
        let file = skipped.path.isEmpty ? folder : folder + "/" + skipped.path
        switch skipped.reason {
        case .unreadable(let reason):
            return Diagnostic(
                rule: "unreadable-file", severity: .error, locale: locale, location: FileLocation(file: file, line: 1),
                message: "cannot read folder: \(reason); none of its files were checked")
        case .outsideFence(let target):
            return Diagnostic(
                rule: rule, severity: .error, locale: locale, location: FileLocation(file: file, line: 1),
                message: "symbolic link to \(target), outside the content root; not read")
        case .nameNotUTF8:
            return Diagnostic(
                rule: "file-name-not-utf8", severity: .error, locale: locale, location: FileLocation(file: file, line: 1),
                message: "file name is not UTF-8 (bytes shown as \\xNN); skipped: rename it in UTF-8, for example with convmv -f latin1 -t utf8")
        }
    }

    /// The rule id of a path refused because it leads outside the content root.
    public static let rule = "outside-content-root"

    /// Fences are equal when they let the same paths through; the folders they resolved do not count.
    public static func == (lhs: ContentFence, rhs: ContentFence) -> Bool {
        lhs.roots == rhs.roots && lhs.refusedLocales == rhs.refusedLocales
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(roots)
        hasher.combine(refusedLocales)
    }
}

/// `realpath` of folders, remembered: the files of a folder are read on many threads at once.
private final class ResolvedFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var resolved: [String: String?] = [:]

    /// The canonical path of `folder`, `nil` when it does not exist.
    func resolve(_ folder: String) -> String? {
        lock.lock()
        if let known = resolved[folder] { lock.unlock(); return known }
        lock.unlock()
        let path = FileSystem.realPath(folder)
        lock.lock()
        resolved[folder] = path
        lock.unlock()
        return path
    }
}
