import ConcordMarkdown

/// Where root-relative links (`/powershell/module/…`) lead in the content tree: `urlMap` in
/// `concord.yml`, URL prefixes of the published site mapped to folders of each locale, as a
/// DocFX `docfx.json` gives each content folder a destination on the site.
///
/// A site-rooted path under a prefix names the path that follows the prefix in the mapped folder
/// (`/powershell/module/Microsoft.PowerShell.Core/Import-Module` → `7.1/Microsoft.PowerShell.Core/Import-Module`,
/// the article `Import-Module.md` there); it is then resolved, checked and shown like a relative
/// link written at the locale root. Prefixes match without regard to letter case, as the docs
/// platform serves them; the longest matching prefix wins. Other site-rooted paths are left alone.
public struct URLMap: Sendable, Hashable {
    /// One mapping: a URL prefix (starting and ending with `/`, lower-cased) and a folder of each
    /// locale (relative to its root, empty or ending with `/`).
    public struct Entry: Sendable, Hashable {
        /// The lower-cased prefix, `/` at both ends.
        public var prefix: String
        /// The folder, relative to a locale's root: empty, or ending with `/`.
        public var folder: String
    }

    /// The mappings, longest prefix first.
    public let entries: [Entry]

    /// No mapping.
    public init() { entries = [] }

    /// The mappings of `map` (prefix → folder), normalised: `/` added to the ends of prefixes and
    /// folders where missing, `./` and a leading `/` of a folder dropped.
    public init(_ map: [String: String]) {
        entries = map.map { prefix, folder in
            var prefix = prefix.lowercased()
            if !prefix.hasPrefix("/") { prefix = "/" + prefix }
            if !prefix.hasSuffix("/") { prefix += "/" }
            var folder = folder
            while folder.hasPrefix("./") { folder.removeFirst(2) }
            while folder.hasPrefix("/") { folder.removeFirst() }
            if folder == "." { folder = "" }
            if !folder.isEmpty, !folder.hasSuffix("/") { folder += "/" }
            return Entry(prefix: prefix, folder: folder)
        }.sorted { ($0.prefix.utf8.count, $1.prefix) > ($1.prefix.utf8.count, $0.prefix) }
    }

    /// Whether there is no mapping.
    public var isEmpty: Bool { entries.isEmpty }

    /// Why a mapping cannot be used, if it cannot: a folder that climbs out of the locale.
    public static func problem(prefix: String, folder: String) -> String? {
        if folder.split(separator: "/").contains("..") { return "the folder '\(folder)' climbs out of the locale root" }
        if prefix.contains("?") || prefix.contains("#") { return "a prefix is a path: no '?' or '#'" }
        // Matched on lower-cased bytes: only ASCII lower-cases to the same length.
        if !prefix.utf8.allSatisfy({ $0 < 0x80 }) { return "a prefix is written in ASCII (percent-encode anything else)" }
        return nil
    }

    /// The path a site-rooted `destination` names from the locale root (percent-decoded, `\\` as
    /// `/`), when a prefix maps it; `nil` for any other destination.
    public func contentPath(of destination: LinkDestination) -> String? {
        mapping(of: destination).map { $0.folder + $0.rest }
    }

    /// The folder a prefix maps `destination` to, and the rest of its path after the prefix
    /// (percent-decoded, `\\` as `/`); `nil` when no prefix maps it.
    public func mapping(of destination: LinkDestination) -> (folder: String, rest: String)? {
        guard !entries.isEmpty, destination.kind == .siteRooted else { return nil }
        let written = destination.path
        let slashed = written.containsUTF8(UInt8(ascii: "\\"))
            ? String(decoding: LinkDestination.slashed(written.utf8), as: UTF8.self) : written
        // A path equal to a prefix without its last `/` names the folder.
        let lower = LinkTargets.lowercased(slashed)
        for entry in entries where lower.hasPrefix(entry.prefix) || lower + "/" == entry.prefix {
            let rest = slashed.utf8.dropFirst(min(entry.prefix.utf8.count, slashed.utf8.count))
            return (entry.folder, LinkDestination.percentDecoded(Array(rest)))
        }
        return nil
    }
}
