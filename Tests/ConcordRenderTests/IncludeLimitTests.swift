import ConcordModel
import Foundation
import ConcordTestSupport
import Testing
@testable import ConcordRender

/// Includes that include each other many times multiply: a page expands a bounded number of
/// includes and bytes, and says where it stopped, once.
@Suite("[!INCLUDE] expansion limits")
struct IncludeLimitTests {
    /// `count` files that each include every other one, and an article that includes the first.
    static func mesh(_ count: Int) -> [String: String] {
        var files = ["en-US/article.md": "# Article\n\n[!INCLUDE [first](includes/inc0.md)]\n\nAfter.\n"]
        for i in 0..<count {
            let others = (0..<count).filter { $0 != i }.map { "[!INCLUDE [x](inc\($0).md)]\n\n" }.joined()
            files["en-US/includes/inc\(i).md"] = "Marker \(i)\n\n" + others
        }
        return files
    }

    static func render(_ temporary: TemporaryContent, _ path: String = "article.md") -> RenderedBody {
        let site = temporary.site()
        let renderer = HTMLRenderer(links: LinkResolver(content: site.content), includes: IncludeStore(content: site.content))
        return renderer.render(site.document(path, in: "en-US")!, article: site.content.article(path, in: "en-US")!, locale: "en-US")
    }

    /// What the page of `path` cannot expand, as the model finds it while the content loads
    /// (the renderer reports nothing of its own).
    static func findings(_ temporary: TemporaryContent, _ path: String = "article.md") -> [Diagnostic] {
        let site = temporary.site()
        let page = IncludeExpansion.findings(
            article: site.content.article(path, in: "en-US")!, document: site.document(path, in: "en-US")!, store: site.content.includes)
        #expect(page.filter { $0.rule.hasPrefix("include-") }.allSatisfy { finding in
            site.content.structureDiagnostics.contains { $0.description == finding.description }
        }, "the content set reports what the page finds")
        return page
    }

    @Test func aPageExpandsABoundedNumberOfIncludes() throws {
        // Seven files, each including the six others: 1,957 expansions without a limit.
        let temporary = try TemporaryContent(Self.mesh(7))
        defer { temporary.remove() }
        let body = Self.render(temporary)
        let expanded = body.html.components(separatedBy: "<p>Marker ").count - 1
        #expect(expanded == HTMLRenderer.maximumIncludeExpansions)
        #expect(body.html.hasSuffix("<p>After.</p>\n"), "the page's own text goes on after the limit")
        #expect(body.diagnostics.isEmpty)
        let limits = Self.findings(temporary).filter { $0.rule == "include-limit" }
        #expect(limits.count == 1)
        let problem = try #require(limits.first)
        #expect(problem.severity == .warning)
        #expect(problem.location.file.hasSuffix(".md") && problem.location.file.contains("/en-US/includes/inc"))
        #expect(problem.message.hasPrefix("this page expands more than \(HTMLRenderer.maximumIncludeExpansions) includes; "))
    }

    @Test func nineFilesThatIncludeEachOtherEightTimesRenderPromptly() throws {
        let temporary = try TemporaryContent(Self.mesh(9))
        defer { temporary.remove() }
        let body = try #require(finished(within: 30) { Self.render(temporary) }, "expansion must be bounded")
        #expect(Self.findings(temporary).filter { $0.rule == "include-limit" }.count == 1)
        #expect(body.utf8.count < HTMLRenderer.maximumIncludedBytes + 100_000)
    }

    @Test func aPageExpandsABoundedNumberOfBytesOfIncludes() throws {
        // One include of about a megabyte, twenty times.
        let paragraph = String(repeating: "word ", count: 200) + "\n\n"
        let temporary = try TemporaryContent([
            "en-US/article.md": "# Big\n\n" + String(repeating: "[!INCLUDE [big](big.md)]\n\n", count: 20) + "After.\n",
            "en-US/big.md": String(repeating: paragraph, count: 1_000),
        ])
        defer { temporary.remove() }
        let body = Self.render(temporary)
        #expect(body.utf8.count <= HTMLRenderer.maximumIncludedBytes + 1_100_000)
        #expect(body.html.hasSuffix("<p>After.</p>\n"))
        // Nine included files of a megabyte of Markdown pass the eight megabytes: the tenth stops.
        #expect(body.html.components(separatedBy: "<p>word word").count - 1 == 9 * 1_000)
        let limits = Self.findings(temporary).filter { $0.rule == "include-limit" }
        #expect(limits.map(\.location.line) == [21], "the tenth include, the first not expanded")
        #expect(limits.first?.message.hasPrefix("this page expands more than \(HTMLRenderer.maximumIncludedBytes / 1_048_576) MB of includes; ") == true)
    }

    @Test func everyIncludeOfAnOrdinaryPageIsExpanded() throws {
        var files = ["en-US/article.md": "# Many\n\n" + (0..<40).map { "[!INCLUDE [i](i\($0).md)]\n\n" }.joined()]
        for i in 0..<40 { files["en-US/i\(i).md"] = "Included \(i).\n" }
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let body = Self.render(temporary)
        #expect(Self.findings(temporary).isEmpty)
        #expect(body.html.components(separatedBy: "<p>Included ").count - 1 == 40)
    }
}
