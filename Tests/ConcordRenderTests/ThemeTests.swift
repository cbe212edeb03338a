import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

@Suite("The theme: templates/, its built-in copy, chrome strings")
struct ThemeTests {
    @Test("The built-in theme is the repository's templates/ (rerun scripts/embed-theme.sh after editing)")
    func embeddedMatchesFolder() throws {
        let folder = repositoryRoot + "/templates"
        let files = FileSystem.files(under: folder).filter { $0 != "README.md" }
        #expect(Set(files) == Set(DefaultTheme.files.keys))
        for path in files {
            let onDisk = String(decoding: try FileSystem.read(folder + "/" + path), as: UTF8.self)
            #expect(DefaultTheme.files[path] == onDisk, "templates/\(path) differs from the built-in copy")
        }
    }

    @Test("Every template parses")
    func templatesParse() throws {
        _ = try TemplateRenderer(theme: .builtIn)
        for name in ["layout", "article", "home", "search", "chooser", "header", "sidebar", "footer"] {
            #expect(Theme.builtIn.templates[name] != nil, "missing \(name).mustache")
        }
    }

    /// The 24 largest documentation locales and English: each ships chrome strings.
    static let shippedLocales = [
        "en-US", "ar-SA", "cs-CZ", "da-DK", "de-DE", "es-ES", "fi-FI", "fr-FR", "he-IL", "hi-IN", "id-ID", "it-IT", "ja-JP",
        "ko-KR", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ru-RU", "sv-SE", "th-TH", "tr-TR", "uk-UA", "zh-CN", "zh-TW",
    ]

    @Test("Every i18n file translates every key, with every plural form its language needs", arguments: shippedLocales)
    func i18nComplete(locale: String) throws {
        let text = try #require(Theme.builtIn.text("i18n/\(locale).yml"))
        let values = ChromeStrings.parse(text)
        let missing = Set(ChromeStrings.english.keys).subtracting(values.keys)
        #expect(missing.isEmpty, "\(locale) lacks \(missing.sorted())")
        #expect(values["languageName"] != nil)
        #expect(Theme.builtIn.missingStrings(for: locale).isEmpty, "\(locale) lacks \(Theme.builtIn.missingStrings(for: locale))")
        for category in PluralRules.categories(for: locale) {
            #expect(values["articles." + category] != nil, "\(locale) lacks articles.\(category)")
        }
        for (key, english) in ChromeStrings.english {
            // Placeholders must survive translation.
            for placeholder in ["{language}", "{sourceLanguage}", "{query}", "{count}"] where english.contains(placeholder) {
                #expect(values[key]?.contains(placeholder) == true, "\(locale).\(key) lost \(placeholder)")
            }
        }
    }

    @Test("Strings fall back from the locale to its language to English; a project's folder overrides the built-in theme")
    func fallbacks() throws {
        var theme = Theme.builtIn
        #expect(theme.strings(for: "es-MX")["onThisPage"] == "En este artículo")
        #expect(theme.strings(for: "es-MX").languageName != "Español (España)")
        #expect(theme.strings(for: "sw-KE")["onThisPage"] == "In this article")
        #expect(theme.strings(for: "sv-SE").languageName == "Svenska (Sverige)")
        theme.files["i18n/es-ES.yml"] = Array("onThisPage: Contenido del artículo\n".utf8)
        #expect(theme.strings(for: "es-ES")["onThisPage"] == "Contenido del artículo")
        #expect(theme.strings(for: "es-ES")["home"] == "Home")
    }

    @Test("A missing templates folder means the built-in theme")
    func missingFolder() throws {
        let theme = try Theme.load(folder: "/nonexistent/templates")
        #expect(theme.files.keys.sorted() == Theme.builtIn.files.keys.sorted())
    }
}
