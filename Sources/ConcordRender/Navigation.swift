import ConcordMarkdown
import ConcordModel
import Foundation

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
/// or, when there is neither, the folder structure: the model's ``TableOfContents`` with its
/// links resolved to the articles that exist and its titles filled in, for the sidebar.
public struct Navigation: Sendable {
    /// Where the entries came from.
    public typealias Origin = TableOfContents.Origin

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

    /// How many `toc.yml` entries one locale's navigation takes.
    public static let maximumTOCEntries = TableOfContents.maximumEntries

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
        let layers = files.layers.map { TableOfContents.Layer(locale: nil, root: $0.root, files: $0.files) }
        return Navigation(TableOfContents.load(layers: layers, fence: files.fence, articlePaths: Array(titles.keys)), titles: titles, resolver: resolver)
    }

    /// The navigation of a table of contents the model read, with `titles` for each article
    /// path (a translation's, else the source's) and `resolver` to match `.md` references to
    /// existing articles.
    public init(_ contents: TableOfContents, titles: [String: String], resolver: LinkResolver) {
        switch contents.entries {
        case .tocYAML(let entries):
            items = Self.items(entries, titles: titles, resolver: resolver)
        case .tocMarkdown(let document):
            items = Self.tocMarkdown(document, directory: "", titles: titles, resolver: resolver)
        case .folders(let tocs):
            items = Self.folders(tocs: tocs, titles: titles, resolver: resolver)
        }
        origin = contents.origin
        diagnostics = contents.diagnostics
    }

    // MARK: - toc.yml

    /// The items of `toc.yml` entries: each `href` an article (its title when the entry has
    /// none) or a URL of another site; an entry with neither a title nor children is left out.
    static func items(_ entries: [NavigationEntry], titles: [String: String], resolver: LinkResolver) -> [NavigationItem] {
        entries.compactMap { entry in
            var item = NavigationItem(title: entry.title)
            if let href = entry.href {
                if let path = resolver.articlePath(href, from: entry.directory) {
                    item.path = path
                } else if !URLPolicy.isRelativePath(href), URLPolicy.isSafe(href), URLPolicy.scheme(of: href) != nil {
                    item.url = href
                }
            }
            item.children = items(entry.children, titles: titles, resolver: resolver)
            if item.title.isEmpty, let path = item.path { item.title = titles[path] ?? path }
            return item.title.isEmpty && item.children.isEmpty ? nil : item
        }
    }

    // MARK: - TOC.md

    /// Reads a Markdown table of contents: nested lists of links (or headings holding links, DocFX style).
    static func tocMarkdown(_ document: MarkdownDocument, directory: String, titles: [String: String], resolver: LinkResolver) -> [NavigationItem] {
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
    /// with its own `toc.yml` takes its entries from it (and its name from the `toc.yml`'s one
    /// top entry, when it has one), one with a landing page links to it and takes its title.
    static func folders(tocs: [String: [NavigationEntry]], titles: [String: String], resolver: LinkResolver) -> [NavigationItem] {
        final class Folder {
            var articles: [String] = []
            var folders: [String: Folder] = [:]
        }
        let top = Folder()
        for path in titles.keys.sorted() {
            var folder = top
            for name in TableOfContents.folderNames(of: path) {
                if folder.folders[name] == nil { folder.folders[name] = Folder() }
                folder = folder.folders[name]!
            }
            folder.articles.append(path)
        }
        func items(_ folder: Folder, path: String, depth: Int) -> [NavigationItem] {
            // Sorted by lower-cased title, then path; the keys are made once, not in every comparison.
            let folderName = path.split(separator: "/").last.map(String.init) ?? ""
            let articles = folder.articles
                .filter { path.isEmpty || !isLandingPage($0, ofFolder: folderName) }
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
                if let entries = tocs[folderPath] {
                    item.children = Self.items(entries, titles: titles, resolver: resolver)
                    // One entry holding the rest names the folder (`- name: Reference` / `items:`).
                    if item.children.count == 1, let only = item.children.first, !only.children.isEmpty {
                        item = NavigationItem(title: only.title, path: only.path, url: only.url, children: only.children)
                    }
                } else {
                    item.children = depth < 32 ? items(child, path: folderPath, depth: depth + 1) : []
                }
                let landing = child.articles.first { TableOfContents.hasFileName($0, "index.md") }
                    ?? child.articles.first { isLandingPage($0, ofFolder: name) }
                if let landing, item.path == nil || tocs[folderPath] == nil {
                    item.path = landing
                    item.title = titles[landing] ?? name
                }
                subfolders.append(item)
            }
            return articles + subfolders
        }
        return items(top, path: "", depth: 0)
    }

    /// Whether `path` is the page of its folder `folder`: its `index.md`, or the article named
    /// as the folder (`Microsoft.PowerShell.Core/Microsoft.PowerShell.Core.md`, a module's page).
    static func isLandingPage(_ path: String, ofFolder folder: String) -> Bool {
        if TableOfContents.hasFileName(path, "index.md") { return true }
        guard !folder.isEmpty else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.count == folder.count + 3 && name.lowercased() == folder.lowercased() + ".md"
    }
}
