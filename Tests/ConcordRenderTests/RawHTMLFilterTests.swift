import Testing
@testable import ConcordRender

@Suite("Raw HTML filtering on bytes, against the definitions it replaced")
struct RawHTMLFilterTests {
    @Test("Text in raw HTML keeps well-formed references and escapes the rest, as byte by byte")
    func rawHTMLText() {
        /// The definition: each special escaped, but `&` left as it is where a reference starts.
        func reference(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            var out: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                let starts = bytes.withUnsafeBufferPointer { RawHTMLFilter.referenceLength($0, at: index) > 0 }
                out += byte == UInt8(ascii: "&") && starts ? [byte] : escapedByDefinition([byte])
            }
            return out
        }
        // `<` only before a space, so that it never opens a tag.
        let pieces = ["&amp;", "&#39;", "&#x27;", "&#;", "&x", "& ", "&", "&nbsp", ";", "< ", ">", "\"", "'", "l'", "é", "text", "中", "\u{A0}"]
        var seed: UInt64 = 17
        for _ in 0..<1000 {
            let text = HTMLBufferTests.sample(&seed, pieces: pieces, count: Int(seed % 16))
            var filter = RawHTMLFilter()
            var out = HTMLBuffer(capacity: 64)
            var html = text
            html.withUTF8 { filter.filter(utf8: $0, into: &out) }
            let filtered = out.array()
            #expect(filtered == reference(text), "\(text.debugDescription)")
        }
    }

    @Test("An attribute is found as the dictionary of every attribute, lower-cased names, first one kept, finds it")
    func attributeLookup() {
        /// The definition: every attribute's lower-cased name and value, the first of each name kept.
        func attributes(_ tag: String, from start: Int) -> [String: String] {
            let b = Array(tag.utf8)
            var result: [String: String] = [:]
            var i = start
            let end = b.last == UInt8(ascii: ">") ? b.count - 1 : b.count
            while i < end {
                while i < end, b[i] <= 0x20 || b[i] == UInt8(ascii: "/") { i += 1 }
                let nameStart = i
                while i < end, b[i] > 0x20, b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
                guard i > nameStart else { i += 1; continue }
                let name = String(decoding: b[nameStart..<i], as: UTF8.self).lowercased()
                while i < end, b[i] <= 0x20 { i += 1 }
                var value = ""
                if i < end, b[i] == UInt8(ascii: "=") {
                    i += 1
                    while i < end, b[i] <= 0x20 { i += 1 }
                    if i < end, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                        let quote = b[i]
                        var k = i + 1
                        while k < end, b[k] != quote { k += 1 }
                        value = String(decoding: b[(i + 1)..<k], as: UTF8.self)
                        i = k + 1
                    } else {
                        let valueStart = i
                        while i < end, b[i] > 0x20 { i += 1 }
                        value = String(decoding: b[valueStart..<i], as: UTF8.self)
                    }
                }
                if result[name] == nil { result[name] = value }
            }
            return result
        }
        let pieces = [" ", "id", "ID", "Id", "name", "NAME", "class", "\u{212A}", "\u{130}d", "é", "=", "\"", "'", "x", "/", ">", "\t", "idx", "cla", "ss", "top"]
        var seed: UInt64 = 23
        for _ in 0..<3000 {
            let tag = "<a " + HTMLBufferTests.sample(&seed, pieces: pieces, count: Int(seed % 14))
            let expected = attributes(tag, from: 2)
            var bytes = tag
            bytes.withUTF8 { b in
                #expect(RawHTMLFilter.attribute("id", in: b, from: 2) == expected["id"], "\(tag.debugDescription)")
                #expect(RawHTMLFilter.attribute("name", in: b, from: 2) == expected["name"], "\(tag.debugDescription)")
                #expect(RawHTMLFilter.attribute("class", in: b, from: 2) == expected["class"], "\(tag.debugDescription)")
            }
        }
        var tag = "<a NAME=\"top\" id='x' id=\"y\">"
        #expect(tag.withUTF8 { RawHTMLFilter.attribute("id", in: $0, from: 2) } == "x")
        tag = "<span \u{212A}=1 class=k>"
        #expect(tag.withUTF8 { RawHTMLFilter.attribute("k", in: $0, from: 5) } == "1", "the Kelvin sign lower-cases to k")
    }
}
