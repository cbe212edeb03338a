import ConcordModel
import Foundation

/// Where a relative link leads in a content set.
public enum LinkResolution: Sendable, Hashable {
    /// A file (or folder) of `locale`, at `path` relative to its root, as the file is spelled.
    /// `article` is the article the path names, if it names one.
    case found(locale: String, path: String, article: String?)
    /// A file inside the content root but outside every locale folder, that exists.
    case foundOutsideLocales
    /// Nothing at `path`: relative to the root of `locale` (where the source locale was looked
    /// in too, by fallback), or, with no locale, an absolute path in the content root outside
    /// every locale folder.
    case missing(locale: String?, path: String)
    /// Cannot be checked: outside the content root, or into a part of the tree that is not there.
    case unverifiable
}

/// Every file of a content set, indexed for resolving links the way docs platforms do: paths match
/// without regard to letter case, `.md` may be left off, and a folder is a valid target.
///
/// Built once per check run (see ``CheckContext/linkIndex``). Nothing is read from disk except to
/// ask whether a file exists in the content root outside every locale folder (a shared `media/`).
/// A class: rules ask for it on every link, and handing it out is then one retain, not a copy
/// of every table in it.
public final class LinkIndex: Sendable {
    /// A file as spelled, and whether it is an article (known here so that a lookup does not ask
    /// the content set, a second keyed search, on every link).
    struct File: Sendable {
        var path: String
        var isArticle: Bool
    }

    struct LocaleFiles: Sendable {
        /// Lower-cased path → the file.
        var files: [String: File] = [:]
        /// Lower-cased folders that hold at least one file.
        var folders: Set<String> = []
        /// Lower-cased folder (empty for the root) → names of the files directly in it, as spelled.
        var children: [String: [String]] = [:]
    }

    let content: ContentSet
    private let locales: [String: LocaleFiles]
    /// Lower-cased extensions of every file in every locale (`md`, `png`, `yml`).
    private let extensions: Set<String>
    /// Lower-cased first path components of every file in every locale.
    private let topFolders: Set<String>
    /// The content root and each locale's root, with symbolic links resolved.
    private let contentRoot: String
    private let localeRoots: [(id: String, path: String)]

    /// Indexes the files of `content`.
    public init(content: ContentSet) {
        self.content = content
        // One locale per core: this runs while every other rule waits for the index.
        let indexed = parallelMap(Array(content.files)) { item in
            (item.key, LinkIndex.index(item.value, articles: content.articles[item.key] ?? [:]))
        }
        var locales: [String: LocaleFiles] = [:]
        var extensions: Set<String> = []
        var topFolders: Set<String> = []
        for (locale, entry) in indexed {
            locales[locale] = entry.files
            extensions.formUnion(entry.extensions)
            topFolders.formUnion(entry.topFolders)
        }
        self.locales = locales
        self.extensions = extensions
        self.topFolders = topFolders
        contentRoot = FileSystem.isDirectory(content.configuration.contentRoot)
            ? FileSystem.canonical(content.configuration.contentRoot) : ""
        localeRoots = content.configuration.locales.map { ($0.id, FileSystem.isDirectory($0.path) ? FileSystem.canonical($0.path) : "") }
    }

    /// The files of one locale, with the extensions and top-level folders they use.
    private static func index(
        _ paths: Set<String>, articles: [String: Article]
    ) -> (files: LocaleFiles, extensions: Set<String>, topFolders: Set<String>) {
        var entry = LocaleFiles()
        var extensions: Set<String> = []
        var topFolders: Set<String> = []
        entry.files.reserveCapacity(paths.count)
        let slash = UInt8(ascii: "/")
        for path in paths {
            let lower = path.lowercased()
            entry.files[lower] = File(path: path, isArticle: articles.index(forKey: path) != nil)
            let bytes = lower.utf8
            let lastSlash = bytes.lastIndex(of: slash)
            let folder = lastSlash.map { String(lower[..<$0]) } ?? ""
            let name = path.utf8.lastIndex(of: slash).map { String(path[path.utf8.index(after: $0)...]) } ?? path
            entry.children[folder, default: []].append(name)
            let lowerName = lastSlash.map { lower[bytes.index(after: $0)...] } ?? lower[...]
            if let dot = lowerName.utf8.lastIndex(of: UInt8(ascii: ".")) {
                extensions.insert(String(lowerName[lowerName.utf8.index(after: dot)...]))
            }
            guard let lastSlash else { continue }
            let firstSlash = bytes.firstIndex(of: slash)!
            topFolders.insert(String(lower[..<firstSlash]))
            // Every folder above the file, deepest first, until one is already known.
            var end = lastSlash
            while true {
                guard entry.folders.insert(String(lower[..<end])).inserted else { break }
                guard let previous = bytes[..<end].lastIndex(of: slash) else { break }
                end = previous
            }
        }
        return (entry, extensions, topFolders)
    }

    /// Resolves a relative destination written in `article`.
    ///
    /// Looks in the article's own locale, then (with `fallback`) in the source locale, as a site
    /// with source fallback serves it.
    public func resolve(_ destination: LinkDestination, from article: Article, fallback: Bool) -> LinkResolution {
        guard destination.kind == .relative else { return .unverifiable }
        switch RelativeTarget(path: destination.path, from: article.path) {
        case .inside(let path):
            if let found = lookup(path, in: article.locale) { return found }
            let source = content.sourceLocale
            if fallback, article.locale != source, let found = lookup(path, in: source) { return found }
            return isVerifiable(path) ? .missing(locale: article.locale, path: path) : .unverifiable
        case .outside(let levels, let rest):
            return resolveOutside(levels: levels, rest: rest, locale: article.locale)
        }
    }

    /// The path of a file of `locale` matching `path` (any letter case, `.md` optional, or a folder).
    func lookup(_ path: String, in locale: String) -> LinkResolution? {
        guard let entry = locales[locale] else { return nil }
        if path.isEmpty { return .found(locale: locale, path: "", article: nil) }
        let lower = LinkIndex.lowercased(path)
        if let file = entry.files[lower] ?? entry.files[lower + ".md"] {
            return .found(locale: locale, path: file.path, article: file.isArticle ? file.path : nil)
        }
        if entry.folders.contains(lower) { return .found(locale: locale, path: path, article: nil) }
        return nil
    }

    /// `string.lowercased()`, without making a new string when there is nothing to lower: most
    /// paths are written in lower case, and every link's path is lowered for its look-up.
    static func lowercased(_ string: String) -> String {
        var string = string
        let hasUpperOrNonASCII = string.withUTF8 { bytes in
            bytes.contains { $0 &- UInt8(ascii: "A") < 26 || $0 >= 0x80 }
        }
        return hasUpperOrNonASCII ? string.lowercased() : string
    }

    /// The names of the files directly in `folder` (`a/b/`, or empty for the root) of `locale`, sorted.
    func files(in folder: String, locale: String) -> [String] {
        var key = folder.lowercased()
        if key.hasSuffix("/") { key.removeLast() }
        return (locales[locale]?.children[key] ?? []).sorted()
    }

    /// Whether a missing path is one the content set could hold: links to kinds of file the tree
    /// has none of (images when only Markdown was checked out) and into top-level folders no locale
    /// has (an `includes/` kept beside a partial checkout) cannot be told apart from links that
    /// work on the real site, so they are not reported.
    private func isVerifiable(_ path: String) -> Bool {
        let lower = LinkIndex.lowercased(path)
        let bytes = lower.utf8
        let slash = UInt8(ascii: "/")
        // The last non-empty component, and the first when there is more than one.
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        guard end > bytes.startIndex else { return true }
        let lastStart = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
        let last = lower[lastStart..<end]
        if let dot = last.utf8.lastIndex(of: UInt8(ascii: ".")), dot != last.startIndex {
            let ext = String(last[last.utf8.index(after: dot)...])
            if ext != "md", !extensions.contains(ext) { return false }
        }
        var firstStart = bytes.startIndex
        while firstStart < lastStart, bytes[firstStart] == slash { firstStart = bytes.index(after: firstStart) }
        if firstStart < lastStart {
            let firstEnd = bytes[firstStart...].firstIndex(of: slash)!
            if !topFolders.contains(String(lower[firstStart..<firstEnd])) { return false }
        }
        return true
    }

    /// A link that climbs above its locale's root: checked on disk when it stays in the content
    /// root (a shared `media/` folder beside the locales), not checked when it leaves it.
    private func resolveOutside(levels: Int, rest: String, locale: String) -> LinkResolution {
        guard !contentRoot.isEmpty,
              let root = localeRoots.first(where: { $0.id == locale })?.path, !root.isEmpty
        else { return .unverifiable }
        var components = root.split(separator: "/", omittingEmptySubsequences: true)
        guard components.count >= levels else { return .unverifiable }
        components.removeLast(levels)
        let base = "/" + components.joined(separator: "/")
        let target = rest.isEmpty ? base : base + "/" + rest
        guard target == contentRoot || target.hasPrefix(contentRoot + "/") else { return .unverifiable }
        // Into another locale's folder: that locale's file list answers.
        for (id, localeRoot) in localeRoots where !localeRoot.isEmpty && target.hasPrefix(localeRoot + "/") {
            let inner = String(target.dropFirst(localeRoot.count + 1))
            return lookup(inner, in: id) ?? (isVerifiable(inner) ? .missing(locale: id, path: inner) : .unverifiable)
        }
        for candidate in [target, target + ".md"] where FileSystem.exists(candidate) {
            // A symbolic link out of the content root does not count as being in it.
            let canonical = FileSystem.canonical(candidate)
            if canonical == contentRoot || canonical.hasPrefix(contentRoot + "/") { return .foundOutsideLocales }
        }
        return .missing(locale: nil, path: target)
    }
}

extension CheckContext {
    /// The link index of this run's content, built on first use.
    public var linkIndex: LinkIndex {
        linkIndexSlot.value { LinkIndex(content: content) }
    }
}
