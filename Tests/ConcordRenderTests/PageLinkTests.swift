import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// How a page writes a link and an image: where the model's resolver (``LinkTargets``) says it
/// leads, written relative to the page, never with a live scheme. Spelled-out cases, then random
/// links held to the rules; `RelativePath` against its Character-wise definition.
@Suite("Links and images on pages")
struct PageLinkTests {
    /// Articles whose names differ in case, in `..`-reachable folders, in precomposed and
    /// decomposed forms (`é` and `e` + U+0301), and with U+037E GREEK QUESTION MARK, which is
    /// canonically equivalent to `;`; images in the source and the translation.
    static let files: [String: String] = [
        "en-US/index.md": "# Home\n",
        "en-US/Guide/Overview.md": "# Overview\n",
        "en-US/guide/start.md": "# Start\n",
        "en-US/a/b/deep.md": "# Deep\n",
        "en-US/caf\u{E9}/\u{C9}t\u{E9}.md": "# Été\n",
        "en-US/cafe\u{301}/note.MD": "# Note\n",
        "en-US/\u{4E2D}\u{6587}/\u{9875}.md": "# 页\n",
        "en-US/more info.md": "# More\n",
        "en-US/faq\u{37E}.md": "# FAQ\n",
        "en-US/K.md": "# K\n",
        "en-US/Zeta/AZ.md": "# AZ\n",
        "en-US/100%#.md": "# Odd\n",
        "en-US/media/shot.png": "png",
        "en-US/media/more shot.png": "png",
        "en-US/caf\u{E9}/pic.png": "png",
        "fr-FR/index.md": "# Accueil\n",
        "fr-FR/guide/Start.md": "# Démarrer\n",
        "fr-FR/media/shot.png": "png",
    ]

    /// Pieces of link destinations: names, separators, dots, suffixes, capitals, percent signs,
    /// and marks that join a `/`, `#`, `?` or `.` to a neighbour into one Character.
    static let pieces: [String] = [
        "a", "b", "B", "Guide", "guide", "start.md", "Overview.MD", "overview.md", "deep.md", "index.md", "note.md", "x.md",
        "shot.png", "media", "/", "/", "/", "//", ".", "..", "../", "./", "#", "#top", "?", "?q=1", "%20", "more%20info.md",
        ".md", ".MD", "caf\u{E9}", "cafe\u{301}", "\u{C9}t\u{E9}.md", "E\u{301}te\u{301}.md", "\u{301}", "\u{338}", "\u{600}",
        "\u{200D}", "\u{FE0F}", "\u{4E2D}\u{6587}", "\u{9875}.md", "\u{212A}", "k.md", "faq;.md", "FAQ\u{37E}.MD", "zeta", "ZETA", "az.md", "AZ.MD", " ",
    ]

    /// Folders a document or page may be in, odd ones included.
    static let directories: [String] = [
        "", "guide", "Guide", "a", "a/b", "a/b/c", "media", "caf\u{E9}", "cafe\u{301}", "\u{4E2D}\u{6587}", "a//b", "/a", "a/",
        "a/\u{301}b", "\u{600}/a", "guide/\u{338}", "..", "a/../b", ".",
    ]

    static func next(_ seed: inout UInt64) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int(seed >> 33)
    }

    static func sample(_ seed: inout UInt64, from alphabet: [String], count: Int) -> String {
        var text = ""
        for _ in 0..<count { text += alphabet[next(&seed) % alphabet.count] }
        return text
    }

    /// Links with something hard in them.
    static let chosen: [String] = [
        "start.md", "Start.MD", "../index.md", "../../index.md", "../../../index.md", "./start.md", ".//start.md",
        "guide//start.md", "guide/./start.md", "guide/../guide/start.md", "../Guide/overview.md#intro", "start.md?view=1#x",
        "start.md#", "start.md?", "start.md#a?b", "../", "..", ".", "./", "a/..", "media/shot.png", "../media/shot.png#x",
        "more%20info.md", "media/more%20shot.png", "media/more shot.png", "%2E%2E/index.md", "%", "a%zz.md", "caf\u{E9}/\u{C9}t\u{E9}.md",
        "cafe\u{301}/E\u{301}te\u{301}.md", "CAFE\u{301}/NOTE.md", "caf\u{E9}/note.md", "\u{4E2D}\u{6587}/\u{9875}.md",
        "a/\u{301}b.md", "a/\u{301}../index.md", "..\u{301}/index.md", "../\u{301}index.md", "start.md#\u{301}x", "start.md?\u{338}",
        "\u{600}#x", "a\u{600}/b.md", "x\u{600}.md", "a.\u{301}md", "a.md\u{301}", "\u{212A}.md", "guide/\u{212A}.MD",
        "\u{C9}t\u{E9}.md", "faq;.md", "../FAQ;.md", "faq\u{37E}.md", "\u{212A}.md", "k.MD", "../zeta/az.md", "ZETA/aZ.md", ".md", "a/.md", "index.md/", "index.md//", "guide/", "media/", "#only", "?only",
    ]

    /// The path, relative to the locale root, that `href` opens from a page in `pageDirectory`
    /// (percent escapes decoded); `nil` for a URL with a scheme, a site path or a place in the page.
    static func landing(_ href: String, from pageDirectory: String) -> String? {
        let link = LinkDestination(href)
        guard link.kind == .relative, case .inside(let path) = RelativeTarget(path: link.path, inFolder: pageDirectory) else { return nil }
        return path
    }

    @Test("href: each rule of the one link model, spelled out")
    func chosenLinks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let resolver = LinkResolver(content: temporary.site().content)
        func href(_ destination: String, in document: String = "a", on page: String? = nil, locale: String = "en-US") -> String? {
            resolver.href(destination, documentDirectory: document, pageDirectory: page ?? document, locale: locale)
        }
        // Any letter case, named as the file is spelled; query and fragment as written.
        #expect(href("../Guide/overview.md#intro") == "../Guide/Overview.html#intro")
        #expect(href("start.MD?x=1", in: "guide", on: "") == "guide/start.html?x=1")
        // `\` reads as `/`; `.md` may be left off; `%XX` is decoded to find the file.
        #expect(href("..\\GUIDE\\Overview.md") == "../Guide/Overview.html")
        #expect(href("../guide/overview") == "../Guide/Overview.html")
        #expect(href("../more%20info.md") == "../more info.html")
        // A file name that holds `%`, `#` or `?` is escaped in the href.
        #expect(href("../100%25%23.md") == "../100%25%23.html")
        // A translation's link finds the source's article when the translation has none, or
        // has a file there that is no article (`fr-FR/guide/Start.md` is left out: its page is the source's).
        #expect(href("../guide/overview.md", locale: "fr-FR") == "../Guide/Overview.html")
        #expect(href("../guide/START.md", locale: "fr-FR") == "../guide/start.html")
        // A trailing `/` names a folder: `index.md` is not `index.md/`.
        #expect(href("../index.md/") == "../index.md/")
        #expect(href("../guide/") == "../guide/")
        // What names no article keeps its path as written, `\` as `/`, `.md` as `.html`.
        #expect(href("../../index.md") == "../../index.html")
        #expect(href("missing.md?x#y") == "missing.html?x#y")
        #expect(href("..\\media\\shot.png") == "../media/shot.png")
        #expect(href("shot.png", in: "media") == "shot.png")
        #expect(href("../media/shot.png", in: "a", on: "guide") == "../media/shot.png")
        // Only the allowed schemes; a path that reads as a scheme once rewritten keeps a `./`.
        for url in ["https://x.example/a", "mailto:a@b.c", "tel:+1-555-0100", "ftp://x.example/a", "/site/path", "#top", "?q", ""] {
            #expect(href(url) == url)
        }
        for url in ["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "C:\\a.md", "xref:System.String"] {
            #expect(href(url) == nil, "\(url.debugDescription)")
        }
        #expect(href("./javascript:x.md", in: "") == "./javascript:x.html")
        // An ASCII link can name an article whose name is not ASCII.
        #expect(href("FAQ;.md", in: "").map { Array($0.utf8) } == Array("faq\u{37E}.html".utf8))
    }

    @Test("href and image: chosen and random links lead where the model says, and never with a live scheme")
    func randomLinks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let content = temporary.site().content
        let resolver = LinkResolver(content: content)
        let targets = LinkTargets(content: content)
        func check(_ destination: String, in document: String, on page: String, locale: String) {
            let context = "\(destination.debugDescription) in \(document.debugDescription) on \(page.debugDescription)"
            let href = resolver.href(destination, documentDirectory: document, pageDirectory: page, locale: locale)
            if let href { #expect(URLPolicy.isSafe(href), "\(context)") }
            // `RelativePath.relative` reads a page's folder by Characters, where a mark joined to a `/`
            // hides it; browsers and the model read bytes. Folders named so are left out of the comparison.
            let foldersReadAlike = [document, page].allSatisfy { $0.filter { $0 == "/" }.count == $0.utf8.filter { $0 == UInt8(ascii: "/") }.count }
            if foldersReadAlike, case .article(_, let path) = targets.resolve(LinkDestination(destination), inFolder: document, locale: locale) {
                // Compared as Strings: `RelativePath` takes canonically equivalent folder names for one.
                #expect(href.flatMap { Self.landing($0, from: page) } == SitePaths.withoutMarkdownExtension(path) + ".html", "\(context)")
            }
            if let image = resolver.image(destination, documentDirectory: document, pageDirectory: page, locale: locale) {
                #expect(URLPolicy.isSafe(image.src), "\(context)")
                // A copied file is published where the image's `src` looks for it.
                if foldersReadAlike, let copy = image.copy {
                    #expect(Self.landing(image.src, from: page).map { locale + "/" + $0 } == copy.outputPath, "\(context)")
                }
            }
        }
        for destination in Self.chosen {
            for document in Self.directories {
                for page in [document, "", "guide", "a/b", "caf\u{E9}", "cafe\u{301}"] { check(destination, in: document, on: page, locale: "fr-FR") }
            }
        }
        var seed: UInt64 = 21
        for _ in 0..<5000 {
            let destination = Self.sample(&seed, from: Self.pieces, count: 1 + Self.next(&seed) % 6)
            let document = Self.directories[Self.next(&seed) % Self.directories.count]
            let page = Self.next(&seed) % 3 == 0 ? document : Self.directories[Self.next(&seed) % Self.directories.count]
            check(destination, in: document, on: page, locale: Self.next(&seed) % 2 == 0 ? "en-US" : "fr-FR")
        }
    }

    @Test("What a page tells without taking a destination apart, it tells as the model does")
    func kindWithoutPath() {
        var seed: UInt64 = 8
        let pieces = Self.pieces + URLPolicyParityTests.pieces + ["xref:", "\\", "?", "#", "\u{1}", "\t"]
        for _ in 0..<20000 {
            let destination = Self.sample(&seed, from: pieces, count: Self.next(&seed) % 6)
            let kind = LinkDestination(destination).kind
            let expected: LinkDestination.Kind? = switch kind {
            case .relative: nil
            case .xref: .blocked
            default: kind
            }
            #expect(LinkResolver.kindWithoutPath(destination) == expected, "\(destination.debugDescription)")
        }
    }

    @Test("Images: the locale's own file, else the source's, any letter case, through percent escapes")
    func images() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let resolver = LinkResolver(content: temporary.site().content)
        let root = temporary.configuration.contentRoot
        func image(_ destination: String, in document: String = "guide", on page: String = "guide", locale: String = "en-US") -> [String]? {
            resolver.image(destination, documentDirectory: document, pageDirectory: page, locale: locale)
                .map { [$0.src] + ($0.copy.map { [$0.outputPath, $0.sourceFile] } ?? []) }
        }
        #expect(image("../media/shot.png", on: "", locale: "fr-FR") == ["media/shot.png", "fr-FR/media/shot.png", root + "/fr-FR/media/shot.png"])
        #expect(image("../media/more%20shot.png#x") == ["../media/more%20shot.png#x", "en-US/media/more shot.png", root + "/en-US/media/more shot.png"])
        // Named as the file is spelled, so the copy is where `src` looks.
        #expect(image("../Media/SHOT.png?v=2", locale: "de-DE") == ["../media/shot.png?v=2", "de-DE/media/shot.png", root + "/en-US/media/shot.png"])
        #expect(image("..\\media\\shot.png") == ["../media/shot.png", "en-US/media/shot.png", root + "/en-US/media/shot.png"])
        #expect(image("../cafe\u{301}/pic.png").map { $0.map { Array($0.utf8) } } == [
            Array("../caf\u{E9}/pic.png".utf8), Array("en-US/caf\u{E9}/pic.png".utf8), Array((root + "/en-US/caf\u{E9}/pic.png").utf8),
        ])
        // No file: as written; out of the locale: as written; unsafe: nothing.
        #expect(image("../media/none.png") == ["../media/none.png"])
        #expect(image("../../../x.png") == ["../../../x.png"])
        #expect(image("javascript:alert(1)") == nil)
        // `.md` left off names no file to copy.
        #expect(image("../index") == ["../index"])
    }

    @Test("resolve and relative: random paths, byte for byte")
    func paths() {
        var seed: UInt64 = 34
        for _ in 0..<5000 {
            let reference = Self.sample(&seed, from: Self.pieces, count: Self.next(&seed) % 6)
            let directory = Self.next(&seed) % 2 == 0
                ? Self.directories[Self.next(&seed) % Self.directories.count] : Self.sample(&seed, from: Self.pieces, count: Self.next(&seed) % 4)
            let context = "\(reference.debugDescription) from \(directory.debugDescription)"
            let resolved = RelativePath.resolve(reference, from: directory)
            #expect(resolved.map { Array($0.utf8) } == ReferenceURLPolicy.resolve(reference, from: directory).map { Array($0.utf8) }, "\(context)")
            let suffixed = Substring(reference + "#x").dropLast(2)
            #expect(RelativePath.resolve(suffixed, from: directory).map { Array($0.utf8) }
                        == ReferenceURLPolicy.resolve(suffixed, from: directory).map { Array($0.utf8) }, "\(context)")
            #expect(Array(RelativePath.relative(to: reference, from: directory).utf8)
                        == Array(ReferenceURLPolicy.relative(to: reference, from: directory).utf8), "\(context)")
        }
        #expect(RelativePath.resolve("../../x", from: "a/b") == "x")
        #expect(RelativePath.resolve("../../../x", from: "a/b") == nil)
        #expect(RelativePath.resolve("./x//y/", from: "/a//b/") == "a/b/x/y")
        #expect(RelativePath.relative(to: "a/b//c.html", from: "a/b/") == "/c.html")
        #expect(RelativePath.relative(to: "cafe\u{301}/x.html", from: "caf\u{E9}/y") == "../x.html")
    }
}
