import ConcordModel

/// `broken-link`: a relative link, image or include naming a file that exists neither in the
/// article's locale nor, by fallback, in the source locale.
///
/// Paths resolve the way docs platforms serve them (any letter case, `.md` optional, a folder is a
/// target), and so do site paths (`/…`) that `urlMap` maps. Links that cannot be checked are not
/// reported: other site paths, URLs, `xref:`, paths
/// that leave the content root, and paths into parts of the tree that are not there (see
/// ``LinkIndex``). A translation does not repeat a broken link its source already has: it is
/// reported once, in the source, where fixing it fixes every locale.
public struct BrokenLink: ArticleRule {
    /// The rule's id.
    public let id = "broken-link"
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help, SARIF and docs.
    public let summary = "A relative link, image or include names a file that does not exist."

    /// Creates the rule.
    public init() {}

    /// A file reference of an article: a link, an image or an include.
    struct Reference {
        var what: String
        var destination: String
        var line: Int
        var column: Int
    }

    static func references(of article: Article) -> [Reference] {
        article.links.map { Reference(what: "link", destination: $0.destination, line: $0.line, column: $0.column) }
            + article.images.map { Reference(what: "image", destination: $0.source, line: $0.line, column: $0.column) }
            + article.includes.map { Reference(what: "include", destination: $0.path, line: $0.line, column: $0.column) }
    }

    /// The findings for one article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let index = context.linkIndex
        var findings: [Diagnostic] = []
        for reference in BrokenLink.references(of: article) {
            // A destination with a scheme (`https:`, `xref:`) names no file: it is not taken apart.
            guard LinkScheme.kind(of: reference.destination) == .none else { continue }
            let destination = LinkDestination(reference.destination)
            guard index.targets.namesContentPath(destination),
                  case .missing(let locale, _) = index.resolve(destination, from: article, fallback: context.sourceFallback)
            else { continue }
            if article.locale != context.sourceLocale, let source = context.content.source(of: article),
               BrokenLink.hasBrokenReference(reference.destination, in: source, context: context) {
                continue
            }
            let target = "\(reference.what) target '\(reference.destination)'"
            var message: String
            switch locale {
            case article.locale? where article.locale != context.sourceLocale && context.sourceFallback:
                message = "\(target) exists neither in \(article.locale) nor in \(context.sourceLocale)"
            case let locale?:
                message = "\(target) does not exist in \(locale)"
            case nil:
                message = "\(target) does not exist in the content root"
            }
            if let suggestion = index.suggestion(for: destination, from: article, memo: context.memo) {
                message += "; did you mean '\(suggestion)'?"
            }
            findings.append(finding(
                message, at: FileLocation(file: article.file, line: reference.line, column: reference.column),
                locale: article.locale, fingerprint: "\(id):\(reference.destination)"))
        }
        return findings
    }

    /// Whether `article` has a reference written `destination` that leads nowhere.
    ///
    /// One resolution answers for every reference written the same way in one article; resolving
    /// all of the source's references to answer for the few broken ones of its translation was
    /// most of the cost of a translation with a broken link.
    static func hasBrokenReference(_ destination: String, in article: Article, context: CheckContext) -> Bool {
        // A set per article, made once per run: a translation with thousands of broken links
        // asked its source's lists once for each.
        let written = context.memo.value("reference-destinations:\(article.file)") {
            Set(references(of: article).map(\.destination))
        }
        guard written.contains(destination) else { return false }
        let parsed = LinkDestination(destination)
        guard context.linkIndex.targets.namesContentPath(parsed),
              case .missing = context.linkIndex.resolve(parsed, from: article, fallback: context.sourceFallback)
        else { return false }
        return true
    }
}

extension LinkIndex {
    /// Files of a folder that a missing name most likely meant, worked out once per locale and
    /// missing path: a renamed page is linked from many articles (the PowerShell docs link one
    /// renamed file from 218 places), and ranking a folder's names is the costly part.
    enum SuggestionCandidates: Sendable {
        /// A file that kept the missing name as its end (`China-` + name).
        case renamed(String)
        /// Near spellings, best first; the linking article's own name is skipped when choosing.
        case nearSpellings([String])
    }

    /// A file in the same folder the destination most likely meant (`China-customer-support.md`
    /// for `customer-support.md`), written as a destination relative to the article.
    ///
    /// Paths are cut at their last `/` byte, as ``RelativeTarget`` joined them, not by characters:
    /// splitting them into characters cost more than the rest of the suggestion.
    func suggestion(for destination: LinkDestination, from article: Article, memo: CheckMemo) -> String? {
        // A mapped root-relative path is not a path from the article's folder: no guess is made.
        guard destination.kind == .relative, case .inside(let path) = RelativeTarget(path: destination.path, from: article.path), !path.isEmpty
        else { return nil }
        let nameStart = LinkIndex.nameStart(of: path)
        let lowerName = path[nameStart...].lowercased()
        let slash = String(destination.path[..<LinkIndex.nameStart(of: destination.path)])
        let candidates = memo.value("suggestion:\(article.locale)\u{0}\(path.lowercased())") {
            suggestionCandidates(folder: String(path[..<nameStart]), lowerName: lowerName, locale: article.locale, memo: memo)
        }
        switch candidates {
        case .renamed(let renamed):
            return slash + renamed
        case .nearSpellings(let ranked):
            // Never the article itself.
            let own = article.path[LinkIndex.nameStart(of: article.path)...].lowercased()
            guard let closest = ranked.first(where: { $0.lowercased() != own }),
                  Similarity.distance(lowerName, closest.lowercased()) <= 2
            else { return nil }
            return slash + closest
        }
    }

    /// Where the last component of a `/`-separated path starts (the path's start when it has no `/`).
    private static func nameStart(of path: String) -> String.Index {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
    }

    private func suggestionCandidates(folder: String, lowerName: String, locale: String, memo: CheckMemo) -> SuggestionCandidates {
        let names = memo.value("folder-names:\(locale)\u{0}\(folder.lowercased())") { FolderNames(self, folder: folder, locale: locale) }
        // A renamed file that kept the old name as its end (`China-` + name) is the likeliest.
        if let renamed = names.renamed[lowerName] { return .renamed(renamed) }
        // Otherwise a near spelling (a typo); short names are too alike to guess from (`c.md` is
        // not a typo of `a.md`). Names whose lengths differ by more than 2 cannot be 2 edits
        // apart: they are skipped unmeasured. Ties keep the folder's order.
        let search = names.similar.search(lowerName, threshold: 0.2, lengthDifference: 2)
        return .nearSpellings(search.matches.map { names.similar.names[$0.index] })
    }

    /// The names of a folder's files that suggestions are made from, prepared once per locale
    /// and folder: thousands of missing names in one folder each looked through all of them.
    struct FolderNames: Sendable {
        /// The folder's files, then the source locale's (for a translation), each in name order.
        let similar: SimilarNames
        /// For each lower-cased end of a name after a `-` or `_` (`customer-support.md` of
        /// `China-customer-support.md`), the first name with that end.
        let renamed: [String: String]

        init(_ index: LinkIndex, folder: String, locale: String) {
            var siblings = index.files(in: folder, locale: locale)
            if locale != index.content.sourceLocale { siblings += index.files(in: folder, locale: index.content.sourceLocale) }
            similar = SimilarNames(siblings) { $0.lowercased() }
            var renamed: [String: String] = [:]
            for sibling in siblings {
                let lower = sibling.lowercased()
                var position = lower.startIndex
                while position < lower.endIndex {
                    let character = lower[position]
                    position = lower.index(after: position)
                    if character == "-" || character == "_", renamed[String(lower[position...])] == nil {
                        renamed[String(lower[position...])] = sibling
                    }
                }
            }
            self.renamed = renamed
        }
    }
}
