import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordRender

@Suite("Navigation from toc.yml, TOC.md or folders; breadcrumbs; sidebar")
struct NavigationTests {
    func navigation(_ files: [String: String], locale: String = "en-US") throws -> (Navigation, TemporaryContent) {
        let temporary = try TemporaryContent(files)
        let site = temporary.site()
        var titles: [String: String] = [:]
        for (path, article) in site.content.articles[locale] ?? [:] { titles[path] = article.title }
        let navigation = Navigation.load(
            root: temporary.configuration.contentRoot + "/" + locale, files: site.content.files[locale] ?? [],
            titles: titles, resolver: LinkResolver(content: site.content))
        return (navigation, temporary)
    }

    @Test("toc.yml (DocFX): names, hrefs, nested items and nested toc files")
    func tocYAML() throws {
        let (navigation, temporary) = try navigation([
            "en-US/toc.yml": """
            - name: Overview
              href: overview.md
            - name: Install
              expanded: true
              items:
              - name: On Windows
                href: install/windows.md
              - href: install/linux.md
            - name: Reference
              href: reference/toc.yml
            - name: External
              href: https://example.com/docs
            - name: Dangerous
              href: javascript:alert(1)
            """,
            "en-US/reference/toc.yml": "items:\n- name: Cmdlets\n  href: cmdlets.md\n",
            "en-US/overview.md": "# Overview\n",
            "en-US/install/windows.md": "# Windows\n",
            "en-US/install/linux.md": "# Installing on Linux\n",
            "en-US/reference/cmdlets.md": "# Cmdlets\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .tocYAML)
        #expect(navigation.items.map(\.title) == ["Overview", "Install", "Reference", "External", "Dangerous"])
        #expect(navigation.items[0].path == "overview.md")
        #expect(navigation.items[1].children.map(\.title) == ["On Windows", "Installing on Linux"])
        #expect(navigation.items[1].children[1].path == "install/linux.md")
        #expect(navigation.items[2].children.map(\.path) == ["reference/cmdlets.md"])
        #expect(navigation.items[3].url == "https://example.com/docs")
        #expect(navigation.items[4].url == nil && navigation.items[4].path == nil)
    }

    @Test("toc.yml entries: displayName and topicHref, quoted keys, values that look like other types")
    func tocYAMLKeys() throws {
        let (navigation, temporary) = try navigation([
            "en-US/toc.yml": """
            - displayName: Shown
              topicHref: a.md
            - "name": 2024
              'href': b.md
            - name: true
              href: a.md
            - name: null
            """,
            "en-US/a.md": "# A\n",
            "en-US/b.md": "# B\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.items.map(\.title) == ["Shown", "2024", "true", "null"])
        #expect(navigation.items.map(\.path) == ["a.md", "b.md", "a.md", nil])
    }

    @Test("A toc.yml that cannot be read is a warning at its line; navigation goes on without it")
    func unreadableTOC() throws {
        // A repeated key: Yams rejects the whole file.
        let (repeated, first) = try navigation([
            "en-US/toc.yml": "- name: One\n  href: a.md\n  name: Two\n",
            "en-US/a.md": "# A\n",
        ])
        defer { first.remove() }
        #expect(repeated.origin == .folders)
        #expect(repeated.items.map(\.title) == ["A"])
        let warning = try #require(repeated.diagnostics.first)
        #expect(repeated.diagnostics.count == 1)
        #expect(warning.rule == "invalid-toc" && warning.severity == .warning)
        #expect(warning.location.file == first.configuration.contentRoot + "/en-US/toc.yml")
        #expect((warning.location.line, warning.location.column) == (3, 3), "the repeat, not the first occurrence")
        #expect(warning.message == "table of contents cannot be read: the key 'name' is repeated (first on line 1); its entries are left out of the navigation")
        #expect(!warning.description.contains("\n"), "one line, as editors and CI logs read findings")

        // Not YAML, in a nested toc: the parent's entries stay, the nested file's are left out.
        let (nested, second) = try navigation([
            "en-US/toc.yml": "- name: Guide\n  href: guide/toc.yml\n- name: A\n  href: a.md\n",
            "en-US/guide/toc.yml": "- name: [unclosed\n",
            "en-US/a.md": "# A\n",
        ])
        defer { second.remove() }
        #expect(nested.origin == .tocYAML)
        #expect(nested.items.map(\.title) == ["Guide", "A"])
        #expect(nested.items[0].children.isEmpty)
        #expect(nested.diagnostics.map(\.location.file) == [second.configuration.contentRoot + "/en-US/guide/toc.yml"])
        #expect(nested.diagnostics.map(\.location.line) == [2])

        // YAML, but not a list of entries.
        let (shape, third) = try navigation(["en-US/toc.yml": "title: Not a list\n", "en-US/a.md": "# A\n"])
        defer { third.remove() }
        #expect(shape.origin == .folders)
        #expect(shape.diagnostics.map(\.message) == [
            "table of contents cannot be read: expected a list of entries, alone or under 'items:'; its entries are left out of the navigation",
        ])
    }

    @Test("File names are matched on the last path component, in any ASCII case")
    func fileNames() {
        for path in ["toc.yml", "TOC.yml", "a/b/Toc.YML", "docs/toc.yml"] { #expect(TableOfContents.hasFileName(path, "toc.yml"), "\(path)") }
        for path in ["xtoc.yml", "a/xtoc.yml", "toc.yml/a", "toc.yaml", "oc.yml", "", "a/toc.ymlx", "a/toc.ym\u{212A}"] {
            #expect(!TableOfContents.hasFileName(path, "toc.yml"), "\(path)")
        }
        #expect(TableOfContents.hasFileName("guide/INDEX.md", "index.md"))
        #expect(!TableOfContents.hasFileName("guide/\u{130}ndex.md", "index.md"))
    }

    @Test("A path's folders split on bytes as they split on Characters")
    func folderNames() {
        /// The definition: Character-wise parts, empty ones dropped, all but the last.
        func reference(_ path: String) -> [String] { Array(path.split(separator: "/").map(String.init).dropLast()) }
        let pieces = ["a", "b", "/", "/", "é", "\u{301}", "x.md", "\r\n", ".", "日"]
        var generator = SeededRandom()
        for _ in 0..<3_000 {
            let path = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(TableOfContents.folderNames(of: path) == reference(path), "\(path.debugDescription)")
        }
        #expect(TableOfContents.folderNames(of: "a//b/c.md") == ["a", "b"])
        // A mark joins the `/` before it to a Character that is no separator.
        #expect(TableOfContents.folderNames(of: "a/\u{301}b/c.md") == ["a/\u{301}b"])
    }

    @Test("TOC.md: a nested Markdown list of links")
    func tocMarkdownList() throws {
        let (navigation, temporary) = try navigation([
            "en-US/TOC.md": """
            - [Customer support](customer-support.md)
              - [Billing support](billing.md)
              - Plain heading
                - [Deep](deep/page.md)
            - [Elsewhere](https://example.com)
            """,
            "en-US/customer-support.md": "# Customer support\n",
            "en-US/billing.md": "# Billing\n",
            "en-US/deep/page.md": "# Deep page\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .tocMarkdown)
        #expect(navigation.items.map(\.title) == ["Customer support", "Elsewhere"])
        #expect(navigation.items[0].children.map(\.title) == ["Billing support", "Plain heading"])
        #expect(navigation.items[0].children[1].children.first?.path == "deep/page.md")
        #expect(navigation.items[1].url == "https://example.com")
    }

    @Test("TOC.md with headings (DocFX style): levels give the nesting")
    func tocMarkdownHeadings() throws {
        let (navigation, temporary) = try navigation([
            "en-US/TOC.md": "# [Overview](overview.md)\n## [Details](details.md)\n# Section\n## [Other](other.md)\n",
            "en-US/overview.md": "# O\n", "en-US/details.md": "# D\n", "en-US/other.md": "# X\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.items.map(\.title) == ["Overview", "Section"])
        #expect(navigation.items[0].children.map(\.path) == ["details.md"])
        #expect(navigation.items[1].children.map(\.path) == ["other.md"])
    }

    @Test("Without a table of contents, folders give the structure; index.md names its folder")
    func folders() throws {
        let (navigation, temporary) = try navigation([
            "en-US/zeta.md": "# Zeta\n",
            "en-US/alpha.md": "# Alpha\n",
            "en-US/guide/index.md": "# The guide\n",
            "en-US/guide/step.md": "# A step\n",
            "en-US/ref/toc.yml": "- name: From the folder's toc\n  href: item.md\n",
            "en-US/ref/item.md": "# Item\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .folders)
        #expect(navigation.items.map(\.title) == ["Alpha", "Zeta", "The guide", "ref"])
        #expect(navigation.items[2].path == "guide/index.md")
        #expect(navigation.items[2].children.map(\.title) == ["A step"])
        #expect(navigation.items[3].children.map(\.title) == ["From the folder's toc"])
    }

    @Test("A folder is named by its toc.yml's one top entry, or by its module page, not by its folder name")
    func folderLabels() throws {
        let (navigation, temporary) = try navigation([
            "en-US/a.md": "# A\n",
            "en-US/docs-conceptual/toc.yml": "- name: PowerShell documentation\n  items:\n  - name: Overview\n    href: overview.md\n",
            "en-US/docs-conceptual/overview.md": "# Overview\n",
            "en-US/7.1/Microsoft.PowerShell.Core/Microsoft.PowerShell.Core.md": "---\ntitle: Core module\n---\n# Microsoft.PowerShell.Core Module\n",
            "en-US/7.1/Microsoft.PowerShell.Core/Get-Process.md": "# Get-Process\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.items.map(\.title) == ["A", "7.1", "PowerShell documentation"])
        #expect(navigation.items[2].children.map(\.title) == ["Overview"])
        let module = try #require(navigation.items[1].children.first)
        #expect(module.title == "Microsoft.PowerShell.Core Module", "\(module)")
        #expect(module.path == "7.1/Microsoft.PowerShell.Core/Microsoft.PowerShell.Core.md")
        #expect(module.children.map(\.title) == ["Get-Process"])
    }

    @Test("A translated toc.yml is used where the locale has one; the source's elsewhere")
    func translatedTOC() throws {
        let temporary = try TemporaryContent([
            "en-US/guide/toc.yml": "- name: Start here\n  href: start.md\n",
            "en-US/ref/toc.yml": "- name: Reference\n  href: ref.md\n",
            "en-US/guide/start.md": "# Start\n", "en-US/ref/ref.md": "# Ref\n",
            "es-ES/guide/toc.yml": "- name: Empiece aquí\n  href: start.md\n",
            "es-ES/guide/start.md": "# Inicio\n",
        ])
        defer { temporary.remove() }
        let site = temporary.site()
        let root = temporary.configuration.contentRoot
        let files = Navigation.Files([(root + "/es-ES", site.content.files["es-ES"]!), (root + "/en-US", site.content.files["en-US"]!)])
        let titles = ["guide/start.md": "Inicio", "ref/ref.md": "Ref"]
        let navigation = Navigation.load(files: files, titles: titles, resolver: LinkResolver(content: site.content))
        #expect(navigation.origin == .folders)
        #expect(navigation.items.map { $0.children.map(\.title) } == [["Empiece aquí"], ["Reference"]])
    }

    @Test("The sidebar marks the current page, opens its branch, and gives breadcrumbs")
    func sidebarAndBreadcrumbs() {
        let navigation = Navigation(items: [
            NavigationItem(title: "Home page", path: "index.md"),
            NavigationItem(title: "Guide", children: [
                NavigationItem(title: "Start", path: "guide/start.md"),
                NavigationItem(title: "Next <step>", path: "guide/next.md"),
            ]),
        ], origin: .tocYAML)
        let renderer = NavigationRenderer(navigation: navigation, locale: "en-US")
        let html = renderer.html(currentPath: "guide/next.md", pageDirectory: "guide")
        #expect(html.contains("<li class=\"branch\"><a href=\"../guide/start.html\">Guide</a><details open><summary><span class=\"visually-hidden\">Guide</span></summary>"))
        #expect(html.contains("<li class=\"current\"><a href=\"../guide/next.html\" aria-current=\"page\">Next &lt;step&gt;</a></li>"))
        #expect(html.contains("<li><a href=\"../index.html\">Home page</a></li>"))
        let crumbs = renderer.ancestors(of: "guide/next.md")
        #expect(crumbs.map(\.title) == ["Guide"])
        #expect(crumbs.first?.path == "guide/start.md")
    }

    @Test("Large tables of contents expand only the current branch")
    func largeTrees() {
        let branches = (0..<50).map { b in
            NavigationItem(title: "Branch \(b)", children: (0..<10).map { NavigationItem(title: "Page \(b).\($0)", path: "b\(b)/p\($0).md") })
        }
        let renderer = NavigationRenderer(navigation: Navigation(items: branches, origin: .folders), locale: "en-US")
        let html = renderer.html(currentPath: "b7/p3.md", pageDirectory: "b7")
        #expect(html.contains("Page 7.9"))
        #expect(!html.contains("Page 8.1"))
        #expect(html.contains("<li class=\"collapsed\"><a href=\"../b8/p0.html\">Branch 8</a></li>"))
    }

    @Test("Sidebars shared by a folder's pages give each page the sidebar written for it alone", arguments: [false, true])
    func sharedSidebars(large: Bool) {
        // Nested branches, entries with and without pages, a path listed twice, external links;
        // above the full-tree limit when `large`. A lone root is always open, so both shapes.
        func branch(_ name: String, depth: Int) -> [NavigationItem] {
            (0..<(large ? 9 : 3)).map { number in
                let path = "\(name)/p\(number).md"
                var item = NavigationItem(title: "\(name) \(number)", path: number == 1 && depth > 0 ? nil : path)
                if number == 2 { item.url = "https://example.com/\(number)"; item.path = nil }
                if depth < 2, number != 2 { item.children = branch("\(name)/b\(number)", depth: depth + 1) }
                return item
            }
        }
        var items = branch("top", depth: 0)
        items.append(NavigationItem(title: "Again", path: "top/p0.md"))
        for roots in [items, [NavigationItem(title: "Root", path: "index.md", children: items)]] {
            let renderer = NavigationRenderer(navigation: Navigation(items: roots, origin: .tocYAML), locale: "en-US")
            var paths: [String?] = [nil, "index.md", "not/listed.md"]
            var pending = roots
            while let item = pending.popLast() {
                paths.append(item.path)
                pending += item.children
            }
            // Twice over, so that the second round reads sidebars the first one made.
            for _ in 0..<2 {
                for path in paths {
                    for directory in ["", "top", "top/b0/b1"] {
                        let shared = renderer.htmlUTF8(currentPath: path, pageDirectory: directory)
                        let whole = renderer.htmlUTF8WrittenWhole(currentPath: path, pageDirectory: directory)
                        #expect(shared == whole, "\(path ?? "home") in '\(directory)'")
                    }
                }
            }
        }
    }

    @Test("The sample content's TOC.md gives the sample site its navigation in every locale")
    func sampleContent() throws {
        let configuration = try Configuration.load(file: repositoryRoot + "/concord.yml")
        let site = SiteContent.load(configuration)
        for locale in site.content.locales {
            let root = configuration.locales.first { $0.id == locale }!.path
            var titles: [String: String] = [:]
            for (path, article) in site.content.articles[locale] ?? [:] { titles[path] = article.title }
            let navigation = Navigation.load(root: root, files: site.content.files[locale]!, titles: titles, resolver: LinkResolver(content: site.content))
            #expect(navigation.origin == .tocMarkdown)
            #expect(navigation.items.count == 5, "\(locale)")
            #expect(navigation.items[4].children.count == 4, "\(locale)")
        }
    }
}
