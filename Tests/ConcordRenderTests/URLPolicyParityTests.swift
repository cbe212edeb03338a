import Testing
@testable import ConcordRender

/// URL checks and relative paths work on UTF-8 bytes for every link of every page; these
/// compare them with the code they replaced (`Support/ReferenceURLPolicy.swift`).
@Suite("Links on bytes: the same answers as before")
struct URLPolicyParityTests {
    /// Pieces of links, with the marks and prepended characters that join a neighbour into one Character.
    static let pieces: [String] = [
        "a", "B", "docs", "x.md", "Y.MD", "/", "//", ".", "..", "#", "?", "é", "e\u{301}", "\u{301}", "\u{338}", "\u{600}", "\u{FE0F}",
        "%20", ":", "http", "HTTPS", "mailto", "javascript", "java\tscript", " ", "\u{1}", "\n", "+", "-", "1", "tel", "ftp", "data",
        "中", "ج", "\r\n", "ümlaut", "\u{200D}",
    ]

    static func sample(_ seed: inout UInt64, count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
        }
        return text
    }

    @Test("Schemes, safety and relative-path checks agree on random links")
    func schemes() {
        var seed: UInt64 = 5
        for _ in 0..<20000 {
            let link = Self.sample(&seed, count: Int(seed % 8))
            #expect(URLPolicy.scheme(of: link) == ReferenceURLPolicy.scheme(of: link))
            #expect(URLPolicy.isSafe(link) == ReferenceURLPolicy.isSafe(link), "\(link.debugDescription)")
            #expect(URLPolicy.isRelativePath(link) == ReferenceURLPolicy.isRelativePath(link), "\(link.debugDescription)")
        }
        for scheme in ["http:", "https:", "mailto:", "tel:", "ftp:", "httpss:", "htt:", "ftps:", "mailtoo:", "Https:", "h\ttps:", "verylongscheme:"] {
            #expect(URLPolicy.isSafe(scheme + "//x") == ReferenceURLPolicy.isSafe(scheme + "//x"), "\(scheme)")
        }
    }

    @Test("Suffixes split where they did, marks included")
    func suffixes() {
        var seed: UInt64 = 9
        for _ in 0..<20000 {
            let link = Self.sample(&seed, count: Int(seed % 10))
            let (path, suffix) = URLPolicy.splitSuffix(link)
            let (expectedPath, expectedSuffix) = ReferenceURLPolicy.splitSuffix(link)
            #expect(Array(path.utf8) == Array(expectedPath.utf8) && Array(suffix.utf8) == Array(expectedSuffix.utf8), "\(link.debugDescription)")
        }
        #expect(URLPolicy.splitSuffix("a#\u{301}b?c").path == "a#\u{301}b")
    }

    @Test("Paths resolve and relate as they did, marks and odd slashes included")
    func paths() {
        var seed: UInt64 = 13
        for _ in 0..<20000 {
            let directory = Self.sample(&seed, count: Int(seed % 6))
            let reference = Self.sample(&seed, count: Int(seed % 6))
            #expect(RelativePath.resolve(reference, from: directory) == ReferenceURLPolicy.resolve(reference, from: directory),
                    "\(reference.debugDescription) from \(directory.debugDescription)")
            let relative = RelativePath.relative(to: reference, from: directory)
            let expected = ReferenceURLPolicy.relative(to: reference, from: directory)
            #expect(Array(relative.utf8) == Array(expected.utf8), "\(reference.debugDescription) from \(directory.debugDescription)")
        }
        // A path's folder, against its Character-wise definition.
        for _ in 0..<20000 {
            let path = Self.sample(&seed, count: Int(seed % 8))
            let expected = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            #expect(Array(RelativePath.directory(of: path).utf8) == Array(expected.utf8), "\(path.debugDescription)")
        }
        #expect(RelativePath.directory(of: "a/b/\u{301}c") == "a")
        // Plain names, the common case.
        #expect(RelativePath.resolve("b/c.md", from: "a") == "a/b/c.md")
        #expect(RelativePath.resolve("../c.md", from: "a/b") == "a/c.md")
        #expect(RelativePath.relative(to: "a/b/c.html", from: "a/d") == "../b/c.html")
        #expect(RelativePath.relative(to: "caf\u{E9}/x.html", from: "cafe\u{301}") == "x.html")
    }
}
