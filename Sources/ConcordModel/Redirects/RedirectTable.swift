import Foundation

/// One entry of a locale's `.openpublishing.redirection.json`: a page that moved.
public struct Redirect: Sendable, Hashable, Codable {
    /// The path that moved, relative to the locale root (`partner-center/old-name.md`).
    public var sourcePath: String
    /// Where it moved to, as written: a URL, or a path of the published site.
    public var redirectURL: String
    /// `redirect_document_id`: whether the new page takes over the old one's document id (its
    /// history and metrics); `"true"`/`"TRUE"` and JSON `true` alike.
    public var redirectDocumentID: Bool
    /// The line of the entry's `source_path` in the file.
    public var line: Int

    /// An entry.
    public init(sourcePath: String, redirectURL: String, redirectDocumentID: Bool, line: Int) {
        self.sourcePath = sourcePath
        self.redirectURL = redirectURL
        self.redirectDocumentID = redirectDocumentID
        self.line = line
    }
}

/// A locale's redirect table: the moved pages its `.openpublishing.redirection.json` names (the
/// file DocFX and Microsoft Docs read, at the root of each locale's repository).
///
/// A link to a moved path is not broken (the site answers it with a redirect page); a redirected
/// path that still has its file is a mistake the checks point out.
public struct RedirectTable: Sendable {
    /// The file's name, at a locale's root.
    public static let fileName = ".openpublishing.redirection.json"
    /// The entries kept at most; more is a finding, and the rest are not read.
    public static let maximumEntries = 20_000
    /// The largest file read.
    public static let maximumBytes = 5 << 20
    /// The finding for a file that cannot be used, wholly or in part.
    public static let rule = "invalid-redirects"

    /// The entries, in file order, one per source path (the first kept).
    public let entries: [Redirect]
    /// The redirection file, as findings name it; empty when there is none.
    public let file: String
    /// Lower-cased source path → index in ``entries``.
    private let index: [String: Int]

    /// No redirects.
    public init() {
        entries = []
        file = ""
        index = [:]
    }

    init(entries: [Redirect], file: String) {
        var kept: [Redirect] = []
        var index: [String: Int] = [:]
        for entry in entries where index[entry.sourcePath.lowercased()] == nil {
            index[entry.sourcePath.lowercased()] = kept.count
            kept.append(entry)
        }
        self.entries = kept
        self.file = file
        self.index = index
    }

    /// Whether there are no redirects.
    public var isEmpty: Bool { entries.isEmpty }

    /// The redirect of `path` (relative to the locale root, no `.` or `..`), in any letter case,
    /// `.md` optional as for links.
    public func redirect(for path: String) -> Redirect? {
        guard !index.isEmpty else { return nil }
        let lower = path.lowercased()
        return (index[lower] ?? index[lower + ".md"]).map { entries[$0] }
    }

    /// Reads the redirection file of the locale at `root`, if it has one, through `fence`.
    public static func load(root: String, locale: String, fence: ContentFence) -> (table: RedirectTable, diagnostics: [Diagnostic]) {
        let file = ContentSet.file(fileName, in: root)
        guard FileSystem.exists(file) else { return (RedirectTable(), []) }
        func problem(_ message: String, line: Int = 1) -> Diagnostic {
            Diagnostic(rule: rule, severity: .warning, locale: locale, location: FileLocation(file: file, line: line), message: message)
        }
        if let size = ArticleLoader.fileSize(file), size > maximumBytes {
            return (RedirectTable(), [problem("the redirection file is \(size) bytes, over the limit of \(maximumBytes >> 20) MB; not read")])
        }
        let bytes: [UInt8]
        do { bytes = try fence.read(file) } catch {
            return (RedirectTable(), [problem("cannot read the redirection file: \(error.reason)")])
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let list = json["redirections"] as? [Any] else {
            return (RedirectTable(), [problem("not a redirection file: expected JSON with a 'redirections' list; not read")])
        }
        let lines = sourcePathLines(bytes)
        var entries: [Redirect] = []
        var diagnostics: [Diagnostic] = []
        for (position, item) in list.enumerated() {
            let line = position < lines.count ? lines[position] : 1
            guard entries.count < maximumEntries else {
                diagnostics.append(problem("more than \(maximumEntries) redirections; the rest are not read", line: line))
                break
            }
            guard let object = item as? [String: Any], let source = object["source_path"] as? String,
                  let url = object["redirect_url"] as? String, !url.isEmpty else {
                diagnostics.append(problem("a redirection needs 'source_path' and 'redirect_url' strings; skipped", line: line))
                continue
            }
            guard case .inside(let path) = RelativeTarget(path: source, inFolder: ""), !path.isEmpty else {
                diagnostics.append(problem("source_path '\(source)' is not a path inside the locale; skipped", line: line))
                continue
            }
            let keepsID: Bool
            switch object["redirect_document_id"] {
            case let flag as Bool: keepsID = flag
            case let text as String: keepsID = text.lowercased() == "true"
            default: keepsID = false
            }
            entries.append(Redirect(sourcePath: path, redirectURL: url, redirectDocumentID: keepsID, line: line))
        }
        return (RedirectTable(entries: entries, file: file), diagnostics)
    }

    /// The line of each `"source_path"` key, in order: JSONSerialization tells no positions, and
    /// the entries of a redirection file each have one.
    static func sourcePathLines(_ bytes: [UInt8]) -> [Int] {
        let key = Array("\"source_path\"".utf8)
        var lines: [Int] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
            } else if bytes[i] == key[0], i + key.count <= bytes.count, bytes[i..<(i + key.count)].elementsEqual(key) {
                lines.append(line)
                i += key.count
                continue
            }
            i += 1
        }
        return lines
    }
}
