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
        func merge(_ path: String) {
            guard let text = text(path) else { return }
            for (key, value) in ChromeStrings.parse(text) { values[key] = value }
        }
        merge("i18n/en-US.yml")
        let language = LocaleID.language(of: locale)
        let sameLanguage = files.keys
            .filter { $0.hasPrefix("i18n/") && $0.hasSuffix(".yml") }
            .map { String($0.dropFirst(5).dropLast(4)) }
            .filter { LocaleID.language(of: $0) == language && $0 != locale }
            .sorted()
        if let first = sameLanguage.first { merge("i18n/\(first).yml") }
        // A language name from a sibling locale would name the wrong country: only the exact file may set it.
        values["languageName"] = nil
        merge("i18n/\(locale).yml")
        if values["languageName"] == nil { values["languageName"] = ChromeStrings.nativeName(of: locale) }
        return ChromeStrings(locale: locale, values: values)
    }
}

/// The site's own words in one locale: navigation, notices, search, alert titles.
public struct ChromeStrings: Sendable {
    /// The locale the strings are for.
    public var locale: String
    /// Every string by key.
    public var values: [String: String]

    /// The string for `key`, with `{name}` placeholders filled from `arguments`.
    public subscript(key: String, arguments: [String: String] = [:]) -> String {
        var text = values[key] ?? ChromeStrings.english[key] ?? key
        for (name, value) in arguments.sorted(by: { $0.key < $1.key }) {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
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
        "codeBlock": "Code",
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
