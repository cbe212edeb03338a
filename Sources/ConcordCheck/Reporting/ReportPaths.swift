import ConcordModel
import Foundation

/// How reports name files: relative to the repository root, the way code scanning and workflow
/// annotations read them, and never with the machine's own folders in messages.
public struct ReportPaths: Sendable {
    /// The repository root (absolute, no trailing slash), or `nil` to leave paths as they are.
    public var base: String?
    /// The same root with symbolic links resolved, for files named through their real path.
    private var canonicalBase: String?

    /// Paths relative to `base` (made absolute against the current folder).
    public init(base: String?) {
        let absolute = base.map { FileSystem.lexicalAbsolute($0) }
        self.base = absolute
        canonicalBase = absolute.flatMap { FileSystem.realPath($0) }
    }

    /// The top folder of the git work tree `folder` is in (a `.git` folder or file in it or
    /// above it), found without running git; `nil` outside a work tree.
    public static func workTreeRoot(of folder: String) -> String? {
        var url = URL(fileURLWithPath: FileSystem.lexicalAbsolute(folder))
        while true {
            if FileSystem.exists(url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// `file` relative to the base, `nil` when it is not under it (or there is no base).
    public func relative(_ file: String) -> String? {
        guard let base else { return nil }
        let absolute = FileSystem.lexicalAbsolute(file)
        for root in [base, canonicalBase].compactMap({ $0 }) {
            let prefix = root == "/" ? "/" : root + "/"
            if absolute.hasPrefix(prefix) { return String(absolute.dropFirst(prefix.count)) }
        }
        return nil
    }

    /// The path a report shows for `file`: relative to the base when under it, else as given.
    public func shown(_ file: String) -> String { relative(file) ?? file }

    /// `text` with the base's absolute path taken out of every path in it, so a message says
    /// `en-US/a.md`, not `/home/runner/work/docs/docs/en-US/a.md`.
    public func message(_ text: String) -> String {
        var text = text
        for root in [base, canonicalBase].compactMap({ $0 }) where root != "/" {
            text = text.replacingOccurrences(of: root + "/", with: "")
        }
        return text
    }

    /// The base as a `file:` URI ending in `/`, as SARIF's `originalUriBaseIds` wants it.
    var baseURI: String? {
        base.map { URL(fileURLWithPath: $0, isDirectory: true).absoluteString }
    }
}
