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
    /// A translation is in sync unless its `source-hash` names another version of its source
    /// (`stale-translation`'s first signal). An in-sync translation's unit with the same id and
    /// the same codes is the target (`final`). A stale one's unit is a candidate (`initial`),
    /// with the source it was made from where git still has that version.
    public static func handoff(_ configuration: Configuration, locale: String) throws(Failure) -> (handoff: Handoff, diagnostics: [Diagnostic]) {
        let sourceLocale = configuration.sourceLocale
        guard locale != sourceLocale else { throw Failure(description: "\(locale) is the source locale; name a translation locale") }
        guard configuration.locales.contains(where: { $0.id == locale }) else {
            throw Failure(description: "no locale \(locale) in the content (locales: \(configuration.locales.map(\.id).joined(separator: ", ")))")
        }
        // Only the two locales are read: the others have nothing to say about this one.
        var configuration = configuration
        configuration.locales.removeAll { $0.id != sourceLocale && $0.id != locale }
        let (content, documents) = ContentSet.loadWithDocuments(configuration)
        let sourceRoot = configuration.locales.first { $0.id == sourceLocale }?.path ?? ""
        // FAQ pages written as YAML are articles read from their YAML, not from Markdown a
        // translation could be written back into: they are not handed off.
        let paths = content.sourceArticles.filter { $0.value.faq == nil }.keys.sorted()
        let files = parallelMap(paths) { path -> Handoff.File? in
            guard let source = content.article(path, in: sourceLocale), let sourceDocument = documents[sourceLocale]?[path],
                  let bytes = try? content.fence.read(ContentSet.file(path, in: sourceRoot)) else { return nil }
            // A translation written as a FAQ page is read from its YAML: units are made afresh from the source.
            let translation = content.article(path, in: locale).flatMap { article in
                article.faq != nil ? nil : documents[locale]?[path].map { (article, $0) }
            }
            return file(source: (source, sourceDocument), sourceFile: ContentSet.file(path, in: sourceRoot),
                        sourceHash: SourceHash.of(file: bytes), translation: translation)
        }
        let handoff = Handoff(sourceLocale: sourceLocale, targetLocale: locale, files: files.compactMap { $0 })
        var diagnostics = content.diagnostics
        for file in handoff.files where file.units.count >= ArticleSegmenter.maximumUnits {
            diagnostics.append(Diagnostic(
                rule: "translation-unit-limit", severity: .warning, locale: sourceLocale,
                location: FileLocation(file: ContentSet.file(file.path, in: sourceRoot), line: 1),
                message: "more than \(ArticleSegmenter.maximumUnits) translation units; only the first \(ArticleSegmenter.maximumUnits) are exported"))
        }
        return (handoff, diagnostics)
    }

    /// One article's units, with its translation (if any) put in.
    static func file(source: (Article, MarkdownDocument), sourceFile: String, sourceHash: String, translation: (Article, MarkdownDocument)?) -> Handoff.File {
        let (sourceArticle, sourceDocument) = source
        let units = ArticleSegmenter.segment(document: sourceDocument, article: sourceArticle)
        let path = sourceArticle.path
        guard let (article, document) = translation else {
            return Handoff.File(path: path, sourceHash: sourceHash, units: units.map { Handoff.Unit(source: $0, target: nil, state: .initial, candidate: nil) })
        }
        let recorded = article.metadata.sourceHash?.trimmingASCIIWhitespace().lowercased()
        let stale = recorded.map { $0 != sourceHash } ?? false
        // What the translation was made from: the source as it is, or for a stale translation the
        // version git still has (its units tell which of today's units changed since).
        var base: (anchors: [String], units: [String: TranslationUnit]?)? = stale ? nil : (sourceArticle.sections.map(\.anchor), nil)
        if stale, let recorded, let bytes = SourceVersions.version(of: sourceFile, withSourceHash: recorded),
           let previous = ArticleSegmenter.segment(bytes: bytes, path: path, locale: sourceArticle.locale, file: sourceFile) {
            base = (previous.article.sections.map(\.anchor), Dictionary(previous.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        let anchors = base?.anchors ?? sourceArticle.sections.map(\.anchor)
        var translated: [String: TranslationUnit] = [:]
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
                previousSource: madeFrom, target: existing.content, sourceChanged: stale))
        }
        return Handoff.File(path: path, sourceHash: sourceHash, units: handoffUnits)
    }
}
