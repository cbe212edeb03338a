/// What the model needs to know of a relative reference written in content (an include's path,
/// a `toc.yml` naming another one): whether it is a relative path, and where it leads from
/// the folder it was written in, never above the locale root.
///
/// Schemes are read by ``LinkScheme``, as the pages read them. The rest are the plain
/// definitions, on Characters, of what ConcordRender's `URLPolicy.splitSuffix` and `RelativePath`
/// do on bytes for every link of every page; a test pins the two together, so that an include is
/// found where the pages found it.
package enum ReferencePath {
    /// Whether a destination is a path relative to its document: not empty, not `/…`, `#…` or
    /// `?…`, and without a scheme.
    package static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first == UInt8(ascii: "?") { return false }
        return LinkScheme.kind(of: destination) == .none
    }

    /// Splits `path?query#fragment` at the first `#` or `?` Character: the path, and the rest.
    package static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        guard let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) else { return (destination[...], "") }
        return (destination[..<index], destination[index...])
    }

    /// Resolves `reference` against `directory` (both `/`-separated, relative to the locale
    /// root), removing `.` and `..`; `nil` when it climbs above the root.
    package static func resolve(_ reference: some StringProtocol, from directory: String) -> String? {
        var parts: [Substring] = directory.split(separator: "/", omittingEmptySubsequences: true)
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(Substring(part))
            }
        }
        return parts.joined(separator: "/")
    }

    /// The folder of a path (`a/b/c.md` → `a/b`, `c.md` → ``).
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
