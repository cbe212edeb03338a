import ConcordMarkdown

/// The includes one page expands, in the order it meets them, within the limits: at most
/// ``maximumDepth`` deep, ``maximumExpansions`` includes and ``maximumBytes`` bytes of
/// included Markdown a page, no include inside itself. Each include that is not expanded is a
/// finding at the place it is written.
///
/// The page renderer asks it at each include it meets, and the model walks every article's
/// includes with it while the content loads (``findings(article:document:store:)``): the two
/// meet the same includes in the same order, so what `concord check` reports is what the
/// pages leave out.
public struct IncludeExpansion: Sendable {
    /// How deeply includes may nest.
    public static let maximumDepth = 8
    /// How many includes one page expands, nested ones counted: files that include each other
    /// multiply, and depth alone does not bound them.
    public static let maximumExpansions = 256
    /// How many bytes of Markdown a page's includes may bring in. Counted on the included
    /// files rather than on the HTML they become, so that the limit falls in the same place
    /// whether or not the page is rendered.
    public static let maximumBytes = 8 << 20

    /// Where included files are found.
    public let store: IncludeStore
    /// The includes being expanded, outermost first, as `locale/path`.
    private var stack: [String] = []
    private var expansions = 0
    private var bytes = 0
    private var limitReported = false
    /// The includes not expanded, each where it is written.
    public private(set) var diagnostics: [Diagnostic] = []
    /// The files expanded, in the order met: what the page depends on besides its own file.
    public private(set) var files: [String] = []
    /// Whether an include was looked for and not found: then the page also depends on which
    /// files the content has.
    public private(set) var missedFile = false

    /// Starts a page's expansion.
    public init(store: IncludeStore) {
        self.store = store
    }

    /// The file to expand for the include of `destination`, written at `location` in a file of
    /// `fileLocale`, in folder `directory` of a document shown in `locale`; `nil`, with the
    /// reason recorded, when it is not expanded. Each included file returned must be followed
    /// by ``leave()`` once its own includes are done.
    public mutating func enter(
        _ destination: String, at location: FileLocation, fileLocale: String?, from directory: String, locale: String
    ) -> IncludedDocument? {
        func report(rule: String, _ message: String) {
            diagnostics.append(Diagnostic(rule: rule, severity: .warning, locale: fileLocale, location: location, message: message))
        }
        if stack.count >= Self.maximumDepth {
            report(rule: "include-depth", "includes nest more than \(Self.maximumDepth) deep at '\(destination)'; not expanded")
            return nil
        }
        if let limit = exceededLimit() {
            // Said once, where the page stopped: every include after it is left out too.
            if !limitReported {
                limitReported = true
                report(rule: "include-limit", "this page expands more than \(limit); '\(destination)' and the includes after it are not expanded")
            }
            return nil
        }
        switch store.load(destination, from: directory, locale: locale) {
        case .failure(.outsideContentRoot(let reference)):
            report(rule: "include-outside-content", "include '\(reference)' points outside the content folder; not expanded")
        case .failure(.missing(let reference)):
            missedFile = true
            report(rule: "include-not-found", "include '\(reference)' not found in \(locale) or the source locale; not expanded")
        case .success(let included):
            let key = included.locale + "/" + included.path
            if stack.contains(key) {
                report(rule: "include-cycle", "include '\(destination)' leads back to \(key), which is being included here; not expanded")
                return nil
            }
            stack.append(key)
            files.append(included.file)
            expansions += 1
            bytes += included.document.source.bytes.count
            return included
        }
        return nil
    }

    /// Ends the include ``enter(_:at:fileLocale:from:locale:)`` last returned.
    public mutating func leave() {
        stack.removeLast()
    }

    /// The limit the page has reached, as a finding names it, if any.
    private func exceededLimit() -> String? {
        if expansions >= Self.maximumExpansions { return "\(Self.maximumExpansions) includes" }
        if bytes >= Self.maximumBytes { return "\(Self.maximumBytes >> 20) MB of includes" }
        return nil
    }

    /// Where an include link is written: its place in the file of its document, or, for a
    /// table cell parsed on its own (`fragmentLine`), the cell's line.
    public static func location(of link: Int, in document: MarkdownDocument, file: String, fragmentLine: Int?) -> FileLocation {
        if let fragmentLine { return FileLocation(file: file, line: fragmentLine) }
        guard let start = document[link].start else { return FileLocation(file: file, line: 0) }
        return FileLocation(file: file, line: start.line, column: document.source.fileColumn(start.column, line: start.line))
    }
}
