import Testing
import ConcordMarkdown

@Suite("Looking for a byte in a string")
struct UTF8SearchTests {
    @Test("containsUTF8 answers as utf8.contains does, for strings and substrings")
    func agreesWithTheView() {
        let texts = ["", "a", "../a/b.md#x", "#", "media\\a.png", "ça va|non-", "日本語#見出し", String(repeating: "x", count: 100) + "#"]
        for text in texts {
            for byte in [UInt8(ascii: "#"), UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "-"), 0xA7, 0x00] {
                #expect(text.containsUTF8(byte) == text.utf8.contains(byte), "\(text) \(byte)")
                let tail = text.dropFirst(min(2, text.count))
                #expect(tail.containsUTF8(byte) == tail.utf8.contains(byte), "\(tail) \(byte)")
            }
        }
    }
}
