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
        var out = ModelWriter()
        out.write(url)
        out.write(title)
        out.write(excerpt)
        out.write(headings)
        let (storage, ends) = table.ascii.storedTerms
        out.number(ends.count)
        var start = 0
        for end in ends {
            out.number(end - start)
            start = end
        }
        out.field(storage)
        out.write(table.others.sorted())
        return out.bytes
    }

    /// The entry written by ``cacheBytes()``; nil when `bytes` are not one.
    public init?(cacheBytes bytes: ArraySlice<UInt8>) {
        var reader = ModelReader(bytes)
        do {
            let url = try reader.read(String.self), title = try reader.read(String.self), excerpt = try reader.read(String.self)
            let headings = try reader.read([String].self)
            let asciiCount = try reader.number()
            guard asciiCount >= 0, asciiCount <= bytes.count else { return nil }
            var ends: [Int] = []
            ends.reserveCapacity(asciiCount)
            var end = 0
            for _ in 0..<asciiCount {
                end += try reader.number()
                ends.append(end)
            }
            guard let ascii = SearchTermTable.restored(storage: Array(try reader.field()), ends: ends) else { return nil }
            let others = try reader.read([String].self)
            guard reader.isAtEnd else { return nil }
            self.init(url: url, title: title, headings: headings, excerpt: excerpt, text: [])
            termTable = SearchDocumentTerms(ascii: ascii, others: others)
        } catch {
            return nil
        }
    }
}

extension SearchDocumentTerms {
    /// Terms read back from a cache.
    init(ascii: SearchTermTable, others: [String]) {
        self.ascii = ascii
        self.others = others
    }
}
