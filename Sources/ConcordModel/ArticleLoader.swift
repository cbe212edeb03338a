import ConcordMarkdown
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of loading one file: the article, if one could be built, and what went wrong.
public struct LoadResult: Sendable {
    /// The article; `nil` only when the file could not be read or is not text.
    public var article: Article?
    /// Problems found while loading, each naming file and line.
    public var diagnostics: [Diagnostic]
    /// The parsed Markdown body the article was built from, for renderers that need more than the model.
    public var document: MarkdownDocument? = nil
    /// The digest of the file's bytes, when they were read and a digest was asked for (the build
    /// cache keys pages by it).
    public var digest: Digest? = nil
}

/// Reads Markdown files into ``Article`` values. A bad file gives diagnostics, never a crash.
public enum ArticleLoader {
    /// Builds an article from bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The path relative to the locale root.
    ///   - locale: The locale id of the folder the file is in.
    ///   - file: The path shown to users in diagnostics.
    public static func load(bytes: [UInt8], path: String, locale: String, file: String) -> LoadResult {
        if let encoding = UTF16Text.detect(bytes) {
            return LoadResult(article: nil, diagnostics: [Diagnostic(
                rule: "unsupported-encoding", severity: .error, locale: locale, location: FileLocation(file: file, line: 1),
                message: "file is \(encoding.description), not UTF-8; skipped: \(encoding.advice)")])
        }
        var diagnostics: [Diagnostic] = []
        let input = MarkdownInput(bytes: bytes)
        for problem in input.problems {
            let location = FileLocation(file: file, line: problem.line, column: problem.column)
            switch problem.kind {
            case .binary:
                diagnostics.append(Diagnostic(rule: "binary-file", severity: .error, locale: locale, location: location,
                    message: "file is not text (NUL byte at line \(problem.line)); skipped"))
            case .invalidUTF8:
                diagnostics.append(Diagnostic(rule: "invalid-utf8", severity: .error, locale: locale, location: location,
                    message: "invalid UTF-8 at line \(problem.line), column \(problem.column); the bad bytes read as U+FFFD"))
            case .unterminatedFrontMatter:
                diagnostics.append(Diagnostic(rule: "invalid-front-matter", severity: .error, locale: locale, location: location,
                    message: "front matter opened with '---' is never closed; the file was read as Markdown only"))
            case .tooLarge:
                diagnostics.append(Diagnostic(rule: "file-too-large", severity: .error, locale: locale, location: location,
                    message: ArticleLoader.tooLargeMessage(bytes.count)))
            case .tooComplex:
                diagnostics.append(Diagnostic(rule: "markdown-too-complex", severity: .error, locale: locale, location: location,
                    message: "the block starting here leaves thousands of '![' image openers open before links, a shape the "
                        + "system libcmark (0.30.2, before the fix for CVE-2023-22486) takes minutes to parse; skipped"))
            }
        }
        if !input.isParsable { return LoadResult(article: nil, diagnostics: diagnostics) }

        var metadata = Metadata()
        if let yaml = input.frontMatter {
            switch MetadataParser.parse(yaml, firstLine: input.frontMatterFirstLine) {
            case .success(let parsed):
                metadata = parsed
            case .failure(let failure):
                diagnostics.append(Diagnostic(rule: "invalid-front-matter", severity: .error, locale: locale,
                    location: FileLocation(file: file, line: failure.line, column: input.frontMatterFileColumn(failure.column, line: failure.line)),
                    message: "front matter is not valid YAML: \(failure.message)"))
            }
        }
        var document = MarkdownParser.parse(input.body)
        var builder = ArticleBuilder(document: document, article: Article(path: path, locale: locale, file: file, metadata: metadata))
        let article = builder.build()
        if let line = builder.cellReferenceLimitLine {
            diagnostics.append(Diagnostic(rule: "cell-reference-limit", severity: .warning, locale: locale,
                location: FileLocation(file: file, line: line),
                message: "table cells name more than \(ReferenceDefinitionLines.maximumBytes >> 20) MB of reference definitions; "
                    + "from this cell on, reference links in cells are left as text"))
        }
        if let limit = builder.htmlLimit {
            diagnostics.append(Diagnostic(rule: "html-block-limit", severity: .warning, locale: locale,
                location: FileLocation(file: file, line: limit.line), message: htmlLimitMessage(limit)))
        }
        document.tables = builder.tables
        document.fragments = builder.fragments
        document.docfx = builder.docfx
        return LoadResult(article: article, diagnostics: diagnostics, document: document)
    }

    /// Builds an article from Markdown text (for tests and tools).
    public static func load(markdown: String, path: String = "article.md", locale: String = "en-US", file: String? = nil) -> LoadResult {
        load(bytes: Array(markdown.utf8), path: path, locale: locale, file: file ?? path)
    }

    /// The message of `html-block-limit`: which limit, and that the rest of the block is not checked.
    static func htmlLimitMessage(_ limit: HTMLBlockContent.Limit) -> String {
        let what = switch limit.kind {
        case .bytes: "an HTML block of more than \(HTMLBlockReader.maximumBytes >> 20) MB"
        case .depth: "HTML nested more than \(HTMLBlockReader.maximumDepth) elements deep"
        case .cells: "an HTML block with more than \(HTMLBlockReader.maximumCells) table cells"
        }
        return "\(what); from here on, its text, links and tables are not checked"
    }

    /// The message of `file-too-large` for a file of `size` bytes.
    static func tooLargeMessage(_ size: Int) -> String {
        "file is \(size) bytes, over the limit of \(MarkdownInput.maximumBytes) bytes (\(MarkdownInput.maximumBytes >> 20) MB); skipped"
    }

    /// The size of the file at `path`, from `stat`, without reading it; `nil` when it cannot be asked.
    public static func fileSize(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Reads and builds the file at `fileSystemPath`, a file the user named (`concord inspect FILE`).
    public static func load(fileAt fileSystemPath: String, path: String, locale: String, file: String) -> LoadResult {
        load(fileAt: fileSystemPath, path: path, locale: locale, file: file) { () throws(FileSystem.Failure) in try FileSystem.read(fileSystemPath) }
    }

    /// Reads and builds a content file, only if it resolves inside `fence`; with `digesting`, the
    /// result has the ``Digest`` of the file's bytes (a plain check has no cache to key, and
    /// hashing every byte of every file would be wasted on it).
    public static func load(
        fileAt fileSystemPath: String, path: String, locale: String, file: String, within fence: ContentFence, digesting: Bool = false
    ) -> LoadResult {
        load(fileAt: fileSystemPath, path: path, locale: locale, file: file, digesting: digesting) { () throws(FileSystem.Failure) in
            try fence.read(fileSystemPath)
        }
    }

    private static func load(
        fileAt fileSystemPath: String, path: String, locale: String, file: String, digesting: Bool = false,
        reading: () throws(FileSystem.Failure) -> [UInt8]
    ) -> LoadResult {
        // Asked before reading: the limit is there so that a huge file is never held in memory.
        if let size = fileSize(fileSystemPath), size > MarkdownInput.maximumBytes {
            return LoadResult(article: nil, diagnostics: [Diagnostic(
                rule: "file-too-large", severity: .error, locale: locale, location: FileLocation(file: file, line: 1),
                message: tooLargeMessage(size))])
        }
        do {
            let bytes = try reading()
            var result = load(bytes: bytes, path: path, locale: locale, file: file)
            if digesting { result.digest = Digest.of(bytes) }
            return result
        } catch {
            let location = FileLocation(file: file, line: 1)
            let diagnostic = error.leadsOutside
                ? Diagnostic(rule: ContentFence.rule, severity: .error, locale: locale, location: location, message: error.reason)
                : Diagnostic(rule: "unreadable-file", severity: .error, locale: locale, location: location, message: "cannot read file: \(error.reason)")
            return LoadResult(article: nil, diagnostics: [diagnostic])
        }
    }
}
