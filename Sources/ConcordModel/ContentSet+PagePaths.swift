import Foundation

extension ContentSet {
    /// The articles left out because their page would be another article's page, each with its error.
    struct PagePathCollisions {
        /// Locale id → article paths left out.
        var dropped: [String: Set<String>] = [:]
        /// One `page-path-collision` error per article left out, at its line 1.
        var diagnostics: [Diagnostic] = []
    }

    /// The rule id of an article left out because another article has its page.
    static let pagePathCollisionRule = "page-path-collision"

    /// Finds articles whose pages would be one file.
    ///
    /// `p.md` and `p.MD` both make `p.html`; rendered at once, they wrote into the same file and
    /// mixed. Paths that differ only in case are one file on a case-insensitive disk (a Mac, a
    /// Windows server) and one target to Concord's links, which match paths without case: they
    /// collide too. Of each group the file with the lower-case `.md` extension is kept, else the
    /// first in byte order, so the outcome does not depend on the order the disk lists files in.
    /// In a translation, an article whose page is a source article's page but whose path is not
    /// the source's (`P.md` for `p.md`) is left out as well: a translation takes its source's path.
    ///
    /// - Parameters:
    ///   - paths: Article paths by locale id.
    ///   - roots: Each locale's folder, for the file names of the errors.
    static func pagePathCollisions(_ paths: [String: [String]], roots: [String: String], sourceLocale: String) -> PagePathCollisions {
        var result = PagePathCollisions()
        let source = winners(paths[sourceLocale] ?? [], locale: sourceLocale, root: roots[sourceLocale] ?? "", into: &result)
        for (locale, localePaths) in paths.sorted(by: { $0.key < $1.key }) where locale != sourceLocale {
            let root = roots[locale] ?? ""
            var kept: [String] = []
            for path in localePaths {
                guard let sourcePath = source[pageKey(path)], sourcePath != path else { kept.append(path); continue }
                result.dropped[locale, default: []].insert(path)
                result.diagnostics.append(diagnostic(
                    root + "/" + path, locale: locale,
                    "its page would be \(SitePaths.page(locale: locale, path: sourcePath)), the page of the source article "
                        + "\(sourcePath); it is left out: name the translation \(sourcePath), as its source is named"))
            }
            _ = winners(kept, locale: locale, root: root, into: &result)
        }
        result.diagnostics.sort { $0.location.file < $1.location.file }
        return result
    }

    /// The path kept for each page of one locale's articles, by page key; the others are dropped.
    private static func winners(_ paths: [String], locale: String, root: String, into result: inout PagePathCollisions) -> [String: String] {
        // One look-up a path: nearly every key is one path's, so no group is gathered for it.
        let keys = paths.map(pageKey)
        var kept: [String: String] = [:]
        kept.reserveCapacity(paths.count)
        var shared: Set<String> = []
        for (path, key) in zip(paths, keys) {
            if let current = kept[key] {
                shared.insert(key)
                if precedes(path, current) { kept[key] = path }
            } else {
                kept[key] = path
            }
        }
        for (loser, key) in zip(paths, keys) where shared.contains(key) {
            guard let winner = kept[key], winner != loser else { continue }
            result.dropped[locale, default: []].insert(loser)
            result.diagnostics.append(diagnostic(
                root + "/" + loser, locale: locale,
                "its page would be \(SitePaths.page(locale: locale, path: winner)), which is \(winner)'s page too "
                    + "(pages are matched without case); \(winner) is kept and this file left out: rename one of them"))
        }
        return kept
    }

    /// What makes two articles one page: their path without `.md`, without case.
    private static func pageKey(_ path: String) -> String {
        SitePaths.withoutMarkdownExtension(path).lowercased()
    }

    /// The order of preference among colliding paths: a lower-case `.md` extension, then byte order.
    private static func precedes(_ a: String, _ b: String) -> Bool {
        let (aLower, bLower) = (a.hasSuffix(".md"), b.hasSuffix(".md"))
        if aLower != bLower { return aLower }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func diagnostic(_ file: String, locale: String, _ message: String) -> Diagnostic {
        Diagnostic(rule: pagePathCollisionRule, severity: .error, locale: locale, location: FileLocation(file: file, line: 1), message: message)
    }
}
