import ConcordModel

/// Search entries in the form a build cache keeps them, so that a page kept from the live site
/// brings its entry with it rather than having its article tokenized again.
///
/// Fields are written with their byte length in front (LEB128); the ASCII terms as their
/// lengths and then their bytes end to end, in the term table's order, so that the entry read
/// back merges into the index in the same order as the one worked out from the text. Hashes are
/// not kept: their seed is the process's.
extension SearchIndex.Document {
    /// The entry as bytes; nil when its terms were given as strings (or not worked out).
    public func cacheBytes() -> [UInt8]? {
        guard !hasGivenTerms, let table = termTable else { return nil }
        var out = LengthPrefixedBytes()
        out.text(url)
        out.text(title)
        out.text(excerpt)
        out.number(headings.count)
        for heading in headings { out.text(heading) }
        let (storage, ends) = table.ascii.storedTerms
        out.number(ends.count)
        var start = 0
        for end in ends {
            out.number(end - start)
            start = end
        }
        storage.withUnsafeBufferPointer { out.bytes($0) }
        out.number(table.others.count)
        for term in table.others.sorted() { out.text(term) }
        return out.bytes
    }

    /// The entry written by ``cacheBytes()``; nil when `bytes` are not one.
    public init?(cacheBytes bytes: ArraySlice<UInt8>) {
        var reader = LengthPrefixedBytes.Reader(bytes)
        guard let url = reader.text(), let title = reader.text(), let excerpt = reader.text(), let headingCount = reader.number() else { return nil }
        var headings: [String] = []
        for _ in 0..<headingCount {
            guard let heading = reader.text() else { return nil }
            headings.append(heading)
        }
        guard let asciiCount = reader.number(), asciiCount <= bytes.count else { return nil }
        var ends: [Int] = []
        ends.reserveCapacity(asciiCount)
        var end = 0
        for _ in 0..<asciiCount {
            guard let length = reader.number() else { return nil }
            end += length
            ends.append(end)
        }
        guard let storage = reader.slice(), let ascii = SearchTermTable.restored(storage: Array(storage), ends: ends),
              let otherCount = reader.number()
        else { return nil }
        var others: [String] = []
        for _ in 0..<otherCount {
            guard let term = reader.text() else { return nil }
            others.append(term)
        }
        guard reader.isAtEnd else { return nil }
        self.init(url: url, title: title, headings: headings, excerpt: excerpt, text: [])
        termTable = SearchDocumentTerms(ascii: ascii, others: others)
    }
}

extension SearchDocumentTerms {
    /// Terms read back from a cache.
    init(ascii: SearchTermTable, others: [String]) {
        self.ascii = ascii
        self.others = others
    }
}
