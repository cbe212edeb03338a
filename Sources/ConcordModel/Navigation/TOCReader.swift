import ConcordMarkdown

/// Reads the table-of-contents files of one locale's navigation, sharing what their reading
/// shares: the findings, each file's once (a file can be reached more than once: from a
/// parent `toc.yml` and from its folder), the files being read, and how many entries were taken.
final class TOCReader {
    let fence: ContentFence
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<String> = []
    private var cycles: Set<String> = []
    /// The `toc.yml` files being read, outermost first, relative to the locale root.
    private var reading: [String] = []
    /// The entries taken so far, nested files' included.
    private var entries = 0

    init(fence: ContentFence) {
        self.fence = fence
    }

    /// The file for a relative path in the first layer that has it, and that layer's locale.
    private func locate(_ path: String, in layers: [TableOfContents.Layer]) -> (file: String, locale: String?)? {
        layers.first { $0.files.contains(path) }.map { ($0.root + "/" + path, $0.locale) }
    }

    // MARK: - Findings

    private func add(_ problem: YAMLProblem, file: String, locale: String?) {
        guard reported.insert(file).inserted else { return }
        diagnostics.append(Diagnostic(
            rule: "invalid-toc", severity: .warning, locale: locale, location: FileLocation(file: file, line: problem.line, column: problem.column),
            message: "table of contents cannot be read: \(problem.message); its entries are left out of the navigation"))
    }

    /// Whether `target` is being read; if so, says so for the entry that refers to it.
    private func isCycle(_ target: String, reference: String, at location: FileLocation, locale: String?) -> Bool {
        guard reading.contains(target) else { return false }
        if cycles.insert(location.description).inserted {
            diagnostics.append(Diagnostic(
                rule: "toc-cycle", severity: .warning, locale: locale, location: location,
                message: "'\(reference)' leads back to a table of contents being read (\((reading + [target]).joined(separator: " → "))); not read again inside itself"))
        }
        return true
    }

    /// Takes one more entry, or refuses it once the locale has ``TableOfContents/maximumEntries``,
    /// saying so the first time.
    private func takeEntry(at location: FileLocation, locale: String?) -> Bool {
        guard entries < TableOfContents.maximumEntries else {
            if entries == TableOfContents.maximumEntries {
                entries += 1
                diagnostics.append(Diagnostic(
                    rule: "toc-too-large", severity: .warning, locale: locale, location: location,
                    message: "the tables of contents of this locale have more than \(TableOfContents.maximumEntries) entries; the rest are left out of the navigation"))
            }
            return false
        }
        entries += 1
        return true
    }

    /// The problem of a table-of-contents file over the size limit, asked before it is read.
    private static func sizeProblem(_ file: String) -> YAMLProblem? {
        guard let size = ArticleLoader.fileSize(file), size > MarkdownInput.maximumBytes else { return nil }
        return YAMLProblem(message: "the file is \(size) bytes, over the limit of \(MarkdownInput.maximumBytes) bytes", line: 1, column: 1)
    }

    // MARK: - toc.yml

    /// Reads the DocFX `toc.yml` at `path` (relative to the locale root) from the first of
    /// `layers` that has it: a list (or `items:`) of entries with `name`, `href` and nested
    /// `items`; an `href` naming another `toc.yml` or a folder reads that file's entries in as
    /// children. `nil` when the file cannot be read.
    func tocYAML(path: String, in layers: [TableOfContents.Layer], depth: Int) -> [NavigationEntry]? {
        guard depth < TableOfContents.maximumDepth, let (file, locale) = locate(path, in: layers) else { return nil }
        if let problem = Self.sizeProblem(file) {
            add(problem, file: file, locale: locale)
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try fence.read(file)
        } catch {
            add(YAMLProblem(message: "the file cannot be read", line: 1, column: 1), file: file, locale: locale)
            return nil
        }
        let nested: (String, TOCEntry) -> [NavigationEntry]? = { reference, entry in
            guard depth + 1 < TableOfContents.maximumDepth else { return nil }
            var target = reference
            if target.hasSuffix("/") || !target.lowercased().hasSuffix(".yml") {
                target = (target.hasSuffix("/") ? target : target + "/") + "toc.yml"
            }
            guard layers.contains(where: { $0.files.contains(target) }) else { return nil }
            let written = entry.href ?? entry.topicHref ?? reference
            let location = FileLocation(file: file, line: entry.line, column: entry.column)
            guard !self.isCycle(target, reference: written, at: location, locale: locale) else { return nil }
            return self.tocYAML(path: target, in: layers, depth: depth + 1)
        }
        reading.append(path)
        defer { reading.removeLast() }
        do {
            return try Self.entries(
                String(decoding: bytes, as: UTF8.self), directory: ReferencePath.directory(of: path), nested: nested,
                takeEntry: { self.takeEntry(at: FileLocation(file: file, line: $0.line, column: $0.column), locale: locale) })
        } catch {
            add(error, file: file, locale: locale)
            return nil
        }
    }

    /// The entries of `toc.yml` text whose file sits in `directory` (relative to the locale
    /// root). Throws when the text is not YAML, or not a list of entries.
    ///
    /// `nested` reads the table of contents an entry's `href` names; `takeEntry` is asked before
    /// each entry is taken, nested ones included, and no more are taken once it says no.
    static func entries(
        _ text: String, directory: String, nested: (String, TOCEntry) -> [NavigationEntry]?, takeEntry: (TOCEntry) -> Bool
    ) throws(YAMLProblem) -> [NavigationEntry] {
        let list = try TOCEntry.entries(text)
        var full = false
        func convert(_ written: [TOCEntry]) -> [NavigationEntry] {
            var result: [NavigationEntry] = []
            for map in written {
                guard !full else { break }
                guard takeEntry(map) else {
                    full = true
                    break
                }
                var entry = NavigationEntry(title: map.name ?? map.displayName ?? "", directory: directory)
                if let href = map.href ?? map.topicHref, !href.isEmpty {
                    let lower = href.lowercased()
                    if ReferencePath.isRelativePath(href), lower.hasSuffix("toc.yml") || lower.hasSuffix("/") {
                        if let resolved = ReferencePath.resolve(href, from: directory) {
                            entry.children = nested(resolved.hasSuffix("/") || href.hasSuffix("/") ? resolved + "/" : resolved, map) ?? []
                        }
                    } else {
                        entry.href = href
                    }
                }
                if let items = map.items { entry.children += convert(items) }
                result.append(entry)
            }
            return result
        }
        return convert(list)
    }

    // MARK: - TOC.md

    /// The `TOC.md` at `file`, parsed, or `nil` (with the problem said) when it cannot be read,
    /// is over the size limit, or has a shape cmark takes too long on.
    func tocMarkdown(_ file: String, locale: String?) -> MarkdownDocument? {
        if let problem = Self.sizeProblem(file) {
            add(problem, file: file, locale: locale)
            return nil
        }
        guard let bytes = try? fence.read(file) else { return nil }
        let input = MarkdownInput(bytes: bytes)
        if let complex = input.problems.first(where: { $0.kind == .tooComplex }) {
            add(YAMLProblem(
                message: "the block starting here leaves thousands of '![' image openers open before links, a shape the system libcmark takes minutes to parse",
                line: complex.line, column: 1), file: file, locale: locale)
            return nil
        }
        return input.isParsable ? MarkdownParser.parse(input.body) : nil
    }

    // MARK: - Folders

    /// The `toc.yml` of each folder of the articles that has one, read as the folders'
    /// navigation reads them: folders in name order, depth first; a folder whose table of
    /// contents was read gives its entries, and its sub-folders are not looked into.
    func folderTOCs(in layers: [TableOfContents.Layer], articlePaths: [String]) -> [String: [NavigationEntry]] {
        final class Folder {
            var folders: [String: Folder] = [:]
        }
        // The first spelling in path order, when a folder has `toc.yml` and `TOC.yml`.
        var folderTOCs: [String: String] = [:]
        for layer in layers {
            for file in layer.files where TableOfContents.hasFileName(file, "toc.yml") {
                let folder = ReferencePath.directory(of: file)
                if let known = folderTOCs[folder], known < file { continue }
                folderTOCs[folder] = file
            }
        }
        let top = Folder()
        for path in articlePaths {
            var folder = top
            for name in TableOfContents.folderNames(of: path) {
                if folder.folders[name] == nil { folder.folders[name] = Folder() }
                folder = folder.folders[name]!
            }
        }
        var result: [String: [NavigationEntry]] = [:]
        func walk(_ folder: Folder, path: String, depth: Int) {
            for name in folder.folders.keys.sorted() {
                let folderPath = path.isEmpty ? name : path + "/" + name
                if let toc = folderTOCs[folderPath], let entries = tocYAML(path: toc, in: layers, depth: 1) {
                    result[folderPath] = entries
                } else if depth < 32 {
                    walk(folder.folders[name]!, path: folderPath, depth: depth + 1)
                }
            }
        }
        walk(top, path: "", depth: 0)
        return result
    }
}
