import Foundation
import Testing
@testable import ConcordModel

/// The build cache keeps each article's model in binary (``ModelCodable``) so that a rebuild
/// does not parse the files that did not change: what it reads back must be the very model
/// the file gives, every field of it (those outside the JSON contract too).
@Suite("The model in the build cache")
struct ModelCodingTests {
    private func roundTrip(_ article: Article) throws -> Article {
        var writer = ModelWriter()
        writer.write(article)
        var reader = ModelReader(writer.bytes, 0..<writer.bytes.count)
        let read: Article = try reader.read()
        #expect(reader.isAtEnd)
        return read
    }

    private func everyArticle(_ configuration: Configuration) throws -> Int {
        let set = ContentSet.load(configuration)
        var count = 0
        for (_, articles) in set.articles {
            for (_, article) in articles {
                let read = try roundTrip(article)
                #expect(read == article, "\(article.file)")
                count += 1
            }
        }
        return count
    }

    @Test func everyArticleOfTheSampleContentReadsBackEqual() throws {
        let count = try everyArticle(Configuration(contentRoot: Fixtures.content, sourceLocale: "en-US"))
        #expect(count > 10)
    }

    @Test(.enabled(if: Fixtures.corpusIsAvailable, "needs ../shared/corpus beside the repository"))
    func everyArticleOfTheCorpusReadsBackEqual() throws {
        // FAQ pages, HTML tables, DocFX extensions, front matter lists and maps: every field is filled somewhere.
        var count = try everyArticle(Configuration(contentRoot: Fixtures.corpus + "/partner-center", sourceLocale: "es-ES"))
        count += try everyArticle(Configuration(contentRoot: Fixtures.corpus + "/powershell", sourceLocale: "en-US"))
        #expect(count > 4_000)
    }

    @Test func fieldsOutsideTheJSONContractAreKept() throws {
        let article = try Fixtures.article("# Title\n\nSee @Some.Uid and <a name=\"x\"></a> text.\n")
        #expect(!article.textBlocks.isEmpty && !article.anchorMentions.isEmpty)
        let read = try roundTrip(article)
        #expect(read.textBlocks == article.textBlocks && read.anchorMentions == article.anchorMentions && read.uidMentions == article.uidMentions)
    }

    @Test("a field written in place reads back as one written from its bytes, whatever its length")
    func fieldsWrittenInPlace() throws {
        for length in [0, 1, 127, 128, 16_383, 16_384, 300_000] {
            let content = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var inPlace = ModelWriter(), copied = ModelWriter()
            inPlace.field { $0.field(content) }
            copied.field(Array({ var inner = ModelWriter(); inner.field(content); return inner.bytes }()))
            for bytes in [inPlace.bytes, copied.bytes] {
                var reader = ModelReader(bytes[...])
                var inner = ModelReader(try reader.field())
                #expect(Array(try inner.field()) == content, "length \(length)")
                #expect(reader.isAtEnd && inner.isAtEnd)
            }
        }
    }

    @Test("text blocks read from the cache are decoded on first use, and a copy changed is changed alone")
    func deferredTextBlocks() throws {
        let article = try Fixtures.article("# Title\n\nFirst paragraph.\n\nSecond paragraph.\n")
        var read = try roundTrip(article)
        let copy = read
        #expect(read.textBlocks.map(\.text) == article.textBlocks.map(\.text))
        read.textBlocks.removeLast()
        #expect(copy.textBlocks == article.textBlocks)
        #expect(read.textBlocks.count == article.textBlocks.count - 1)
        // Written again without being read, the bytes are those of the first writing.
        var first = ModelWriter(), again = ModelWriter()
        first.write(article)
        again.write(try roundTrip(article))
        #expect(first.bytes == again.bytes)
    }

    @Test("a text block's prose is written once when it is its text, and kept byte for byte when it is not")
    func proseWrittenOnce() throws {
        func roundTrip(_ block: TextBlock) throws -> (TextBlock, Int) {
            var writer = ModelWriter()
            writer.write(block)
            var reader = ModelReader(writer.bytes[...])
            let read: TextBlock = try reader.read()
            #expect(reader.isAtEnd)
            return (read, writer.bytes.count)
        }
        let text = "Run `Get-Help` to see every parameter of the cmdlet."
        let same = TextBlock(kind: .paragraph, text: text, prose: text, section: "usage", line: 3, column: 1)
        let (sameRead, sameSize) = try roundTrip(same)
        #expect(sameRead == same)
        #expect(sameSize < 2 * text.utf8.count)
        let other = TextBlock(kind: .listItem, text: text, prose: "Run   to see every parameter of the cmdlet.", section: nil, line: 9, column: 3)
        #expect(try roundTrip(other).0 == other)
        // Canonically equivalent (é composed, and e with a combining accent) but not the same bytes.
        let composed = TextBlock(kind: .tableCell, text: "Caf\u{E9}", prose: "Cafe\u{301}", section: nil, line: 1, column: 1)
        let composedRead = try roundTrip(composed).0
        #expect(Array(composedRead.prose.utf8) == Array("Cafe\u{301}".utf8))
        #expect(Array(composedRead.text.utf8) == Array("Caf\u{E9}".utf8))
    }

    @Test func truncatedOrDamagedBytesAreRefused() throws {
        var writer = ModelWriter()
        writer.write(try Fixtures.sample("es-ES", "customer-support.md"))
        let bytes = writer.bytes
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            var reader = ModelReader(bytes, 0..<cut)
            #expect(throws: ModelReader.Malformed.self) { let _: Article = try reader.read() }
        }
        var reader = ModelReader([0xFF, 0xFF, 0xFF, 0x7F], 0..<4)
        #expect(throws: ModelReader.Malformed.self) { let _: [String] = try reader.read() }
    }
}

@Suite("A load record in the build cache")
struct LoadRecordCodingTests {
    @Test func aRecordWithFindingsReadsBackEqual() throws {
        let finding = Diagnostic(rule: "r", severity: .warning, locale: "fr-FR", location: FileLocation(file: "a.md", line: 3, column: 2),
                                 message: "m", source: FileLocation(file: "b.md", line: 1), fingerprint: "f")
        let record = ArticleLoadRecord(
            digest: Digest.of("x"), article: try Fixtures.article("# T\n\nText.\n"), diagnostics: [finding],
            includeFindings: [finding], includedFiles: ["i.md"], missedInclude: true)
        for value in [record, ArticleLoadRecord(digest: Digest(high: .max, low: 0), article: nil, diagnostics: [])] {
            var writer = ModelWriter()
            writer.write(value)
            var reader = ModelReader(writer.bytes, 0..<writer.bytes.count)
            let read: ArticleLoadRecord = try reader.read()
            #expect(read == value)
            #expect(reader.isAtEnd)
        }
    }
}
