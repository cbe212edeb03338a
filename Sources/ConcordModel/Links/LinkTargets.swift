/// Where a link leads, as the checks, the JSON export and the pages all read it.
public enum LinkTarget: Sendable, Hashable {
    /// Nothing, `#anchor` or `?query` alone: the article the link is in.
    case sameArticle
    /// A URL with a scheme of ``LinkScheme/allowed``.
    case external
    /// `xref:Some.Uid` (or `@Some.Uid`) naming a uid no page defines (``UIDTable``).
    case xref
    /// A URL with any other scheme: never followed.
    case blocked
    /// `/path` or `//host/path`: the published site's, not the content tree's.
    case siteRooted
    /// An article of `locale`, at `path` relative to its root, as the file is spelled.
    case article(locale: String, path: String)
    /// A file of `locale` that is not an article (an image, a YAML page), as spelled.
    case file(locale: String, path: String)
    /// A folder of `locale` that holds files (empty: the locale root).
    case folder(locale: String, path: String)
    /// Nothing at `path` in `locale` (the locale the link was resolved in), nor, by fallback, in
    /// the source locale.
    case missing(locale: String, path: String)
    /// Nothing at `path`, which the redirect table of `locale` sends to `url`: the site answers
    /// it with a redirect page.
    case redirected(locale: String, path: String, url: String)
    /// A path that climbs `levels` folders above the locale root, then descends into `rest`.
    case outside(levels: Int, rest: String)
}

/// Every file of a content set, indexed for resolving links, and the one resolver of relative links.
///
/// The rules, those of docs platforms (DocFX and Microsoft Docs serve paths without regard to
/// letter case):
///
/// - A relative path is applied to the folder of the article it is written in (``RelativeTarget``);
///   one that climbs above the locale root is ``LinkTarget/outside(levels:rest:)``.
/// - Paths match files without regard to letter case (Unicode lower-casing, canonically
///   equivalent spellings alike); a match is given as the file is spelled, so pages and JSON name
///   the file that exists, which a case-sensitive web server needs.
/// - `.md` may be left off (`overview` is `overview.md`), as published URLs have none; a path
///   written with a trailing `/` names a folder and nothing else.
/// - A folder that holds files is a target (its index page, on a site).
/// - The locale the link is shown in answers first; an article there wins, else the source
///   locale's article (every locale has a page for each source article, a fallback if need be),
///   else the locale's or the source's other file or folder.
///
/// Built once per consumer from ``ContentSet/files``; nothing is read from disk. A class: the
/// tables are asked on every link, and handing them out is then one retain, not a copy.
public final class LinkTargets: Sendable {
    /// A file as spelled, and whether it is an article (known here so that a lookup does not ask
    /// the content set, a second keyed search, on every link).
    package struct File: Sendable {
        package var path: String
        package var isArticle: Bool
    }

    /// The files of one locale.
    package struct LocaleFiles: Sendable {
        /// Lower-cased path → the file.
        package var files: [String: File] = [:]
        /// Lower-cased folders that hold at least one file.
        package var folders: Set<String> = []
        /// Lower-cased folder (empty for the root) → names of the files directly in it, as spelled.
        package var children: [String: [String]] = [:]
    }

    /// Locale id → its files.
    package let locales: [String: LocaleFiles]
    /// Lower-cased extensions of every file in every locale (`md`, `png`, `yml`).
    package let extensions: Set<String>
    /// Lower-cased first path components of every file in every locale.
    package let topFolders: Set<String>
    /// The source locale, whose files stand in for a locale's missing ones.
    public let sourceLocale: String
    /// Where root-relative links lead (`urlMap` in `concord.yml`).
    public let urlMap: URLMap
    /// Each locale's redirect table.
    public let redirects: [String: RedirectTable]
    /// Each locale's FAQ pages (`x.yml`), lower-cased: a link to `x.md` or `x` names one, as DocFX reads it.
    public let faqPaths: [String: Set<String>]
    /// The uids the pages define: an `xref:` leads to the page of its uid.
    public let uids: UIDTable

    /// Indexes the files of `content`.
    public init(content: ContentSet) {
        // One locale per core: the checks wait for the index before their first link.
        let indexed = parallelMap(Array(content.files)) { item in
            (item.key, LinkTargets.index(item.value, articles: content.articles[item.key] ?? [:]))
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
        sourceLocale = content.sourceLocale
        urlMap = content.configuration.urlMap
        redirects = content.redirects
        faqPaths = content.faqPages.mapValues { Set($0.keys.map { $0.lowercased() }) }
        uids = content.uids
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
            entry.files[lower] = faqArticle(path, lower: lower, articles: articles).map { File(path: $0, isArticle: true) }
                ?? File(path: path, isArticle: articles.index(forKey: path) != nil)
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

    /// Where `destination`, written in the article at `articlePath`, leads from a page of `locale`.
    /// With `fallback`, the source locale's files stand in for the locale's missing ones.
    public func resolve(_ destination: LinkDestination, from articlePath: String, locale: String, fallback: Bool = true) -> LinkTarget {
        if let mapped = urlMap.contentPath(of: destination) ?? uidPath(of: destination) {
            return resolve(RelativeTarget(path: mapped, inFolder: ""), destination, locale: locale, fallback: fallback)
        }
        guard destination.kind == .relative else { return Self.target(of: destination.kind) }
        return resolve(RelativeTarget(path: destination.path, from: articlePath), destination, locale: locale, fallback: fallback)
    }

    /// ``resolve(_:from:locale:fallback:)`` for content shown from `folder` (an include's).
    public func resolve(_ destination: LinkDestination, inFolder folder: String, locale: String, fallback: Bool = true) -> LinkTarget {
        if let mapped = urlMap.contentPath(of: destination) ?? uidPath(of: destination) {
            return resolve(RelativeTarget(path: mapped, inFolder: ""), destination, locale: locale, fallback: fallback)
        }
        guard destination.kind == .relative else { return Self.target(of: destination.kind) }
        return resolve(RelativeTarget(path: destination.path, inFolder: folder), destination, locale: locale, fallback: fallback)
    }

    /// The path from the locale root of the page that defines the uid of an `xref:` destination.
    public func uidPath(of destination: LinkDestination) -> String? {
        guard destination.kind == .xref, !uids.isEmpty, let uid = destination.uid else { return nil }
        return uids.path(of: uid)
    }

    private func resolve(_ relative: RelativeTarget, _ destination: LinkDestination, locale: String, fallback: Bool) -> LinkTarget {
        switch relative {
        case .outside(let levels, let rest):
            return .outside(levels: levels, rest: rest)
        case .inside(let path):
            let folderOnly = destination.path.utf8.last == UInt8(ascii: "/")
            let own = lookup(path, in: locale, folderOnly: folderOnly)
            if case .article = own { return own! }
            if fallback, locale != sourceLocale, let source = lookup(path, in: sourceLocale, folderOnly: folderOnly) {
                if case .article = source { return source }
                return own ?? source
            }
            if let own { return own }
            return redirected(path, locale: locale, fallback: fallback) ?? .missing(locale: locale, path: path)
        }
    }

    /// The redirect of a missing `path`: the locale's table, then (with `fallback`) the source's.
    private func redirected(_ path: String, locale: String, fallback: Bool) -> LinkTarget? {
        for id in fallback && locale != sourceLocale ? [locale, sourceLocale] : [locale] {
            if let redirect = redirects[id]?.redirect(for: path) {
                return .redirected(locale: id, path: redirect.sourcePath, url: redirect.redirectURL)
            }
        }
        return nil
    }

    /// The redirect that names the file `target` leads to, when the file is there all the same
    /// (a redirect the docs platform would never serve, or a file left behind).
    public func redirect(ofPresent target: LinkTarget) -> Redirect? {
        switch target {
        case .article(let locale, let path), .file(let locale, let path): redirects[locale]?.redirect(for: path)
        default: nil
        }
    }

    /// Whether `destination` names a path of the content tree: a relative path, or a site-rooted
    /// one that ``urlMap`` maps. Only those are resolved, checked and rewritten.
    public func namesContentPath(_ destination: LinkDestination) -> Bool {
        destination.kind == .relative || urlMap.contentPath(of: destination) != nil
    }

    /// The target of a destination that names no path of the content tree.
    private static func target(of kind: LinkDestination.Kind) -> LinkTarget {
        switch kind {
        case .empty, .fragment: .sameArticle
        case .external: .external
        case .xref: .xref
        case .blocked: .blocked
        case .siteRooted, .relative: .siteRooted
        }
    }

    /// The file or folder of `locale` at `path` (any letter case; `.md` optional unless `folderOnly`).
    public func lookup(_ path: String, in locale: String, folderOnly: Bool = false) -> LinkTarget? {
        guard let entry = locales[locale] else { return nil }
        if path.isEmpty { return .folder(locale: locale, path: "") }
        let lower = Self.lowercased(path)
        if !folderOnly, let file = entry.files[lower] ?? entry.files[lower + ".md"] ?? faqFile(lower, in: locale).flatMap({ entry.files[$0] }) {
            return file.isArticle ? .article(locale: locale, path: file.path) : .file(locale: locale, path: file.path)
        }
        if entry.folders.contains(lower) { return .folder(locale: locale, path: path) }
        return nil
    }

    /// The article a FAQ page `x.yml` is read as (`x.md`), when it is one: a link to the file
    /// leads to that article's page, and the navigation lists it.
    private static func faqArticle(_ path: String, lower: String, articles: [String: Article]) -> String? {
        guard lower.hasSuffix(".yml") else { return nil }
        let markdownPath = String(path.dropLast(4)) + ".md"
        guard articles[markdownPath]?.faq != nil else { return nil }
        return markdownPath
    }

    /// The FAQ page (`x.yml`, lower-cased) a lower-cased `x.md` or `x` names, if `locale` has one.
    private func faqFile(_ lower: String, in locale: String) -> String? {
        guard let pages = faqPaths[locale], !pages.isEmpty else { return nil }
        let stem = lower.hasSuffix(".md") ? String(lower.dropLast(3)) : lower
        return pages.contains(stem + ".yml") ? stem + ".yml" : nil
    }

    /// Whether `path` (a file of `locale`) is a FAQ page, which the site shows as a page (`x.html`).
    public func isFAQ(_ path: String, in locale: String) -> Bool {
        faqPaths[locale]?.contains(path.lowercased()) == true
    }

    /// `string.lowercased()`, without making a new string when there is nothing to lower: most
    /// paths are written in lower case, and every link's path is lowered for its look-up.
    public static func lowercased(_ string: String) -> String {
        var string = string
        let hasUpperOrNonASCII = string.withUTF8 { bytes in
            bytes.contains { $0 &- UInt8(ascii: "A") < 26 || $0 >= 0x80 }
        }
        return hasUpperOrNonASCII ? string.lowercased() : string
    }

    /// The names of the files directly in `folder` (`a/b/`, or empty for the root) of `locale`, sorted.
    package func files(in folder: String, locale: String) -> [String] {
        var key = folder.lowercased()
        if key.hasSuffix("/") { key.removeLast() }
        return (locales[locale]?.children[key] ?? []).sorted()
    }
}
