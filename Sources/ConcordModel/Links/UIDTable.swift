/// Every uid a content set defines and the page that defines it: what `xref:` links, `<xref:…>`
/// and `@uid` name instead of a path.
///
/// A uid comes from the `uid:` front matter of an article or FAQ page, else from a rule of
/// `xref.uidFromPath` in `concord.yml` that matches the page's path (``UIDPattern``). It names a
/// page by its path from the locale root, the same in every locale, so that a reader is sent to
/// the page of their own locale (or its fallback) as a relative link would send them.
///
/// Uids are matched exactly, letter case included, as DocFX matches them; the lower-cased table
/// only lets a finding suggest the uid that was probably meant.
public struct UIDTable: Sendable, Hashable {
    /// The most uids a content set defines; the pages past it get none, with a finding.
    public static let maximumCount = 200_000

    /// Uid → the page's path, relative to the locale root.
    public private(set) var paths: [String: String] = [:]
    /// Lower-cased uid → the uid as defined (the first, in uid order, of those that differ only in case).
    private var lowercased: [String: String] = [:]

    /// No uid.
    public init() {}

    /// Whether no uid is defined.
    public var isEmpty: Bool { paths.isEmpty }
    /// How many uids are defined.
    public var count: Int { paths.count }

    /// The path of the page that defines `uid`, as written (letter case counts).
    public func path(of uid: String) -> String? { paths[uid] }

    /// A defined uid that differs from `uid` only in letter case, if there is one.
    public func differentlyCased(_ uid: String) -> String? {
        lowercased[uid.lowercased()].flatMap { $0 == uid ? nil : $0 }
    }

    /// A page that may define uids: its locale, path, file and front-matter uid (and its line).
    public struct Page: Sendable {
        /// The locale the page is in.
        public var locale: String
        /// The path from the locale root.
        public var path: String
        /// The file, for findings.
        public var file: String
        /// Its `uid:` front matter, if any.
        public var uid: String?
        /// The line of `uid:`.
        public var line: Int

        /// Creates a page.
        public init(locale: String, path: String, file: String, uid: String?, line: Int) {
            (self.locale, self.path, self.file, self.uid, self.line) = (locale, path, file, uid, line)
        }
    }

    /// The table of `pages` (the source locale's first: a uid a translation repeats names the same
    /// path), with `rules` applied to the paths no front matter gave a uid, and the findings:
    /// a uid two pages define (`duplicate-uid`, the first page in path order keeps it) and uids
    /// past ``maximumCount`` (`uid-limit`, once).
    public static func build(pages: [Page], rules: [UIDPattern], sourceLocale: String, limit: Int = maximumCount) -> (table: UIDTable, diagnostics: [Diagnostic]) {
        var table = UIDTable()
        var diagnostics: [Diagnostic] = []
        var definedBy: [String: Page] = [:]
        // The paths that claimed each uid: a translation of a page repeats its uid, which is no
        // second definition (nor a second finding when the source's was one).
        var claimedBy: [String: Set<String>] = [:]
        let ordered = pages.sorted { ($0.locale != sourceLocale ? 1 : 0, $0.locale, $0.path) < ($1.locale != sourceLocale ? 1 : 0, $1.locale, $1.path) }
        var limited = false
        func define(_ uid: String, _ page: Page) {
            guard claimedBy[uid, default: []].insert(page.path).inserted else { return }
            if let first = definedBy[uid] {
                diagnostics.append(Diagnostic(
                    rule: "duplicate-uid", severity: .warning, locale: page.locale, location: FileLocation(file: page.file, line: page.line),
                    message: "uid '\(uid)' is already defined by \(first.file); cross references lead there"))
                return
            }
            guard table.paths.count < limit else {
                if !limited {
                    limited = true
                    diagnostics.append(Diagnostic(
                        rule: "uid-limit", severity: .warning, locale: page.locale, location: FileLocation(file: page.file, line: page.line),
                        message: "more than \(limit) uids are defined; this page's uid '\(uid)' and later ones are not, so cross references to them are unresolved"))
                }
                return
            }
            definedBy[uid] = page
            table.paths[uid] = page.path
        }
        for page in ordered {
            if let uid = page.uid, !uid.isEmpty { define(uid, page) }
        }
        if !rules.isEmpty {
            let explicit = Set(ordered.compactMap { $0.uid == nil ? nil : $0.path })
            for page in ordered where !explicit.contains(page.path) {
                guard let uid = rules.lazy.compactMap({ $0.uid(forPath: page.path) }).first else { continue }
                var derived = page
                derived.line = 1
                define(uid, derived)
            }
        }
        for uid in table.paths.keys.sorted() {
            let lower = uid.lowercased()
            if table.lowercased[lower] == nil { table.lowercased[lower] = uid }
        }
        return (table, diagnostics)
    }
}
