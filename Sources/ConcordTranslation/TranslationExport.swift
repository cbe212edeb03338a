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
        let paths = content.sourceArticles.keys.sorted()
        let files = parallelMap(paths) { path -> Handoff.File? in
            guard let source = content.article(path, in: sourceLocale), let sourceDocument = documents[sourceLocale]?[path],
                  let bytes = try? content.fence.read(ContentSet.file(path, in: sourceRoot)) else { return nil }
            let translation = content.article(path, in: locale).flatMap { article in
                documents[locale]?[path].map { (article, $0) }
            }
            return file(source: (source, sourceDocument), sourceHash: SourceHash.of(file: bytes), translation: translation)
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
    static func file(source: (Article, MarkdownDocument), sourceHash: String, translation: (Article, MarkdownDocument)?) -> Handoff.File {
        let (sourceArticle, sourceDocument) = source
        let anchors = sourceArticle.sections.map(\.anchor)
        let units = ArticleSegmenter.segment(document: sourceDocument, article: sourceArticle, anchors: anchors)
        var translated: [String: TranslationUnit] = [:]
        var stale = false
        if let (article, document) = translation, article.sections.count == sourceArticle.sections.count {
            // Section by section under the source's anchors: a translated slug still lines up.
            for unit in ArticleSegmenter.segment(document: document, article: article, anchors: anchors) {
                translated[unit.id] = unit
            }
            if let recorded = article.metadata.sourceHash {
                stale = recorded.trimmingASCIIWhitespace().lowercased() != sourceHash
            }
        }
        let handoffUnits = units.map { unit -> Handoff.Unit in
            guard let existing = translated[unit.id] else { return Handoff.Unit(source: unit, target: nil, state: .initial, candidate: nil) }
            let mapped = CodeMapping.target(existing.content, onto: unit.content)
            if !stale, let mapped {
                return Handoff.Unit(source: unit, target: mapped, state: .final, candidate: nil)
            }
            return Handoff.Unit(source: unit, target: nil, state: .initial, candidate: Handoff.Candidate(
                previousSource: stale ? nil : unit.content, target: existing.content))
        }
        return Handoff.File(path: sourceArticle.path, sourceHash: sourceHash, units: handoffUnits)
    }
}
