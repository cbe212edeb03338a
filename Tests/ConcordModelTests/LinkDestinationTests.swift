import ConcordTestSupport
import Testing
@testable import ConcordModel

/// How destinations are taken apart and resolved: the one reading the checks, the JSON and the pages share.
@Suite("Link destinations")
struct LinkDestinationTests {
    @Test(arguments: [
        ("", LinkDestination.Kind.empty),
        ("#anchor", .fragment),
        ("?view=x", .fragment),
        ("https://example.com/a", .external),
        ("HTTP://example.com", .external),
        ("mailto:a@b.c", .external),
        ("xref:System.String", .xref),
        ("/powershell/module", .siteRooted),
        ("//cdn.example.com/a.png", .siteRooted),
        ("a.md", .relative),
        ("../a/b.md#x", .relative),
        ("media/a:b.png", .relative),
        ("./javascript:x.md", .relative),
        ("C:\\\\docs\\\\a.md", .blocked),
        ("tel:+1-555-0100", .external),
        ("FTP://files.example.com/a", .external),
        ("javascript:alert(1)", .blocked),
        ("java\tscript:alert(1)", .blocked),
        (" \u{1}data:text/html,x", .blocked),
        ("\\\\host\\a.md", .siteRooted),
        ("XREF:System.String?displayProperty=fullName", .xref),
        (" x\tref:a#b", .xref),
        ("xref", .relative),
        ("#xref:a", .fragment),
        ("xrefs:a", .blocked),
        ("xrefxrefx:a", .blocked),
        ("a/xref:b", .relative),
    ])
    func kinds(destination: String, kind: LinkDestination.Kind) {
        #expect(LinkDestination(destination).kind == kind)
        // The cross-reference check's quick question gives the same answer.
        #expect(LinkScheme.isCrossReference(destination) == (kind == .xref))
    }

    @Test func partsAreSplitAndThePathDecoded() {
        let destination = LinkDestination(" my%20file%C3%A9.md?view=powershell-7.1&x=1#Part%202 ")
        #expect(destination.path == "my fileé.md")
        #expect(destination.query == "view=powershell-7.1&x=1")
        #expect(destination.fragment == "Part 2")
        // An escape that does not decode to UTF-8 is kept as written.
        #expect(LinkDestination("a%FF.md").path == "a%FF.md")
        #expect(LinkDestination("..\\a\\b.md").path == "../a/b.md")
        // What a page keeps is kept as written.
        #expect(destination.writtenPath == "my%20file%C3%A9.md")
        #expect(destination.suffix == "?view=powershell-7.1&x=1#Part%202")
        #expect(LinkDestination("..\\a\\b.md").writtenPath == "..\\a\\b.md")
    }

    @Test(arguments: [
        ("b.md", "guide/a.md", RelativeTarget.inside("guide/b.md")),
        ("./b.md", "guide/a.md", .inside("guide/b.md")),
        ("../b.md", "guide/a.md", .inside("b.md")),
        ("../../b.md", "guide/a.md", .outside(levels: 1, rest: "b.md")),
        ("../../x/../y/b.md", "guide/a.md", .outside(levels: 1, rest: "y/b.md")),
        ("./", "a.md", .inside("")),
        ("sub//b.md", "a.md", .inside("sub/b.md")),
    ])
    func relativePathsResolveAgainstTheArticleFolder(path: String, from article: String, target: RelativeTarget) {
        #expect(RelativeTarget(path: path, from: article) == target)
    }

    @Test("Reading a destination in place takes it apart as the definition does")
    func partsAgreeWithDefinition() {
        let pieces = [
            "a", "B", "é", "日本", "/", "\\", "#", "?", "&", "=", ":", ".", "..", "md", "x1+-.", "%20", "%C3%A9", "%e6%97%a5",
            "%FF", "%", "%G1", "%2", " ", "\t", "\n", "\r", "\u{1}", "https:", "HTTP:", "xref:", "mailto:", "tel:", "javascript:",
            "java\tscript:", "C:", "//", "~",
        ]
        var draws = SeededRandom(seed: 9)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<draws.next(10) { text += pieces[draws.next(pieces.count)] }
            #expect(ReferenceLinkDestination(text).matches(LinkDestination(text)), "\(text.debugDescription)")
        }
    }

    @Test("Lowering a path without a new string gives what String.lowercased() gives")
    func lowercasedAgreesWithTheStandardLibrary() {
        let pieces = ["a", "Z", "docs/", "about_Foo", ".md", "-", "é", "É", "İ", "ß", "Σ", "日本", "@", "[", "`", "{", "\u{7F}", "0"]
        var draws = SeededRandom(seed: 3)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<draws.next(12) { text += pieces[draws.next(pieces.count)] }
            #expect(LinkTargets.lowercased(text) == text.lowercased(), "\(text.debugDescription)")
        }
    }
}

