import ConcordMarkdown
import ConcordModel
import Foundation
import ConcordTestSupport
import Testing
@testable import ConcordRender

/// A few hundred bytes of `toc.yml` must not make a navigation of billions of entries: aliases
/// are refused, a file that refers to itself is not read again inside itself, and a locale's
/// navigation takes a bounded number of entries.
@Suite("toc.yml limits")
struct TOCLimitTests {
    func navigation(_ files: [String: String]) throws -> (Navigation, TemporaryContent) {
        let temporary = try TemporaryContent(files)
        let site = temporary.site()
        var titles: [String: String] = [:]
        for (path, article) in site.content.articles["en-US"] ?? [:] { titles[path] = article.title }
        let navigation = Navigation.load(
            root: temporary.configuration.contentRoot + "/en-US", files: site.content.files["en-US"] ?? [],
            titles: titles, resolver: LinkResolver(content: site.content))
        return (navigation, temporary)
    }

    /// Every entry of a navigation, nested ones included.
    func count(_ items: [NavigationItem]) -> Int {
        items.reduce(0) { $0 + 1 + count($1.children) }
    }

    @Test func anAliasInATOCIsAWarningAtItsLine() throws {
        let (navigation, temporary) = try navigation([
            "en-US/toc.yml": "- &a {name: A, href: a.md}\n- name: B\n  items: [*a, *a]\n",
            "en-US/a.md": "# A\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .folders)
        #expect(navigation.diagnostics.map(\.description) == [
            temporary.configuration.contentRoot
                + "/en-US/toc.yml:3:11: warning: table of contents cannot be read: YAML aliases are not allowed here ('*a' repeats the value marked '&a'); write the value out; its entries are left out of the navigation [invalid-toc]",
        ])
    }

    @Test func nestedItemAliasesAreRefusedBeforeTheyAreExpanded() throws {
        // Each level holds the one before four times: 4²⁵ entries in 700 bytes.
        var lines = ["- &a {name: a, href: a.md}"]
        let names = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("- &\(name) {name: \(name), items: [" + Array(repeating: "*\(previous)", count: 4).joined(separator: ",") + "]}")
        }
        let files = ["en-US/toc.yml": lines.joined(separator: "\n") + "\n", "en-US/a.md": "# A\n"]
        let result = try #require(finished(within: 30) { () -> (Int, [String]) in
            guard let (navigation, temporary) = try? navigation(files) else { return (-1, []) }
            temporary.remove()
            return (count(navigation.items), navigation.diagnostics.map(\.rule))
        })
        #expect(result.1 == ["invalid-toc"])
        #expect(result.0 == 1, "the folders' navigation: a.md")
    }

    @Test func aTOCThatRefersToItselfIsReadOnce() throws {
        let (navigation, temporary) = try navigation([
            "en-US/toc.yml": "- name: A\n  href: a.md\n- name: Again\n  href: toc.yml\n- name: Guide\n  href: guide/\n",
            "en-US/guide/toc.yml": "- name: Back\n  href: ../toc.yml\n- name: B\n  href: b.md\n",
            "en-US/a.md": "# A\n",
            "en-US/guide/b.md": "# B\n",
        ])
        defer { temporary.remove() }
        let root = temporary.configuration.contentRoot
        #expect(navigation.origin == .tocYAML)
        #expect(navigation.items.map(\.title) == ["A", "Again", "Guide"])
        #expect(navigation.items[1].children.isEmpty)
        #expect(navigation.items[2].children.map(\.title) == ["Back", "B"])
        #expect(navigation.items[2].children[0].children.isEmpty)
        #expect(navigation.diagnostics.map(\.description) == [
            root + "/en-US/toc.yml:3:3: warning: 'toc.yml' leads back to a table of contents being read (toc.yml → toc.yml); not read again inside itself [toc-cycle]",
            root + "/en-US/guide/toc.yml:1:3: warning: '../toc.yml' leads back to a table of contents being read (toc.yml → guide/toc.yml → toc.yml); not read again inside itself [toc-cycle]",
        ])
    }

    @Test func aLocaleNavigationTakesABoundedNumberOfEntries() throws {
        // Ten entries pointing at the next folder's toc.yml, five folders deep: 211,110 entries.
        var files = ["en-US/a.md": "# A\n"]
        var folder = ""
        for depth in 0..<5 {
            let next = "f\(depth)/"
            files["en-US/\(folder)toc.yml"] = (0..<10).map { "- name: E\($0)\n  href: \(next)\n" }.joined()
            folder += next
        }
        files["en-US/\(folder)toc.yml"] = "- name: Leaf\n  href: " + String(repeating: "../", count: 5) + "a.md\n"
        let (navigation, temporary) = try navigation(files)
        defer { temporary.remove() }
        #expect(count(navigation.items) == Navigation.maximumTOCEntries)
        let problem = try #require(navigation.diagnostics.first)
        #expect(navigation.diagnostics.count == 1)
        #expect(problem.rule == "toc-too-large" && problem.severity == .warning)
        #expect(problem.location.file.hasPrefix(temporary.configuration.contentRoot + "/en-US/f0/"))
        #expect(problem.location.file.hasSuffix("/toc.yml") && problem.location.line >= 1)
        #expect(problem.message == "the tables of contents of this locale have more than \(Navigation.maximumTOCEntries) entries; the rest are left out of the navigation")
    }

    @Test func aTOCMarkdownWithTheBracketShapeCmarkIsSlowOnIsNotParsed() throws {
        let (navigation, temporary) = try navigation([
            "en-US/TOC.md": "# Contents\n\n" + String(repeating: "![[]()", count: 100_000) + "\n",
            "en-US/a.md": "# A\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .folders)
        #expect(navigation.diagnostics.map(\.rule) == ["invalid-toc"])
        #expect(navigation.diagnostics.first?.location.line == 3)
    }

    @Test func aTOCFileOverTheSizeLimitIsNotRead() throws {
        let entry = "- name: Entry\n  href: a.md\n"
        let (navigation, temporary) = try navigation([
            "en-US/toc.yml": String(repeating: entry, count: MarkdownInput.maximumBytes / entry.utf8.count + 1),
            "en-US/a.md": "# A\n",
        ])
        defer { temporary.remove() }
        #expect(navigation.origin == .folders)
        #expect(navigation.diagnostics.map(\.rule) == ["invalid-toc"])
        #expect(navigation.diagnostics.first?.message.contains("over the limit of \(MarkdownInput.maximumBytes) bytes") == true)
    }
}
