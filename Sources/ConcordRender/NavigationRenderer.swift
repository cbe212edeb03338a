import ConcordModel
import Foundation

/// A locale's navigation flattened for fast per-page work: the sidebar tree with the current
/// page marked and its branch open, and the breadcrumbs to a page.
///
/// Large tables of contents (thousands of entries) would make every page heavy, so above
/// ``fullTreeLimit`` entries only the current page's branch is expanded; the other branches
/// link to their first page. Everything works without JavaScript (`<details>` elements).
public struct NavigationRenderer: Sendable {
    struct Node: Sendable {
        var title: String
        var path: String?
        var url: String?
        var parent: Int
        var children: [Int]
        /// Where the entry is among its parent's children (or the top-level entries).
        var position = 0
        /// The escaped link target relative to the locale folder (`a/b.html`), or an escaped external URL.
        var target: String = ""
        /// The escaped title.
        var escapedTitle: String = ""
    }

    /// Above this many entries, branches away from the current page are collapsed to one link.
    public static let fullTreeLimit = 400

    /// An entry's link as UTF-8, worked out once. Article links are written as `<a href="`,
    /// the page's `../` prefix, `target`, the current-page mark or `">`, then `tail` (the
    /// title and `</a>`); other entries are `tail` alone.
    struct LinkBytes: Sendable {
        var isArticle: Bool
        var target: [UInt8]
        var tail: [UInt8]
        /// Whether the entry is a link (to an article or another site), not a title alone.
        var isInteractive: Bool
        /// The escaped title.
        var title: [UInt8]
    }

    private var nodes: [Node] = []
    /// ``LinkBytes`` of each node, by index.
    private var linkBytes: [LinkBytes] = []
    private var topLevel: [Int] = []
    private var firstNodeForPath: [String: Int] = [:]
    /// Sidebars made so far, shared by the pages of a folder.
    private let sidebars = Sidebars()
    /// The locale the pages are in.
    public let locale: String

    /// Flattens a navigation. `untranslated` maps each article the locale lacks to its source
    /// title, and `sourceLocale` is that title's language: an entry showing it says so (`lang`),
    /// so a screen reader reads an English title in a French sidebar as English.
    public init(navigation: Navigation, locale: String, untranslated: [String: String] = [:], sourceLocale: String? = nil) {
        self.locale = locale
        // Iterative flattening: a stack of (item, parent) in reverse so order is kept.
        var pending: [(NavigationItem, Int, Bool)] = navigation.items.reversed().map { ($0, -1, true) }
        while let (item, parent, isTop) = pending.popLast() {
            let index = nodes.count
            nodes.append(Node(title: item.title, path: item.path, url: item.url, parent: parent, children: []))
            if isTop {
                nodes[index].position = topLevel.count
                topLevel.append(index)
            } else {
                nodes[index].position = nodes[parent].children.count
                nodes[parent].children.append(index)
            }
            if let path = item.path, firstNodeForPath[path] == nil { firstNodeForPath[path] = index }
            pending += item.children.reversed().map { ($0, index, false) }
        }
        // Escaping and link targets are the same on every page: work them out once.
        for index in nodes.indices {
            nodes[index].escapedTitle = HTMLEscaping.escape(nodes[index].title)
            if let target = nodes[index].path ?? firstPath(under: index) {
                // Written after the page's `../` prefix, or alone on a page at the locale root, where
                // `javascript:x.html` would read as a scheme: hence ``URLPolicy/relativeReference(_:)``.
                let page = URLPolicy.relativeReference(SitePaths.withoutMarkdownExtension(target) + ".html")
                nodes[index].target = HTMLEscaping.escape(URLPolicy.encodeForAttribute(page))
            } else if let url = nodes[index].url {
                nodes[index].target = HTMLEscaping.escape(URLPolicy.encodeForAttribute(url))
            }
        }
        let sourceLang = sourceLocale.map { " lang=\"" + HTMLEscaping.escape($0) + "\"" } ?? ""
        linkBytes = nodes.map { node in
            if node.path != nil || (node.url == nil && !node.target.isEmpty) {
                var title = node.escapedTitle
                if !sourceLang.isEmpty, let path = node.path, untranslated[path] == node.title {
                    title = "<span" + sourceLang + ">" + title + "</span>"
                }
                return LinkBytes(
                    isArticle: true, target: Array(node.target.utf8), tail: Array((title + "</a>").utf8),
                    isInteractive: true, title: Array(title.utf8))
            } else if let url = node.url {
                let rel = URLPolicy.opensAnotherSite(url) ? " rel=\"noopener\"" : ""
                return LinkBytes(
                    isArticle: false, target: [], tail: Array("<a class=\"external\" href=\"\(node.target)\"\(rel)>\(node.escapedTitle)</a>".utf8),
                    isInteractive: true, title: Array(node.escapedTitle.utf8))
            } else {
                return LinkBytes(
                    isArticle: false, target: [], tail: Array("<span>\(node.escapedTitle)</span>".utf8),
                    isInteractive: false, title: Array(node.escapedTitle.utf8))
            }
        }
    }

    /// Whether the navigation has no entries.
    public var isEmpty: Bool { nodes.isEmpty }

    /// The entries from the top down to (not including) the page's own entry.
    public func ancestors(of path: String) -> [(title: String, path: String?)] {
        guard let index = firstNodeForPath[path] else { return [] }
        var chain: [(String, String?)] = []
        var current = nodes[index].parent
        while current >= 0 {
            chain.append((nodes[current].title, nodes[current].path ?? firstPath(under: current)))
            current = nodes[current].parent
        }
        return chain.reversed()
    }

    /// The first article reachable from an entry (itself or a descendant), depth first.
    private func firstPath(under index: Int) -> String? {
        var stack = [index]
        while let current = stack.popLast() {
            if let path = nodes[current].path { return path }
            stack += nodes[current].children.reversed()
        }
        return nil
    }

    /// The sidebar HTML for the page at `currentPath` (`nil` for the locale home). Links are relative to `pageDirectory`.
    ///
    /// Written as UTF-8 bytes into one buffer: appending hundreds of small strings to a
    /// `String` cost more than everything else here.
    public func html(currentPath: String?, pageDirectory: String) -> String {
        String(decoding: htmlUTF8(currentPath: currentPath, pageDirectory: pageDirectory), as: UTF8.self)
    }

    /// ``html(currentPath:pageDirectory:)`` as UTF-8, which is how article pages take it.
    ///
    /// The pages of one folder have nearly the same sidebar: the same branch open, the same
    /// `../` prefix, and only their own entry marked (and opened, when it has entries under
    /// it). So the sidebar with the parent's branch open and nothing marked is made once per
    /// parent entry and folder depth (``Sidebars``), and a page's own is that with its entry's
    /// lines written again. Sidebars of large folders run to tens of kilobytes.
    func htmlUTF8(currentPath: String?, pageDirectory: String) -> [UInt8] {
        let depth = pageDirectory.isEmpty ? 0 : pageDirectory.split(separator: "/").count
        let current = currentPath.flatMap { firstNodeForPath[$0] } ?? -1
        let parent = current >= 0 ? nodes[current].parent : -1
        let base = sidebars.sidebar(parent: parent, depth: depth) {
            var sidebar = Sidebars.Sidebar(bytes: [], entries: [])
            sidebar.bytes.reserveCapacity(16_384)
            sidebar.entries = write(
                roots: topLevel, open: openBranch(from: parent), current: -1, prefix: Self.prefix(depth: depth),
                whole: true, recordingEntriesOf: parent, into: &sidebar.bytes)
            return sidebar
        }
        guard current >= 0 else { return base.bytes }
        // The entry's lines in the shared sidebar, from where it starts to where the next sibling
        // starts (or its parent's list closes).
        let entry = base.entries[nodes[current].position]
        var out: [UInt8] = []
        out.reserveCapacity(base.bytes.count + 256)
        base.bytes.withUnsafeBufferPointer { bytes in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<entry.lowerBound]))
            _ = write(
                roots: [current], open: openBranch(from: current), current: current, prefix: Self.prefix(depth: depth),
                whole: false, recordingEntriesOf: -2, into: &out)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[entry.upperBound...]))
        }
        return out
    }

    /// The sidebar written in one pass, entry by entry, as ``htmlUTF8(currentPath:pageDirectory:)``
    /// must give it: the definition its shared sidebars are held to in tests.
    func htmlUTF8WrittenWhole(currentPath: String?, pageDirectory: String) -> [UInt8] {
        let depth = pageDirectory.isEmpty ? 0 : pageDirectory.split(separator: "/").count
        let current = currentPath.flatMap { firstNodeForPath[$0] } ?? -1
        var out: [UInt8] = []
        _ = write(
            roots: topLevel, open: openBranch(from: current), current: current, prefix: Self.prefix(depth: depth),
            whole: true, recordingEntriesOf: -2, into: &out)
        return out
    }

    /// `../` once per folder level.
    private static func prefix(depth: Int) -> [UInt8] {
        Array(String(repeating: "../", count: depth).utf8)
    }

    /// The open entries when `index` is the deepest one (`-1`: none): it and the entries above
    /// it, and a lone top-level entry (a product's root), which is always open: closed, the
    /// sidebar would be one line. A handful of entries, searched faster in an array than hashed.
    private func openBranch(from index: Int) -> [Int] {
        var open: [Int] = []
        if topLevel.count == 1 { open.append(topLevel[0]) }
        var entry = index
        while entry >= 0 { open.append(entry); entry = nodes[entry].parent }
        return open
    }

    /// Writes the entries `roots` and what is open under them; with `whole`, the list around
    /// them too. Returns the byte range of each child of `parent` (the top-level entries for
    /// `-1`) in `out`, in order.
    private func write(
        roots: [Int], open: [Int], current: Int, prefix: [UInt8], whole: Bool, recordingEntriesOf parent: Int,
        into out: inout [UInt8]
    ) -> [Range<Int>] {
        func put(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        let full = nodes.count <= Self.fullTreeLimit
        var starts: [Int] = []
        var end = -1
        if whole { put("<ul class=\"nav-tree\">\n") }
        // Explicit stack of entries, and of closing markers (`~entry`, negative).
        var steps: [Int] = roots.reversed()
        while let step = steps.popLast() {
            guard step >= 0 else {
                if ~step == parent { end = out.count }
                put("</ul>\n</details></li>\n")
                continue
            }
            let index = step
            if nodes[index].parent == parent { starts.append(out.count) }
            let children = nodes[index].children
            let isCurrent = index == current
            let isOpen = open.contains(index)
            let link = linkBytes[index]
            if !children.isEmpty, full || isOpen {
                if link.isInteractive {
                    // A link inside <summary> is a control inside a control, which assistive
                    // technology cannot tell apart: the link comes first, and the summary is
                    // the toggle alone, named by the entry's title.
                    put("<li class=\"branch\">")
                    write(link, isCurrent: isCurrent, prefix: prefix, into: &out)
                    put(isOpen ? "<details open><summary><span class=\"visually-hidden\">" : "<details><summary><span class=\"visually-hidden\">")
                    out += link.title
                    put("</span></summary>\n<ul>\n")
                } else {
                    put(isOpen ? "<li><details open><summary>" : "<li><details><summary>")
                    write(link, isCurrent: isCurrent, prefix: prefix, into: &out)
                    put("</summary>\n<ul>\n")
                }
                steps.append(~index)
                for child in children.reversed() { steps.append(child) }
            } else {
                put(isCurrent ? "<li class=\"current\">" : (children.isEmpty ? "<li>" : "<li class=\"collapsed\">"))
                write(link, isCurrent: isCurrent, prefix: prefix, into: &out)
                put("</li>\n")
            }
        }
        if parent == -1 { end = out.count }
        if whole { put("</ul>\n") }
        return starts.indices.map { starts[$0]..<($0 + 1 < starts.count ? starts[$0 + 1] : end) }
    }

    /// Writes an entry's link. Article links are written from the locale folder down
    /// (`../../a/b.html`), so each page only adds its own `../` prefix.
    private func write(_ link: LinkBytes, isCurrent: Bool, prefix: [UInt8], into out: inout [UInt8]) {
        func put(_ text: StaticString) {
            out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        if link.isArticle {
            put(#"<a href=""#)
            out += prefix
            out += link.target
            put(isCurrent ? #"" aria-current="page">"# : #"">"#)
        }
        out += link.tail
    }

    /// The top-level entries with up to `limit` children each, for the locale home page.
    public func sections(limit: Int, pageDirectory: String, descriptions: [String: String] = [:]) -> [[String: Any]] {
        func href(_ index: Int) -> String? {
            (nodes[index].path ?? firstPath(under: index)).map {
                RelativePath.relative(to: SitePaths.withoutMarkdownExtension($0) + ".html", from: pageDirectory)
            } ?? nodes[index].url
        }
        // A single top-level entry with children (a product's root) is skipped, so the home shows its sections.
        var tops = topLevel
        while tops.count == 1, !nodes[tops[0]].children.isEmpty { tops = nodes[tops[0]].children }
        return tops.map { index in
            let children = nodes[index].children.prefix(limit).map { child -> [String: Any] in
                var link: [String: Any] = ["title": nodes[child].title]
                if let target = href(child) { link["href"] = target }
                return link
            }
            var section: [String: Any] = ["title": nodes[index].title, "links": Array(children), "hasLinks": !children.isEmpty]
            if let target = href(index) { section["href"] = target }
            if children.isEmpty, let path = nodes[index].path, let description = descriptions[path], !description.isEmpty {
                section["description"] = description
            }
            return section
        }
    }
}

/// The sidebar of each parent entry and folder depth, made on first use by whichever page
/// asks first; pages render on several threads.
final class Sidebars: @unchecked Sendable {
    /// A sidebar with one branch open and nothing marked, and where each entry of that branch's
    /// deepest list starts and ends in it.
    struct Sidebar {
        var bytes: [UInt8]
        var entries: [Range<Int>]
    }

    private struct Key: Hashable {
        var parent: Int
        var depth: Int
    }

    private let lock = NSLock()
    private var made: [Key: Sidebar] = [:]

    /// The sidebar for `parent` and `depth`, made with `make` the first time.
    func sidebar(parent: Int, depth: Int, make: () -> Sidebar) -> Sidebar {
        let key = Key(parent: parent, depth: depth)
        if let sidebar = lock.withLock({ made[key] }) { return sidebar }
        // Made outside the lock: two threads may make the same one, which is the same bytes.
        let sidebar = make()
        lock.withLock { made[key] = sidebar }
        return sidebar
    }
}
