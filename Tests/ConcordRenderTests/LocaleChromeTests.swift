import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// The site's own words in each locale: which are missing, plural forms, and notices whose
/// embedded runs keep their direction.
@Suite("Chrome strings per locale: warnings, plurals, isolated runs")
struct LocaleChromeTests {
    /// A theme with only English strings, as a project with its own theme and one file might have.
    static func englishOnlyTheme() -> Theme {
        var theme = Theme.builtIn
        for path in theme.files.keys where path.hasPrefix("i18n/") && path != "i18n/en-US.yml" { theme.files[path] = nil }
        return theme
    }

    @Test("An ar-SA page without Arabic strings: a warning names the locale and every key; the notice's runs are isolated")
    func arabicWithoutStrings() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n", "en-US/b.md": "# B\n", "ar-SA/a.md": "# أ\n"])
        defer { temporary.remove() }
        let site = temporary.site()
        let builder = try SiteBuilder(site: site, statuses: ArticleStatus.statuses(content: site.content, diagnostics: []), theme: Self.englishOnlyTheme())
        let findings = builder.chromeFindings()
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.rule == "missing-chrome-strings" && finding.severity == .warning && finding.locale == "ar-SA")
        #expect(finding.location.file.hasSuffix("/i18n/ar-SA.yml") && finding.location.line == 1)
        for key in ["fallbackNotice", "contents", "lastUpdated", "articles.zero", "articles.few", "articles.many"] {
            #expect(finding.message.contains(key), "\(key)")
        }

        let context = builder.makeLocaleContext("ar-SA")
        let page = String(decoding: try builder.renderPage(.init(locale: "ar-SA", path: "b.md", status: .fallback), context: context).html, as: UTF8.self)
        // The English sentence says it is English, left to right, inside the right-to-left page;
        // the Arabic language names in it are isolated runs marked as Arabic.
        #expect(page.contains("<html lang=\"ar-SA\" dir=\"rtl\">"))
        let notice = try #require(page.components(separatedBy: "data-notice=\"fallback\" role=\"note\">\n").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(notice.hasPrefix("<p lang=\"en-US\" dir=\"ltr\">This article has not been translated into <bdi lang=\"ar-SA\">"))
        #expect(notice.contains("<bdi lang=\"ar-SA\">العربية</bdi>") && notice.contains("<bdi lang=\"ar-SA\">الإنجليزية</bdi>"))
        #expect(!notice.contains("<bdi>") && notice.components(separatedBy: "<bdi").count == 3)
    }

    @Test("With the built-in ar-SA strings, no warning, and the notice is Arabic with its names isolated")
    func arabicWithStrings() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n", "en-US/b.md": "# B\n", "ar-SA/a.md": "# أ\n"])
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        _ = result
        let site = temporary.site()
        let builder = try SiteBuilder(site: site, statuses: [:], theme: .builtIn)
        #expect(builder.chromeFindings().isEmpty)
        let page = try temporary.read("ar-SA/b.html")
        let notice = try #require(page.components(separatedBy: "data-notice=\"fallback\" role=\"note\">\n").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(notice.hasPrefix("<p>") && notice.contains("<bdi>الإنجليزية</bdi>"))
        #expect(!notice.contains("article"))
    }

    @Test("A locale of a language with no strings at all warns; English locales never do; a sibling's file counts")
    func whichLocalesWarn() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n", "en-GB/a.md": "# A\n", "es-MX/a.md": "# A\n", "sw-KE/a.md": "# A\n"])
        defer { temporary.remove() }
        let site = temporary.site()
        let builder = try SiteBuilder(site: site, statuses: [:], theme: .builtIn)
        #expect(builder.chromeFindings().map(\.locale) == ["sw-KE"])
    }

    @Test("In a translated sidebar, the source titles of untranslated articles carry the source's lang")
    func untranslatedSidebarEntries() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# Article A\n", "en-US/b.md": "# Article B\n", "es-ES/a.md": "# Artículo A\n"])
        defer { temporary.remove() }
        try buildSite(temporary)
        let page = try temporary.read("es-ES/a.html")
        #expect(page.contains("<a href=\"b.html\"><span lang=\"en-US\">Article B</span></a>"))
        #expect(page.contains(">Artículo A</a>") && !page.contains("<span lang=\"en-US\">Artículo A"))
        #expect(!(try temporary.read("en-US/a.html")).contains("<span lang="))
    }

    @Test("Plural categories follow CLDR for whole numbers")
    func pluralCategories() {
        let cases: [(String, Int, String)] = [
            ("en-US", 1, "one"), ("en-US", 0, "other"), ("fr-FR", 0, "one"), ("fr-FR", 2, "other"),
            ("pt-BR", 0, "one"), ("pt-PT", 0, "other"), ("ja-JP", 1, "other"),
            ("ru-RU", 21, "one"), ("ru-RU", 11, "many"), ("ru-RU", 23, "few"), ("ru-RU", 12, "many"), ("uk-UA", 5, "many"),
            ("pl-PL", 1, "one"), ("pl-PL", 22, "few"), ("pl-PL", 21, "many"), ("cs-CZ", 3, "few"), ("cs-CZ", 5, "other"),
            ("ar-SA", 0, "zero"), ("ar-SA", 2, "two"), ("ar-SA", 103, "few"), ("ar-SA", 111, "many"), ("ar-SA", 100, "other"),
            ("he-IL", 2, "two"), ("he-IL", 20, "other"),
        ]
        for (locale, count, category) in cases {
            #expect(PluralRules.category(of: count, locale: locale) == category, "\(locale) \(count)")
        }
    }

    @Test("Article counts use the plural form of the locale's language")
    func pluralStrings() {
        let theme = Theme.builtIn
        #expect(theme.strings(for: "en-US").plural("articles", count: 1) == "1 article")
        #expect(theme.strings(for: "en-US").plural("articles", count: 9) == "9 articles")
        #expect(theme.strings(for: "ru-RU").plural("articles", count: 21) == "21 статья")
        #expect(theme.strings(for: "ru-RU").plural("articles", count: 3) == "3 статьи")
        #expect(theme.strings(for: "ru-RU").plural("articles", count: 5) == "5 статей")
        #expect(theme.strings(for: "pl-PL").plural("articles", count: 22) == "22 artykuły")
        #expect(theme.strings(for: "ja-JP").plural("articles", count: 1) == "1 件の記事")
    }
}
