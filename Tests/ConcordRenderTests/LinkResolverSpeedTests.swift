import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// `LinkResolver.href`, `LinkResolver.image` and the `RelativePath` functions they use work out
/// a link in one pass over its bytes; these compare them, byte for byte, with the code they
/// replaced (``PreviousLinkResolver``), on hard cases and on random links.
@Suite("Links resolved in one pass: the same answers as before")
struct LinkResolverSpeedTests {
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

    /// An image's `src` and copy as bytes: `==` on strings would let canonically equivalent ones pass.
    static func bytes(_ image: (src: String, copy: AssetCopy?)?) -> [[UInt8]]? {
        image.map { [Array($0.src.utf8)] + ($0.copy.map { [Array($0.outputPath.utf8), Array($0.sourceFile.utf8)] } ?? []) }
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

    @Test("href: chosen links, from documents and pages in chosen folders")
    func chosenLinks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let resolver = LinkResolver(content: temporary.site().content)
        let previous = PreviousLinkResolver(resolver)
        for destination in Self.chosen {
            for document in Self.directories {
                for page in [document, "", "guide", "a/b", "caf\u{E9}", "cafe\u{301}"] {
                    let href = resolver.href(destination, documentDirectory: document, pageDirectory: page)
                    let expected = previous.href(destination, documentDirectory: document, pageDirectory: page)
                    #expect(href.map { Array($0.utf8) } == expected.map { Array($0.utf8) },
                            "\(destination.debugDescription) in \(document.debugDescription) on \(page.debugDescription)")
                }
            }
        }
        // The common cases, spelled out.
        #expect(resolver.href("../Guide/overview.md#intro", documentDirectory: "a", pageDirectory: "a") == "../Guide/Overview.html#intro")
        #expect(resolver.href("start.MD?x=1", documentDirectory: "guide", pageDirectory: "") == "guide/start.html?x=1")
        #expect(resolver.href("../../index.md", documentDirectory: "a", pageDirectory: "a") == "../../index.html")
        #expect(resolver.href("shot.png", documentDirectory: "media", pageDirectory: "media") == "shot.png")
        // An ASCII link can name an article whose name is not ASCII.
        #expect(resolver.href("FAQ;.md", documentDirectory: "", pageDirectory: "").map { Array($0.utf8) } == Array("faq\u{37E}.html".utf8))
    }

    @Test("href and image: random links, folders and locales")
    func randomLinks() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let resolver = LinkResolver(content: temporary.site().content)
        let previous = PreviousLinkResolver(resolver)
        var seed: UInt64 = 21
        for _ in 0..<5000 {
            let destination = Self.sample(&seed, from: Self.pieces, count: 1 + Self.next(&seed) % 6)
            let document = Self.directories[Self.next(&seed) % Self.directories.count]
            let page = Self.next(&seed) % 3 == 0 ? document : Self.directories[Self.next(&seed) % Self.directories.count]
            let locale = Self.next(&seed) % 2 == 0 ? "en-US" : "fr-FR"
            let context = "\(destination.debugDescription) in \(document.debugDescription) on \(page.debugDescription)"
            let href = resolver.href(destination, documentDirectory: document, pageDirectory: page)
            let expected = previous.href(destination, documentDirectory: document, pageDirectory: page)
            #expect(href.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(context)")
            let image = resolver.image(destination, documentDirectory: document, pageDirectory: page, locale: locale)
            let expectedImage = previous.image(destination, documentDirectory: document, pageDirectory: page, locale: locale)
            #expect(Self.bytes(image) == Self.bytes(expectedImage), "\(context)")
        }
    }

    @Test("Images: the locale's own file, else the source's, found through percent escapes")
    func images() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let resolver = LinkResolver(content: temporary.site().content)
        let previous = PreviousLinkResolver(resolver)
        for destination in ["../media/shot.png", "media/more%20shot.png#x", "pic.png?v=2", "../caf\u{E9}/pic.png", "../cafe\u{301}/pic.png", "../../x.png"] {
            for locale in ["en-US", "fr-FR"] {
                let image = resolver.image(destination, documentDirectory: "caf\u{E9}", pageDirectory: "guide", locale: locale)
                let expected = previous.image(destination, documentDirectory: "caf\u{E9}", pageDirectory: "guide", locale: locale)
                #expect(Self.bytes(image) == Self.bytes(expected), "\(destination.debugDescription) \(locale)")
            }
        }
        let image = resolver.image("../media/shot.png", documentDirectory: "guide", pageDirectory: "", locale: "fr-FR")
        #expect(image?.src == "media/shot.png")
        #expect(image?.copy?.sourceFile == temporary.configuration.contentRoot + "/fr-FR/media/shot.png")
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

/// `LinkResolver.href` and `image` as they were before links were resolved in one pass, on the
/// Character-wise definitions in ``ReferenceURLPolicy`` (which the byte code they called was
/// held to) and the Character-wise test for `.md`.
struct PreviousLinkResolver {
    let resolver: LinkResolver

    init(_ resolver: LinkResolver) { self.resolver = resolver }

    func href(_ destination: String, documentDirectory: String, pageDirectory: String) -> String? {
        if let scheme = ReferenceURLPolicy.scheme(of: destination) {
            return ReferenceURLPolicy.allowedSchemes.contains(scheme) ? destination : nil
        }
        guard ReferenceURLPolicy.isRelativePath(destination) else { return destination }
        let (path, suffix) = ReferenceURLPolicy.splitSuffix(destination)
        let isMarkdown = Self.hasMarkdownExtension(path)
        if !isMarkdown, documentDirectory == pageDirectory { return destination }
        guard let resolved = ReferenceURLPolicy.resolve(path, from: documentDirectory) else {
            return isMarkdown ? Self.withoutMarkdownExtension(String(path)) + ".html" + suffix : destination
        }
        var target = resolved
        if isMarkdown {
            let canonical = resolver.articlePaths[resolved.lowercased()] ?? resolved
            target = Self.withoutMarkdownExtension(canonical) + ".html"
        }
        return ReferenceURLPolicy.relative(to: target, from: pageDirectory) + suffix
    }

    func image(
        _ destination: String, documentDirectory: String, pageDirectory: String, locale: String
    ) -> (src: String, copy: AssetCopy?)? {
        if let scheme = ReferenceURLPolicy.scheme(of: destination) {
            return ReferenceURLPolicy.allowedSchemes.contains(scheme) ? (destination, nil) : nil
        }
        guard ReferenceURLPolicy.isRelativePath(destination) else { return (destination, nil) }
        let (path, suffix) = ReferenceURLPolicy.splitSuffix(destination)
        let decoded = path.contains("%") ? String(path).removingPercentEncoding ?? String(path) : String(path)
        guard let resolved = ReferenceURLPolicy.resolve(decoded, from: documentDirectory) else {
            return (destination, nil)
        }
        let src = documentDirectory == pageDirectory ? destination : ReferenceURLPolicy.relative(to: resolved, from: pageDirectory) + suffix
        for candidate in [locale, resolver.sourceLocale] {
            if resolver.files[candidate]?.contains(resolved) == true, let root = resolver.roots[candidate] {
                return (src, AssetCopy(outputPath: locale + "/" + resolved, sourceFile: root + "/" + resolved))
            }
        }
        return (src, nil)
    }

    /// Whether the path's last three bytes are `.md` in any case.
    static func hasMarkdownExtension(_ path: Substring) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.count > 3 else { return false }
        return bytes[bytes.count - 3] == UInt8(ascii: ".") && bytes[bytes.count - 2] | 0x20 == UInt8(ascii: "m")
            && bytes[bytes.count - 1] | 0x20 == UInt8(ascii: "d")
    }

    static func withoutMarkdownExtension(_ path: String) -> String {
        path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
    }
}
