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
    /// A record `reused` gave this build is copied as it was read; the others are encoded, on
    /// every core, a batch at a time, each batch written before the next is made: the file is
    /// never held in memory whole.
    func save(_ records: [String: ArticleLoadRecord], key: Digest, reused: Reuse? = nil) throws {
        let files = records.keys.sorted()
        try BuildCache.replace(path) { write in
            try write(Self.header(key: key))
            for start in stride(from: 0, to: files.count, by: 256) {
                let batch = parallelMap(Array(files[start..<min(start + 256, files.count)])) { file -> [UInt8] in
                    var writer = ModelWriter()
                    writer.write(file)
                    if let bytes = reused?.servedBytes(of: file) {
                        writer.field(bytes)
                    } else {
                        var record = ModelWriter()
                        record.write(records[file]!)
                        writer.field(record.bytes)
                    }
                    return writer.bytes
                }
                for part in batch { try write(part) }
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
        /// The files whose records were given to the loader.
        private let served = ServedFiles()

        init(bytes: [UInt8], index: [String: Range<Int>], previous: [String: InputSnapshot.Entry], current: InputSnapshot, sameFiles: Bool) {
            self.bytes = bytes
            self.index = index
            self.previous = previous
            self.current = current
            self.sameFiles = sameFiles
        }

        /// The bytes of `file`'s record, if it was given to the loader: the record this build keeps.
        func servedBytes(of file: String) -> ArraySlice<UInt8>? {
            guard served.contains(file), let range = index[file] else { return nil }
            return bytes[range]
        }

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
