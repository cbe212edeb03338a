import ConcordTestSupport
import Testing
@testable import ConcordCheck

@Suite("source-hash")
struct SourceHashTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256MatchesTheStandardVectors(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    @Test func sha256OfAMillionBytes() {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func theHashIsOfTheBodyInItsNormalForm() {
        // The normal form of this file is exactly "# Title\n\nText.\n".
        let file = "---\ntitle: T\n---\n# Title\n\nText.\n"
        #expect(SourceHash.of(file: Array(file.utf8)) == SHA256.hex(Array("# Title\n\nText.\n".utf8)))
    }

    @Test func lineEndingsBOMTrailingSpaceFrontMatterAndOuterBlankLinesDoNotCount() {
        let reference = SourceHash.of(file: Array("---\ntitle: A\n---\n# Title\n\nText.\n".utf8))
        let variants = [
            "---\r\ntitle: B\r\nms.date: 1/1/2020\r\n---\r\n# Title\r\n\r\nText.\r\n",
            "\u{FEFF}---\ntitle: A\n---\n# Title\n\nText.",
            "---\ntitle: A\n---\n\n\n# Title  \n\t\nText.\t \n\n\n",
            "# Title\n\nText.\n",
            "# Title\r\rText.\r",
        ]
        for variant in variants {
            #expect(SourceHash.of(file: Array(variant.utf8)) == reference, "\(variant.debugDescription)")
        }
    }

    @Test func anyChangeToTheTextChangesTheHash() {
        let reference = SourceHash.of(file: Array("# Title\n\nText.\n".utf8))
        for variant in ["# Title\n\nText!\n", "# Title\nText.\n", "#  Title\n\nText.\n", " # Title\n\nText.\n"] {
            #expect(SourceHash.of(file: Array(variant.utf8)) != reference, "\(variant.debugDescription)")
        }
        #expect(reference.utf8.count == 64)
    }

    @Test func anUnclosedFrontMatterIsBody() {
        let file = "---\ntitle: A\n# Title\n"
        #expect(SourceHash.of(file: Array(file.utf8)) == SHA256.hex(Array(file.utf8)))
    }
}

/// The hashing works on slices and whole blocks; these pin it to the byte-by-byte definitions.
@Suite("source-hash, fast paths")
struct SourceHashFastPathTests {
    /// The normal form as the definition says it, one byte at a time.
    private func plainNormalForm(_ body: [UInt8]) -> [UInt8] {
        var lines: [[UInt8]] = [[]]
        var i = 0
        while i < body.count {
            switch body[i] {
            case 0x0A: lines.append([])
            case 0x0D:
                lines.append([])
                if i + 1 < body.count, body[i + 1] == 0x0A { i += 1 }
            default: lines[lines.count - 1].append(body[i])
            }
            i += 1
        }
        lines = lines.map { line in
            var line = line
            while let last = line.last, last == 0x20 || last == 0x09 { line.removeLast() }
            return line
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? [] : lines.flatMap { $0 + [0x0A] }
    }

    /// With and without `\r`: lines of a body without one are found another way.
    @Test(arguments: [
        [0x0A, 0x0D, 0x20, 0x09, UInt8(ascii: "a"), UInt8(ascii: "#"), 0xC3, 0xA9],
        [0x0A, 0x20, 0x09, UInt8(ascii: "a"), UInt8(ascii: "#"), 0xC3, 0xA9],
    ] as [[UInt8]])
    func theBodysHashIsTheHashOfItsPlainNormalForm(alphabet: [UInt8]) {
        var random = SeededRandom()
        for _ in 0..<2_000 {
            let body = (0..<random.next(41)).map { _ in alphabet.randomElement(using: &random)! }
            #expect(SourceHash.of(body: body) == SHA256.hex(plainNormalForm(body)), "\(body), seed \(random.seed)")
        }
    }

    @Test func aMessageFedInPiecesHashesAsOneFedWhole() {
        var random = SeededRandom()
        for _ in 0..<200 {
            let message = (0..<random.next(301)).map { _ in UInt8.random(in: 0...255, using: &random) }
            var hasher = SHA256()
            var i = 0
            while i < message.count {
                let count = min(random.next(71), message.count - i)
                if count == 1 { hasher.update(byte: message[i]) } else { hasher.update(message[i..<(i + count)]) }
                i += count
            }
            #expect(hasher.finalize() == SHA256.hex(message), "seed \(random.seed)")
        }
        // Not contiguous: the bytes are copied first.
        #expect(SHA256.hex("abc".utf8.lazy.map { $0 }) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
