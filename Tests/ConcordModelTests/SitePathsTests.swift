import Testing
@testable import ConcordModel

@Suite("Site paths")
struct SitePathsTests {
    /// The Character-wise definition the byte test stands in for.
    private func reference(_ path: String) -> String {
        path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
    }

    @Test("The .md extension goes in any case; nothing else is cut", arguments: [
        "a/b.md", "a/b.MD", "a/b.Md", ".md", "md", "a.mdx", "a/b.markdown", "a.m d", "b.md/", "", "é.md", "日本.md",
        "a\u{600}.md", "a.\u{301}md", "a.md\u{301}", "x\u{301}.md", "a.nd", "a,md", "a.mD",
    ])
    func knownPaths(path: String) {
        #expect(SitePaths.withoutMarkdownExtension(path) == reference(path))
        #expect(SitePaths.page(locale: "es-ES", path: path) == "es-ES/" + reference(path) + ".html")
        #expect(SitePaths.json(locale: "es-ES", path: path) == "es-ES/" + reference(path) + ".json")
    }

    @Test("Random paths give what the Character-wise definition gives")
    func randomPaths() {
        let pieces = [".", "m", "M", "d", "D", "/", "a", "é", "\u{301}", "\u{600}", "日", "md", ".md", ".MD", "\u{212A}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            var path = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for shift in stride(from: 0, to: Int(state >> 61) * 8 + 8, by: 4) {
                path += pieces[Int((state >> UInt64(shift % 60)) & 0xF) % pieces.count]
            }
            #expect(SitePaths.withoutMarkdownExtension(path) == reference(path), "\(path.unicodeScalars.map(\.value))")
        }
    }
}
