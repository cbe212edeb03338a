import ConcordModel
import Testing
@testable import ConcordRender

@Suite("A search entry read back from the build cache indexes exactly like the one worked out")
struct SearchEntryCacheBytesTests {
    static func documents() -> [SearchIndex.Document] {
        var seed: UInt64 = 11
        return (0..<40).map { number in
            let text = (0..<5).map { _ in SearchParityTests.sample(&seed, count: 30) } + ["Install the 3 modules", "Réglez les paramètres", "設定を変更する"]
            return SearchIndex.Document(
                url: "page-\(number).html", title: "Page \(number) ✓", headings: ["Intro", "Étape \(number)"], excerpt: text[0], text: text
            ).tokenized()
        }
    }

    @Test("the index of entries read back is byte-identical to the index of the entries written")
    func roundTripKeepsTheIndex() throws {
        let written = Self.documents()
        let bytes = written.compactMap { $0.cacheBytes() }
        try #require(bytes.count == written.count)
        let read = bytes.compactMap { SearchIndex.Document(cacheBytes: $0[...]) }
        try #require(read.count == written.count)
        #expect(SearchIndex(locale: "fr-FR", documents: read).jsonUTF8() == SearchIndex(locale: "fr-FR", documents: written).jsonUTF8())
        #expect(read.map(\.headings) == written.map(\.headings))
    }

    @Test("bytes cut short or with more after them are not an entry")
    func damagedBytesAreRefused() throws {
        let bytes = try #require(Self.documents()[3].cacheBytes())
        for end in [0, 1, bytes.count / 2, bytes.count - 1] { #expect(SearchIndex.Document(cacheBytes: bytes[..<end]) == nil, "\(end)") }
        #expect(SearchIndex.Document(cacheBytes: (bytes + [0])[...]) == nil)
    }

    @Test("an entry whose terms were given as strings is not kept: the cache would lose their form")
    func givenTermsAreNotKept() {
        var document = SearchIndex.Document(url: "a.html", title: "A", headings: [], excerpt: "", text: ["a b"])
        document.terms = ["a", "b"]
        #expect(document.cacheBytes() == nil)
    }
}
