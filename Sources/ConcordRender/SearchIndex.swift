import ConcordModel
import Foundation

/// Splits text into search terms the same way the site's `search.js` splits a query.
///
/// Latin, Cyrillic, Greek… words are folded: compatibility-decomposed, combining accents
/// (U+0300–U+036F) removed, lower-cased, so `Configuración` is found by `configuracion`.
/// Chinese, Japanese and Korean have no spaces between words, so runs of those scripts
/// become overlapping character bigrams (`客户支持` → `客户`, `户支`, `支持`), the usual
/// approach for CJK search without a dictionary.
public enum SearchTokenizer {
    /// The terms of `text`, in order, with repeats.
    public static func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachTerm(in: text) { result.append($0) }
        return result
    }

    /// Calls `body` with every term of `text`.
    ///
    /// ASCII (most text, even in many translations) is lower-cased byte by byte; only words
    /// holding other characters go through Unicode folding.
    public static func forEachTerm(in text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        var wordScalars = 0
        var wordIsFolded = true
        var run: [Unicode.Scalar] = []
        word.reserveCapacity(32)
        let table = latinFolds
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
            } else if isCJK(scalar) && !isFoldable(scalar) {
                flushWord()
                run.append(scalar)
            } else if isWordScalar(scalar) {
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
    static let latinFolds: [(bytes: [UInt8], scalars: Int)?] = (0..<0x250).map { value in
        guard value >= 0x80, let scalar = Unicode.Scalar(value), isWordScalar(scalar) else { return nil }
        let folded = fold(String(scalar))
        guard !folded.isEmpty, folded.unicodeScalars.allSatisfy({ isWordScalar($0) && !isCJK($0) }) else { return nil }
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
            } else if isWordScalar(scalar) {
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

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }

    /// CJK characters that compatibility folding changes (half-width katakana): they go through `fold` first.
    private static func isFoldable(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF66...0xFF9F).contains(scalar.value)
    }

    /// Compatibility-decomposes, drops combining accents, recomposes and lower-cases.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        let decomposed = text.decomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars where !(0x300...0x36F).contains(scalar.value) { kept.append(scalar) }
        return String(kept).precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Han, kana, Hangul and their punctuation-free extensions (kept in step with `search.js`).
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F, 0xFF66...0xFF9F, 0x20000...0x2FA1F:
            true
        default:
            false
        }
    }
}

/// One locale's `search-index.json`: the documents (title, headings, excerpt, URL) and an
/// inverted index from term to document numbers.
public struct SearchIndex: Sendable {
    /// A searchable page.
    public struct Document: Sendable {
        /// The page URL, relative to the locale folder.
        public var url: String
        /// The title.
        public var title: String
        /// Section headings.
        public var headings: [String]
        /// The opening words, shown under a result.
        public var excerpt: String
        /// Every piece of text to index (title and headings included).
        public var text: [String]
        /// The distinct terms of `text`, when worked out already (the build does it while rendering, in parallel).
        public var terms: [String]?

        /// Creates a document.
        public init(url: String, title: String, headings: [String], excerpt: String, text: [String]) {
            self.url = url
            self.title = title
            self.headings = headings
            self.excerpt = excerpt
            self.text = text
        }

        /// The distinct terms of the text, unordered.
        public func distinctTerms() -> [String] {
            if let terms { return terms }
            var seen = Set<String>()
            for piece in text { SearchTokenizer.forEachTerm(in: piece) { seen.insert($0) } }
            return Array(seen)
        }

        /// The document with its terms worked out and its text dropped.
        public func tokenized() -> Document {
            var copy = self
            copy.terms = distinctTerms()
            copy.text = []
            return copy
        }
    }

    /// The locale.
    public var locale: String
    /// The documents, in URL order.
    public var documents: [Document]

    /// Creates an index; documents are sorted by URL so the file is deterministic.
    public init(locale: String, documents: [Document]) {
        self.locale = locale
        self.documents = documents.sorted { $0.url < $1.url }
    }

    /// The document for an article page.
    public static func document(for article: Article, url: String) -> Document {
        var text = [article.title]
        text += article.sections.map(\.title)
        text += article.textBlocks.lazy.filter { $0.kind != .heading }.map(\.text)
        let first = article.metadata.description ?? article.textBlocks.first { $0.kind == .paragraph }?.text ?? ""
        return Document(
            url: url, title: article.title, headings: article.sections.filter { $0.level >= 2 }.map(\.title),
            excerpt: excerpt(first, limit: 200), text: text)
    }

    static func excerpt(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The JSON file: keys sorted, postings ascending; same input, same bytes.
    public func json() -> String {
        let termLists = documents.allSatisfy { $0.terms != nil } ? documents.map { $0.terms! } : parallelMap(documents) { $0.distinctTerms() }
        var postings: [String: [Int]] = [:]
        for (index, terms) in termLists.enumerated() {
            for term in terms { postings[term, default: []].append(index) }
        }
        var out = "{\"docs\":["
        for (index, document) in documents.enumerated() {
            if index > 0 { out += "," }
            out += "\n{\"h\":[" + document.headings.map(HTMLEscaping.jsonString).joined(separator: ",") + "]"
            out += ",\"t\":" + HTMLEscaping.jsonString(document.title)
            out += ",\"u\":" + HTMLEscaping.jsonString(document.url)
            out += ",\"x\":" + HTMLEscaping.jsonString(document.excerpt) + "}"
        }
        out += "],\n\"locale\":" + HTMLEscaping.jsonString(locale) + ",\n\"terms\":{"
        var first = true
        for term in postings.keys.sorted() {
            if !first { out += "," }
            first = false
            out += "\n" + HTMLEscaping.jsonString(term) + ":[" + postings[term]!.map(String.init).joined(separator: ",") + "]"
        }
        out += "},\n\"version\":1}\n"
        return out
    }
}
