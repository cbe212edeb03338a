import ConcordModel
import Foundation

/// Each article file's load record (``ArticleLoadRecord``: model, findings, include findings),
/// in the cache's `models` file, so that a rebuild reads and parses only the files that changed.
///
/// The file is the records in binary (``ModelCodable``), each after its file's path, under a
/// header naming the cache's format and the Concord that wrote it: a record is read back only by
/// the same executable, which would build the same model from the same bytes.
struct ModelCache {
    let path: String

    /// The header of a `models` file written by `concord` (its digest in the inputs).
    private static func header(concord: Digest) -> [UInt8] {
        Array("concord-models \(BuildCache.formatVersion) \(concord)\n".utf8)
    }

    /// Writes `records` (by file), sorted by file so that the same build writes the same bytes.
    func save(_ records: [String: ArticleLoadRecord], concord: Digest) throws {
        var writer = ModelWriter()
        for file in records.keys.sorted() {
            writer.write(file)
            var record = ModelWriter()
            record.write(records[file]!)
            writer.field(record.bytes)
        }
        try BuildCache.replace(path, with: Self.header(concord: concord) + writer.bytes)
    }

    /// The records the last build wrote, for a build of `current` whose last build read
    /// `previous`; `nil` when there are none, or another Concord wrote them.
    func load(previous: [String: InputSnapshot.Entry], current: InputSnapshot, concord: Digest) -> Reuse? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let header = Self.header(concord: concord)
        guard bytes.starts(with: header) else { return nil }
        var reader = ModelReader(bytes, header.count..<bytes.count)
        var index: [String: Range<Int>] = [:]
        do {
            while !reader.isAtEnd {
                let file = try reader.read(String.self)
                let record = try reader.field()
                index[file] = record.startIndex..<record.endIndex
            }
        } catch {
            return nil
        }
        return Reuse(bytes: bytes, index: index, previous: previous, current: current,
                     sameFiles: Set(previous.keys) == Set(current.files.keys))
    }

    /// The last build's records, each given to the loader while it still holds.
    struct Reuse: ArticleLoadReuse {
        let bytes: [UInt8]
        let index: [String: Range<Int>]
        /// The inputs the last build read, and this build's.
        let previous: [String: InputSnapshot.Entry]
        let current: InputSnapshot
        /// Whether the two builds see the same files: where an include leads depends on it.
        let sameFiles: Bool

        func record(for file: String) -> ArticleLoadRecord? {
            guard let range = index[file], let digest = current.digest(of: file) else { return nil }
            var reader = ModelReader(bytes, range)
            guard let record = try? reader.read(ArticleLoadRecord.self), reader.isAtEnd, record.digest == digest else { return nil }
            // An include resolves to the locale's file, else the source's, and only to files
            // that exist: with another file list, it may lead elsewhere.
            if !record.includedFiles.isEmpty || record.missedInclude {
                guard sameFiles else { return nil }
                for included in record.includedFiles where previous[included]?.digest != current.digest(of: included) { return nil }
            }
            return record
        }
    }
}
