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

/// The content set's ``LinkTargets``, with what only a check needs: whether a missing path could
/// be checked at all, and paths that climb out of a locale into the content root beside it.
///
/// Built once per check run (see ``CheckContext/linkIndex``). Nothing is read from disk except to
/// ask whether a file exists in the content root outside every locale folder (a shared `media/`).
/// A class: rules ask for it on every link, and handing it out is then one retain.
public final class LinkIndex: Sendable {
    let content: ContentSet
    /// The one resolver of links, shared with the pages and the JSON.
    public let targets: LinkTargets
    /// The content root and each locale's root, with symbolic links resolved.
    private let contentRoot: String
    private let localeRoots: [(id: String, path: String)]

    /// Indexes the files of `content`.
    public init(content: ContentSet) {
        self.content = content
        targets = content.linkTargets
        contentRoot = FileSystem.isDirectory(content.configuration.contentRoot)
            ? FileSystem.canonical(content.configuration.contentRoot) : ""
        localeRoots = content.configuration.locales.map { ($0.id, FileSystem.isDirectory($0.path) ? FileSystem.canonical($0.path) : "") }
    }

    /// Resolves a relative destination written in `article`.
    ///
    /// Looks in the article's own locale, then (with `fallback`) in the source locale, as a site
    /// with source fallback serves it (``LinkTargets``).
    public func resolve(_ destination: LinkDestination, from article: Article, fallback: Bool) -> LinkResolution {
        guard targets.namesContentPath(destination) else { return .unverifiable }
        switch targets.resolve(destination, from: article.path, locale: article.locale, fallback: fallback) {
        case .outside(let levels, let rest):
            return resolveOutside(levels: levels, rest: rest, locale: article.locale)
        case .missing(_, let path):
            if let mapping = targets.urlMap.mapping(of: destination),
               !isVerifiable(mapping, locale: article.locale, fallback: fallback) { return .unverifiable }
            return isVerifiable(path) ? .missing(locale: article.locale, path: path) : .unverifiable
        case let target:
            return Self.resolution(target) ?? .unverifiable
        }
    }

    /// A target found in a locale as a ``LinkResolution``; `nil` for any other.
    static func resolution(_ target: LinkTarget?) -> LinkResolution? {
        switch target {
        case .article(let locale, let path): .found(locale: locale, path: path, article: path)
        case .file(let locale, let path), .folder(let locale, let path): .found(locale: locale, path: path, article: nil)
        default: nil
        }
    }

    /// The path of a file of `locale` matching `path` (any letter case, `.md` optional, or a folder).
    func lookup(_ path: String, in locale: String) -> LinkResolution? {
        LinkIndex.resolution(targets.lookup(path, in: locale))
    }

    /// The names of the files directly in `folder` (`a/b/`, or empty for the root) of `locale`, sorted.
    func files(in folder: String, locale: String) -> [String] {
        targets.files(in: folder, locale: locale)
    }

    /// Whether a missing path is one the content set could hold: links to kinds of file the tree
    /// has none of (images when only Markdown was checked out) and into top-level folders no locale
    /// has (an `includes/` kept beside a partial checkout) cannot be told apart from links that
    /// work on the real site, so they are not reported.
    private func isVerifiable(_ path: String) -> Bool {
        let lower = LinkTargets.lowercased(path)
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
            if ext != "md", !targets.extensions.contains(ext) { return false }
        }
        var firstStart = bytes.startIndex
        while firstStart < lastStart, bytes[firstStart] == slash { firstStart = bytes.index(after: firstStart) }
        if firstStart < lastStart {
            let firstEnd = bytes[firstStart...].firstIndex(of: slash)!
            if !targets.topFolders.contains(String(lower[firstStart..<firstEnd])) { return false }
        }
        return true
    }

    /// Whether a missing mapped path could be checked: a site's prefix is often served by more
    /// than one repository (`/powershell/module/` has modules documented elsewhere), so a path
    /// into a folder under the mapped one that the tree does not have (a module it does not
    /// document) is not reported; a missing page of a folder it has is.
    private func isVerifiable(_ mapping: (folder: String, rest: String), locale: String, fallback: Bool) -> Bool {
        let rest = mapping.rest.drop { $0 == "/" }
        guard let slash = rest.firstIndex(of: "/") else { return true }
        let folder = mapping.folder + rest[..<slash]
        func hasFolder(_ locale: String) -> Bool {
            if case .folder = targets.lookup(folder, in: locale, folderOnly: true) { return true }
            return false
        }
        return hasFolder(locale) || (fallback && hasFolder(content.sourceLocale))
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
