import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

@Suite("Search: tokenising for CJK and accented text, and the index file")
struct SearchIndexTests {
    @Test("Latin text is folded: case and accents do not matter")
    func folding() {
        #expect(SearchTokenizer.terms("Configuración de la FACTURACIÓN") == ["configuracion", "de", "la", "facturacion"])
        #expect(SearchTokenizer.terms("Übersicht über Größe") == ["ubersicht", "uber", "große"])
        #expect(SearchTokenizer.terms("Get-ChildItem -Path C:\\") == ["get", "childitem", "path"])
        #expect(SearchTokenizer.terms("ﬁle ①") == ["file", "1"])
    }

    @Test("Chinese and Japanese runs become character bigrams; Latin words inside them stay words")
    func cjk() {
        #expect(SearchTokenizer.terms("客户支持") == ["客户", "户支", "支持"])
        #expect(SearchTokenizer.terms("カスタマー サポート") == ["カス", "スタ", "タマ", "マー", "サポ", "ポー", "ート"])
        #expect(SearchTokenizer.terms("Windows版の設定") == ["windows", "版の", "の設", "設定"])
        #expect(SearchTokenizer.terms("中") == ["中"])
        #expect(SearchTokenizer.terms("한국어 지원") == ["한국", "국어", "지원"])
    }

    @Test("The index lists documents by URL with sorted terms and ascending postings; same input, same bytes")
    func indexFile() throws {
        let documents = [
            SearchIndex.Document(url: "b.html", title: "Soporte técnico", headings: ["Más"], excerpt: "x", text: ["Soporte técnico", "Más ayuda"]),
            SearchIndex.Document(url: "a.html", title: "Facturación", headings: [], excerpt: "\"quoted\" </script>", text: ["Facturación y soporte"]),
        ]
        let json = SearchIndex(locale: "es-ES", documents: documents).json()
        #expect(json == SearchIndex(locale: "es-ES", documents: documents.reversed()).json())
        #expect(json.contains("<\\/script>"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let docs = object["docs"] as! [[String: Any]]
        #expect(docs.map { $0["u"] as! String } == ["a.html", "b.html"])
        let terms = object["terms"] as! [String: [Int]]
        #expect(terms["soporte"] == [0, 1])
        #expect(terms["tecnico"] == [1])
        #expect(terms["facturacion"] == [0])
    }

    @Test("search.js splits text exactly as the Swift tokenizer does", .enabled(if: nodeIsAvailable, "node is not installed"))
    func parityWithScript() throws {
        let samples = [
            "Configuración de la FACTURACIÓN", "客户支持和帐单", "カスタマー サポートの取得", "Windows版の設定",
            "Übersicht über Größe", "Get-ChildItem -Path C:\\Temp", "한국어 지원", "ﬁle ① x 7 Ça va? l’été", "ｶﾀｶﾅ と 全角ＡＢＣ",
        ]
        let script = repositoryRoot + "/templates/assets/search.js"
        let input = String(data: try JSONSerialization.data(withJSONObject: samples), encoding: .utf8)!
        let program = "const s = require(\(HTMLEscaping.jsonString(script))); const input = \(input); console.log(JSON.stringify(input.map(s.terms)));"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "-e", program]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fromScript = try JSONSerialization.jsonObject(with: data) as! [[String]]
        for (sample, terms) in zip(samples, fromScript) {
            #expect(SearchTokenizer.terms(sample) == terms, "\(sample)")
        }
    }

    @Test("Term hashes: the same bytes hash the same; distinct terms spread over the low bits that pick a slot")
    func termHashes() {
        func hash(_ text: String) -> Int {
            var text = text
            return text.withUTF8 { SearchTermTable.hash($0) }
        }
        #expect(hash("powershell") == hash(String("xpowershell".dropFirst())))
        #expect(hash("") != hash("a") && hash("a") != hash("a\0") && hash("ab") != hash("ba"))
        // Terms of every length from 1 to 40 bytes, differing only in their last bytes.
        let terms = (0..<65_536).map { String(repeating: "x", count: $0 % 37) + String($0, radix: 16) }
        let full = Set(terms.map(hash))
        #expect(full.count == terms.count)
        // Random values would fill about 1 - 1/e (63%) of 65,536 slots; a poor mix fills far fewer.
        let slots = Set(terms.map { hash($0) & 0xFFFF })
        #expect(slots.count > 40_000, "\(slots.count) slots of 65,536")
    }

    @Test("Term bytes compare equal exactly when they are: every length, a difference at every place")
    func termBytesComparison() {
        // The table compares bytes only when hashes are equal, so almost never two different
        // terms: the comparison is checked here on its own, against the arrays' `==`.
        for length in 0...40 {
            let term = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for place in -1..<length {
                var other = term
                if place >= 0 { other[place] ^= 0x01 }
                let equal = term.withUnsafeBufferPointer { left in
                    other.withUnsafeBufferPointer { right in
                        SearchTermTable.equalBytes(left.baseAddress ?? UnsafePointer(bitPattern: 1)!, right.baseAddress, count: length)
                    }
                }
                #expect(equal == (term == other), "length \(length), differing at \(place)")
            }
        }
    }

    @Test("The term collector numbers terms as a dictionary would, across growth")
    func termTableNumbers() {
        var collector = SearchTermCollector(capacity: 1)
        defer { collector.deallocate() }
        var numbers: [String: Int] = [:]
        var seed: UInt64 = 5
        for _ in 0..<20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            // Near neighbours: a run of one letter with another at one place, 1 to 40 bytes.
            let length = 1 + Int((seed >> 33) % 40)
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            bytes[Int((seed >> 13) % UInt64(length))] = UInt8(ascii: "b") + UInt8((seed >> 50) % 2)
            let word = String(decoding: bytes, as: UTF8.self)
            let expected = numbers[word].map { (index: $0, inserted: false) } ?? (index: numbers.count, inserted: true)
            if expected.inserted { numbers[word] = expected.index }
            let result = bytes.withUnsafeBufferPointer { collector.insert($0, hash: SearchTermTable.hash($0)) }
            #expect(result == expected, "\(word)")
        }
        let table = collector.table()
        #expect(table.count == numbers.count && (0..<table.count).allSatisfy { numbers[table.string(at: $0)] == $0 })
    }

    @Test("Term numbers in byte order are the terms in String order, where many share their first eight bytes")
    func termByteOrder() {
        var collector = SearchTermCollector(capacity: 4)
        defer { collector.deallocate() }
        var seed: UInt64 = 9
        for _ in 0..<5000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let length = 1 + Int((seed >> 33) % 20)
            var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: length)
            for _ in 0..<2 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes[Int((seed >> 33) % UInt64(length))] = [UInt8(ascii: "0"), UInt8(ascii: "a"), UInt8(ascii: "z")][Int((seed >> 20) % 3)]
            }
            bytes.withUnsafeBufferPointer { _ = collector.insert($0, hash: SearchTermTable.hash($0)) }
        }
        let table = collector.table()
        let strings = (0..<table.count).map { table.string(at: $0) }
        #expect(table.numbersInByteOrder().map { strings[$0] } == strings.sorted())
    }

    @Test("A collector's table holds its terms with their hashes, and the collector takes more terms after")
    func collectedTermTable() {
        var collector = SearchTermCollector(capacity: 4)
        defer { collector.deallocate() }
        let words = (0..<300).map { "term\($0)" }
        func insert(_ word: String) -> (index: Int, inserted: Bool) {
            var word = word
            return word.withUTF8 { collector.insert($0, hash: SearchTermTable.hash($0)) }
        }
        for word in words { _ = insert(word) }
        let table = collector.table()
        #expect(table.count == words.count && table.byteCount == words.reduce(0) { $0 + $1.utf8.count })
        #expect((0..<words.count).map { table.string(at: $0) } == words)
        var hashes: [Int] = []
        table.forEachTerm { hashes.append($1) }
        #expect(hashes == words.map { word in
            var word = word
            return word.withUTF8 { SearchTermTable.hash($0) }
        })
        #expect(insert("term7") == (7, false))
        #expect(insert("new") == (300, true))
        #expect(insert("new") == (300, false))
        #expect(table.count == words.count && collector.table().string(at: 300) == "new")
    }
}

let nodeIsAvailable: Bool = {
    ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/node") } ?? false
}()
