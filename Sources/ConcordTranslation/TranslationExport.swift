import ConcordCheck
import ConcordMarkdown
import ConcordModel

/// Builds the ``Handoff`` of one locale from a content tree: every source article's units,
/// with the translation's text as the target where it is in sync.
public enum TranslationExport {
    /// Why an export cannot be made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// The handoff of `locale`, and the problems met loading the two locales it reads.
    ///
    /// A translation is in sync unless its `source-hash` names another version of its source,
    /// or, without one, git says the source changed since its `ms.sourcegitcommit`
    /// (`stale-translation`'s two signals). An in-sync translation's unit with the same id and
    /// the same codes is the target (`final`). A stale one's changed unit is a candidate
    /// (`initial`), with the source it was made from where git has that version.
    public static func handoff(_ configuration: Configuration, locale: String) throws(Failure) -> (handoff: Handoff, diagnostics: [Diagnostic]) {
        let loaded = try load(configuration, locale: locale)
        let files = parallelMap(loaded.paths) { loaded.file(at: $0) }.compactMap { $0 }
        let handoff = Handoff(sourceLocale: loaded.sourceLocale, targetLocale: locale, files: files)
        return (handoff, loaded.diagnostics + handoff.files.compactMap { loaded.unitLimitDiagnostic($0) })
    }

    /// The two locales an export of `locale` reads, loaded.
    public static func load(_ configuration: Configuration, locale: String) throws(Failure) -> Loaded {
        let sourceLocale = configuration.sourceLocale
        guard locale != sourceLocale else { throw Failure(description: "\(locale) is the source locale; name a translation locale") }
        guard configuration.locales.contains(where: { $0.id == locale }) else {
            throw Failure(description: "no locale \(locale) in the content (locales: \(configuration.locales.map(\.id).joined(separator: ", ")))")
        }
        // Only the two locales are read: the others have nothing to say about this one.
        var configuration = configuration
        configuration.locales.removeAll { $0.id != sourceLocale && $0.id != locale }
        let (content, documents) = ContentSet.loadWithDocuments(configuration)
        return Loaded(content: content, documents: documents, locale: locale)
    }

    /// A source locale and one translation locale, loaded with their Markdown trees: what
    /// each article's units are made from.
    public struct Loaded: Sendable {
        let content: ContentSet
        let documents: [String: [String: MarkdownDocument]]
        /// The locale translated into.
        public let locale: String
        /// The content's source locale.
        public var sourceLocale: String { content.sourceLocale }
        /// The source articles' paths, sorted: the order of the files in a handoff.
        public let paths: [String]
        let sourceRoot: String
        /// What git says of the source of each translation that names the commit it was made
        /// from (`ms.sourcegitcommit`) and records no `source-hash`, by path: asked at once.
        let commitVersions: [String: SourceVersions.CommitVersion]

        init(content: ContentSet, documents: [String: [String: MarkdownDocument]], locale: String) {
            self.content = content
            self.documents = documents
            self.locale = locale
            // FAQ pages written as YAML are articles read from their YAML, not from Markdown a
            // translation could be written back into: they are not handed off.
            paths = content.sourceArticles.filter { $0.value.faq == nil }.keys.sorted()
            sourceRoot = content.configuration.locales.first { $0.id == content.sourceLocale }?.path ?? ""
            commitVersions = SourceVersions.commitVersions(content, locale: locale)
        }

        /// The problems met loading the two locales.
        public var diagnostics: [Diagnostic] { content.diagnostics }

        /// The article at `path` read into units, with its translation put in; `nil` when the
        /// source cannot be read.
        public func file(at path: String) -> Handoff.File? {
            let sourceLocale = content.sourceLocale
            guard let source = content.article(path, in: sourceLocale), let sourceDocument = documents[sourceLocale]?[path],
                  let bytes = try? content.fence.read(ContentSet.file(path, in: sourceRoot)) else { return nil }
            let sourceFile = ContentSet.file(path, in: sourceRoot)
            let sourceHash = SourceHash.of(file: bytes)
            // A translation written as a FAQ page is read from its YAML: units are made afresh from the source.
            let translation = content.article(path, in: locale).flatMap { article in
                article.faq != nil ? nil : documents[locale]?[path].map { (article, $0, basis(of: article, sourceFile: sourceFile, sourceHash: sourceHash)) }
            }
            return TranslationExport.file(source: (source, sourceDocument), sourceHash: sourceHash, translation: translation)
        }

        /// What `translation` was made from: the source as it is, unless its `source-hash`
        /// names another version (found in git by that hash) or, without one, git says the
        /// source changed since its `ms.sourcegitcommit` (the version at that commit).
        func basis(of translation: Article, sourceFile: String, sourceHash: String) -> Basis {
            if let recorded = translation.metadata.sourceHash?.trimmingASCIIWhitespace().lowercased() {
                guard recorded != sourceHash else { return .current }
                return .earlier(SourceVersions.version(of: sourceFile, withSourceHash: recorded))
            }
            if case .changed(let previous)? = commitVersions[translation.path] { return .earlier(previous) }
            return .current
        }

        /// The warning for a file that reached the limit of units.
        func unitLimitDiagnostic(_ file: Handoff.File) -> Diagnostic? {
            guard file.units.count >= ArticleSegmenter.maximumUnits else { return nil }
            return Diagnostic(
                rule: "translation-unit-limit", severity: .warning, locale: sourceLocale,
                location: FileLocation(file: ContentSet.file(file.path, in: sourceRoot), line: 1),
                message: "more than \(ArticleSegmenter.maximumUnits) translation units; only the first \(ArticleSegmenter.maximumUnits) are exported")
        }
    }

    /// What a translation was made from.
    enum Basis {
        /// The source as it is: the translation is in sync.
        case current
        /// An earlier version of the source: its bytes, `nil` when git does not have them.
        case earlier([UInt8]?)
    }

    /// One article's units, with its translation (if any) put in.
    static func file(source: (Article, MarkdownDocument), sourceHash: String, translation: (Article, MarkdownDocument, Basis)?) -> Handoff.File {
        let (sourceArticle, sourceDocument) = source
        let units = ArticleSegmenter.segment(document: sourceDocument, article: sourceArticle)
        let path = sourceArticle.path
        guard let (article, document, basis) = translation else {
            return Handoff.File(path: path, sourceHash: sourceHash, units: units.map { Handoff.Unit(source: $0, target: nil, state: .initial, candidate: nil) })
        }
        // What the translation was made from: the source as it is, or for a stale translation the
        // version git still has (its units tell which of today's units changed since).
        var stale = false
        var base: (anchors: [String], units: [String: TranslationUnit]?)? = (sourceArticle.sections.map(\.anchor), nil)
        if case .earlier(let bytes) = basis {
            stale = true
            base = nil
            if let bytes, let previous = ArticleSegmenter.segment(bytes: bytes, path: path, locale: sourceArticle.locale, file: sourceArticle.file) {
                base = (previous.article.sections.map(\.anchor), Dictionary(previous.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
            }
        }
        let anchors = base?.anchors ?? sourceArticle.sections.map(\.anchor)
        var translated: [String: TranslationUnit] = [:]
        translated.reserveCapacity(units.count)
        if article.sections.count == anchors.count {
            // Section by section under the source's anchors: a translated slug still lines up.
            for unit in ArticleSegmenter.segment(document: document, article: article, anchors: anchors) { translated[unit.id] = unit }
        }
        let handoffUnits = units.map { unit -> Handoff.Unit in
            guard let existing = translated[unit.id] else { return Handoff.Unit(source: unit, target: nil, state: .initial, candidate: nil) }
            let mapped = CodeMapping.target(existing.content, onto: unit.content)
            let previous = base?.units?[unit.id]
            let unchanged = !stale || previous.map { $0.content.markdown == unit.content.markdown } == true
            if unchanged, let mapped {
                return Handoff.Unit(source: unit, target: mapped, state: .final, candidate: nil)
            }
            // Changed (or its codes do not line up): the translation is a candidate, with the
            // source it was made from where that is known.
            let madeFrom = stale ? previous?.content : unit.content
            return Handoff.Unit(source: unit, target: nil, state: .initial, candidate: Handoff.Candidate(
                previousSource: madeFrom, target: existing.content, sourceChanged: !unchanged))
        }
        return Handoff.File(path: path, sourceHash: sourceHash, units: handoffUnits)
    }
}
