import Testing
@testable import ConcordRender

@Suite("The HTML buffer and its escaping, against the byte-by-byte definitions")
struct HTMLBufferTests {
    /// The bytes escaping replaces.
    static let specials = Set("&<>\"'".utf8)

    /// The escaping the word scans replace: byte by byte, the five specials as references.
    /// Random text from `pieces`, the same every run.
    static func sample(_ seed: inout UInt64, pieces: [String], count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int((seed >> 33) % UInt64(pieces.count))]
        }
        return text
    }

    /// Text pieces: French with its apostrophes, specials alone and in runs, accents, combining
    /// marks, CJK, no-break spaces, bytes one bit away from a special.
    static let pieces = [
        "l'", "d'un ", "aujourd'hui", "Get-Item", " ", "\u{A0}", "é", "e\u{301}", "中文", "&", "<", ">", "\"", "'", "&amp;",
        "$", "%", "=", "?", ";", ":", "\u{7F}", "\u{1}", "\u{A6}", "\u{BC}", "<br>", "abcdefgh", "'''", "\n", "\r\n",
    ]

    /// Appends `text` escaped to a buffer of `capacity` bytes already holding `prefix` bytes.
    static func appendEscaped(_ text: String, capacity: Int, prefix: Int) -> [UInt8] {
        var buffer = HTMLBuffer(capacity: capacity)
        for _ in 0..<prefix { buffer += "x" }
        var text = text
        text.withUTF8 { buffer.appendEscaped(utf8: $0) }
        return buffer.array()
    }

    @Test("Escaping finds every special byte at every offset of the block and word scans and of the tail")
    func escapingAtEveryOffset() {
        for text in textsWithOneProbe(lengthsBelow: 42) {
            #expect(Self.appendEscaped(text, capacity: 64, prefix: 3) == Array("xxx".utf8) + escapedByDefinition(text.utf8), "\(text.debugDescription)")
        }
    }

    @Test("Escaping random text into a buffer at every fill level matches the definition, growing as it must")
    func escapingRandomText() {
        var seed: UInt64 = 11
        for _ in 0..<400 {
            let text = Self.sample(&seed, pieces: Self.pieces, count: 1 + Int(seed % 30))
            // The buffer's least capacity is 64: from empty to full, and past it.
            for prefix in [0, 1, 17, 40, 56, 63, 64, 70] {
                let expected = Array(repeating: UInt8(ascii: "x"), count: prefix) + escapedByDefinition(text.utf8)
                #expect(Self.appendEscaped(text, capacity: 64, prefix: prefix) == expected, "\(text.debugDescription) after \(prefix)")
            }
        }
        // A text of specials only, each growing the output the most.
        let quotes = String(repeating: "\"", count: 200)
        #expect(Self.appendEscaped(quotes, capacity: 64, prefix: 0) == escapedByDefinition(quotes.utf8))
    }

    @Test("The first special byte is found from every start, in words, in the tail and in short text")
    func firstSpecial() {
        var seed: UInt64 = 5
        for _ in 0..<400 {
            let bytes = Array(Self.sample(&seed, pieces: Self.pieces, count: Int(seed % 12)).utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex(where: Self.specials.contains)
                    #expect(HTMLEscaping.firstSpecial(in: buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test("Special bytes and their references as words are the five and their references")
    func specialsAndReferences() {
        for byte in UInt8.min...UInt8.max {
            #expect(HTMLEscaping.isSpecial(byte) == Self.specials.contains(byte), "\(byte)")
            if Self.specials.contains(byte) {
                let reference = HTMLEscaping.reference(for: byte)
                let word = HTMLEscaping.referenceWord(for: byte)
                let bytes = withUnsafeBytes(of: word.bytes.littleEndian) { Array($0.prefix(word.count)) }
                #expect(bytes == Array(UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount)))
                #expect(bytes == escapedByDefinition([byte]))
                #expect(word.bytes >> (8 * word.count) == 0, "nothing stored past the reference but zeros")
            }
        }
    }

    @Test("Literals, strings and removals append and drop exactly their bytes")
    func appendAndRemove() {
        var buffer = HTMLBuffer(capacity: 0)
        var expected: [UInt8] = []
        for round in 0..<200 {
            buffer += "<p>"
            buffer += "caf\u{E9} \(round)\r\n"
            expected += Array("<p>caf\u{E9} \(round)\r\n".utf8)
        }
        // The buffer cannot be copied, so what is checked is read out first.
        let written = buffer.array()
        #expect(written == expected)
        let endsWithCRLF = buffer.endsWithLineFeed
        #expect(!endsWithCRLF, "the line feed ends a CR LF")
        buffer += "\n"
        let endsWithLineFeed = buffer.endsWithLineFeed
        #expect(endsWithLineFeed)
        buffer.removeBytes(from: 3)
        let kept = buffer.array()
        #expect(kept == Array("<p>".utf8))
        let tail = buffer.withBytes(from: 1) { Array($0) }
        #expect(tail == Array("p>".utf8))
        // Strings and substrings, small and not, escaped.
        let long = "Tom & Jerry's <b>\"caf\u{E9}\"</b> and more words"
        buffer.appendEscaped(long)
        buffer.appendEscaped(long.dropFirst(4))
        buffer.appendEscaped("l'a")
        buffer.appendEscaped("l'a".dropFirst())
        let escaped = buffer.array()
        #expect(escaped == Array("<p>".utf8) + escapedByDefinition(long.utf8) + escapedByDefinition(String(long.dropFirst(4)).utf8) + escapedByDefinition("l'a".utf8) + escapedByDefinition("'a".utf8))
    }

    @Test("White space only, on bytes, is what Character.isWhitespace says of the string")
    func whitespace() {
        let pieces = [" ", "\t", "\n", "\r", "\r\n", "\u{B}", "\u{C}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "\u{301}", "a", "é", "\u{200B}", "<"]
        var seed: UInt64 = 3
        for _ in 0..<2000 {
            let text = Self.sample(&seed, pieces: pieces, count: Int(seed % 6))
            var bytes = text
            #expect(bytes.withUTF8(HTMLRenderer.Writer.isWhitespace) == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
