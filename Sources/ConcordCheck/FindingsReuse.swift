import ConcordMarkdown
import ConcordModel

/// The findings each article's rules made in an earlier run, for a run that can tell which
/// articles are unchanged: an article whose key is the one its findings were made with gets them
/// back without its rules running.
///
/// An article's findings are made from its own file, its source's file (for a translation), and
/// what the rest of the content shows every rule (``ContentShape``). The key is the digest of the
/// three, so an edit that changes an article's text but neither its anchors nor its links re-checks
/// that article (and, for a source, its translations) and nothing else. Rules whose findings also
/// depend on something outside the content (``Rule/readsHistory``) run every time.
public struct FindingsReuse: Sendable {
    /// The findings of one article's rules (before `rules:` settings apply) and the key they were made with.
    @ModelCodable
    public struct Entry: Sendable, Hashable {
        public var key: Digest
        public var findings: [Diagnostic]

        public init(key: Digest, findings: [Diagnostic]) {
            self.key = key
            self.findings = findings
        }
    }

    /// The earlier run's entries, by article file.
    public var previous: [String: Entry]
    /// What every article's findings share: ``ContentShape/digest(of:)`` combined with what the
    /// caller knows besides the content (the settings, Concord itself, the files that are not articles).
    public var shared: Digest

    /// Reuse of `previous` in a run whose articles share `shared`.
    public init(previous: [String: Entry], shared: Digest) {
        self.previous = previous
        self.shared = shared
    }

    /// The key of `article`'s findings, paired with `source` when it is a translation; nil when
    /// the content does not know a file's digest (its findings are then always made afresh).
    func key(of article: Article, source: Article?, in content: ContentSet) -> Digest? {
        guard let own = content.digests[article.file] else { return nil }
        var hasher = DigestHasher()
        hasher.combine(shared)
        hasher.combine(article.file)
        hasher.combine(own)
        if let source {
            guard let digest = content.digests[source.file] else { return nil }
            hasher.combine(source.file)
            hasher.combine(digest)
        }
        return hasher.finalize()
    }
}

/// What an article's rules read of the other articles: which files each locale has, each
/// article's anchors, section titles (the anchors platforms derive from them) and links that
/// name an anchor (a duplicate anchor is an error only when a link targets it), and the uids
/// cross references resolve through.
///
/// A rule that starts reading something else of another article adds it here, or its findings
/// go stale in incremental builds (the edit-sequence test of the build catches it).
public enum ContentShape {
    /// The digest of the shape of `content`.
    public static func digest(of content: ContentSet) -> Digest {
        var hasher = DigestHasher()
        // Each locale's part on a core of its own, combined in the locales' order.
        let locales = parallelMap(content.locales) { locale in
            var hasher = DigestHasher()
            hasher.combine(locale)
            for file in (content.files[locale] ?? []).sorted() { hasher.combine(file) }
            for article in content.sortedArticles(in: locale) { combine(article, into: &hasher) }
            return hasher.finalize()
        }
        for digest in locales { hasher.combine(digest) }
        // A cross reference resolves through the uids every article's front matter defines.
        hasher.combine("uids")
        for (uid, path) in content.uids.paths.sorted(by: { $0.key < $1.key }) {
            hasher.combine(uid)
            hasher.combine(path)
        }
        return hasher.finalize()
    }

    private static func combine(_ article: Article, into hasher: inout DigestHasher) {
        hasher.combine(article.path)
        // The anchors in the order the article has them (``Article/anchors`` is a set, unordered).
        hasher.combine(article.sections.count)
        for section in article.sections {
            hasher.combine(section.anchor)
            hasher.combine(section.title)
        }
        hasher.combine(article.extraAnchors.count)
        for anchor in article.extraAnchors { hasher.combine(anchor) }
        for link in article.links where link.destination.containsUTF8(UInt8(ascii: "#")) { hasher.combine(link.destination) }
    }
}
