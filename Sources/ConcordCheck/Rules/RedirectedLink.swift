import ConcordModel

/// `redirected-link`: a link, image or include names a file that the locale's
/// `.openpublishing.redirection.json` redirects although the file is still there. The published
/// site serves the redirect, not the file (or the file was meant to be deleted): the link should
/// name the new page, or the redirect or the file should go.
///
/// A link to a redirected path whose file is gone is no finding: the site's redirect page answers
/// it, and `broken-link` leaves it alone.
public struct RedirectedLink: ArticleRule {
    /// The rule's id.
    public let id = "redirected-link"
    /// A warning: the link works on the site, through a redirect.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help, SARIF and docs.
    public let summary = "A link names a file that the redirection file also redirects."

    /// Creates the rule.
    public init() {}

    /// The findings for one article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let targets = context.linkIndex.targets
        guard !targets.redirects.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for reference in BrokenLink.references(of: article) {
            let destination = LinkDestination(reference.destination)
            guard targets.namesContentPath(destination) else { continue }
            let target = targets.resolve(destination, from: article.path, locale: article.locale, fallback: context.sourceFallback)
            guard let redirect = targets.redirect(ofPresent: target) else { continue }
            let table = targets.redirects[article.locale]?.file ?? RedirectTable.fileName
            findings.append(finding(
                "\(reference.what) target '\(reference.destination)' is redirected to '\(redirect.redirectURL)' "
                    + "(\(table):\(redirect.line)) but its file is still there: link to the new page, or remove the redirect or the file",
                at: FileLocation(file: article.file, line: reference.line, column: reference.column),
                locale: article.locale, fingerprint: "\(id):\(reference.destination)"))
        }
        return findings
    }
}
