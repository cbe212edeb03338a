import ConcordModel
import Foundation

/// An image (or other file) a page refers to, to be copied into the site.
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
/// Relative `.md` links become `.html` links to the page in the same locale (every source
/// article has a page in every locale, a fallback if need be), matched case-insensitively
/// against the articles that exist so a link written `Overview.md` still reaches `overview.html`
/// on a case-sensitive server. Unsafe schemes come back as `nil`.
public struct LinkResolver: Sendable {
    /// Article paths by their lower-cased form, across every locale.
    let articlePaths: [String: String]
    /// Every file of each locale, relative to the locale root.
    let files: [String: Set<String>]
    /// Each locale's folder.
    let roots: [String: String]
    /// The source locale, whose files stand in for missing ones.
    let sourceLocale: String

    /// Creates a resolver for a content set.
    public init(content: ContentSet) {
        var paths: [String: String] = [:]
        // Source last, so its spelling wins; sorted, so two files differing only in case resolve the same way every build.
        for locale in content.locales.reversed() {
            for path in (content.articles[locale] ?? [:]).keys.sorted(by: >) { paths[path.lowercased()] = path }
        }
        self.articlePaths = paths
        self.files = content.files
        var roots: [String: String] = [:]
        for entry in content.configuration.locales { roots[entry.id] = entry.path }
        self.roots = roots
        self.sourceLocale = content.sourceLocale
    }

    /// The `href` for a link destination written in a document in folder `documentDirectory`,
    /// shown on a page in folder `pageDirectory` (both relative to the locale root); `nil` when unsafe.
    ///
    /// The scheme is checked on the URL as it will be written, after every rewrite: a relative
    /// path can come out looking like a scheme (`./javascript:x.md` → `javascript:x.html`), and
    /// one check at the end covers every rewrite, present and future.
    public func href(_ destination: String, documentDirectory: String, pageDirectory: String) -> String? {
        rewrittenHref(destination, documentDirectory: documentDirectory, pageDirectory: pageDirectory).flatMap(Self.checked)
    }

    /// `url` when a browser reads no scheme in it, or one of ``URLPolicy/allowedSchemes``; else `nil`.
    static func checked(_ url: String) -> String? {
        URLPolicy.isSafe(url) ? url : nil
    }

    /// ``href(_:documentDirectory:pageDirectory:)`` before its last check.
    private func rewrittenHref(_ destination: String, documentDirectory: String, pageDirectory: String) -> String? {
        // The scheme once: `isSafe` and `isRelativePath` would each read it.
        switch URLPolicy.schemeKind(of: destination) {
        case .other: return nil
        case .allowed: return destination
        case .none: if !Self.isPathStart(destination) { return destination }
        }
        if let href = relativeHref(destination, documentDirectory: documentDirectory, pageDirectory: pageDirectory) { return href }
        let (path, suffix) = URLPolicy.splitSuffix(destination)
        let isMarkdown = Self.hasMarkdownExtension(path.utf8)
        if !isMarkdown, documentDirectory == pageDirectory { return destination }
        guard let resolved = RelativePath.resolve(path, from: documentDirectory) else {
            // Climbs out of the locale: leave it as written, with the page extension.
            return isMarkdown ? SitePaths.withoutMarkdownExtension(String(path)) + ".html" + suffix : destination
        }
        var target = resolved
        if isMarkdown {
            let canonical = articlePaths[resolved.lowercased()] ?? resolved
            target = SitePaths.withoutMarkdownExtension(canonical) + ".html"
        }
        return RelativePath.relative(to: target, from: pageDirectory) + suffix
    }

    /// ``href(_:documentDirectory:pageDirectory:)`` for a relative path, worked out on the bytes
    /// of the arguments into the one string it returns, as every link of every page needs it;
    /// `nil` when the bytes cannot tell (a mark may join a `/`, `#` or `?`, or the dot of the
    /// article's `.md`) or when the path climbs out of the locale, both rare.
    private func relativeHref(_ destination: String, documentDirectory: String, pageDirectory: String) -> String? {
        var destinationText = destination
        var documentText = documentDirectory
        return destinationText.withUTF8 { destinationBytes -> String? in
            guard let pathEnd = URLPolicy.suffixStart(in: destinationBytes) else { return nil }
            let path = UnsafeBufferPointer(rebasing: destinationBytes[..<pathEnd])
            let suffix = UnsafeBufferPointer(rebasing: destinationBytes[pathEnd...])
            let isMarkdown = Self.hasMarkdownExtension(path)
            if !isMarkdown, documentDirectory == pageDirectory { return destination }
            return documentText.withUTF8 { documentBytes in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: documentBytes.count + path.count + 1) { buffer -> String? in
                    guard let count = RelativePath.resolve(path, from: documentBytes, into: buffer) ?? nil else { return nil }
                    let resolved = UnsafeBufferPointer(rebasing: buffer[..<count])
                    guard isMarkdown else { return Self.relative(to: resolved, from: pageDirectory, suffix: suffix) }
                    guard var canonical = articlePaths[Self.articleKey(resolved)] else {
                        return Self.pageHref(of: resolved, from: pageDirectory, suffix: suffix)
                    }
                    return canonical.withUTF8 { Self.pageHref(of: $0, from: pageDirectory, suffix: suffix) }
                }
            }
        }
    }

    /// `articlePaths`' key for a resolved path: the path lower-cased, byte by byte when it is ASCII.
    private static func articleKey(_ path: UnsafeBufferPointer<UInt8>) -> String {
        // Loops without exits, which the compiler turns into vector code.
        var bits: UInt8 = 0
        for index in path.indices { bits |= path[index] }
        guard bits < 0x80 else { return String(decoding: path, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: path.count) { out in
            for index in path.indices {
                let byte = path[index]
                out[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            }
            return path.count
        }
    }

    /// The `href`, followed by `suffix`, from a page in `pageDirectory` to the page of the article at `path`;
    /// `nil` when Characters must say whether the path ends in `.md`.
    private static func pageHref(of path: UnsafeBufferPointer<UInt8>, from pageDirectory: String, suffix: UnsafeBufferPointer<UInt8>) -> String? {
        guard let stem = SitePaths.markdownStemLength(of: path) else { return nil }
        let html = ".html".utf8
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stem + html.count) { buffer in
            _ = buffer.initialize(fromContentsOf: path[..<stem])
            _ = buffer[stem...].initialize(fromContentsOf: html)
            return relative(to: UnsafeBufferPointer(buffer), from: pageDirectory, suffix: suffix)
        }
    }

    /// ``RelativePath/relative(to:from:)`` from `pageDirectory` to `target`, followed by `suffix`; `nil` as that says.
    private static func relative(to target: UnsafeBufferPointer<UInt8>, from pageDirectory: String, suffix: UnsafeBufferPointer<UInt8>) -> String? {
        var pageText = pageDirectory
        return pageText.withUTF8 { RelativePath.relative(to: target, from: $0, suffix: suffix) }
    }

    /// Whether a destination without a scheme is a relative path: ``URLPolicy/isRelativePath(_:)`` once its scheme is known.
    static func isPathStart(_ destination: String) -> Bool {
        guard let first = destination.utf8.first else { return false }
        return first != UInt8(ascii: "/") && first != UInt8(ascii: "#") && first != UInt8(ascii: "?")
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
    public func image(
        _ destination: String, documentDirectory: String, pageDirectory: String, locale: String
    ) -> (src: String, copy: AssetCopy?)? {
        switch URLPolicy.schemeKind(of: destination) {
        case .other: return nil
        case .allowed: return (destination, nil)
        case .none: if !Self.isPathStart(destination) { return (destination, nil) }
        }
        let (path, suffix) = URLPolicy.splitSuffix(destination)
        guard let resolved = RelativePath.resolve(path.removingPercentEncodingIfPossible, from: documentDirectory) else {
            return (destination, nil)
        }
        let written = documentDirectory == pageDirectory ? destination : RelativePath.relative(to: resolved, from: pageDirectory) + suffix
        guard let src = Self.checked(written) else { return nil }
        // The locale's own image, else the source's: screenshots are often not localized.
        for candidate in [locale, sourceLocale] {
            if files[candidate]?.contains(resolved) == true, let root = roots[candidate] {
                return (src, AssetCopy(outputPath: locale + "/" + resolved, sourceFile: root + "/" + resolved))
            }
        }
        return (src, nil)
    }

    /// The locale-root-relative path a relative `.md` reference points to, matched to an existing article.
    public func articlePath(_ reference: String, from directory: String) -> String? {
        guard URLPolicy.isRelativePath(reference) else { return nil }
        let (path, _) = URLPolicy.splitSuffix(reference)
        guard let resolved = RelativePath.resolve(path, from: directory) else { return nil }
        return articlePaths[resolved.lowercased()]
    }
}

extension Substring {
    /// `%20` and friends decoded, for matching file names; the text itself when it is not valid.
    var removingPercentEncodingIfPossible: String {
        // Foundation's `contains` is costly for every image; without a `%` byte there is no `%` either.
        guard utf8.contains(UInt8(ascii: "%")), contains("%") else { return String(self) }
        return String(self).removingPercentEncoding ?? String(self)
    }
}
