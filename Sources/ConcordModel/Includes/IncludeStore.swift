import ConcordMarkdown
import Foundation

/// A Markdown file pulled into articles with `[!INCLUDE [title](path)]`, parsed once.
public struct IncludedDocument: Sendable {
    /// The path relative to the locale root.
    public var path: String
    /// The locale whose file was used (the article's, else the source's).
    public var locale: String
    /// The file read, as findings name it.
    public var file: String
    /// The parsed body.
    public var document: MarkdownDocument
    /// The model of the file, for its heading anchors and procedures.
    public var article: Article
}

/// Finds and parses include files, caching them for every page that uses them.
///
/// Only files the content scan listed are read, so a reference can neither leave the
/// content root (`..` past the locale folder, a symbolic link pointing outside) nor reach
/// a file that is not part of the content. The content set's store is filled while the
/// content loads (its articles' includes are expanded then, for their findings), and the
/// site's pages take the parsed files from it.
public final class IncludeStore: @unchecked Sendable {
    /// Why an include could not be expanded.
    public enum Failure: Error, Sendable, Hashable {
        /// The path climbs above the locale folder.
        case outsideContentRoot(String)
        /// No such file in the locale or in the source locale.
        case missing(String)
    }

    private let files: [String: Set<String>]
    private let roots: [String: String]
    private let sourceLocale: String
    private let fence: ContentFence
    private let lock = NSLock()
    /// The file found for each locale and resolved path; `nil` when there is none. Failures are
    /// not kept as such: each names the reference as its own document wrote it, and two
    /// documents can reach one path by different references.
    private var cache: [String: IncludedDocument?] = [:]

    /// Creates a store for a content set.
    public convenience init(content: ContentSet) {
        self.init(configuration: content.configuration, files: content.files, fence: content.fence)
    }

    /// Creates a store over the files of each locale the configuration lists.
    init(configuration: Configuration, files: [String: Set<String>], fence: ContentFence) {
        self.files = files
        var roots: [String: String] = [:]
        for entry in configuration.locales { roots[entry.id] = entry.path }
        self.roots = roots
        sourceLocale = configuration.sourceLocale
        self.fence = fence
    }

    /// The include `reference` names, written in a document in folder `directory` of `locale`.
    public func load(_ reference: String, from directory: String, locale: String) -> Result<IncludedDocument, Failure> {
        let (path, _) = ReferencePath.splitSuffix(reference)
        guard ReferencePath.isRelativePath(String(path)), let resolved = ReferencePath.resolve(path, from: directory) else {
            return .failure(.outsideContentRoot(reference))
        }
        let key = locale + "\u{0}" + resolved
        lock.lock()
        let cached = cache[key]
        lock.unlock()
        let found = cached ?? find(resolved, locale: locale)
        if cached == nil {
            lock.lock()
            cache[key] = .some(found)
            lock.unlock()
        }
        guard let found else { return .failure(.missing(reference)) }
        return .success(found)
    }

    /// Reads and parses the include at `resolved`: the locale's file, else the source's.
    private func find(_ resolved: String, locale: String) -> IncludedDocument? {
        for candidate in [locale, sourceLocale] where files[candidate]?.contains(resolved) == true {
            guard let root = roots[candidate] else { continue }
            let file = ContentSet.file(resolved, in: root)
            let loaded = ArticleLoader.load(fileAt: file, path: resolved, locale: candidate, file: file, within: fence)
            if let article = loaded.article, let document = loaded.document {
                return IncludedDocument(path: resolved, locale: candidate, file: file, document: document, article: article)
            }
        }
        return nil
    }
}
