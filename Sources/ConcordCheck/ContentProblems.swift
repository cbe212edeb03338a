import ConcordModel

/// A problem found outside the checks: while content is read and modelled (its articles, and
/// the navigation and includes the site is built from), or while the site is built (media). It
/// is a rule like the checks — listed by
/// `--list-rules`, set by `rules:` in `concord.yml`, described in SARIF — but the code that finds
/// it is the stage that meets it, not a type of its own.
public struct ContentProblem: Rule {
    /// Where a problem is found.
    public enum Stage: String, Sendable {
        /// Reading and modelling files: `concord check`, `inspect`, `build` and `export` all report it.
        case load
        /// Reading what the site is built from besides each article (tables of contents,
        /// includes, reserved paths), while the content loads: `concord check` and `build` report it.
        case structure
        /// Building the site: media, reported by `concord build`.
        case site
        /// Making the translation handoff, reported by `concord export xliff`.
        case handoff
    }

    /// The stable kebab-case id.
    public let id: String
    /// The severity when `concord.yml` says nothing.
    public let defaultSetting: Configuration.RuleSetting
    /// One line for `--list-rules` and SARIF.
    public let summary: String
    /// The stage that finds it.
    public let stage: Stage
    /// Not run by the engine: the stage reports it.
    public var scope: RuleScope { .stage }
}

extension RuleRegistry {
    /// Every problem found outside the checks, by id.
    public static let contentProblems: [ContentProblem] = [
        // Reading and modelling content.
        ContentProblem(id: "binary-file", defaultSetting: .error, summary: "A file in the content tree is not text.", stage: .load),
        ContentProblem(
            id: "cell-reference-limit", defaultSetting: .warning,
            summary: "Table cells name more reference definitions than Concord gives them (1 MB); later ones stay text.", stage: .load),
        ContentProblem(id: "file-name-not-utf8", defaultSetting: .error, summary: "A file name is not UTF-8; the file is skipped.", stage: .load),
        ContentProblem(id: "file-too-large", defaultSetting: .error, summary: "A file is larger than Concord reads (5 MB); it is skipped.", stage: .load),
        ContentProblem(
            id: "html-block-limit", defaultSetting: .warning,
            summary: "An HTML block is larger (1 MB), nested deeper (64) or has more table cells (10,000) than Concord reads; the rest is not checked.",
            stage: .load),
        ContentProblem(id: "invalid-faq", defaultSetting: .warning, summary: "A YAML FAQ page cannot be read, or has questions that cannot be used.", stage: .load),
        ContentProblem(id: "invalid-front-matter", defaultSetting: .error, summary: "The YAML front matter cannot be read (or uses aliases).", stage: .load),
        ContentProblem(id: "invalid-utf8", defaultSetting: .error, summary: "A file has bytes that are not valid UTF-8.", stage: .load),
        ContentProblem(
            id: "markdown-too-complex", defaultSetting: .error,
            summary: "A file has the bracket shape Debian's libcmark parses in quadratic time (CVE-2023-22486); it is not parsed.", stage: .load),
        ContentProblem(id: "outside-content-root", defaultSetting: .error, summary: "A symbolic link leads outside the content root; it is not followed.", stage: .load),
        ContentProblem(id: "page-path-collision", defaultSetting: .error, summary: "Two articles would have the same page; one is left out.", stage: .load),
        ContentProblem(id: "unreadable-file", defaultSetting: .error, summary: "A file cannot be read.", stage: .load),
        ContentProblem(id: "unsupported-encoding", defaultSetting: .error, summary: "A file is text in an encoding other than UTF-8 (UTF-16).", stage: .load),
        // The site's structure: navigation, includes, reserved paths.
        ContentProblem(id: "duplicate-uid", defaultSetting: .warning, summary: "Two pages define the same uid; cross references lead to the first.", stage: .structure),
        ContentProblem(id: "include-cycle", defaultSetting: .warning, summary: "Includes include each other; the loop is not expanded.", stage: .structure),
        ContentProblem(id: "include-depth", defaultSetting: .warning, summary: "Includes nest deeper than Concord expands (8).", stage: .structure),
        ContentProblem(id: "include-limit", defaultSetting: .warning, summary: "A page expands more includes, or more bytes of them, than Concord allows (256, 8 MB).", stage: .structure),
        ContentProblem(id: "include-not-found", defaultSetting: .warning, summary: "An [!INCLUDE] names a file that does not exist.", stage: .structure),
        ContentProblem(id: "include-outside-content", defaultSetting: .warning, summary: "An [!INCLUDE] names a file outside the content root.", stage: .structure),
        ContentProblem(
            id: "invalid-redirects", defaultSetting: .warning,
            summary: "A .openpublishing.redirection.json cannot be read, or has entries that cannot be used (or over 20,000).", stage: .structure),
        ContentProblem(id: "invalid-toc", defaultSetting: .warning, summary: "A toc.yml or TOC.md cannot be read; the navigation is built without it.", stage: .structure),
        ContentProblem(
            id: "invalid-zone-pivot-groups", defaultSetting: .warning,
            summary: "A zone pivot groups file cannot be read, or has groups or pivots that cannot be used (or over 1,000 groups, 100 pivots).",
            stage: .structure),
        ContentProblem(id: "reserved-path", defaultSetting: .warning, summary: "An article's JSON would replace a file the site needs (the search index).", stage: .structure),
        ContentProblem(id: "toc-cycle", defaultSetting: .warning, summary: "A toc.yml leads back to one being read.", stage: .structure),
        ContentProblem(
            id: "uid-limit", defaultSetting: .warning,
            summary: "The pages define more uids than Concord takes (200,000); cross references to the rest are unresolved.", stage: .structure),
        ContentProblem(id: "toc-too-large", defaultSetting: .warning, summary: "A locale's tables of contents have more entries than Concord takes (10,000).", stage: .structure),
        // Building the site.
        ContentProblem(
            id: "missing-chrome-strings", defaultSetting: .warning,
            summary: "A locale has no strings file for the site's own words (templates/i18n/<locale>.yml) or lacks keys; they show in English.",
            stage: .site),
        ContentProblem(id: "unsafe-media", defaultSetting: .error, summary: "A file shown as an image is not an image the site may publish.", stage: .site),
        // Exporting translation units.
        ContentProblem(id: "translation-unit-limit", defaultSetting: .warning, summary: "An article has more translation units than an export takes (10,000).", stage: .handoff),
    ]

    /// Every rule id `rules:` may set: the checks and the content problems.
    public static var knownIDs: [String] { (all.map(\.id) + contentProblems.map(\.id)).sorted() }

    /// The check or content problem with this id.
    public static func anyRule(_ id: String) -> (any Rule)? {
        rule(id) ?? contentProblems.first { $0.id == id }
    }

    /// The ids under `rules:` that name no rule, each with the closest known id when one is close.
    public static func unknownSettings(_ settings: [String: Configuration.RuleSetting]) -> [(id: String, suggestion: String?)] {
        let known = knownIDs
        return settings.keys.sorted().filter { anyRule($0) == nil }.map { id in
            (id, known.min { editDistance(id, $0) < editDistance(id, $1) }.flatMap { editDistance(id, $0) <= 3 ? $0 : nil })
        }
    }

    /// Levenshtein distance between two short ids.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
