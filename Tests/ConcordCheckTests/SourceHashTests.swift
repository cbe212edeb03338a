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
