import ConcordMarkdown
import ConcordModel
import Foundation

/// A Markdown file pulled into articles with `[!INCLUDE [title](path)]`, parsed once.
public struct IncludedDocument: Sendable {
    /// The path relative to the locale root.
    public var path: String
    /// The locale whose file was used (the article's, else the source's).
    public var locale: String
    /// The parsed body.
    public var document: MarkdownDocument
    /// The model of the file, for its heading anchors and procedures.
    public var article: Article
}

/// Finds and parses include files, caching them for every page that uses them.
///
/// Only files the content scan listed are read, so a reference can neither leave the
/// content root (`..` past the locale folder, a symbolic link pointing outside) nor reach
/// a file that is not part of the content.
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
    private var cache: [String: Result<IncludedDocument, Failure>] = [:]

    /// Creates a store for a content set.
    public init(content: ContentSet) {
        files = content.files
        var roots: [String: String] = [:]
        for entry in content.configuration.locales { roots[entry.id] = entry.path }
        self.roots = roots
        sourceLocale = content.sourceLocale
        fence = content.fence
    }

    /// The include `reference` names, written in a document in folder `directory` of `locale`.
    public func load(_ reference: String, from directory: String, locale: String) -> Result<IncludedDocument, Failure> {
        let (path, _) = URLPolicy.splitSuffix(reference)
        guard URLPolicy.isRelativePath(String(path)), let resolved = RelativePath.resolve(path, from: directory) else {
            return .failure(.outsideContentRoot(reference))
        }
        let key = locale + "\u{0}" + resolved
        lock.lock()
        if let cached = cache[key] { lock.unlock(); return cached }
        lock.unlock()

        var result: Result<IncludedDocument, Failure> = .failure(.missing(reference))
        for candidate in [locale, sourceLocale] where files[candidate]?.contains(resolved) == true {
            guard let root = roots[candidate] else { continue }
            let file = root + "/" + resolved
            let loaded = ArticleLoader.load(fileAt: file, path: resolved, locale: candidate, file: file, within: fence)
            if let article = loaded.article, let document = loaded.document {
                result = .success(IncludedDocument(path: resolved, locale: candidate, document: document, article: article))
                break
            }
        }
        lock.lock()
        cache[key] = result
        lock.unlock()
        return result
    }
}
