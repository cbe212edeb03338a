import ConcordModel
import Foundation

/// The files that give a site its look: Mustache templates, `assets/` copied as they are,
/// and `i18n/<locale>.yml` strings for the site's own words.
///
/// Read from the configured `templates` folder; anything the folder lacks comes from
/// the built-in theme (the repository's `templates/`, embedded at build time), so a content
/// tree without templates still builds a complete site.
public struct Theme: Sendable {
    /// Every file by its path relative to the theme folder (`layout.mustache`, `assets/site.css`).
    public var files: [String: [UInt8]]

    /// Creates a theme from files.
    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// The built-in theme.
    public static var builtIn: Theme {
        Theme(files: DefaultTheme.files.mapValues { Array($0.utf8) })
    }

    /// The theme in `folder`, over the built-in one; the built-in theme alone when the folder does not exist.
    public static func load(folder: String) throws -> Theme {
        var theme = builtIn
        guard FileSystem.isDirectory(folder) else { return theme }
        for path in FileSystem.files(under: folder) {
            theme.files[path] = try FileSystem.read(folder + "/" + path)
        }
        return theme
    }

    /// The text of a file.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The Mustache templates, by name without the extension.
    public var templates: [String: String] {
        var result: [String: String] = [:]
        for (path, bytes) in files where path.hasSuffix(".mustache") && !path.contains("/") {
            result[String(path.dropLast(".mustache".count))] = String(decoding: bytes, as: UTF8.self)
        }
        return result
    }

    /// Files copied into the site unchanged (`assets/…`), sorted.
    public var assets: [(path: String, bytes: [UInt8])] {
        files.keys.filter { $0.hasPrefix("assets/") }.sorted().map { ($0, files[$0]!) }
    }

    /// The chrome strings for `locale`: the locale's file over its language's, over English.
    public func strings(for locale: String) -> ChromeStrings {
        var values = ChromeStrings.english
        var sources = values.mapValues { _ in "en-US" }
        func merge(_ file: String) {
            guard let text = text("i18n/\(file).yml") else { return }
            for (key, value) in ChromeStrings.parse(text) {
                values[key] = value
                sources[key] = file
            }
        }
        merge("en-US")
        if let sibling = siblingStringsFile(of: locale) { merge(sibling) }
        // A language name from a sibling locale would name the wrong country: only the exact file may set it.
        values["languageName"] = nil
        merge(locale)
        if values["languageName"] == nil { values["languageName"] = ChromeStrings.nativeName(of: locale) }
        sources["languageName"] = locale
        return ChromeStrings(locale: locale, values: values, sources: sources)
    }

    /// The first other locale of `locale`'s language with a strings file (`es-ES` for `es-MX`).
    private func siblingStringsFile(of locale: String) -> String? {
        let language = LocaleID.language(of: locale)
        return files.keys
            .filter { $0.hasPrefix("i18n/") && $0.hasSuffix(".yml") }
            .map { String($0.dropFirst(5).dropLast(4)) }
            .filter { LocaleID.language(of: $0) == language && $0 != locale }
            .min()
    }

    /// The chrome strings `locale` shows in English because no strings file of its language
    /// gives them (the plural forms its language needs counted too), sorted; none for English.
    public func missingStrings(for locale: String) -> [String] {
        guard LocaleID.language(of: locale) != "en" else { return [] }
        let strings = self.strings(for: locale)
        let needed = ChromeStrings.english.keys.filter { $0 != "articles" }
            + PluralRules.categories(for: locale).map { "articles." + $0 }
        return needed.filter { strings.sources[$0] == nil || strings.sources[$0] == "en-US" }.sorted()
    }
}

/// The site's own words in one locale: navigation, notices, search, alert titles.
public struct ChromeStrings: Sendable {
    /// The locale the strings are for.
    public var locale: String
    /// Every string by key.
    public var values: [String: String]
    /// The locale whose file gave each string (`en-US` for those that fell back to English).
    public var sources: [String: String]

    /// Strings for `locale`; `sources` defaults to `locale` for every key.
    public init(locale: String, values: [String: String], sources: [String: String]? = nil) {
        self.locale = locale
        self.values = values
        self.sources = sources ?? values.mapValues { _ in locale }
    }

    /// The string for `key`, with `{name}` placeholders filled from `arguments`.
    public subscript(key: String, arguments: [String: String] = [:]) -> String {
        var text = values[key] ?? ChromeStrings.english[key] ?? key
        for (name, value) in arguments.sorted(by: { $0.key < $1.key }) {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The form of `key` for `count` (`articles.one`, `articles.few`…, by the locale's CLDR
    /// plural rules), else `key` itself, with `{count}` and `arguments` filled.
    public func plural(_ key: String, count: Int, arguments: [String: String] = [:]) -> String {
        let category = PluralRules.category(of: count, locale: locale)
        let chosen = [key + "." + category, key + ".other"].first { values[$0] != nil } ?? key
        return self[chosen, arguments.merging(["count": String(count)]) { first, _ in first }]
    }

    /// `key`'s sentence as HTML, for the page of this locale: its text escaped, each argument
    /// (a language name, in this locale's words) isolated in `<bdi>` so that an Arabic name in
    /// an English sentence, or the reverse, keeps its place; and the sentence's own language
    /// when it is not the page's (a string that fell back to English), for its element's `lang`.
    public func isolatedHTML(_ key: String, _ arguments: [String: String]) -> (html: String, lang: String?) {
        let source = sources[key] ?? "en-US"
        let sentenceLanguage = LocaleID.language(of: source)
        let differs = sentenceLanguage != LocaleID.language(of: locale)
        var html = ""
        var rest = Substring(values[key] ?? ChromeStrings.english[key] ?? key)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = arguments[name] else {
                html += HTMLEscaping.escape(String(rest[...close]))
                rest = rest[rest.index(after: close)...]
                continue
            }
            html += HTMLEscaping.escape(String(rest[..<open]))
            // The names are this locale's words: marked as such inside a sentence of another language.
            html += differs ? "<bdi lang=\"" + HTMLEscaping.escape(locale) + "\">" : "<bdi>"
            html += HTMLEscaping.escape(value) + "</bdi>"
            rest = rest[rest.index(after: close)...]
        }
        html += HTMLEscaping.escape(String(rest))
        return (html, differs ? source : nil)
    }

    /// The language's name in itself (`Español (España)`).
    public var languageName: String { values["languageName"] ?? locale }

    /// The name of `other`'s language as it reads in running text of this locale (`inglés` in es-ES):
    /// the language alone unless both locales share it, then with the region.
    public func languageInText(_ other: String) -> String {
        let here = Locale(identifier: locale)
        let name: String?
        if LocaleID.language(of: other) == LocaleID.language(of: locale), other != locale {
            name = here.localizedString(forIdentifier: other)
        } else {
            name = here.localizedString(forLanguageCode: LocaleID.language(of: other))
        }
        return name ?? (other == locale ? languageName : other)
    }

    /// The words DocFX blocks show on a page (``HTMLRenderer/words``).
    public var blockWords: [String: String] {
        ["snippetMissing": self["snippetMissing"], "watchVideo": self["watchVideo"], "chooseVersion": self["chooseVersion"],
         "versions": self["versions"], "chooseOption": self["chooseOption"]]
    }

    /// Alert titles by kind.
    public var alertTitles: [Alert.Kind: String] {
        var result: [Alert.Kind: String] = [:]
        for kind in Alert.Kind.allCases { result[kind] = self[kind.rawValue] }
        return result
    }

    /// Every key and its English text: what a translator of the chrome fills in.
    public static let english: [String: String] = [
        "skipToContent": "Skip to main content",
        "contents": "Contents",
        "onThisPage": "In this article",
        "home": "Home",
        "breadcrumb": "Breadcrumb",
        "language": "Language",
        "chooseLanguage": "Choose your language",
        "chooseLanguageIntro": "This help site is available in these languages.",
        "search": "Search",
        "searchPlaceholder": "Search",
        "searchResults": "Search results",
        "searchResultsFor": "Results for “{query}”",
        "searchNoResults": "No results for “{query}”.",
        "searchNeedsScript": "Search needs JavaScript. Browse the contents instead.",
        "searchMore": "More results exist than are shown: add words to narrow the search.",
        "fallbackNotice": "This article has not been translated into {language} yet. You are reading the {sourceLanguage} version.",
        "outdatedNotice": "This translation may be out of date: the {sourceLanguage} version has changed since it was translated.",
        "readSource": "Read the {sourceLanguage} version",
        "notTranslated": "not translated",
        "menu": "Menu",
        "lastUpdated": "Last updated",
        "articles": "{count} articles",
        "note": "Note",
        "tip": "Tip",
        "important": "Important",
        "warning": "Warning",
        "caution": "Caution",
        "snippetMissing": "Code sample not available:",
        "watchVideo": "Watch the video",
        "chooseVersion": "Choose a version",
        "versions": "Versions",
        "chooseOption": "Choose an option",
        "codeBlock": "Code",
        "copyCode": "Copy",
        "copied": "Copied",
    ]

    /// Reads a flat `key: value` YAML mapping; other shapes are ignored.
    static func parse(_ yaml: String) -> [String: String] {
        guard case .success(let metadata) = MetadataParser.parse(yaml, firstLine: 1) else { return [:] }
        var result: [String: String] = [:]
        for entry in metadata.entries {
            if case .string(let value) = entry.value { result[entry.key] = value }
        }
        return result
    }

    /// A locale's name in its own language, from the platform's locale data.
    static func nativeName(of locale: String) -> String {
        let name = Locale(identifier: locale).localizedString(forIdentifier: locale) ?? locale
        guard let first = name.first else { return locale }
        return first.uppercased() + name.dropFirst()
    }
}
