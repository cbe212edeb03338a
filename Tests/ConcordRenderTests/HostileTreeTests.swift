import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Every hostile input of the security review in one content tree, built at once: the build
/// finishes, publishes the good pages, reports each bad input with its own finding, and writes
/// nothing from outside the content root.
@Suite("A tree of every hostile input builds, reports and publishes")
struct HostileTreeTests {
    /// `count` nested levels of YAML aliases, each list nine times the one before.
    static func aliasBomb(levels: Int = 9) -> String {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            let previous = "*a\(level - 1)"
            lines.append("a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n")
    }

    static func tree() throws -> (content: TemporaryContent, outside: String) {
        let outside = NSTemporaryDirectory() + "concord-outside-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("SECRET-OUTSIDE-THE-ROOT".utf8).write(to: URL(fileURLWithPath: outside + "/passwd"))

        var files: [String: String] = [
            "en-US/good.md": "# Good\n\nA page that must be published. ![shot](evil.html) ![svg](evil.svg) ![over](b.html)\n\n[x](./javascript:alert(document.domain).md) [y](<x&#10;::error file=README.md,line=1::Forged.md>) [z](&#27;[1A&#27;[2Kgone.md)\n",
            "fr-FR/good.md": "# Bien\n\nUne page publiée. ![shot](evil.html) ![svg](evil.svg) ![over](b.html)\n\n[x](./javascript:alert(document.domain).md) [y](<x&#10;::error file=README.md,line=1::Forged.md>) [z](&#27;[1A&#27;[2Kgone.md)\n",
            "en-US/b.md": "# B\n",
            "en-US/b.html": "<script>alert(1)</script>",
            "en-US/evil.html": "<script>alert(1)</script>",
            "en-US/evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            "en-US/environ": "x",
            "en-US/secret.md": "# Secret\n\n![e](environ)\n",
            "en-US/javascript:void(document.title=1).md": "# Scheme\n",
            "en-US/anchor.md": "# A\n\n## <a name='b\"\u{301} onfocus=alert(2) autofocus z'></a>Second\n",
            "en-US/bomb.md": "---\n\(aliasBomb())\n---\n# Bomb\n",
            "en-US/toc.yml": "- &top\n  name: Loop\n  href: toc.yml\n  items:\n  - *top\n",
            "en-US/brackets.md": "# Brackets\n\n" + String(repeating: "![[]()", count: 100_000) + "\n",
            "en-US/p.md": "# P lower\n",
            "en-US/p.MD": "# P upper\n",
            "en-US/anchors.md": "# Anchors\n\n" + (0..<20_000).map { "## <a name=\"a\($0)\"></a>H\($0)\n" }.joined(),
            "fr-FR/anchors.md": "# Ancres\n\n" + (0..<20_000).reversed().map { "## <a name=\"a\($0)\"></a>T\($0)\n" }.joined(),
            "en-US/headings.md": "# Headings\n\n" + (0..<40_000).map { _ in "## Same\n" }.joined(),
        ]
        // Nine files that include each other eight times each.
        for index in 0..<9 {
            let includes = (0..<8).map { "[!INCLUDE [i](inc\(($0 + index + 1) % 9).md)]" }.joined(separator: "\n\n")
            files["en-US/inc\(index).md"] = "# Include \(index)\n\n" + includes + "\n"
        }
        // 'did you mean' over many files and many distinct missing links.
        for index in 0..<200 {
            files["en-US/many/file\(index).md"] = "# File \(index)\n\n" + (0..<100).map { "[m](missing-\(index)-\($0).md)" }.joined(separator: " ") + "\n"
        }
        let content = try TemporaryContent(files)
        let root = content.configuration.contentRoot
        try FileManager.default.createSymbolicLink(atPath: root + "/yy-YY", withDestinationPath: "/proc/self")
        try FileManager.default.createSymbolicLink(atPath: root + "/xx-XX", withDestinationPath: outside)
        // UTF-16 text, and a file name that is not UTF-8.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "# UTF-16\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(utf16).write(to: URL(fileURLWithPath: root + "/en-US/utf16.md"))
        let latin1 = Array((root + "/en-US/caf").utf8) + [0xE9] + Array(".md".utf8) + [0]
        let descriptor = latin1.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        if descriptor >= 0 { _ = write(descriptor, "# Café\n", 7); close(descriptor) }
        return (content, outside)
    }

    @Test("Every bad input gets its finding, the good pages are published, nothing outside is read")
    func everything() throws {
        let (content, outside) = try Self.tree()
        defer { content.remove(); try? FileManager.default.removeItem(atPath: outside) }

        // Locale folders are found when a configuration is made: after the links were.
        var configuration = Configuration(contentRoot: content.configuration.contentRoot, sourceLocale: "en-US")
        configuration.templates = content.configuration.templates
        let report = try BuildAction(configuration: configuration, output: content.output).run()
        #expect(report.site != nil, "the build published no site")
        let rules = Set(report.diagnostics.map(\.rule))
        for rule in [
            "outside-content-root", "unsafe-media", "invalid-front-matter", "invalid-toc", "markdown-too-complex",
            "page-path-collision", "unsupported-encoding", "file-name-not-utf8", "broken-link",
        ] {
            #expect(rules.contains(rule), "no \(rule) finding; found \(rules.sorted())")
        }
        #expect(rules.contains { $0.hasPrefix("include-") }, "no include finding; found \(rules.sorted())")

        // The good pages are there; what came from outside or was refused is not.
        #expect(FileManager.default.fileExists(atPath: content.output + "/en-US/good.html"))
        #expect(FileManager.default.fileExists(atPath: content.output + "/fr-FR/good.html"))
        #expect(try String(decoding: FileSystem.read(content.output + "/en-US/b.html"), as: UTF8.self).contains("<h1"))
        for refused in ["en-US/evil.html", "en-US/evil.svg", "yy-YY", "xx-XX"] {
            #expect(!FileManager.default.fileExists(atPath: content.output + "/" + refused), "\(refused) was published")
        }
        let published = FileManager.default.enumerator(atPath: content.output)?.compactMap { $0 as? String } ?? []
        for file in published where !FileSystem.isDirectory(content.output + "/" + file) {
            let text = String(decoding: try FileSystem.read(content.output + "/" + file), as: UTF8.self)
            #expect(!text.contains("SECRET-OUTSIDE-THE-ROOT"), "\(file) holds a file from outside the content root")
            #expect(!text.contains("href=\"javascript:"), "\(file) has a javascript: link")
        }
        // Every finding prints on one line.
        for diagnostic in report.diagnostics { #expect(!diagnostic.description.contains("\n")) }
    }
}
