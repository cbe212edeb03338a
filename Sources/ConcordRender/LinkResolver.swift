import ConcordMarkdown
import ConcordModel
import Foundation

/// An image (or other file) a page refers to, to be copied into the site.
@ModelCodable
public struct AssetCopy: Sendable, Hashable, Comparable {
    /// Where it goes, relative to the output folder (`es-ES/media/dashboard.png`).
    public var outputPath: String
    /// The file to copy.
    public var sourceFile: String
    /// Where the page's content refers to it, for a finding when the file may not be published.
    public var reference: FileLocation?

    /// Creates a copy of `sourceFile` to `outputPath`.
    public init(outputPath: String, sourceFile: String, reference: FileLocation? = nil) {
        self.outputPath = outputPath
        self.sourceFile = sourceFile
        self.reference = reference
    }

    /// Orders copies by destination, for deterministic work lists.
    public static func < (lhs: AssetCopy, rhs: AssetCopy) -> Bool {
        (lhs.outputPath, lhs.sourceFile) < (rhs.outputPath, rhs.sourceFile)
    }
}

/// Rewrites link and image destinations from content into URLs of the built site.
///
/// Where a link leads is the model's to say (``LinkTargets``, shared with the checks and the
/// JSON); what is decided here is how that is written into a page. A relative link to an article
/// becomes a relative link to its page in the same locale (every source article has a page in
/// every locale, a fallback if need be), spelled as the article's file is, so a link written
/// `Overview.md` still reaches `overview.html` on a case-sensitive server; an image is copied
/// from the file it names. Any other relative link keeps its path as written (`\` as `/`, `.md`
/// as `.html`), moved to the page's folder when the content comes from another one (an include).
/// Unsafe schemes come back as `nil`.
public struct LinkResolver: Sendable {
    /// The one resolver of links.
    let targets: LinkTargets
    /// Each locale's folder, for the files images copy.
    let roots: [String: String]
    /// The source locale, whose files stand in for missing ones.
    let sourceLocale: String
    /// Every locale, source first: the order navigation, which has no locale, looks in.
    let locales: [String]
    /// The title of each article and FAQ page, by locale and path: what a cross reference without
    /// text of its own shows. Empty when no uid is defined.
    let titles: [String: [String: String]]

    /// Creates a resolver for a content set.
    public init(content: ContentSet) {
        targets = content.linkTargets
        var roots: [String: String] = [:]
        for entry in content.configuration.locales { roots[entry.id] = entry.path }
        self.roots = roots
        sourceLocale = content.sourceLocale
        locales = content.locales
        var titles: [String: [String: String]] = [:]
        if !content.uids.isEmpty {
            for (locale, articles) in content.articles { titles[locale] = articles.mapValues(\.title) }
            for (locale, pages) in content.faqPages {
                for (path, page) in pages { titles[locale, default: [:]][path] = page.title }
            }
        }
        self.titles = titles
    }

    /// Whether any uid is defined, so that `@uid` in text may be a cross reference.
    public var hasUIDs: Bool { !targets.uids.isEmpty }

    /// Where a cross reference (`xref:uid`, `@uid`) shown on a page of `locale` in folder
    /// `pageDirectory` leads, and the title of that page in the locale it is shown from (the
    /// reader's, else the source's, as other links fall back); `nil` when no page defines the uid.
    public func crossReference(_ link: LinkDestination, pageDirectory: String, locale: String) -> (href: String, title: String)? {
        guard link.kind == .xref, let href = href(link.raw, documentDirectory: pageDirectory, pageDirectory: pageDirectory, locale: locale) else { return nil }
        switch targets.resolve(link, inFolder: pageDirectory, locale: locale) {
        case .article(let found, let path), .file(let found, let path):
            return (href, titles[found]?[path] ?? "")
        default:
            return (href, "")
        }
    }

    /// The `href` for a link destination written in a document in folder `documentDirectory`,
    /// shown on a page of `locale` (the source locale when `nil`) in folder `pageDirectory` (both
    /// relative to the locale root); `nil` when unsafe.
    ///
    /// The scheme is checked on the URL as it will be written, after every rewrite: a relative
    /// path can come out looking like a scheme (`./javascript:x.md` → `javascript:x.html`), and
    /// one check at the end covers every rewrite, present and future.
    public func href(_ destination: String, documentDirectory: String, pageDirectory: String, locale: String? = nil) -> String? {
        rewrittenHref(destination, documentDirectory: documentDirectory, pageDirectory: pageDirectory, locale: locale).flatMap(Self.checked)
    }

    /// `url` when a browser reads no scheme in it, or one of ``LinkScheme/allowed``; else `nil`.
    static func checked(_ url: String) -> String? {
        URLPolicy.isSafe(url) ? url : nil
    }

    /// ``href(_:documentDirectory:pageDirectory:locale:)`` before its last check.
    private func rewrittenHref(_ destination: String, documentDirectory: String, pageDirectory: String, locale: String?) -> String? {
        if let kind = Self.kindWithoutPath(destination), kind != .siteRooted || targets.urlMap.isEmpty,
           kind != .blocked || targets.uids.isEmpty {
            return kind == .blocked ? nil : destination
        }
        let link = LinkDestination(destination)
        let mapped = targets.urlMap.contentPath(of: link)
        switch link.kind {
        case .xref where targets.uidPath(of: link) != nil: break
        case .blocked, .xref: return nil
        case .siteRooted where mapped != nil: break
        case .empty, .fragment, .siteRooted, .external: return destination
        case .relative: break
        }
        let target = targets.resolve(link, inFolder: documentDirectory, locale: locale ?? sourceLocale)
        if case .article(_, let path) = target {
            let page = SitePaths.withoutMarkdownExtension(path) + ".html"
            return LinkDestination.urlPath(RelativePath.relative(to: page, from: pageDirectory)) + link.pageSuffix
        }
        if case .file(let targetLocale, let path) = target, targets.isFAQ(path, in: targetLocale) {
            // A FAQ page (`x.yml`) is shown as `x.html`, however the link names it.
            let page = String(path.dropLast(4)) + ".html"
            return LinkDestination.urlPath(RelativePath.relative(to: page, from: pageDirectory)) + link.pageSuffix
        }
        // A uid names a page; one that is no page (a file a rule matched) is no link.
        if link.kind == .xref { return nil }
        if let mapped {
            // What the map names, from the page, as a relative link to it would be written; one
            // that climbs out of the locale stays as written.
            guard case .inside(var path) = RelativeTarget(path: mapped, inFolder: "") else { return destination }
            if Self.hasMarkdownExtension(path.utf8) { path = SitePaths.withoutMarkdownExtension(path) + ".html" }
            if mapped.hasSuffix("/"), !path.isEmpty { path += "/" }
            return LinkDestination.urlPath(RelativePath.relative(to: path, from: pageDirectory)) + link.suffix
        }
        return Self.writtenHref(link, documentDirectory: documentDirectory, pageDirectory: pageDirectory)
    }

    /// The kind of a destination that is no relative path, told from its scheme (``LinkScheme``)
    /// and its first byte as ``LinkDestination`` tells it (`.blocked` for `xref:` too: neither
    /// reaches a page); `nil` for a relative path. Every link of every page asks, and most are
    /// URLs, site paths or anchors, which need no path taken apart.
    static func kindWithoutPath(_ destination: String) -> LinkDestination.Kind? {
        var text = destination
        return text.withUTF8 { bytes in
            switch LinkScheme.kind(of: bytes) {
            case .allowed: return .external
            case .other: return .blocked
            case .none: break
            }
            guard let first = bytes.first(where: { $0 > 0x20 }) else { return .empty }
            switch first {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"): return .siteRooted
            case UInt8(ascii: "#"), UInt8(ascii: "?"): return .fragment
            default: return nil
            }
        }
    }

    /// The `href` of a relative link that names no article: its path as written, `\` read as
    /// `/`, with `.md` made `.html` and the path moved to the page's folder when they differ.
    private static func writtenHref(_ link: LinkDestination, documentDirectory: String, pageDirectory: String) -> String {
        let written = Self.written(link)
        let isMarkdown = hasMarkdownExtension(written.utf8)
        if !isMarkdown, documentDirectory == pageDirectory { return written + link.suffix }
        guard let resolved = RelativePath.resolve(written, from: documentDirectory) else {
            // Climbs out of the locale: left as written, with the page extension.
            return (isMarkdown ? SitePaths.withoutMarkdownExtension(written) + ".html" : written) + link.suffix
        }
        let target = isMarkdown ? SitePaths.withoutMarkdownExtension(resolved) + ".html" : resolved
        return RelativePath.relative(to: target, from: pageDirectory) + link.suffix
    }

    /// A relative link's path as written, `\` read as `/`.
    private static func written(_ link: LinkDestination) -> String {
        let path = link.writtenPath
        guard path.containsUTF8(UInt8(ascii: "\\")) else { return String(path) }
        return String(decoding: LinkDestination.slashed(path.utf8), as: UTF8.self)
    }

    /// Whether a path's bytes end in `.md`, in any case, without allocating.
    static func hasMarkdownExtension(_ bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard bytes.count > 3 else { return false }
        var index = bytes.endIndex
        index = bytes.index(before: index); let d = bytes[index] | 0x20
        index = bytes.index(before: index); let m = bytes[index] | 0x20
        index = bytes.index(before: index); let dot = bytes[index]
        return d == UInt8(ascii: "d") && m == UInt8(ascii: "m") && dot == UInt8(ascii: ".")
    }

    /// The `src` for an image, and the file to copy for it, for a page of `locale` whose
    /// content came from `contentLocale`; `nil` when unsafe. Whether the file may be published
    /// (``MediaPolicy``) is for the caller to ask, who can say where it was referred to.
    ///
    /// The file is the one the model finds (the locale's own, else the source's: screenshots are
    /// often not localized), under its own spelling; `src` names it so when the link spells it
    /// otherwise, and is the link as written when it already names it from the page's folder.
    public func image(
        _ destination: String, documentDirectory: String, pageDirectory: String, locale: String
    ) -> (src: String, copy: AssetCopy?)? {
        if let kind = Self.kindWithoutPath(destination) { return kind == .blocked ? nil : (destination, nil) }
        let link = LinkDestination(destination)
        switch link.kind {
        case .blocked, .xref: return nil
        case .empty, .fragment, .siteRooted, .external: return (destination, nil)
        case .relative: break
        }
        guard case .inside(let resolved) = RelativeTarget(path: link.path, inFolder: documentDirectory) else { return (destination, nil) }
        var src = (documentDirectory == pageDirectory ? Self.written(link) : RelativePath.relative(to: resolved, from: pageDirectory)) + link.suffix
        var copy: AssetCopy?
        switch targets.resolve(link, inFolder: documentDirectory, locale: locale) {
        // An article too: the caller refuses to publish it, and says so.
        case .file(let found, let path), .article(let found, let path):
            // A file the link names with `.md` left off is not the one it names.
            guard LinkTargets.lowercased(path) == LinkTargets.lowercased(resolved), let root = roots[found] else { break }
            // Bytes, not Characters: a server compares a name's bytes, whatever its normalization.
            if !path.hasSameUTF8(as: resolved) { src = LinkDestination.urlPath(RelativePath.relative(to: path, from: pageDirectory)) + link.suffix }
            copy = AssetCopy(outputPath: locale + "/" + path, sourceFile: root + "/" + path)
        default:
            break
        }
        guard let checked = Self.checked(src) else { return nil }
        return (checked, copy)
    }

    /// The locale-root-relative path of the article a relative reference in `directory` names, if
    /// it names one: looked for in the source locale, then in the others.
    public func articlePath(_ reference: String, from directory: String) -> String? {
        let link = LinkDestination(reference)
        guard link.kind == .relative else { return nil }
        for locale in locales {
            if case .article(_, let path) = targets.resolve(link, inFolder: directory, locale: locale, fallback: false) { return path }
        }
        return nil
    }
}
