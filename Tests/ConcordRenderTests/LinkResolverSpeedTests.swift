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
            #expect(resolved.map { Array($0.utf8) } == PreviousLinkResolver.resolve(reference, from: directory).map { Array($0.utf8) }, "\(context)")
            let suffixed = Substring(reference + "#x").dropLast(2)
            #expect(RelativePath.resolve(suffixed, from: directory).map { Array($0.utf8) }
                        == PreviousLinkResolver.resolve(suffixed, from: directory).map { Array($0.utf8) }, "\(context)")
            #expect(Array(RelativePath.relative(to: reference, from: directory).utf8)
                        == Array(PreviousLinkResolver.relative(to: reference, from: directory).utf8), "\(context)")
        }
        #expect(RelativePath.resolve("../../x", from: "a/b") == "x")
        #expect(RelativePath.resolve("../../../x", from: "a/b") == nil)
        #expect(RelativePath.resolve("./x//y/", from: "/a//b/") == "a/b/x/y")
        #expect(RelativePath.relative(to: "a/b//c.html", from: "a/b/") == "/c.html")
        #expect(RelativePath.relative(to: "cafe\u{301}/x.html", from: "caf\u{E9}/y") == "../x.html")
    }
}

/// `LinkResolver.href` and `image`, and the `URLPolicy`, `RelativePath` and `SitePaths`
/// functions they called, as they were before links were resolved in one pass.
struct PreviousLinkResolver {
    let resolver: LinkResolver

    init(_ resolver: LinkResolver) { self.resolver = resolver }

    func href(_ destination: String, documentDirectory: String, pageDirectory: String) -> String? {
        switch URLPolicy.schemeKind(of: destination) {
        case .other: return nil
        case .allowed: return destination
        case .none: if !LinkResolver.isPathStart(destination) { return destination }
        }
        let (path, suffix) = Self.splitSuffix(destination)
        let isMarkdown = Self.hasMarkdownExtension(path)
        if !isMarkdown, documentDirectory == pageDirectory { return destination }
        guard let resolved = Self.resolve(path, from: documentDirectory) else {
            return isMarkdown ? Self.withoutMarkdownExtension(String(path)) + ".html" + suffix : destination
        }
        var target = resolved
        if isMarkdown {
            let canonical = resolver.articlePaths[resolved.lowercased()] ?? resolved
            target = Self.withoutMarkdownExtension(canonical) + ".html"
        }
        return Self.relative(to: target, from: pageDirectory) + suffix
    }

    func image(
        _ destination: String, documentDirectory: String, pageDirectory: String, locale: String
    ) -> (src: String, copy: AssetCopy?)? {
        switch URLPolicy.schemeKind(of: destination) {
        case .other: return nil
        case .allowed: return (destination, nil)
        case .none: if !LinkResolver.isPathStart(destination) { return (destination, nil) }
        }
        let (path, suffix) = Self.splitSuffix(destination)
        guard let resolved = Self.resolve(path.removingPercentEncodingIfPossible, from: documentDirectory) else {
            return (destination, nil)
        }
        let src = documentDirectory == pageDirectory ? destination : Self.relative(to: resolved, from: pageDirectory) + suffix
        for candidate in [locale, resolver.sourceLocale] {
            if resolver.files[candidate]?.contains(resolved) == true, let root = resolver.roots[candidate] {
                return (src, AssetCopy(outputPath: locale + "/" + resolved, sourceFile: root + "/" + resolved))
            }
        }
        return (src, nil)
    }

    static func hasMarkdownExtension(_ path: Substring) -> Bool {
        let utf8 = path.utf8
        guard utf8.count > 3 else { return false }
        var index = utf8.endIndex
        index = utf8.index(before: index); let d = utf8[index] | 0x20
        index = utf8.index(before: index); let m = utf8[index] | 0x20
        index = utf8.index(before: index); let dot = utf8[index]
        return d == UInt8(ascii: "d") && m == UInt8(ascii: "m") && dot == UInt8(ascii: ".")
    }

    static func withoutMarkdownExtension(_ path: String) -> String {
        var contiguous = path
        let cut = contiguous.withUTF8 { bytes -> Int? in
            let count = bytes.count
            guard count >= 3, bytes[count - 3] == UInt8(ascii: "."), bytes[count - 2] | 0x20 == UInt8(ascii: "m"),
                  bytes[count - 1] | 0x20 == UInt8(ascii: "d") else { return -1 }
            return count >= 4 && bytes[count - 4] >= 0x80 ? nil : count - 3
        }
        switch cut {
        case .some(-1): return path
        case let end?: return String(decoding: contiguous.utf8.prefix(end), as: UTF8.self)
        case nil: return path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path
        }
    }

    static func splitSuffix(_ destination: String) -> (path: Substring, suffix: Substring) {
        var contiguous = destination
        let offset = contiguous.withUTF8 { bytes -> Int?? in
            for index in bytes.indices where bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "?") {
                return UTF8Characters.isLoneCharacter(at: index, in: bytes) ? .some(index) : nil
            }
            return .some(nil)
        }
        guard let offset else {
            if let index = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                return (destination[..<index], destination[index...])
            }
            return (destination[...], "")
        }
        guard let offset else { return (destination[...], "") }
        let index = destination.utf8.index(destination.utf8.startIndex, offsetBy: offset)
        return (destination[..<index], destination[index...])
    }

    static func resolve(_ reference: some StringProtocol, from directory: String) -> String? {
        if isPlain(directory, allowingDots: true), isPlain(reference, allowingDots: false) {
            return directory.isEmpty ? String(reference) : directory + "/" + String(reference)
        }
        if let resolved = resolveBytes(reference, from: directory) { return resolved }
        var parts: [Substring] = directory.isEmpty ? [] : directory.split(separator: "/", omittingEmptySubsequences: true)
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(Substring(part))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func resolveBytes(_ reference: some StringProtocol, from directory: String) -> String?? {
        var referenceText = String(reference)
        var directoryText = directory
        return directoryText.withUTF8 { directoryBytes in
            referenceText.withUTF8 { referenceBytes -> String?? in
                var parts: [(inReference: Bool, range: Range<Int>)] = []
                var directoryParts: [Range<Int>] = []
                var referenceParts: [Range<Int>] = []
                guard components(of: directoryBytes, omittingEmpty: true, into: &directoryParts),
                      components(of: referenceBytes, omittingEmpty: true, into: &referenceParts) else { return nil }
                parts.reserveCapacity(directoryParts.count + referenceParts.count)
                for range in directoryParts { parts.append((false, range)) }
                for range in referenceParts {
                    let part = UnsafeBufferPointer(rebasing: referenceBytes[range])
                    if part.count == 1, part[0] == UInt8(ascii: ".") { continue }
                    if part.count == 2, part[0] == UInt8(ascii: "."), part[1] == UInt8(ascii: ".") {
                        guard !parts.isEmpty else { return .some(nil) }
                        parts.removeLast()
                        continue
                    }
                    parts.append((true, range))
                }
                let length = parts.reduce(max(parts.count - 1, 0)) { $0 + $1.range.count }
                return String(unsafeUninitializedCapacity: length) { out in
                    var count = 0
                    for (number, part) in parts.enumerated() {
                        if number > 0 { out[count] = UInt8(ascii: "/"); count += 1 }
                        for byte in part.inReference ? referenceBytes[part.range] : directoryBytes[part.range] {
                            out[count] = byte
                            count += 1
                        }
                    }
                    return count
                }
            }
        }
    }

    private static func isPlain(_ path: some StringProtocol, allowingDots: Bool) -> Bool {
        var partLength = 0
        var dots = 0
        var previousSlash = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if previousSlash { return false }
                if !allowingDots, dots == partLength, dots <= 2 { return false }
                partLength = 0
                dots = 0
                previousSlash = true
            } else {
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
                previousSlash = false
            }
        }
        if partLength == 0 { return allowingDots && path.utf8.isEmpty }
        return allowingDots || dots != partLength || dots > 2
    }

    static func relative(to path: String, from directory: String) -> String {
        var from: [Range<Int>] = []
        var to: [Range<Int>] = []
        var directoryText = directory
        var pathText = path
        let fast = directoryText.withUTF8 { fromBytes in
            pathText.withUTF8 { toBytes -> String? in
                guard components(of: fromBytes, omittingEmpty: true, into: &from),
                      components(of: toBytes, omittingEmpty: false, into: &to) else { return nil }
                var common = 0
                while common < from.count, common < to.count - 1,
                      same(UnsafeBufferPointer(rebasing: fromBytes[from[common]]), UnsafeBufferPointer(rebasing: toBytes[to[common]])) {
                    common += 1
                }
                let ups = from.count - common
                let rest = UnsafeBufferPointer(rebasing: toBytes[to[common].lowerBound...])
                return String(unsafeUninitializedCapacity: ups * 3 + rest.count) { out in
                    var count = 0
                    for _ in 0..<ups {
                        out[count] = UInt8(ascii: "."); out[count + 1] = UInt8(ascii: "."); out[count + 2] = UInt8(ascii: "/")
                        count += 3
                    }
                    for byte in rest {
                        out[count] = byte
                        count += 1
                    }
                    return count
                }
            }
        }
        if let fast { return fast }
        let fromParts = directory.split(separator: "/")
        let toParts = path.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < fromParts.count, common < toParts.count - 1, fromParts[common] == toParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromParts.count - common)
        return (ups + toParts[common...].map(String.init)).joined(separator: "/")
    }

    private static func components(of bytes: UnsafeBufferPointer<UInt8>, omittingEmpty: Bool, into parts: inout [Range<Int>]) -> Bool {
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            guard UTF8Characters.isLoneCharacter(at: index, in: bytes) else { return false }
            if !omittingEmpty || index > start { parts.append(start..<index) }
            start = index + 1
        }
        if !omittingEmpty || bytes.count > start { parts.append(start..<bytes.count) }
        return true
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.elementsEqual(b) { return true }
        guard a.contains(where: { $0 >= 0x80 }) || b.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}
