import ConcordModel

/// The form in which a translation's link and its source's link are compared: what a reader
/// reaches, with what legitimately differs between locales taken out.
///
/// - URLs: scheme and host lower-cased; locale path segments (`/en-us/`, `/zh-hans/`) and
///   locale parameters (`lang=`, `locale=`, `mkt=`…) dropped; a trailing `/` dropped; the
///   fragment dropped (the target page is translated too, so its anchors may differ).
/// - Cross references (`xref:uid`, `@uid`): the page the uid names, keyed as a relative link to it
///   (so `xref:X` and a link to X's file are the same link); an undefined uid as `xref:uid`.
/// - Relative paths: resolved against the article's folder and lower-cased, `.md` optional
///   (`./a.md` = `A.md` = `a`, and `a.yml` = `a` when `a.yml` is a FAQ page); the fragment
///   kept only when it names an anchor written explicitly in the source locale's copy of the
///   target (`<a name="x">`), because anchors made from heading text are translated along with
///   the heading.
enum LinkKey {
    /// Query parameters that choose a language or market, not content.
    static let localeParameters: Set<String> = [
        "lang", "language", "locale", "culture", "clcid", "lcid", "mkt", "setlang", "setmkt", "hl", "ui-locale", "uilocale",
    ]

    /// Scripts that appear as the second part of a locale segment (`zh-hans`, `sr-latn-rs`).
    static let scripts: Set<String> = ["hans", "hant", "latn", "cyrl", "arab", "deva", "beng"]

    /// The comparison key of a link written in `article` (one side of `pair`).
    static func key(_ destination: String, in article: Article, pair: TranslationPair, context: CheckContext) -> String {
        let parsed = LinkDestination(destination)
        switch parsed.kind {
        case .empty:
            return ""
        case .fragment:
            return "#" + significantFragment(parsed.fragment, ofSourceArticle: pair.source)
        case .xref:
            // The page the uid names, as a relative link to it would be keyed; `?displayProperty=`
            // says how the link is shown, not where it leads.
            if let path = context.linkIndex.targets.uidPath(of: parsed) {
                return contentKey(RelativeTarget(path: path, inFolder: ""), parsed, context: context, keepsQuery: false)
            }
            return "xref:" + (parsed.uid ?? parsed.path)
        case .siteRooted:
            // A path `urlMap` maps is compared as the relative link to the same file would be.
            if let mapped = context.linkIndex.targets.urlMap.contentPath(of: parsed) {
                return contentKey(RelativeTarget(path: mapped, inFolder: ""), parsed, context: context)
            }
            return path(parsed.path) + query(parsed.query)
        case .external, .blocked:
            return external(parsed)
        case .relative:
            return contentKey(RelativeTarget(path: parsed.path, from: article.path), parsed, context: context)
        }
    }

    /// The key of a path of the content tree (`target`, from the locale root) that `parsed` names.
    private static func contentKey(_ target: RelativeTarget, _ parsed: LinkDestination, context: CheckContext, keepsQuery: Bool = true) -> String {
        let query = keepsQuery ? query(parsed.query) : ""
        switch target {
        case .outside(let levels, let rest):
            return String(repeating: "../", count: levels) + withoutMarkdownExtension(rest.lowercased()) + query
        case .inside(var target):
            var fragment = ""
            if let found = context.linkIndex.lookup(target, in: context.sourceLocale),
               case .found(let locale, _, let articlePath?) = found,
               let targetArticle = context.content.article(articlePath, in: locale) {
                fragment = significantFragment(parsed.fragment, ofSourceArticle: targetArticle)
                // `x.yml` and `x.md` name one page when `x.yml` is a FAQ page (its article is `x.md`),
                // whichever form each locale has it in.
                if targetArticle.faq != nil, target.lowercased().hasSuffix(".yml") { target = articlePath }
            }
            return withoutMarkdownExtension(target.lowercased()) + query + (fragment.isEmpty ? "" : "#" + fragment)
        }
    }

    /// The fragment, lower-cased, when it names an explicit anchor of `article`; else empty.
    static func significantFragment(_ fragment: String?, ofSourceArticle article: Article) -> String {
        guard let fragment, !fragment.isEmpty else { return "" }
        let lower = fragment.lowercased()
        for section in article.sections where section.explicitAnchor && section.anchor.lowercased() == lower { return lower }
        for anchor in article.extraAnchors where anchor.lowercased() == lower { return lower }
        return ""
    }

    private static func withoutMarkdownExtension(_ path: String) -> String {
        path.hasSuffix(".md") ? String(path.dropLast(3)) : path
    }

    /// `scheme://host/path?query` with host lower-cased and locale parts taken out.
    private static func external(_ destination: LinkDestination) -> String {
        let scheme = destination.scheme ?? ""
        var rest = Substring(destination.path)
        if scheme == "mailto" { return "mailto:" + rest.lowercased() }
        guard rest.hasPrefix("//") else { return scheme + ":" + rest + query(destination.query) }
        rest = rest.dropFirst(2)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = rest[..<slash].lowercased()
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        return scheme + "://" + host + path(String(rest[slash...])) + query(destination.query)
    }

    /// A URL path without locale segments and without a trailing slash.
    private static func path(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        kept.reserveCapacity(segments.count)
        for segment in segments where !isLocaleSegment(segment) { kept.append(segment) }
        var joined = kept.joined(separator: "/")
        while joined.hasSuffix("/") { joined.removeLast() }
        return joined
    }

    /// `?a=b&c=d` without locale parameters (empty when none is left).
    private static func query(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        let kept = query.split(separator: "&").filter { parameter in
            let name = parameter.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
            return !localeParameters.contains(name)
        }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }

    /// `en-us`, `fr-FR`, `zh-hans`, `sr-latn-rs`: a language, then a region or a script (and region).
    ///
    /// Deliberately narrow: `get-help` or `how-to` must not read as locales.
    static func isLocaleSegment(_ segment: Substring) -> Bool {
        let parts = segment.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts[0].count == 2, parts.allSatisfy({ $0.allSatisfy { $0 >= "a" && $0 <= "z" } })
        else { return false }
        if parts.count == 2 { return parts[1].count == 2 || scripts.contains(String(parts[1])) }
        return scripts.contains(String(parts[1])) && parts[2].count == 2
    }
}
