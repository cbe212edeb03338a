import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Defence in depth in the default theme: every page carries a Content-Security-Policy that
/// allows no inline script, a referrer policy, and no inline script, handler or style of its
/// own for the policy to forbid; links that leave the site open with `rel="noopener"`.
@Suite("The default pages carry a Content-Security-Policy they obey")
struct ContentSecurityPolicyTests {
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-src 'none'"

    static let files: [String: String] = [
        "en-US/a.md": "# Article A\n\nSee [B](b.md), [the web](https://example.com/x) and [mail](mailto:a@example.com).\n\n![remote](https://example.com/p.png)\n",
        "en-US/b.md": "# Article B\n\n[Protocol-relative](//example.com/y)\n\n| Left | Centre | Right |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
        "es-ES/a.md": "# Artículo A\n",
    ]

    /// Every HTML page of a built site, by path.
    static func pages(_ temporary: TemporaryContent) throws -> [String: String] {
        var pages: [String: String] = [:]
        for path in FileSystem.files(under: temporary.output) where path.hasSuffix(".html") {
            pages[path] = try temporary.read(path)
        }
        return pages
    }

    @Test("Every page has the policy and a referrer policy in its head, before anything it governs")
    func policyInEveryPage() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let pages = try Self.pages(temporary)
        #expect(pages.count == 9)
        for (path, page) in pages {
            let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy)\">"
            #expect(page.contains(meta), "\(path)")
            #expect(page.contains("<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">"), "\(path)")
            // A policy in a <meta> governs only what comes after it.
            let policyAt = page.range(of: meta)?.lowerBound
            for earlier in ["<script", "<link rel=\"stylesheet\"", "<style"] {
                if let other = page.range(of: earlier)?.lowerBound, let policyAt { #expect(policyAt < other, "\(path): \(earlier)") }
            }
        }
    }

    @Test("No page has inline script, event-handler attributes or style attributes")
    func nothingInline() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        for (path, page) in try Self.pages(temporary) {
            var rest = Substring(page)
            while let open = rest.range(of: "<script") {
                let tagEnd = rest[open.upperBound...].firstIndex(of: ">")!
                #expect(rest[open.upperBound..<tagEnd].contains(" src=\""), "\(path): inline script")
                let close = rest.range(of: "</script>", range: tagEnd..<rest.endIndex)!
                #expect(rest.index(after: tagEnd) == close.lowerBound, "\(path): script with a body")
                rest = rest[close.upperBound...]
            }
            #expect(page.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil, "\(path): handler")
            #expect(page.range(of: #"\sstyle\s*="#, options: [.regularExpression, .caseInsensitive]) == nil, "\(path): style attribute")
            #expect(!page.contains("<style"), "\(path): style element")
        }
    }

    @Test("Table column alignment is a class, not a style attribute")
    func tableAlignment() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let page = try temporary.read("en-US/b.html")
        #expect(page.contains("<th class=\"align-left\">Left</th><th class=\"align-center\">Centre</th><th class=\"align-right\">Right</th>"))
        #expect(page.contains("<td class=\"align-right\">3</td>"))
        let css = try temporary.read("assets/site.css")
        for side in ["left", "center", "right"] { #expect(css.contains(".content .align-\(side) { text-align: \(side); }")) }
    }

    @Test("The language chooser's redirect is a script file that reads the locales from an attribute")
    func chooserScript() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let chooser = try temporary.read("index.html")
        #expect(chooser.contains("<script src=\"assets/chooser.js\" data-locales=\"en-US,es-ES\"></script>"))
        #expect(FileSystem.exists(temporary.output + "/assets/chooser.js"))
    }

    @Test("Links that leave the site get rel=noopener; links inside it and mailto do not")
    func noopener() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let page = try temporary.read("en-US/a.html")
        #expect(page.contains("<a href=\"https://example.com/x\" rel=\"noopener\">the web</a>"))
        #expect(page.contains("<a href=\"b.html\">B</a>"))
        #expect(page.contains("<a href=\"mailto:a@example.com\">mail</a>"))
        #expect(page.contains("<img src=\"https://example.com/p.png\""))
        #expect(try temporary.read("en-US/b.html").contains("<a href=\"//example.com/y\" rel=\"noopener\">Protocol-relative</a>"))
    }

    @Test("An external entry of toc.yml opens with rel=noopener")
    func noopenerInNavigation() throws {
        var files = Self.files
        files["en-US/toc.yml"] = "- name: A\n  href: a.md\n- name: Elsewhere\n  href: https://example.com/elsewhere\n"
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        try buildSite(temporary)
        #expect(try temporary.read("en-US/a.html").contains("<a class=\"external\" href=\"https://example.com/elsewhere\" rel=\"noopener\">Elsewhere</a>"))
    }
}
