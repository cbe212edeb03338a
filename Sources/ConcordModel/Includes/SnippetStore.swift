import Foundation

/// The lines of a code snippet a page shows (``Snippet``), read from a file of the content.
public struct SnippetExcerpt: Sendable, Hashable {
    /// The lines shown, without their line ends.
    public var lines: [String]
    /// The indexes into ``lines`` that are highlighted.
    public var highlighted: Set<Int>
    /// The file read, as `<locale>/<path>` (what the build cache watches).
    public var file: String
}

/// Reads the files `:::code:::` and `[!code-…]` show, for the page and for `concord check`, so
/// that both agree on what is missing.
///
/// Only files the content scan listed are read, through the content fence: a snippet path can
/// neither leave the content root nor reach a file that is not content. `~/` names the locale
/// folder, as DocFX reads it from the folder of `docfx.json`; a translation without its own copy
/// of the file uses the source locale's.
public final class SnippetStore: @unchecked Sendable {
    /// Why a snippet cannot be shown.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case outsideContentRoot(String)
        case missing(String)
        case tooLarge(String, Int)
        case rangeOutOfBounds(String, range: String, lineCount: Int)
        case badRange(String, range: String)
        case nameNotFound(String, name: String)
        case tooManyLines(String, Int)

        public var description: String {
            switch self {
            case .outsideContentRoot(let path): "snippet file '\(path)' is outside the content root; it is not read"
            case .missing(let path): "snippet file '\(path)' does not exist"
            case .tooLarge(let path, let size):
                "snippet file '\(path)' is \(size) bytes, over the limit of \(SnippetStore.maximumBytes) bytes; it is not read"
            case .rangeOutOfBounds(let path, let range, let count): "range '\(range)' is outside '\(path)', which has \(count) lines"
            case .badRange(let path, let range): "range '\(range)' of '\(path)' is not a list of lines such as '3-7' or '1,4-6'"
            case .nameNotFound(let path, let name): "'\(path)' has no region or snippet named '\(name)'"
            case .tooManyLines(let path, let count):
                "the snippet of '\(path)' is \(count) lines, over the limit of \(SnippetStore.maximumLines) lines; it is not shown"
            }
        }
    }

    /// The largest snippet file read.
    public static let maximumBytes = 1 << 20
    /// The most lines one snippet shows.
    public static let maximumLines = 5_000

    private let files: [String: Set<String>]
    private let roots: [String: String]
    private let sourceLocale: String
    private let fence: ContentFence
    private let lock = NSLock()
    /// The lines of each file read (by `<locale>/<path>`), or why it could not be read.
    private var cache: [String: Result<[String], Failure>] = [:]

    /// Creates a store for a content set's files.
    init(configuration: Configuration, files: [String: Set<String>], fence: ContentFence) {
        self.files = files
        var roots: [String: String] = [:]
        for entry in configuration.locales { roots[entry.id] = entry.path }
        self.roots = roots
        sourceLocale = configuration.sourceLocale
        self.fence = fence
    }

    /// The lines `snippet` shows, written in a document in folder `directory` of `locale`.
    public func excerpt(_ snippet: Snippet, from directory: String, locale: String) -> Result<SnippetExcerpt, Failure> {
        var path = snippet.source
        var base = directory
        if path.hasPrefix("~/") {
            path.removeFirst(2)
            base = ""
        }
        guard ReferencePath.isRelativePath(path), let resolved = ReferencePath.resolve(path, from: base) else {
            return .failure(.outsideContentRoot(snippet.source))
        }
        guard let candidate = [locale, sourceLocale].first(where: { files[$0]?.contains(resolved) == true }) else {
            return .failure(.missing(snippet.source))
        }
        let key = candidate + "/" + resolved
        let lines: [String]
        switch read(resolved, locale: candidate, key: key) {
        case .success(let read): lines = read
        case .failure(let failure): return .failure(failure.named(snippet.source))
        }
        return Self.select(lines, snippet: snippet).map { shown, highlighted in
            SnippetExcerpt(lines: shown, highlighted: highlighted, file: key)
        }
    }

    private func read(_ resolved: String, locale: String, key: String) -> Result<[String], Failure> {
        lock.lock()
        let cached = cache[key]
        lock.unlock()
        if let cached { return cached }
        let result: Result<[String], Failure>
        if let root = roots[locale] {
            let file = ContentSet.file(resolved, in: root)
            if let size = ArticleLoader.fileSize(file), size > Self.maximumBytes {
                result = .failure(.tooLarge(resolved, size))
            } else if let bytes = try? fence.read(file) {
                var text = String(decoding: bytes, as: UTF8.self)
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                }
                if lines.last == "" { lines.removeLast() }
                result = .success(lines)
            } else {
                result = .failure(.missing(resolved))
            }
        } else {
            result = .failure(.missing(resolved))
        }
        lock.lock()
        cache[key] = result
        lock.unlock()
        return result
    }

    /// The lines of a file a snippet selects (a range, or a named region), and the highlighted ones.
    static func select(_ lines: [String], snippet: Snippet) -> Result<([String], Set<Int>), Failure> {
        var shown: [String]
        if let range = snippet.range, !range.isEmpty {
            guard let numbers = lineNumbers(range, count: lines.count) else { return .failure(.badRange(snippet.source, range: range)) }
            guard numbers.allSatisfy({ $0 >= 1 && $0 <= lines.count }), !numbers.isEmpty else {
                return .failure(.rangeOutOfBounds(snippet.source, range: range, lineCount: lines.count))
            }
            shown = numbers.map { lines[$0 - 1] }
        } else if let name = snippet.name, !name.isEmpty {
            guard let region = region(named: name, in: lines) else { return .failure(.nameNotFound(snippet.source, name: name)) }
            shown = region
        } else {
            shown = lines
        }
        guard shown.count <= maximumLines else { return .failure(.tooManyLines(snippet.source, shown.count)) }
        shown = dedented(shown)
        var highlighted: Set<Int> = []
        if let highlight = snippet.highlight, let numbers = lineNumbers(highlight, count: shown.count) {
            highlighted = Set(numbers.filter { $0 >= 1 && $0 <= shown.count }.map { $0 - 1 })
        }
        return .success((shown, highlighted))
    }

    /// The line numbers of `3-7`, `3-`, `1,4-6` (an open end runs to line `count`); `nil` when
    /// it is not such a list or names more lines than a snippet shows.
    public static func lineNumbers(_ text: String, count: Int) -> [Int]? {
        var numbers: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard bounds.count <= 2, let first = Int(bounds[0]) else { return nil }
            let last = bounds.count == 2 ? (bounds[1].isEmpty ? max(count, first) : Int(bounds[1])) : first
            guard let last, last >= first, last - first < maximumLines, numbers.count < maximumLines else { return nil }
            numbers += Array(first...last)
        }
        return numbers
    }

    /// The lines between the markers of a region named `name` (`#region name`, `// <name>`,
    /// `<!-- <name> -->`), markers of other regions inside left out.
    static func region(named name: String, in lines: [String]) -> [String]? {
        func marker(_ line: String) -> (name: String, opens: Bool)? {
            let text = line.trimmingCharacters(in: .whitespaces)
            for prefix in ["#region", "#pragma region"] where text.lowercased().hasPrefix(prefix) {
                return (text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces), true)
            }
            if text.lowercased().hasPrefix("#endregion") { return ("", false) }
            guard let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else { return nil }
            var inner = text[text.index(after: open)..<close]
            let closing = inner.hasPrefix("/")
            if closing { inner = inner.dropFirst() }
            guard !inner.isEmpty, inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
            return (String(inner), !closing)
        }
        guard let start = lines.firstIndex(where: { marker($0).map { $0.opens && $0.name.lowercased() == name.lowercased() } ?? false })
        else { return nil }
        var depth = 0
        var result: [String] = []
        for line in lines[(start + 1)...] {
            if let found = marker(line) {
                if found.opens { depth += 1; continue }
                if depth == 0 { return result }
                depth -= 1
                continue
            }
            result.append(line)
        }
        return result
    }

    /// The lines with the indentation they all share taken off.
    static func dedented(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        guard let shared = indents.min(), shared > 0 else { return lines }
        return lines.map { String($0.dropFirst(min(shared, $0.prefix { $0 == " " || $0 == "\t" }.count))) }
    }
}

extension SnippetStore.Failure {
    /// The failure naming the path as the article wrote it.
    func named(_ written: String) -> Self {
        switch self {
        case .missing: .missing(written)
        case .outsideContentRoot: .outsideContentRoot(written)
        case .tooLarge(_, let size): .tooLarge(written, size)
        default: self
        }
    }
}
