import ConcordMarkdown

/// An entry of a table of contents as read, before its link is resolved against the articles.
public struct NavigationEntry: Sendable, Hashable {
    /// The text written for it (`name`, else `displayName`); empty when there is none.
    public var title: String
    /// Where it leads, as written (an article or a URL), relative to ``directory``; `nil` when
    /// it names nothing, or names a table of contents, whose entries are then its ``children``.
    public var href: String?
    /// The folder of the file it is written in, relative to the locale root.
    public var directory: String
    /// The entries of the table of contents it names, then those under its `items:`.
    public var children: [NavigationEntry]

    /// Creates an entry.
    public init(title: String, href: String? = nil, directory: String = "", children: [NavigationEntry] = []) {
        self.title = title
        self.href = href
        self.directory = directory
        self.children = children
    }
}

/// A locale's table of contents as its files give it: a `toc.yml` (DocFX) or a `TOC.md` (a
/// Markdown list of links), the locale's own or else the source's, or, when there is neither,
/// the `toc.yml` files of its folders. Reading them has limits (``maximumDepth``,
/// ``maximumEntries``, the size of a file, YAML aliases), and each file that cannot be read is a
/// finding at its line: `invalid-toc`, `toc-cycle`, `toc-too-large`.
///
/// The site resolves the entries' links and titles (which articles exist, in which locale) and
/// renders them; `concord check` reports the findings without rendering anything.
public struct TableOfContents: Sendable {
    /// Where the entries came from.
    public enum Origin: String, Sendable {
        case tocYAML = "toc.yml", tocMarkdown = "TOC.md", folders
    }

    /// The entries, as each kind of file gives them.
    public enum Entries: Sendable {
        /// A `toc.yml`'s entries, with the tables of contents they name read in.
        case tocYAML([NavigationEntry])
        /// A `TOC.md`, parsed: which of its lines are entries depends on which links lead to
        /// articles, so the site reads it from the tree.
        case tocMarkdown(MarkdownDocument)
        /// No table of contents at the root: the entries of each folder's `toc.yml` that was
        /// read, by folder (relative to the locale root); the other folders are their articles.
        case folders([String: [NavigationEntry]])
    }

    /// A folder table-of-contents files are read from.
    public struct Layer: Sendable {
        /// The locale whose folder it is, for the findings about its files.
        public var locale: String?
        /// The folder.
        public var root: String
        /// Every file in it, relative to `root`.
        public var files: Set<String>

        /// Creates a layer.
        public init(locale: String?, root: String, files: Set<String>) {
            self.locale = locale
            self.root = root
            self.files = files
        }
    }

    /// The entries.
    public var entries: Entries
    /// Table-of-contents files that could not be read, or not wholly: the entries are read
    /// without them, from the next file or the folders.
    public var diagnostics: [Diagnostic]

    /// Where the entries came from.
    public var origin: Origin {
        switch entries {
        case .tocYAML: .tocYAML
        case .tocMarkdown: .tocMarkdown
        case .folders: .folders
        }
    }

    /// Creates a table of contents from entries.
    public init(entries: Entries, diagnostics: [Diagnostic] = []) {
        self.entries = entries
        self.diagnostics = diagnostics
    }

    /// How deeply `toc.yml` files may refer to one another.
    public static let maximumDepth = 8
    /// How many `toc.yml` entries one locale's navigation takes: files that refer to one
    /// another many times multiply, and depth alone does not bound them.
    public static let maximumEntries = 10_000

    /// Reads the table of contents of a locale from `layers`: the locale's folder first, then
    /// the source's, so a translated `toc.yml` wins and a missing one falls back to the source's.
    ///
    /// - Parameters:
    ///   - fence: Where the files may lead once their links are resolved.
    ///   - articlePaths: The locale's articles (its source's and its own), whose folders are
    ///     the navigation when there is no table of contents at the root.
    public static func load(layers: [Layer], fence: ContentFence, articlePaths: [String]) -> TableOfContents {
        let reader = TOCReader(fence: fence)
        for layer in layers {
            // The first spelling in byte order, when a folder has both `toc.yml` and `TOC.yml`.
            if let toc = layer.files.filter({ $0.lowercased() == "toc.yml" }).min(),
               let entries = reader.tocYAML(path: toc, in: [layer], depth: 0) {
                return TableOfContents(entries: .tocYAML(entries), diagnostics: reader.diagnostics)
            }
            if let toc = layer.files.filter({ $0.lowercased() == "toc.md" }).min(),
               let document = reader.tocMarkdown(layer.root + "/" + toc, locale: layer.locale) {
                return TableOfContents(entries: .tocMarkdown(document), diagnostics: reader.diagnostics)
            }
        }
        let tocs = reader.folderTOCs(in: layers, articlePaths: articlePaths)
        return TableOfContents(entries: .folders(tocs), diagnostics: reader.diagnostics)
    }

    /// The folders of a path, outermost first: its `/`-separated parts but the last, empty ones
    /// dropped. Split on bytes when the path is ASCII (every byte a Character then, as nearly
    /// all paths are); otherwise on Characters, where a mark could join a `/` to a letter.
    public static func folderNames(of path: String) -> [String] {
        // Every navigation and table of contents asks for every article's path: the bytes are
        // read from the string's storage, not stepped through `String.UTF8View`.
        var path = path
        let ascii: [String]? = path.withUTF8 { bytes in
            var names: [String] = []
            var start = 0
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                guard byte == UInt8(ascii: "/") else { continue }
                if offset > start { names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)) }
                start = offset + 1
            }
            // The last part is the file's name; a path ending in `/` has none left to drop.
            if start == bytes.count, !names.isEmpty { names.removeLast() }
            return names
        }
        return ascii ?? Array(path.split(separator: "/").map(String.init).dropLast())
    }

    /// Whether the last component of `path` is `name` (lower-case ASCII) in any ASCII case.
    /// (No other character lower-cases to an ASCII letter of `toc.yml` or `index.md`.)
    public static func hasFileName(_ path: String, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let utf8 = path.utf8
        guard utf8.count >= count else { return false }
        let start = utf8.index(utf8.endIndex, offsetBy: -count)
        if start != utf8.startIndex, utf8[utf8.index(before: start)] != UInt8(ascii: "/") { return false }
        var expected = name.utf8Start
        for byte in utf8[start...] {
            let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
            guard lower == expected.pointee else { return false }
            expected += 1
        }
        return true
    }
}
