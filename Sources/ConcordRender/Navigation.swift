import ConcordMarkdown
import ConcordModel
import Foundation
import Yams

/// One entry of a locale's table of contents.
public struct NavigationItem: Sendable, Hashable {
    /// The text shown.
    public var title: String
    /// The article it opens (path relative to the locale root), if any.
    public var path: String?
    /// A URL outside the site, if the entry points elsewhere.
    public var url: String?
    /// Nested entries.
    public var children: [NavigationItem]

    /// Creates an entry.
    public init(title: String, path: String? = nil, url: String? = nil, children: [NavigationItem] = []) {
        self.title = title
        self.path = path
        self.url = url
        self.children = children
    }
}

/// A locale's table of contents, from `toc.yml` (DocFX), `TOC.md` (a Markdown list of links)
/// or, when there is neither, the folder structure.
public struct Navigation: Sendable {
    /// Where the entries came from.
    public enum Origin: String, Sendable {
        case tocYAML = "toc.yml", tocMarkdown = "TOC.md", folders
    }

    /// The top-level entries.
    public var items: [NavigationItem]
    /// Where the entries came from.
    public var origin: Origin
    /// Table-of-contents files that could not be read (`invalid-toc` warnings): the navigation
    /// is built without them, from the next file or the folders.
    public var diagnostics: [Diagnostic]

    /// Creates a navigation from entries.
    public init(items: [NavigationItem], origin: Origin, diagnostics: [Diagnostic] = []) {
        self.items = items
        self.origin = origin
        self.diagnostics = diagnostics
    }

    /// How deeply `toc.yml` files may refer to one another.
    static let maximumTOCDepth = 8
    /// How many `toc.yml` entries one locale's navigation takes: files that refer to one
    /// another many times multiply, and depth alone does not bound them.
    public static let maximumTOCEntries = 10_000

    /// Where table-of-contents files are read from: the locale's folder first, then the source's,
    /// so a translated `toc.yml` wins and a missing one falls back to the source's.
    public struct Files: Sendable {
        /// Folders and the files each holds (relative paths), in order of preference.
        public var layers: [(root: String, files: Set<String>)]
        /// Where the files may lead once their links are resolved: the content's fence (by
        /// default, the folders themselves).
        public var fence: ContentFence

        /// Creates a lookup over folders in order of preference.
        public init(_ layers: [(root: String, files: Set<String>)], fence: ContentFence? = nil) {
            self.layers = layers
            self.fence = fence ?? ContentFence(roots: layers.map(\.root))
        }

        /// The file to read for a relative path, from the first folder that has it.
        func locate(_ path: String) -> String? {
            layers.first { $0.files.contains(path) }.map { $0.root + "/" + path }
        }

        /// Whether any folder has the path.
        func contains(_ path: String) -> Bool { layers.contains { $0.files.contains(path) } }

        /// Every relative path, across folders.
        var all: Set<String> { layers.reduce(into: Set<String>()) { $0.formUnion($1.files) } }
    }

    /// Builds the navigation of the locale whose folder is `root`.
    ///
    /// - Parameters:
    ///   - root: The locale folder.
    ///   - files: Every file of the locale, relative to `root`.
    ///   - titles: The title to show for each article path (a translation's, else the source's).
    ///   - resolver: Matches `.md` references to existing articles.
    public static func load(root: String, files: Set<String>, titles: [String: String], resolver: LinkResolver) -> Navigation {
        load(files: Files([(root, files)]), titles: titles, resolver: resolver)
    }

    /// Builds a navigation from table-of-contents files found in `files` (the locale's, then the source's).
    public static func load(files: Files, titles: [String: String], resolver: LinkResolver) -> Navigation {
        let problems = TOCProblems()
        for layer in files.layers {
            if let toc = layer.files.first(where: { $0.lowercased() == "toc.yml" }),
               let items = tocYAML(path: toc, files: Files([layer], fence: files.fence), titles: titles, resolver: resolver, depth: 0, problems: problems) {
                return Navigation(items: items, origin: .tocYAML, diagnostics: problems.diagnostics)
            }
            if let toc = layer.files.first(where: { $0.lowercased() == "toc.md" }), let input = tocMarkdownInput(layer.root + "/" + toc, fence: files.fence, problems: problems) {
                return Navigation(items: tocMarkdown(input, directory: "", titles: titles, resolver: resolver), origin: .tocMarkdown, diagnostics: problems.diagnostics)
            }
        }
        let items = folders(files: files, titles: titles, resolver: resolver, problems: problems)
        return Navigation(items: items, origin: .folders, diagnostics: problems.diagnostics)
    }

    /// What the reading of one navigation's table-of-contents files shares: their problems,
    /// each file's once (a file can be reached more than once: from a parent `toc.yml` and from
    /// its folder), the files being read, and how many entries were taken.
    final class TOCProblems {
        private(set) var diagnostics: [Diagnostic] = []
        private var files: Set<String> = []
        private var cycles: Set<String> = []
        /// The `toc.yml` files being read, outermost first, relative to the locale root.
        private(set) var reading: [String] = []
        /// The entries taken so far, nested files' included.
        private var entries = 0

        func add(_ problem: YAMLProblem, file: String) {
            guard files.insert(file).inserted else { return }
            diagnostics.append(Diagnostic(
                rule: "invalid-toc", severity: .warning, location: FileLocation(file: file, line: problem.line, column: problem.column),
                message: "table of contents cannot be read: \(problem.message); its entries are left out of the navigation"))
        }

        /// Marks `path` as being read, until the matching ``leave()``.
        func enter(_ path: String) { reading.append(path) }

        /// Marks the file last entered as read.
        func leave() { reading.removeLast() }

        /// Whether `target` is being read; if so, says so for the entry of `file` that refers to it.
        func isCycle(_ target: String, reference: String, at location: FileLocation) -> Bool {
            guard reading.contains(target) else { return false }
            if cycles.insert(location.description).inserted {
                diagnostics.append(Diagnostic(
                    rule: "toc-cycle", severity: .warning, location: location,
                    message: "'\(reference)' leads back to a table of contents being read (\((reading + [target]).joined(separator: " → "))); not read again inside itself"))
            }
            return true
        }

        /// Takes one more entry, or refuses it once the locale has ``Navigation/maximumTOCEntries``,
        /// saying so the first time.
        func takeEntry(at location: FileLocation) -> Bool {
            guard entries < Navigation.maximumTOCEntries else {
                if entries == Navigation.maximumTOCEntries {
                    entries += 1
                    diagnostics.append(Diagnostic(
                        rule: "toc-too-large", severity: .warning, location: location,
                        message: "the tables of contents of this locale have more than \(Navigation.maximumTOCEntries) entries; the rest are left out of the navigation"))
                }
                return false
            }
            entries += 1
            return true
        }
    }

    // MARK: - toc.yml

    /// Reads a DocFX `toc.yml`: a list (or `items:`) of entries with `name`, `href` and nested `items`;
    /// an `href` naming another `toc.yml` or a folder pulls that file's entries in as children.
    static func tocYAML(
        path: String, files: Files, titles: [String: String], resolver: LinkResolver, depth: Int, problems: TOCProblems
    ) -> [NavigationItem]? {
        guard depth < maximumTOCDepth, let file = files.locate(path) else { return nil }
        if let problem = sizeProblem(file) {
            problems.add(problem, file: file)
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try files.fence.read(file)
        } catch {
            problems.add(YAMLProblem(message: "the file cannot be read", line: 1, column: 1), file: file)
            return nil
        }
        let nested: (String, TOCEntry) -> [NavigationItem]? = { reference, entry in
            guard depth + 1 < maximumTOCDepth else { return nil }
            var target = reference
            if target.hasSuffix("/") || !target.lowercased().hasSuffix(".yml") {
                target = (target.hasSuffix("/") ? target : target + "/") + "toc.yml"
            }
            guard files.contains(target) else { return nil }
            let written = entry.href ?? entry.topicHref ?? reference
            guard !problems.isCycle(target, reference: written, at: FileLocation(file: file, line: entry.line, column: entry.column))
            else { return nil }
            return tocYAML(path: target, files: files, titles: titles, resolver: resolver, depth: depth + 1, problems: problems)
        }
        problems.enter(path)
        defer { problems.leave() }
        do {
            return try tocYAML(
                String(decoding: bytes, as: UTF8.self), directory: RelativePath.directory(of: path),
                nested: nested, titles: { titles[$0] }, resolver: resolver,
                takeEntry: { problems.takeEntry(at: FileLocation(file: file, line: $0.line, column: $0.column)) })
        } catch {
            problems.add(error, file: file)
            return nil
        }
    }

    /// Parses `toc.yml` text whose file sits in `directory` (relative to the locale root).
    /// Throws when the text is not YAML, or not a list of entries (alone or under `items:`).
    ///
    /// `nested` reads the table of contents an entry's `href` names; `takeEntry` is asked before
    /// each entry is taken, nested ones included, and no more are taken once it says no.
    static func tocYAML(
        _ text: String, directory: String,
        nested: (String, TOCEntry) -> [NavigationItem]?, titles: (String) -> String?, resolver: LinkResolver,
        takeEntry: (TOCEntry) -> Bool = { _ in true }
    ) throws(YAMLProblem) -> [NavigationItem] {
        let list: [TOCEntry]
        if let flat = FlatTOC.entries(text) { list = flat } else { list = try tocEntriesWithYams(text) }
        var full = false
        func convert(_ entries: [TOCEntry]) -> [NavigationItem] {
            var result: [NavigationItem] = []
            for map in entries {
                guard !full else { break }
                guard takeEntry(map) else {
                    full = true
                    break
                }
                var item = NavigationItem(title: map.name ?? map.displayName ?? "")
                if let href = map.href ?? map.topicHref, !href.isEmpty {
                    let lower = href.lowercased()
                    if URLPolicy.isRelativePath(href), lower.hasSuffix("toc.yml") || lower.hasSuffix("/") {
                        if let resolved = RelativePath.resolve(href, from: directory) {
                            item.children = nested(resolved.hasSuffix("/") || href.hasSuffix("/") ? resolved + "/" : resolved, map) ?? []
                        }
                    } else if let path = resolver.articlePath(href, from: directory) {
                        item.path = path
                    } else if !URLPolicy.isRelativePath(href), URLPolicy.isSafe(href), URLPolicy.scheme(of: href) != nil {
                        item.url = href
                    }
                }
                if let items = map.items { item.children += convert(items) }
                if item.title.isEmpty, let path = item.path { item.title = titles(path) ?? path }
                if item.title.isEmpty, item.children.isEmpty { continue }
                result.append(item)
            }
            return result
        }
        return convert(list)
    }

    /// The entries of a `toc.yml` read with Yams, for files beyond ``FlatTOC``.
    static func tocEntriesWithYams(_ text: String) throws(YAMLProblem) -> [TOCEntry] {
        // Every value is read as a string, so scalars need no tag resolution (the default
        // resolver runs its regular expressions on each one).
        let composed = try YAMLText.compose(text, resolver: .basic)
        guard let node = composed else { throw YAMLProblem(message: "the file has no entries", line: 1, column: 1) }
        if let sequence = node.sequence { return TOCEntry.entries(sequence, levels: maximumTOCLevels) }
        if let mapping = node.mapping, let items = TOCEntry(mapping, levels: maximumTOCLevels + 1).items { return items }
        throw YAMLProblem(
            message: "expected a list of entries, alone or under 'items:'", line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// How many levels of nested `items:` one `toc.yml` gives the navigation; deeper ones are left out.
    static let maximumTOCLevels = 32

    /// What navigation reads of a `toc.yml` entry.
    struct TOCEntry: Equatable {
        /// Where the entry starts (its first key), 1-based.
        var line = 1
        var column = 1
        var name: String?
        var displayName: String?
        var href: String?
        var topicHref: String?
        /// The entries under `items:` that are mappings, when it holds a list.
        var items: [TOCEntry]?

        init() {}

        /// An entry from a Yams mapping, with `levels` levels of entries under it at most.
        ///
        /// The keys are found in one pass over the mapping (`Node.Mapping`'s string subscript
        /// makes and resolves a key node, then compares it with every key, on each lookup).
        /// Yams rejects a mapping that repeats a key.
        init(_ mapping: Node.Mapping, levels: Int) {
            if let mark = mapping.mark { (line, column) = (mark.line, mark.column) }
            for (key, value) in mapping {
                guard let key = key.scalar?.string else { continue }
                switch key {
                case "name": name = value.string
                case "displayName": displayName = value.string
                case "href": href = value.string
                case "topicHref": topicHref = value.string
                case "items": items = value.sequence.map { TOCEntry.entries($0, levels: levels - 1) }
                default: break
                }
            }
        }

        /// The entries of a list that are mappings (others are skipped), `levels` levels deep at most.
        static func entries(_ sequence: Node.Sequence, levels: Int) -> [TOCEntry] {
            guard levels > 0 else { return [] }
            return sequence.compactMap { $0.mapping.map { TOCEntry($0, levels: levels) } }
        }
    }

    // MARK: - TOC.md

    /// The text of the `TOC.md` at `file`, or `nil` (with the problem said) when it cannot be read,
    /// is over the size limit, or has a shape cmark takes too long on.
    static func tocMarkdownInput(_ file: String, fence: ContentFence, problems: TOCProblems) -> MarkdownInput? {
        if let problem = sizeProblem(file) {
            problems.add(problem, file: file)
            return nil
        }
        guard let bytes = try? fence.read(file) else { return nil }
        let input = MarkdownInput(bytes: bytes)
        if let complex = input.problems.first(where: { $0.kind == .tooComplex }) {
            problems.add(YAMLProblem(
                message: "the block starting here leaves thousands of '![' image openers open before links, a shape the system libcmark takes minutes to parse",
                line: complex.line, column: 1), file: file)
            return nil
        }
        return input.isParsable ? input : nil
    }

    /// The problem of a table-of-contents file over the size limit, asked before it is read.
    static func sizeProblem(_ file: String) -> YAMLProblem? {
        guard let size = ArticleLoader.fileSize(file), size > MarkdownInput.maximumBytes else { return nil }
        return YAMLProblem(message: "the file is \(size) bytes, over the limit of \(MarkdownInput.maximumBytes) bytes", line: 1, column: 1)
    }

    /// Reads a Markdown table of contents: nested lists of links (or headings holding links, DocFX style).
    static func tocMarkdown(_ input: MarkdownInput, directory: String, titles: [String: String], resolver: LinkResolver) -> [NavigationItem] {
        let document = MarkdownParser.parse(input.body)

        func entry(for block: Int) -> NavigationItem? {
            var title = document.plainText(of: block).collapsingWhitespace()
            var item = NavigationItem(title: title)
            for index in document.descendants(of: block) where document[index].kind == .link {
                let destination = document.destination(of: index)
                if let path = resolver.articlePath(destination, from: directory) {
                    item.path = path
                } else if !URLPolicy.isRelativePath(destination), URLPolicy.isSafe(destination), URLPolicy.scheme(of: destination) != nil {
                    item.url = destination
                }
                title = document.plainText(of: index).collapsingWhitespace()
                break
            }
            item.title = title.isEmpty ? (item.path.flatMap { titles[$0] } ?? "") : title
            return item.title.isEmpty ? nil : item
        }

        // Lists: each item's first paragraph is the entry; a nested list gives its children.
        // Walked with an explicit stack of pending lists, so a deeply nested file cannot overflow.
        func list(_ index: Int) -> [NavigationItem] {
            var result: [NavigationItem] = []
            for item in document.children(of: index) {
                var entryItem: NavigationItem?
                var children: [NavigationItem] = []
                for child in document.children(of: item) {
                    switch document[child].kind {
                    case .paragraph, .heading: if entryItem == nil { entryItem = entry(for: child) }
                    case .list: children += depthOf(child) < 32 ? list(child) : []
                    default: break
                    }
                }
                if var entryItem {
                    entryItem.children = children
                    result.append(entryItem)
                } else {
                    result += children
                }
            }
            return result
        }

        func depthOf(_ index: Int) -> Int {
            var depth = 0
            var current = document[index].parent
            while current >= 0 { depth += 1; current = document[current].parent }
            return depth
        }

        // Headings (`# [Title](a.md)`, `## [Sub](b.md)`): levels give the nesting.
        var headingItems: [(level: Int, item: NavigationItem)] = []
        var listItems: [NavigationItem] = []
        for block in document.children(of: document.root) {
            switch document[block].kind {
            case .list: listItems += list(block)
            case .heading: if let item = entry(for: block) { headingItems.append((document[block].headingLevel, item)) }
            default: break
            }
        }
        guard !headingItems.isEmpty else { return listItems }
        func nest(_ entries: ArraySlice<(level: Int, item: NavigationItem)>) -> [NavigationItem] {
            var result: [NavigationItem] = []
            var index = entries.startIndex
            while index < entries.endIndex {
                let (level, item) = entries[index]
                var end = index + 1
                while end < entries.endIndex, entries[end].level > level { end += 1 }
                var nested = item
                nested.children = nest(entries[(index + 1)..<end])
                result.append(nested)
                index = end
            }
            return result
        }
        return nest(headingItems[...]) + listItems
    }

    // MARK: - Folders

    /// Entries from the folder structure: articles by title, sub-folders after them; a folder
    /// with its own `toc.yml` takes its entries from it, one with an `index.md` links to it.
    static func folders(files: Files, titles: [String: String], resolver: LinkResolver, problems: TOCProblems) -> [NavigationItem] {
        final class Folder {
            var articles: [String] = []
            var folders: [String: Folder] = [:]
        }
        let top = Folder()
        // The first spelling in path order, when a folder has `toc.yml` and `TOC.yml`.
        var folderTOCs: [String: String] = [:]
        for file in files.all where hasFileName(file, "toc.yml") {
            let folder = RelativePath.directory(of: file)
            if let known = folderTOCs[folder], known < file { continue }
            folderTOCs[folder] = file
        }
        for path in titles.keys.sorted() {
            var folder = top
            for name in folderNames(of: path) {
                if folder.folders[name] == nil { folder.folders[name] = Folder() }
                folder = folder.folders[name]!
            }
            folder.articles.append(path)
        }
        func items(_ folder: Folder, path: String, depth: Int) -> [NavigationItem] {
            // Sorted by lower-cased title, then path; the keys are made once, not in every comparison.
            let articles = folder.articles
                .filter { path.isEmpty || !hasFileName($0, "index.md") }
                .map { article -> (key: String, item: NavigationItem) in
                    let title = titles[article] ?? article
                    return (title.lowercased(), NavigationItem(title: title, path: article))
                }
                .sorted { ($0.key, $0.item.path!) < ($1.key, $1.item.path!) }
                .map(\.item)
            var subfolders: [NavigationItem] = []
            for name in folder.folders.keys.sorted() {
                let folderPath = path.isEmpty ? name : path + "/" + name
                let child = folder.folders[name]!
                var item = NavigationItem(title: name)
                if let toc = folderTOCs[folderPath],
                   let fromTOC = tocYAML(path: toc, files: files, titles: titles, resolver: resolver, depth: 1, problems: problems) {
                    item.children = fromTOC
                } else {
                    item.children = depth < 32 ? items(child, path: folderPath, depth: depth + 1) : []
                }
                if let index = child.articles.first(where: { hasFileName($0, "index.md") }) {
                    item.path = index
                    item.title = titles[index] ?? name
                }
                subfolders.append(item)
            }
            return articles + subfolders
        }
        return items(top, path: "", depth: 0)
    }

    /// The folders of a path, outermost first: its `/`-separated parts but the last, empty ones
    /// dropped. Split on bytes when the path is ASCII (every byte a Character then, as nearly
    /// all paths are); otherwise on Characters, where a mark could join a `/` to a letter.
    static func folderNames(of path: String) -> [String] {
        let parts: [String]
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            parts = path.utf8.split(separator: UInt8(ascii: "/")).map { String(Substring($0)) }
        } else {
            parts = path.split(separator: "/").map(String.init)
        }
        return Array(parts.dropLast())
    }

    /// Whether the last component of `path` is `name` (lower-case ASCII) in any ASCII case.
    /// (No other character lower-cases to an ASCII letter of `toc.yml` or `index.md`.)
    static func hasFileName(_ path: String, _ name: StaticString) -> Bool {
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
