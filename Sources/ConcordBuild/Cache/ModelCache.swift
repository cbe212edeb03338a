import ConcordModel
import Foundation

/// Each article file's load record (``ArticleLoadRecord``: model, findings, include findings),
/// in the cache's `models` file, so that a rebuild reads and parses only the files that changed.
///
/// The file is the records in binary (``ModelCodable``), each after its file's path, under a
/// header naming the cache's format and its ``key(inputs:settings:)``: a record is read back only
/// by the same executable with the same settings, which would make the same record of the same bytes.
struct ModelCache {
    let path: String

    /// What the records depend on besides the files: the Concord that made them (its digest
    /// among `inputs`) and the settings (the locales and their folders decide where includes
    /// lead); `nil` when Concord's own digest is unknown, and no record may be kept.
    static func key(inputs: [String: InputSnapshot.Entry], settings: Digest) -> Digest? {
        guard let concord = InputSnapshot.concordDigest(inputs) else { return nil }
        var hasher = DigestHasher()
        hasher.combine(concord)
        hasher.combine(settings)
        return hasher.finalize()
    }

    /// The header of a `models` file written under `key`.
    private static func header(key: Digest) -> [UInt8] {
        Array("concord-models \(BuildCache.formatVersion) \(key)\n".utf8)
    }

    /// Writes `records` (by file), sorted by file so that the same build writes the same bytes.
    /// Records `reused` gave this build are copied as they were read: a run of them lies end to
    /// end in the last file, and is written from it in one piece. The others are encoded on every
    /// core, a batch at a time, each batch written before the next is made: the file is never
    /// held in memory whole.
    func save(_ records: [String: ArticleLoadRecord], key: Digest, reused: Reuse? = nil) throws {
        let files = records.keys.sorted()
        try BuildCache.replace(path) { write in
            try write(Self.header(key: key)[...])
            var start = 0
            while start < files.count {
                if let reused, let run = reused.servedRun(files, from: start) {
                    try write(reused.bytes[run.bytes])
                    start = run.end
                    continue
                }
                var end = start + 1
                while end < files.count, end - start < 256, reused?.wasServed(files[end]) != true { end += 1 }
                let batch = parallelMap(Array(files[start..<end])) { file -> [UInt8] in
                    var entry = ModelWriter()
                    entry.write(file)
                    var record = ModelWriter()
                    record.write(records[file]!)
                    entry.field(record.bytes)
                    return entry.bytes
                }
                for part in batch { try write(part[...]) }
                start = end
            }
        }
    }

    /// The records the last build wrote, for a build of `current` whose last build read
    /// `previous`; `nil` when there are none, or they were written under another key.
    func load(previous: [String: InputSnapshot.Entry], current: InputSnapshot, key: Digest) -> Reuse? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let header = Self.header(key: key)
        guard bytes.starts(with: header) else { return nil }
        var reader = ModelReader(bytes, header.count..<bytes.count)
        var index: [String: Reuse.Entry] = [:]
        do {
            while !reader.isAtEnd {
                let start = reader.position
                let file = try reader.read(String.self)
                let record = try reader.field()
                index[file] = Reuse.Entry(record: record.startIndex..<record.endIndex, entry: start..<record.endIndex)
            }
        } catch {
            return nil
        }
        return Reuse(bytes: bytes, index: index, previous: previous, current: current,
                     sameFiles: Set(previous.keys) == Set(current.files.keys))
    }

    /// The last build's records, each given to the loader while it still holds.
    struct Reuse: ArticleLoadReuse {
        /// Where a file's record is in ``bytes``, and its whole entry (the path, then the record).
        struct Entry {
            var record: Range<Int>
            var entry: Range<Int>
        }

        let bytes: [UInt8]
        let index: [String: Entry]
        /// The inputs the last build read, and this build's.
        let previous: [String: InputSnapshot.Entry]
        let current: InputSnapshot
        /// Whether the two builds see the same files: where an include leads depends on it.
        let sameFiles: Bool
        /// The files whose records were given to the loader.
        private let served = ServedFiles()

        init(bytes: [UInt8], index: [String: Entry], previous: [String: InputSnapshot.Entry], current: InputSnapshot, sameFiles: Bool) {
            self.bytes = bytes
            self.index = index
            self.previous = previous
            self.current = current
            self.sameFiles = sameFiles
        }

        /// Whether `file`'s record was given to the loader: the record this build keeps.
        func wasServed(_ file: String) -> Bool {
            served.contains(file)
        }

        /// The longest run of `files` from `start` whose records were given to the loader and
        /// whose entries follow each other in ``bytes``: where the run's entries are, and the
        /// index in `files` after it; nil when the record of `files[start]` was not given.
        func servedRun(_ files: [String], from start: Int) -> (bytes: Range<Int>, end: Int)? {
            guard served.contains(files[start]), var run = index[files[start]]?.entry else { return nil }
            var end = start + 1
            while end < files.count, served.contains(files[end]), let next = index[files[end]]?.entry, next.lowerBound == run.upperBound {
                run = run.lowerBound..<next.upperBound
                end += 1
            }
            return (run, end)
        }

        func record(for file: String) -> ArticleLoadRecord? {
            guard let range = index[file]?.record, let digest = current.digest(of: file) else { return nil }
            var reader = ModelReader(bytes, range)
            guard let record = try? reader.read(ArticleLoadRecord.self), reader.isAtEnd, record.digest == digest else { return nil }
            // An include resolves to the locale's file, else the source's, and only to files
            // that exist: with another file list, it may lead elsewhere.
            if !record.includedFiles.isEmpty || record.missedInclude {
                guard sameFiles else { return nil }
                for included in record.includedFiles where previous[included]?.digest != current.digest(of: included) { return nil }
            }
            served.insert(file)
            return record
        }
    }

    /// A set of files that the loading cores add to at once.
    private final class ServedFiles: @unchecked Sendable {
        private let lock = NSLock()
        private var files: Set<String> = []

        func insert(_ file: String) {
            lock.lock()
            files.insert(file)
            lock.unlock()
        }

        func contains(_ file: String) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            return files.contains(file)
        }
    }
}
