import Foundation
import Yams

/// `concord.yml`: where the content is, which locale is the source, and how to check and build it.
public struct Configuration: Sendable, Hashable {
    /// A locale and the folder that holds it.
    public struct LocaleEntry: Sendable, Hashable {
        /// The BCP 47 id (`es-ES`).
        public var id: String
        /// The folder holding the locale's articles (absolute or relative to where Concord runs).
        public var path: String
    }

    /// The site's title.
    public var siteTitle: String
    /// The absolute URL the site is published at, without a trailing slash.
    public var baseURL: String
    /// The locale translations are made from.
    public var sourceLocale: String
    /// The folder that holds one sub-folder per locale.
    public var contentRoot: String
    /// The locales, in order; the source locale first.
    public var locales: [LocaleEntry]
    /// Where the site is written.
    public var output: String
    /// Where the templates are.
    public var templates: String
    /// Per-rule severities (`off` is `nil` in ``ruleSeverity(_:)``).
    public var rules: [String: RuleSetting]
    /// The line of each rule under `rules:` in the configuration file, for messages about it.
    public var ruleLines: [String: Int] = [:]
    /// The configuration file, if there is one.
    public var file: String?
    /// `urlMap`: where root-relative links of the published site lead in the content tree.
    public var urlMap = URLMap()
    /// `xref.uidFromPath`: the uids pages have because of where they are (``UIDPattern``).
    public var uidFromPath: [UIDPattern] = []
    /// `zonePivotGroups`: the zone pivot groups file, relative to each locale's folder (and then
    /// to the content root); ``ZonePivotGroups/defaultPath`` when not set.
    public var zonePivotGroups = ZonePivotGroups.defaultPath

    /// The setting of a rule in `rules:`.
    public enum RuleSetting: String, Sendable, Hashable, CaseIterable {
        case off, warning, error
    }

    /// A configuration problem naming the file and the key.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The configuration file.
        public var file: String
        /// The key at fault (`locales[2].path`), if any.
        public var key: String?
        /// The 1-based line, if known.
        public var line: Int?
        /// What is wrong.
        public var reason: String

        /// Creates a failure.
        public init(file: String, key: String?, line: Int?, reason: String) {
            self.file = file
            self.key = key
            self.line = line
            self.reason = reason
        }

        public var description: String {
            let place = line.map { "\(file):\($0)" } ?? file
            if let key { return "\(place): '\(key)': \(reason)" }
            return "\(place): \(reason)"
        }
    }

    /// Creates a configuration for a content root without a file: every sub-folder
    /// named like a locale is a locale.
    public init(contentRoot: String, sourceLocale: String, locales: [String]? = nil) {
        siteTitle = "Help"
        baseURL = ""
        self.sourceLocale = sourceLocale
        self.contentRoot = contentRoot
        var seen: Set<String> = []
        // A repeated locale would be built twice at once, into the same folder: the first is kept.
        let ids = (locales ?? Configuration.discoverLocales(in: contentRoot, source: sourceLocale)).filter { seen.insert($0.lowercased()).inserted }
        self.locales = ids.map { LocaleEntry(id: $0, path: Configuration.join(contentRoot, $0)) }
        output = "_site"
        templates = "templates"
        rules = [:]
        file = nil
    }

    /// Reads `concord.yml`.
    public static func load(file: String) throws(Failure) -> Configuration {
        let reader = try ConfigurationReader(file: file)
        try reader.refuseUnknownKeys()
        let (siteTitle, baseURL) = try reader.site()
        let sourceLocale = try reader.sourceLocale()
        let contentRoot = try reader.contentRoot()
        let locales = try reader.locales(in: contentRoot, sourceLocale: sourceLocale)
        let (rules, ruleLines) = try reader.rules()

        var configuration = Configuration(contentRoot: contentRoot, sourceLocale: sourceLocale, locales: [])
        configuration.locales = locales
        configuration.siteTitle = siteTitle
        configuration.baseURL = baseURL
        configuration.output = reader.resolve(try reader.string("output") ?? "_site")
        configuration.templates = reader.resolve(try reader.string("templates") ?? "templates")
        configuration.rules = rules
        configuration.ruleLines = ruleLines
        configuration.file = file
        configuration.urlMap = try reader.urlMap()
        configuration.uidFromPath = try reader.uidFromPath()
        configuration.zonePivotGroups = try reader.zonePivotGroups()
        return configuration
    }

    /// Sub-folders of `root` named like BCP 47 locales, source first, then by id.
    public static func discoverLocales(in root: String, source: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names
            .filter { LocaleID.isValid($0) && FileSystem.isDirectory(join(root, $0)) }
            .sorted { ($0 != source ? 1 : 0, $0) < ($1 != source ? 1 : 0, $1) }
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty || a == "." { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }
}

/// BCP 47 locale ids as docs repositories use them (`en-US`, `zh-Hans`, `sr-Latn-RS`).
public enum LocaleID {
    /// Whether `id` has the shape of a language tag: a 2–3 letter language, then
    /// script, region or variant subtags.
    public static func isValid(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        for part in parts.dropFirst() {
            guard (2...8).contains(part.count), part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        }
        return true
    }

    /// The language part (`es` for `es-ES`), lower-cased.
    public static func language(of id: String) -> String {
        // Asked per section by some checks: bytes up to the first `-`, not a Character split.
        let utf8 = id.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "-")) ?? utf8.endIndex
        return String(decoding: utf8[..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether the locale's script runs right to left.
    public static func isRightToLeft(_ id: String) -> Bool {
        ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"].contains(language(of: id))
    }
}

/// Reads the parts of `concord.yml`, each with a failure naming the key and line.
private struct ConfigurationReader {
    typealias Failure = Configuration.Failure
    let file: String
    let root: Node.Mapping

    init(file: String) throws(Failure) {
        self.file = file
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(file) } catch {
            throw Failure(file: file, key: nil, line: nil, reason: "cannot read the configuration file")
        }
        if let encoding = UTF16Text.detect(bytes) {
            throw Failure(file: file, key: nil, line: nil, reason: "the file is \(encoding.description), not UTF-8: \(encoding.advice)")
        }
        // A UTF-8 byte-order mark, as Windows editors write, is not part of the YAML.
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...], as: UTF8.self)
        let node: Node?
        do {
            node = try YAMLText.compose(text)
        } catch {
            throw Failure(file: file, key: nil, line: error.line, reason: "not valid YAML: \(error.message)")
        }
        guard let root = node?.mapping else {
            throw Failure(file: file, key: nil, line: 1, reason: "expected a mapping of keys (site, sourceLocale, content, …)")
        }
        self.root = root
    }

    /// A path from the file, relative to the file's folder.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let relativeBase = (file as NSString).deletingLastPathComponent
        return relativeBase.isEmpty ? path : Configuration.join(relativeBase, path)
    }

    /// The non-empty string at `key` of `map` (the root by default), or nil when it is absent.
    func string(_ key: String, in map: Node.Mapping? = nil, path: String? = nil) throws(Failure) -> String? {
        guard let value = (map ?? root)[key] else { return nil }
        guard let s = value.scalar?.string, !s.isEmpty else {
            throw Failure(file: file, key: path ?? key, line: value.mark?.line, reason: "expected a non-empty string")
        }
        return s
    }

    func refuseUnknownKeys() throws(Failure) {
        let known: Set<String> = ["site", "sourceLocale", "content", "locales", "output", "templates", "rules", "urlMap", "xref", "zonePivotGroups"]
        for (key, _) in root {
            if let name = key.string, !known.contains(name) {
                throw Failure(file: file, key: name, line: key.mark?.line, reason: "unknown key; expected one of \(known.sorted().joined(separator: ", "))")
            }
        }
    }

    /// `site.title` and `site.baseURL` (without a trailing slash).
    func site() throws(Failure) -> (title: String, baseURL: String) {
        guard let site = root["site"] else { return ("Help", "") }
        guard let map = site.mapping else {
            throw Failure(file: file, key: "site", line: site.mark?.line, reason: "expected a mapping with 'title' and 'baseURL'")
        }
        var baseURL = try string("baseURL", in: map, path: "site.baseURL") ?? ""
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        return (try string("title", in: map, path: "site.title") ?? "Help", baseURL)
    }

    /// `urlMap`: a mapping of URL prefixes (`/powershell/module/`) to folders of each locale (`7.1/`).
    func urlMap() throws(Failure) -> URLMap {
        guard let node = root["urlMap"] else { return URLMap() }
        guard let map = node.mapping else {
            throw Failure(file: file, key: "urlMap", line: node.mark?.line, reason: "expected a mapping of URL prefixes to folders, like '/docs/': 'articles/'")
        }
        var entries: [String: String] = [:]
        for (key, value) in map {
            guard let prefix = key.string, !prefix.isEmpty, let folder = value.scalar?.string else {
                throw Failure(file: file, key: "urlMap", line: key.mark?.line, reason: "expected a URL prefix mapped to a folder (a string)")
            }
            if let problem = URLMap.problem(prefix: prefix, folder: folder) {
                throw Failure(file: file, key: "urlMap.\(prefix)", line: key.mark?.line, reason: problem)
            }
            entries[prefix] = folder
        }
        return URLMap(entries)
    }

    /// `xref.uidFromPath`: a list of `{pattern, uid}` rules giving pages uids from their paths.
    func uidFromPath() throws(Failure) -> [UIDPattern] {
        guard let node = root["xref"] else { return [] }
        guard let map = node.mapping else {
            throw Failure(file: file, key: "xref", line: node.mark?.line, reason: "expected a mapping with 'uidFromPath'")
        }
        for (key, _) in map where key.string != "uidFromPath" {
            throw Failure(file: file, key: "xref.\(key.string ?? "")", line: key.mark?.line, reason: "unknown key; expected uidFromPath")
        }
        guard let list = map["uidFromPath"] else { return [] }
        guard let rules = list.sequence else {
            throw Failure(file: file, key: "xref.uidFromPath", line: list.mark?.line, reason: "expected a list of {pattern, uid} rules")
        }
        return try rules.enumerated().map { (index, item) throws(Failure) -> UIDPattern in
            let key = "xref.uidFromPath[\(index)]"
            guard let rule = item.mapping, let pattern = rule["pattern"]?.scalar?.string, let uid = rule["uid"]?.scalar?.string else {
                throw Failure(file: file, key: key, line: item.mark?.line, reason: "expected {pattern: \"7.1/{module}/{name}.md\", uid: \"{module}.{name}\"}")
            }
            guard let parsed = UIDPattern(pattern: pattern, uid: uid) else {
                throw Failure(file: file, key: key, line: item.mark?.line, reason: UIDPattern.problem(pattern: pattern, uid: uid) ?? "cannot be used")
            }
            return parsed
        }
    }

    /// `zonePivotGroups`: a relative path that stays inside the folder it is read from.
    func zonePivotGroups() throws(Failure) -> String {
        guard let path = try string("zonePivotGroups") else { return ZonePivotGroups.defaultPath }
        guard case .inside(let inside) = RelativeTarget(path: path, inFolder: ""), !inside.isEmpty, !path.hasPrefix("/") else {
            throw Failure(file: file, key: "zonePivotGroups", line: root["zonePivotGroups"]?.mark?.line,
                          reason: "expected a path relative to each locale folder, like 'zone-pivot-groups.yml'")
        }
        return inside
    }

    func sourceLocale() throws(Failure) -> String {
        guard let sourceLocale = try string("sourceLocale") else {
            throw Failure(file: file, key: "sourceLocale", line: nil, reason: "missing; name the locale translations are made from (for example en-US)")
        }
        guard LocaleID.isValid(sourceLocale) else {
            throw Failure(file: file, key: "sourceLocale", line: root["sourceLocale"]?.mark?.line, reason: "'\(sourceLocale)' is not a BCP 47 locale id")
        }
        return sourceLocale
    }

    func contentRoot() throws(Failure) -> String {
        guard let content = try string("content") else {
            throw Failure(file: file, key: "content", line: nil, reason: "missing; name the folder that holds one sub-folder per locale")
        }
        let contentRoot = resolve(content)
        guard FileSystem.isDirectory(contentRoot) else {
            throw Failure(file: file, key: "content", line: root["content"]?.mark?.line, reason: "folder '\(contentRoot)' does not exist")
        }
        return contentRoot
    }

    /// The `locales` list (ids or `{id, path}`), or the locale folders found; source first, then by id.
    func locales(in contentRoot: String, sourceLocale: String) throws(Failure) -> [Configuration.LocaleEntry] {
        var locales: [Configuration.LocaleEntry] = []
        if let list = root["locales"] {
            guard let sequence = list.sequence else {
                throw Failure(file: file, key: "locales", line: list.mark?.line, reason: "expected a list of locale ids or {id, path} entries")
            }
            var listed: [String: String] = [:]
            for (index, item) in sequence.enumerated() {
                locales.append(try locale(item, key: "locales[\(index)]", in: contentRoot, listed: &listed))
            }
            for entry in locales where !FileSystem.isDirectory(entry.path) {
                throw Failure(file: file, key: "locales", line: list.mark?.line, reason: "folder '\(entry.path)' for locale \(entry.id) does not exist")
            }
        } else {
            locales = Configuration.discoverLocales(in: contentRoot, source: sourceLocale).map {
                Configuration.LocaleEntry(id: $0, path: Configuration.join(contentRoot, $0))
            }
        }
        if !locales.contains(where: { $0.id == sourceLocale }) {
            throw Failure(file: file, key: "sourceLocale", line: root["sourceLocale"]?.mark?.line, reason: "no folder for source locale \(sourceLocale) in \(contentRoot)")
        }
        return locales.sorted { ($0.id != sourceLocale ? 1 : 0, $0.id) < ($1.id != sourceLocale ? 1 : 0, $1.id) }
    }

    /// One entry of `locales`. A locale listed twice would be loaded and built twice, into one
    /// folder; BCP 47 ids ignore case.
    func locale(_ item: Node, key: String, in contentRoot: String, listed: inout [String: String]) throws(Failure) -> Configuration.LocaleEntry {
        let id: String, idKey: String, line: Int?
        var path: String?
        if let scalar = item.scalar?.string {
            (id, idKey, line) = (scalar, key, item.mark?.line)
        } else if let map = item.mapping {
            guard let mapped = try string("id", in: map, path: key + ".id") else {
                throw Failure(file: file, key: key + ".id", line: item.mark?.line, reason: "missing")
            }
            (id, idKey, line) = (mapped, key + ".id", map["id"]?.mark?.line ?? item.mark?.line)
            path = try string("path", in: map, path: key + ".path").map(resolve)
        } else {
            throw Failure(file: file, key: key, line: item.mark?.line, reason: "expected a locale id or {id, path}")
        }
        guard LocaleID.isValid(id) else {
            throw Failure(file: file, key: idKey, line: item.mark?.line, reason: "'\(id)' is not a BCP 47 locale id")
        }
        if let first = listed[id.lowercased()] {
            throw Failure(file: file, key: idKey, line: line, reason: "\(id) is listed twice (also \(first)); list each locale once")
        }
        listed[id.lowercased()] = key
        return Configuration.LocaleEntry(id: id, path: path ?? Configuration.join(contentRoot, id))
    }

    /// `rules`: each rule id to off, warning or error, with the line it is set on.
    func rules() throws(Failure) -> (settings: [String: Configuration.RuleSetting], lines: [String: Int]) {
        var rules: [String: Configuration.RuleSetting] = [:]
        var ruleLines: [String: Int] = [:]
        guard let rulesNode = root["rules"] else { return ([:], [:]) }
        guard let map = rulesNode.mapping else {
            throw Failure(file: file, key: "rules", line: rulesNode.mark?.line, reason: "expected a mapping of rule ids to off, warning or error")
        }
        for (key, value) in map {
            let name = key.string ?? ""
            guard let setting = value.scalar.flatMap({ Configuration.RuleSetting(rawValue: $0.string) }) else {
                throw Failure(file: file, key: "rules.\(name)", line: value.mark?.line, reason: "expected off, warning or error")
            }
            rules[name] = setting
            ruleLines[name] = key.mark?.line
        }
        return (rules, ruleLines)
    }
}
