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
    public static func forEachTerm(in text: String, _ body: (String) -> Void) {
        forEachTerm(in: text) { bytes, _ in body(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of every term of `text` (valid only during the call),
    /// and whether they are all ASCII.
    ///
    /// The work happens on UTF-8 bytes: ASCII (most text, even in many translations) is
    /// lower-cased byte by byte, accented Latin letters come from a table, CJK bigrams are
    /// slices of `text` itself; only words holding other characters go through Unicode folding.
    static func forEachTerm(in text: String, _ body: (UnsafeBufferPointer<UInt8>, _ isASCII: Bool) -> Void) {
        forEachTerm(in: CollectionOfOne(text), body)
    }

    /// ``forEachTerm(in:_:)`` for each of several texts in turn (no term spans two of them),
    /// with one scanner and one look-up of the tables for all of them.
    static func forEachTerm(in texts: some Sequence<String>, _ body: (UnsafeBufferPointer<UInt8>, _ isASCII: Bool) -> Void) {
        var scanner = TermScanner()
        defer { scanner.deallocate() }
        let folds = latinFolds
        let words = wordScalarsBelow0x3000
        asciiClasses.withUnsafeBufferPointer { classes in
            for var text in texts {
                text.withUTF8 { forEachTerm(inUTF8: $0, scanner: &scanner, classes: classes, folds: folds, words: words, body) }
            }
        }
    }

    private static func forEachTerm(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, scanner: inout TermScanner, classes: UnsafeBufferPointer<UInt8>,
        folds table: [(bytes: [UInt8], scalars: Int, isASCII: Bool)?], words: [Bool],
        _ body: (UnsafeBufferPointer<UInt8>, _ isASCII: Bool) -> Void
    ) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                let leadClass = classes[Int(lead)]
                if leadClass != 0 {
                    if scanner.inRun { scanner.flushRun(bytes, body) }
                    // The whole run of ASCII letters and digits at once, noting any capital.
                    var end = index + 1
                    var seen = leadClass
                    while end < count {
                        let byteClass = classes[Int(bytes[end])]
                        guard byteClass != 0 else { break }
                        seen |= byteClass
                        end += 1
                    }
                    // Whether the next byte ends the word: the text's end or ASCII (other than a letter or digit).
                    let endsWord = end == count || bytes[end] < 0x80
                    if scanner.wordCount == 0, seen & Self.capital == 0, endsWord {
                        // A whole lower-case ASCII word: its bytes are the term.
                        if end - index >= 2 || lead <= 0x39 { body(UnsafeBufferPointer(rebasing: bytes[index..<end]), true) }
                    } else {
                        scanner.appendLowercased(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                        scanner.wordScalars += end - index
                        if endsWord { scanner.flushWord(body) }
                    }
                    // The ASCII byte that ended the word has nothing more to end (the word is
                    // flushed, the CJK run was before it): passed over here rather than taken
                    // round the loop.
                    index = endsWord ? end + 1 : end
                } else {
                    index += 1
                    scanner.flushWord(body)
                    if scanner.inRun { scanner.flushRun(bytes, body) }
                }
                continue
            }
            // A multi-byte scalar (the text is valid UTF-8).
            let start = index
            let value: UInt32
            if lead < 0xE0 {
                value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if lead < 0xF0 {
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            }
            let scalar = Unicode.Scalar(value)!
            if value < 0x250, let folded = table[Int(value)] {
                // Accented Latin letters: folded from a table made with the same mappings.
                if scanner.inRun { scanner.flushRun(bytes, body) }
                folded.bytes.withUnsafeBufferPointer { scanner.appendToWord($0) }
                scanner.wordScalars += folded.scalars
                if !folded.isASCII { scanner.wordIsASCII = false }
            } else if isCJK(scalar) && !isFoldable(scalar) {
                scanner.flushWord(body)
                scanner.run.append(start)
                scanner.runEnd = index
            } else if value < 0x3000 ? words[Int(value)] : isWordScalar(scalar) {
                if scanner.inRun { scanner.flushRun(bytes, body) }
                scanner.wordIsFolded = false
                scanner.appendToWord(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                scanner.wordScalars += 1
            } else {
                scanner.flushWord(body)
                if scanner.inRun { scanner.flushRun(bytes, body) }
            }
        }
        scanner.flushWord(body)
        if scanner.inRun { scanner.flushRun(bytes, body) }
    }

    /// For each byte value: ``wordByte`` for `a`–`z` and `0`–`9`, ``wordByte`` and ``capital``
    /// for `A`–`Z`, 0 for everything else (other ASCII, and every byte of a multi-byte scalar).
    static let asciiClasses: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): wordByte | capital
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): wordByte
        default: 0
        }
    }
    static let wordByte: UInt8 = 1
    static let capital: UInt8 = 2

    /// The word and the CJK run being read. A struct with methods rather than nested functions
    /// capturing variables, so that every access is checked statically (captured variables
    /// were boxed and checked for exclusive access at run time, on every byte).
    private struct TermScanner {
        /// The word being read, folded: its first ``wordCount`` bytes. Memory of the scanner's
        /// own, freed by ``deallocate()``: an array's appends and `removeAll(keepingCapacity:)`
        /// checked its uniqueness and cost about a hundred instructions a word.
        private var word = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64)
        private(set) var wordCount = 0
        var wordScalars = 0
        var wordIsFolded = true
        var wordIsASCII = true
        /// A run of CJK scalars is contiguous in the text (anything else ends it): where each
        /// starts, and where the last ends.
        var run: [Int] = []
        var runEnd = 0

        var inRun: Bool { !run.isEmpty }

        func deallocate() {
            word.deallocate()
        }

        /// Room for `count` more bytes in the word, and where they go.
        private mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
            if wordCount + count > word.count {
                let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(word.count * 2, wordCount + count))
                larger.baseAddress!.update(from: word.baseAddress!, count: wordCount)
                word.deallocate()
                word = larger
            }
            return word.baseAddress! + wordCount
        }

        /// Appends bytes to the word.
        mutating func appendToWord(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let source = bytes.baseAddress else { return }
            reserve(bytes.count).update(from: source, count: bytes.count)
            wordCount += bytes.count
        }

        /// Appends a run of ASCII letters and digits to the word, lower-cased.
        mutating func appendLowercased(_ run: UnsafeBufferPointer<UInt8>) {
            let target = reserve(run.count)
            for index in 0..<run.count {
                let byte = run[index]
                target[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            }
            wordCount += run.count
        }

        mutating func flushWord(_ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
            guard wordCount > 0 else { return }
            let word = UnsafeBufferPointer(start: word.baseAddress, count: wordCount)
            if wordIsFolded {
                if wordScalars >= 2 || (word[0] >= 0x30 && word[0] <= 0x39) { body(word, wordIsASCII) }
            } else {
                // Another script or an unusual character: fold the word with Unicode's mappings, then
                // split it again (folding may turn a character into a separator or a CJK one).
                forEachFoldedTerm(in: fold(String(decoding: word, as: UTF8.self))) { term in
                    var term = term
                    term.withUTF8 { body($0, $0.allSatisfy { $0 < 0x80 }) }
                }
            }
            wordCount = 0
            wordIsFolded = true
            wordIsASCII = true
            wordScalars = 0
        }

        /// One character alone, else every pair of neighbours.
        mutating func flushRun(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
            if run.count == 1 {
                body(UnsafeBufferPointer(rebasing: bytes[run[0]..<runEnd]), false)
            } else if run.count > 1 {
                for i in 0..<(run.count - 1) {
                    body(UnsafeBufferPointer(rebasing: bytes[run[i]..<(i + 2 < run.count ? run[i + 2] : runEnd)]), false)
                }
            }
            run.removeAll(keepingCapacity: true)
        }
    }

    /// `isWordScalar` for every scalar below U+3000, looked up once: French and other
    /// alphabetic text is full of no-break spaces, typographic quotes and dashes, each of
    /// which otherwise asked Unicode's property tables.
    static let wordScalarsBelow0x3000: [Bool] = (0..<0x3000).map { value in
        Unicode.Scalar(value).map(isWordScalar) ?? false
    }

    /// For U+0080…U+024F: the folded form of each letter whose folding yields letters only
    /// (`é` → `e`, `Æ` → `æ`, `ĳ` → `ij`); `nil` for the rest, which take the general path.
    static let latinFolds: [(bytes: [UInt8], scalars: Int, isASCII: Bool)?] = (0..<0x250).map { value in
        guard value >= 0x80, let scalar = Unicode.Scalar(value), isWordScalar(scalar) else { return nil }
        let folded = fold(String(scalar))
        guard !folded.isEmpty, folded.unicodeScalars.allSatisfy({ isWordScalar($0) && !isCJK($0) }) else { return nil }
        return (Array(folded.utf8), folded.unicodeScalars.count, folded.utf8.allSatisfy { $0 < 0x80 })
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
        public var terms: [String]? {
            get { givenTerms ?? termTable?.strings }
            set { givenTerms = newValue; termTable = nil }
        }
        /// Terms set through ``terms``: indexed as strings, as given.
        private var givenTerms: [String]?
        /// Terms worked out by ``tokenized()``, in the form the index merges fastest.
        var termTable: SearchDocumentTerms?

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
            return SearchDocumentTerms(text: text).strings
        }

        /// The document with its terms worked out and its text dropped.
        public func tokenized() -> Document {
            var copy = self
            if givenTerms == nil, termTable == nil { copy.termTable = SearchDocumentTerms(text: text) }
            copy.text = []
            return copy
        }

        /// Whether the terms were given as strings rather than worked out here.
        var hasGivenTerms: Bool { givenTerms != nil }
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
        // `text.count > limit`, counting no further than needed (descriptions run to thousands of characters).
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex else { return text }
        return String(text.prefix(limit)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The JSON file: keys sorted, postings ascending; same input, same bytes.
    public func json() -> String {
        if documents.contains(where: \.hasGivenTerms) { return jsonFromStrings() }
        let tables = parallelMap(documents) { $0.termTable ?? SearchDocumentTerms(text: $0.text) }
        // Postings of ASCII terms by their number in `merged`; of the others by the term.
        var merged = SearchTermTable(capacity: tables.reduce(0) { $0 + $1.ascii.count } / 4)
        var asciiPostings: [[Int]] = []
        var otherPostings: [String: [Int]] = [:]
        for (document, table) in tables.enumerated() {
            let terms = table.ascii
            for term in 0..<terms.count {
                let (index, inserted) = terms.withTerm(term) { merged.insert($0, hash: terms.hash(at: term)) }
                if inserted { asciiPostings.append([document]) } else { asciiPostings[index].append(document) }
            }
            for term in table.others { otherPostings[term, default: []].append(document) }
        }
        // Sorted as strings, as they always were (canonical order, which is code point order
        // for all but the rare non-normalized CJK term).
        var keys: [(term: String, ascii: Int)] = (0..<merged.count).map { (merged.string(at: $0), $0) }
        keys += otherPostings.keys.map { ($0, -1) }
        keys.sort { $0.term < $1.term }

        var out: [UInt8] = []
        out.reserveCapacity(keys.count * 24 + documents.count * 400)
        out += "{\"docs\":[".utf8
        for (index, document) in documents.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += "\n{\"h\":[".utf8
            for (number, heading) in document.headings.enumerated() {
                if number > 0 { out.append(UInt8(ascii: ",")) }
                HTMLEscaping.appendJSONString(heading, to: &out)
            }
            out += "],\"t\":".utf8
            HTMLEscaping.appendJSONString(document.title, to: &out)
            out += ",\"u\":".utf8
            HTMLEscaping.appendJSONString(document.url, to: &out)
            out += ",\"x\":".utf8
            HTMLEscaping.appendJSONString(document.excerpt, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += "],\n\"locale\":".utf8
        HTMLEscaping.appendJSONString(locale, to: &out)
        out += ",\n\"terms\":{".utf8
        for (number, key) in keys.enumerated() {
            if number > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
            HTMLEscaping.appendJSONString(key.term, to: &out)
            out += ":[".utf8
            let postings = key.ascii >= 0 ? asciiPostings[key.ascii] : otherPostings[key.term]!
            for (position, document) in postings.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendDecimal(document, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out += "},\n\"version\":1}\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the decimal digits of a non-negative number.
    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// The JSON file when some documents came with their terms as strings: every term is
    /// indexed as a string, as given.
    private func jsonFromStrings() -> String {
        let termLists = parallelMap(documents) { $0.distinctTerms() }
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
