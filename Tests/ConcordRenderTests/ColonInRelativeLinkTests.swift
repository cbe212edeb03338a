import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// A relative path whose first segment holds a `:` reads as a scheme once its `./` is gone
/// (`./javascript:alert(1).md` → `javascript:alert(1).html`): every URL the site writes stays
/// relative, and the scheme check is made on the URL as finally written.
@Suite("A colon in a relative link never becomes a scheme")
struct ColonInRelativeLinkTests {
    /// Every `href`, `src` and search-index URL of every page and JSON file of a built site.
    static func urls(in folder: String) throws -> [(file: String, url: String)] {
        var found: [(String, String)] = []
        for path in FileSystem.files(under: folder) {
            let text = String(decoding: try FileSystem.read(folder + "/" + path), as: UTF8.self)
            for marker in ["href=\"", "src=\"", "\"u\":\"", "\"url\" : \"", "\"page\" : \""] {
                var rest = Substring(text)
                while let range = rest.range(of: marker) {
                    rest = rest[range.upperBound...]
                    guard let end = rest.firstIndex(of: "\"") else { break }
                    found.append((path, String(rest[..<end])))
                }
            }
        }
        return found
    }

    /// Whether a browser would read `url` as having a scheme other than http(s), mailto, tel or ftp.
    static func isLive(_ url: String) -> Bool {
        let decoded = url.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\\t", with: "\t")
        return !URLPolicy.isSafe(decoded)
    }

    @Test("A link written ./javascript:….md keeps its ./", arguments: [
        ("[x](./javascript:alert(document.domain).md)", "./javascript:alert(document.domain).html"),
        ("[x](./JavaScript:alert(1).md#top)", "./JavaScript:alert(1).html#top"),
        ("[x](./vbscript:x.md)", "./vbscript:x.html"),
        ("[x](./data:text/html,x.md)", "./data:text/html,x.html"),
        ("[x](sub/../javascript:alert(1).md)", "./javascript:alert(1).html"),
    ])
    func bodyLink(markdown: String, href: String) {
        let html = renderBody(markdown)
        SafetyTests.assertHarmless(html)
        #expect(html.contains("<a href=\"\(href)\">x</a>"), "\(html)")
    }

    @Test("Relative references with a colon in their first segment get ./; others are unchanged", arguments: [
        ("javascript:x.html", "./javascript:x.html"),
        ("java\tscript:x.html", "./java\tscript:x.html"),
        ("a:b/c.html", "./a:b/c.html"),
        ("a/b:c.html", "a/b:c.html"),
        ("../a:b.html", "../a:b.html"),
        ("./a:b.html", "./a:b.html"),
        ("a.html#x:y", "a.html#x:y"),
        ("a.html?x:y", "a.html?x:y"),
        ("a.html", "a.html"),
        ("", ""),
    ])
    func relativeReference(path: String, expected: String) {
        #expect(URLPolicy.relativeReference(path) == expected)
    }

    @Test("RelativePath.relative never returns a path that reads as a scheme")
    func relativePath() {
        #expect(RelativePath.relative(to: "javascript:alert(1).html", from: "") == "./javascript:alert(1).html")
        #expect(RelativePath.relative(to: "guide/javascript:alert(1).html", from: "guide") == "./javascript:alert(1).html")
        #expect(RelativePath.relative(to: "javascript:alert(1).html", from: "guide") == "../javascript:alert(1).html")
        #expect(RelativePath.relative(to: "guide/a.html", from: "guide") == "a.html")
    }

    @Test("An article named javascript:….md is linked with ./ from the sidebar, breadcrumbs, home, search index and JSON")
    func articleNamedLikeAScheme() throws {
        let name = "javascript:void(document.title=1)"
        let temporary = try TemporaryContent([
            "en-US/\(name).md": "# Evil\n",
            "en-US/a.md": "# A\n\n[evil](\(name).md) [evil too](./\(name).md)\n",
            "en-US/guide/b.md": "# B\n\n[evil](../\(name).md)\n",
            "en-US/toc.yml": "- name: Evil\n  href: ./\(name).md\n  items:\n  - name: A\n    href: a.md\n- name: Guide\n  items:\n  - name: B\n    href: guide/b.md\n",
            "es-ES/a.md": "# A\n\n[evil](\(name).md)\n",
        ])
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        let urls = try Self.urls(in: temporary.output)
        #expect(!urls.isEmpty)
        for (file, url) in urls {
            #expect(!Self.isLive(url), "\(file): \(url)")
        }
        // The page links, sidebar and breadcrumbs were rewritten, not dropped.
        let page = try temporary.read("en-US/a.html")
        // Written without ./, the destination is a javascript: URL in Markdown too: the link goes, its text stays.
        #expect(page.contains("<p>evil <a href=\"./\(name).html\">evil too</a></p>"))
        #expect(page.contains("<li><a href=\"./\(name).html\">Evil</a></li>"), "breadcrumb")
        let index = try temporary.read("en-US/search-index.json")
        #expect(index.contains("\"u\":\"./\(name).html\""))
    }

    @Test("search.js opens only relative and http(s) result URLs")
    func searchScript() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/node") else { return }
        let script = repositoryRoot + "/templates/assets/search.js"
        let cases: [(String, Bool)] = [
            ("javascript:alert(1).html", false), ("JavaScript:alert(1)", false), ("java\tscript:alert(1)", false),
            (" javascript:alert(1)", false), ("\u{1}javascript:alert(1)", false), ("vbscript:x", false), ("data:text/html,x", false),
            ("./javascript:alert(1).html", true), ("a/b.html", true), ("../x.html#y", true), ("https://example.com/x", true), ("http://x", true),
        ]
        let checks = cases.map { "[\(HTMLEscaping.jsonString($0.0)), \($0.1)]" }.joined(separator: ",")
        let program = """
        const s = require(\(HTMLEscaping.jsonString(script)));
        const bad = [\(checks)].filter(([u, ok]) => (s.resultHref(u) !== null) !== ok);
        if (bad.length) { console.log(JSON.stringify(bad)); process.exit(1); }
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/node")
        process.arguments = ["-e", program]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
