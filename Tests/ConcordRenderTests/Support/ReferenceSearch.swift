import ConcordModel
import Foundation
@testable import ConcordRender

/// The search code as it was before it worked on bytes, kept to check that the faster code
/// gives the same terms and the same index file, byte for byte.
enum ReferenceSearch {
    static func forEachTerm(in text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        var wordScalars = 0
        var wordIsFolded = true
        var run: [Unicode.Scalar] = []
        word.reserveCapacity(32)
        let table = referenceLatinFolds
        func flushWord() {
            defer { word.removeAll(keepingCapacity: true); wordIsFolded = true; wordScalars = 0 }
            guard !word.isEmpty else { return }
            if wordIsFolded {
                if wordScalars >= 2 || (word[0] >= 0x30 && word[0] <= 0x39) { body(String(decoding: word, as: UTF8.self)) }
                return
            }
            // Another script or an unusual character: fold the word with Unicode's mappings, then
            // split it again (folding may turn a character into a separator or a CJK one).
            forEachFoldedTerm(in: fold(String(decoding: word, as: UTF8.self)), body)
        }
        func flushRun() {
            emitRun(run, body)
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    if !run.isEmpty { flushRun() }
                    word.append(UInt8(v))
                    wordScalars += 1
                } else if v >= 0x41 && v <= 0x5A {
                    if !run.isEmpty { flushRun() }
                    word.append(UInt8(v + 0x20))
                    wordScalars += 1
                } else {
                    flushWord(); if !run.isEmpty { flushRun() }
                }
            } else if v < 0x250, let folded = table[Int(v)] {
                // Accented Latin letters: folded from a table made with the same mappings.
                if !run.isEmpty { flushRun() }
                word += folded.bytes
                wordScalars += folded.scalars
            } else if isCJK(scalar) && !referenceIsFoldable(scalar) {
                flushWord()
                run.append(scalar)
            } else if referenceIsWordScalar(scalar) {
                if !run.isEmpty { flushRun() }
                wordIsFolded = false
                word.append(contentsOf: String(scalar).utf8)
                wordScalars += 1
            } else {
                flushWord(); if !run.isEmpty { flushRun() }
            }
        }
        flushWord()
        flushRun()
    }

    /// For U+0080…U+024F: the folded form of each letter whose folding yields letters only
    /// (`é` → `e`, `Æ` → `æ`, `ĳ` → `ij`); `nil` for the rest, which take the general path.
    static let referenceLatinFolds: [(bytes: [UInt8], scalars: Int)?] = (0..<0x250).map { value in
        guard value >= 0x80, let scalar = Unicode.Scalar(value), referenceIsWordScalar(scalar) else { return nil }
        let folded = fold(String(scalar))
        guard !folded.isEmpty, folded.unicodeScalars.allSatisfy({ referenceIsWordScalar($0) && !isCJK($0) }) else { return nil }
        return (Array(folded.utf8), folded.unicodeScalars.count)
    }

    /// Terms of text that is already folded.
    private static func forEachFoldedTerm(in folded: String, _ body: (String) -> Void) {
        var word = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flushWord() {
            if word.count >= 2 || (word.count == 1 && word.first!.properties.numericType != nil) { body(String(word)) }
            word.removeAll(keepingCapacity: true)
        }
        for scalar in folded.unicodeScalars {
            if isCJK(scalar) {
                flushWord()
                run.append(scalar)
            } else if referenceIsWordScalar(scalar) {
                if !run.isEmpty { emitRun(run, body); run.removeAll() }
                word.append(scalar)
            } else {
                flushWord()
                if !run.isEmpty { emitRun(run, body); run.removeAll() }
            }
        }
        flushWord()
        emitRun(run, body)
    }

    /// One character alone, else every pair of neighbours.
    private static func emitRun(_ run: [Unicode.Scalar], _ body: (String) -> Void) {
        if run.count == 1 {
            body(String(run[0]))
        } else if run.count > 1 {
            for i in 0..<(run.count - 1) {
                var bigram = String.UnicodeScalarView()
                bigram.append(run[i])
                bigram.append(run[i + 1])
                body(String(bigram))
            }
        }
    }

    private static func referenceIsWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// CJK characters that compatibility folding changes (half-width katakana): they go through `fold` first.
    private static func referenceIsFoldable(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF66...0xFF9F).contains(scalar.value)
    }

    /// Compatibility-decomposes, drops combining accents, recomposes and lower-cases.
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let decomposed = text.decomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where !(0x300...0x36F).contains(scalar.value) { kept.append(scalar) }
        return String(kept).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Han, kana, Hangul and their punctuation-free extensions (kept in step with `search.js`).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0xFF66...0xFF9F, 0x20000...0x2FA1F:
            true
        default:
            false
        }
    }

    /// The document for an article page, as `SearchIndex.document(for:url:)` made it with copies of every block.
    static func document(for article: Article, url: String) -> SearchIndex.Document {
        var text = [article.title]
        text += article.sections.map(\.title)
        text += article.textBlocks.lazy.filter { $0.kind != .heading }.map(\.text)
        let first = article.metadata.description ?? article.textBlocks.first { $0.kind == .paragraph }?.text ?? ""
        return SearchIndex.Document(
            url: url, title: article.title, headings: article.sections.filter { $0.level >= 2 }.map(\.title),
            excerpt: excerpt(first, limit: 200), text: text)
    }

    /// An excerpt, counting characters from the start.
    static func excerpt(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)).trimmingCharacters(in: .whitespaces) + "…"
    }

    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachTerm(in: text) { result.append($0) }
        return result
    }

    /// The index file as the old `SearchIndex.json()` wrote it, terms as `Set<String>` per document.
    static func json(locale: String, documents: [SearchIndex.Document]) -> String {
        let documents = documents.sorted { $0.url < $1.url }
        let termLists = documents.map { document -> [String] in
            var seen = Set<String>()
            for piece in document.text { forEachTerm(in: piece) { seen.insert($0) } }
            return Array(seen)
        }
        var postings: [String: [Int]] = [:]
        for (index, terms) in termLists.enumerated() {
            for term in terms { postings[term, default: []].append(index) }
        }
        var out = "{\"docs\":["
        for (index, document) in documents.enumerated() {
            if index > 0 { out += "," }
            out += "\n{\"h\":[" + document.headings.map(jsonString).joined(separator: ",") + "]"
            out += ",\"t\":" + jsonString(document.title)
            out += ",\"u\":" + jsonString(document.url)
            out += ",\"x\":" + jsonString(document.excerpt) + "}"
        }
        out += "],\n\"locale\":" + jsonString(locale) + ",\n\"terms\":{"
        var first = true
        for term in postings.keys.sorted() {
            if !first { out += "," }
            first = false
            out += "\n" + jsonString(term) + ":[" + postings[term]!.map(String.init).joined(separator: ",") + "]"
        }
        out += "},\n\"version\":1}\n"
        return out
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "/" where previous == "<": out += "\\/"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            previous = scalar
        }
        out += "\""
        return out
    }
}
