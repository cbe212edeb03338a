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
        /// would check its uniqueness at every byte of every word.
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
    ///
    /// Sections and text blocks are read in place: copying each (as `filter` and `map` did)
    /// retained all its strings to look at one.
    public static func document(for article: Article, url: String) -> Document {
        var text = [article.title]
        var headings: [String] = []
        var firstParagraph: String?
        article.sections.withUnsafeBufferPointer { sections in
            text.reserveCapacity(1 + sections.count + article.textBlocks.count)
            for index in sections.indices {
                text.append(sections[index].title)
                if sections[index].level >= 2 { headings.append(sections[index].title) }
            }
        }
        article.textBlocks.withUnsafeBufferPointer { blocks in
            for index in blocks.indices {
                switch blocks[index].kind {
                case .heading: continue
                case .paragraph: if firstParagraph == nil { firstParagraph = blocks[index].text }
                case .listItem, .tableCell: break
                }
                text.append(blocks[index].text)
            }
        }
        let first = article.metadata.description ?? firstParagraph ?? ""
        return Document(url: url, title: article.title, headings: headings, excerpt: excerpt(first, limit: 200), text: text)
    }

    static func excerpt(_ text: String, limit: Int) -> String {
        // No longer than `limit` bytes, so no more than `limit` characters: most descriptions.
        if text.utf8.count <= limit { return text }
        // `text.count > limit`, counting no further than needed (descriptions run to thousands of characters).
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end != text.endIndex else { return text }
        return String(text.prefix(limit)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The JSON file: keys sorted, postings ascending; same input, same bytes.
    public func json() -> String {
        if documents.contains(where: \.hasGivenTerms) { return jsonFromStrings() }
        return String(decoding: jsonUTF8(), as: UTF8.self)
    }

    /// ``json()`` as UTF-8 bytes, for writing to a file: making a `String` of a file of
    /// megabytes checks every byte of it once more.
    public func jsonUTF8() -> [UInt8] {
        if documents.contains(where: \.hasGivenTerms) { return Array(jsonFromStrings().utf8) }
        // The documents' list and the terms' postings do not depend on each other: the list is
        // written on a thread of its own while the terms are merged, which is one locale's work
        // on one core when a rebuild makes one locale's index again.
        let documentList = BackgroundWork { [documents] in Self.documentListJSON(documents) }
        let postings = Postings(tables: parallelMap(documents) { $0.termTable ?? SearchDocumentTerms(text: $0.text) })
        let terms = postings.json()
        var out = documentList.value()
        out += "],\n\"locale\":".utf8
        HTMLEscaping.appendJSONString(locale, to: &out)
        out += ",\n\"terms\":{".utf8
        out += terms
        out += "},\n\"version\":1}\n".utf8
        return out
    }

    /// The start of the index: its `docs` list, open.
    private static func documentListJSON(_ documents: [Document]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(documents.count * 400)
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
        return out
    }

    /// Every term of a locale's documents, with the documents it is in.
    ///
    /// ASCII terms (nearly all) are merged from the documents' tables by their bytes and
    /// written from bytes; the others are strings, as all terms once were.
    private struct Postings {
        /// The ASCII terms, numbered in the order they were first met.
        var ascii: SearchTermTable
        /// The documents of ASCII term `t`, ascending: `documents[starts[t]..<starts[t + 1]]`.
        /// One array for all the terms: an array for each cost an allocation and regrowth.
        var starts: [Int]
        var documents: [Int]
        /// The documents of each other term, ascending.
        var others: [String: [Int]]
        /// How many documents.
        var documentCount: Int

        init(tables: [SearchDocumentTerms]) {
            let pairs = tables.reduce(0) { $0 + $1.ascii.count }
            var merged = SearchTermCollector(capacity: pairs / 4)
            defer { merged.deallocate() }
            var others: [String: [Int]] = [:]
            // Each document's ASCII terms by their number in `merged`, document after document.
            let numbers = [Int](unsafeUninitializedCapacity: pairs) { numbers, initialized in
                for (document, table) in tables.enumerated() {
                    table.ascii.forEachTerm { term, hash in
                        numbers[initialized] = merged.insert(term, hash: hash).index
                        initialized += 1
                    }
                    for term in table.others { others[term, default: []].append(document) }
                }
            }
            // Each term's documents counted, then placed.
            var starts = [Int](repeating: 0, count: merged.count + 1)
            let documents = starts.withUnsafeMutableBufferPointer { starts in
                for number in numbers { starts[number + 1] += 1 }
                for number in 0..<merged.count { starts[number + 1] += starts[number] }
                var next = Array(starts.dropLast())
                return [Int](unsafeUninitializedCapacity: pairs) { documents, initialized in
                    next.withUnsafeMutableBufferPointer { next in
                        var pair = 0
                        for (document, table) in tables.enumerated() {
                            for _ in 0..<table.ascii.count {
                                let number = numbers[pair]
                                documents[next[number]] = document
                                next[number] += 1
                                pair += 1
                            }
                        }
                    }
                    initialized = pairs
                }
            }
            self.ascii = merged.table()
            self.starts = starts
            self.documents = documents
            self.others = others
            self.documentCount = tables.count
        }

        /// The members of the `terms` object, keys in `String` order, one to a line.
        func json() -> [UInt8] {
            // ASCII terms in byte order, which is their `String` order; the other terms, sorted
            // as strings, go where `String` comparison with the ASCII ones puts them (found by
            // halving, to make few strings of ASCII terms).
            let asciiOrder = ascii.numbersInByteOrder()
            let otherTerms = others.keys.sorted().map { term -> (term: String, json: [UInt8]) in
                var json: [UInt8] = []
                HTMLEscaping.appendJSONString(term, to: &json)
                return (term, json)
            }
            // At most, for each term `,\n`, `:[`, `]` and the term in quotes (ASCII terms need no
            // escaping, or are escaped as others are); for each posting a comma and as many
            // digits as the last document's number.
            let postingWidth = String(max(0, documentCount - 1)).utf8.count + 1
            let capacity = 7 * ascii.count + ascii.byteCount + documents.count * postingWidth
                + otherTerms.reduce(0) { $0 + 5 + $1.json.count } + others.values.reduce(0) { $0 + $1.count * postingWidth }
                + asciiEscapingAllowance
            return [UInt8](unsafeUninitializedCapacity: capacity + MemberWriter.slack) { buffer, initialized in
                var out = MemberWriter(buffer.baseAddress!, documentCount: documentCount)
                var written = 0
                for other in otherTerms {
                    var low = written
                    var high = asciiOrder.count
                    while low < high {
                        let middle = (low + high) / 2
                        if ascii.string(at: asciiOrder[middle]) < other.term { low = middle + 1 } else { high = middle }
                    }
                    for number in asciiOrder[written..<low] { writeASCIIMember(number, to: &out) }
                    written = low
                    out.startMember()
                    other.json.withUnsafeBufferPointer { out.append($0) }
                    others[other.term]!.withUnsafeBufferPointer { out.appendPostings($0) }
                }
                for number in asciiOrder[written...] { writeASCIIMember(number, to: &out) }
                initialized = out.position - buffer.baseAddress!
                precondition(initialized <= capacity)
            }
        }

        /// The room escaping takes in ASCII terms that are not letters and digits (never, from
        /// the tokenizer): each escaped byte takes at most six.
        private var asciiEscapingAllowance: Int {
            var bytes = 0
            for number in 0..<ascii.count {
                ascii.withTerm(number) { term in bytes += term.reduce(0) { $0 + (Self.needsEscaping($1) ? 5 : 0) } }
            }
            return bytes
        }

        private func writeASCIIMember(_ number: Int, to out: inout MemberWriter) {
            out.startMember()
            ascii.withTerm(number) { term in
                if term.contains(where: Self.needsEscaping) {
                    var json: [UInt8] = []
                    HTMLEscaping.appendJSONString(String(decoding: term, as: UTF8.self), to: &json)
                    json.withUnsafeBufferPointer { out.append($0) }
                } else {
                    out.append(UInt8(ascii: "\""))
                    out.append(term)
                    out.append(UInt8(ascii: "\""))
                }
            }
            documents.withUnsafeBufferPointer { out.appendPostings(UnsafeBufferPointer(rebasing: $0[starts[number]..<starts[number + 1]])) }
        }

        /// Whether a byte of an ASCII term needs escaping in JSON (``HTMLEscaping/appendJSONString(_:to:)``
        /// escapes these, `/` only after `<`).
        static func needsEscaping(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
        }
    }

    /// Writes the `terms` object's members into memory sized beforehand, a byte at a time
    /// without an array's uniqueness check for each.
    private struct MemberWriter {
        private(set) var position: UnsafeMutablePointer<UInt8>
        private var isFirst = true
        /// Each document number as a comma and its digits, in the first `count` bytes of 16: every
        /// posting of a locale is copied from here rather than worked out a division a digit, all
        /// 16 bytes at once, and the position moved on by `count` rather than a byte at a time.
        /// So the memory written needs ``slack`` bytes more than the text.
        private let commaDecimals: [(bytes: (UInt64, UInt64), count: Int)]

        /// The bytes past the end of the text that appending postings may write over.
        static let slack = 16

        /// A writer starting at `start`, for postings of documents numbered below `documentCount`.
        init(_ start: UnsafeMutablePointer<UInt8>, documentCount: Int) {
            position = start
            commaDecimals = (0..<documentCount).map { number in
                let digits = Array(String(number).utf8)
                var bytes: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &bytes) { bytes in
                    bytes[0] = UInt8(ascii: ",")
                    bytes[1...digits.count].copyBytes(from: digits)
                }
                return (bytes, 1 + digits.count)
            }
        }

        mutating func append(_ byte: UInt8) {
            position.pointee = byte
            position += 1
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            position.update(from: base, count: bytes.count)
            position += bytes.count
        }

        /// The comma after the member before, if any, and the new line.
        mutating func startMember() {
            if !isFirst { append(UInt8(ascii: ",")) }
            isFirst = false
            append(UInt8(ascii: "\n"))
        }

        /// `:[` and the document numbers, then `]`.
        mutating func appendPostings(_ documents: UnsafeBufferPointer<Int>) {
            append(UInt8(ascii: ":"))
            let bracket = position
            commaDecimals.withUnsafeBufferPointer { commaDecimals in
                for document in documents {
                    let decimal = commaDecimals[document]
                    UnsafeMutableRawPointer(position).storeBytes(of: decimal.bytes, as: (UInt64, UInt64).self)
                    position += decimal.count
                }
            }
            // Every number came with a comma before it: the first one's is the opening bracket.
            if documents.isEmpty { append(UInt8(ascii: "[")) } else { bracket.pointee = UInt8(ascii: "[") }
            append(UInt8(ascii: "]"))
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
