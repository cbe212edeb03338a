import ConcordModel

/// `unresolved-xref`: a cross reference (`<xref:uid>`, `[text](xref:uid)`) names a uid that no
/// page defines, by its `uid:` front matter or by a rule of `xref.uidFromPath`
/// ([docs/docfx-xref.md](../../../docs/docfx-xref.md)). The page shows its text, not a link.
///
/// Uids match exactly, as DocFX matches them; a uid defined in another letter case is suggested.
/// `@name` is no finding: DocFX reads it as a cross reference only where the uid is defined. A
/// translation does not repeat a finding its source has for the same uid: it is reported once, in
/// the source, where defining the uid fixes every locale.
public struct UnresolvedXref: ArticleRule {
    /// The rule's id.
    public let id = "unresolved-xref"
    /// A warning, as DocFX's `UidNotFound`: the page still reads, with the text in place of the link.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help, SARIF and docs.
    public let summary = "A cross reference names a uid that no page defines."

    /// Creates the rule.
    public init() {}

    /// The findings for one article.
    public func check(_ article: Article, in context: CheckContext) -> [Diagnostic] {
        let targets = context.linkIndex.targets
        var findings: [Diagnostic] = []
        var sourceUnresolved: Set<String>?
        for link in article.links where link.kind != .shorthand && LinkScheme.isCrossReference(link.destination) {
            let destination = LinkDestination(link.destination)
            guard let uid = destination.uid, targets.uidPath(of: destination) == nil else { continue }
            if article.locale != context.sourceLocale, let source = context.content.source(of: article) {
                if sourceUnresolved == nil { sourceUnresolved = Self.unresolvedUIDs(of: source, targets: targets) }
                if sourceUnresolved!.contains(uid) { continue }
            }
            var message = uid.isEmpty
                ? "cross reference '\(link.destination)' names no uid"
                : "cross reference to uid '\(uid)' is unresolved: no page defines it (uid: front matter or xref.uidFromPath in concord.yml)"
            if let cased = targets.uids.differentlyCased(uid) { message += "; did you mean '\(cased)'? (uids match letter case)" }
            findings.append(finding(
                message, at: FileLocation(file: article.file, line: link.line, column: link.column),
                locale: article.locale, fingerprint: "\(id):\(uid)"))
        }
        return findings
    }

    /// The uids of `article`'s cross references that no page defines.
    static func unresolvedUIDs(of article: Article, targets: LinkTargets) -> Set<String> {
        Set(article.links.compactMap { link -> String? in
            guard LinkScheme.isCrossReference(link.destination) else { return nil }
            let destination = LinkDestination(link.destination)
            guard let uid = destination.uid, targets.uidPath(of: destination) == nil else { return nil }
            return uid
        })
    }
}
