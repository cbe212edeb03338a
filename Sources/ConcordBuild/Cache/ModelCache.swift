import ConcordModel
import Foundation

/// Each article file's load record (``ArticleLoadRecord``: model, findings, include findings),
/// in the cache's `models` folder, so that a rebuild reads and parses only the files that changed.
///
/// The records are spread over ``shardCount`` files by a digest of their file's path, so that a
/// rebuild rewrites only the shards whose records changed. A shard is the records in binary
/// (``ModelCodable``), each after its file's path, sorted by path, under a header naming the
/// cache's format and its ``key(inputs:settings:)``: a record is read back only by the same
/// executable with the same settings, which would make the same record of the same bytes.
struct ModelCache {
    /// The folder of the shards.
    let path: String

    /// How many files the records are spread over.
    static let shardCount = 64

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

    /// The header of a shard written under `key`.
    private static func header(key: Digest) -> [UInt8] {
        Array("concord-models \(BuildCache.formatVersion) \(key)\n".utf8)
    }

    /// The shard that holds `file`'s record.
    static func shard(of file: String) -> Int {
        Int(Digest.of(file).low % UInt64(shardCount))
    }

    private func shardPath(_ shard: Int) -> String {
        path + "/" + String(shard, radix: 16)
    }

    /// Writes `records` (by file), each shard sorted by file so that the same build writes the
    /// same bytes, into a staging folder beside the shards: a build stages them as soon as its
    /// content is loaded, on a thread of its own while it checks and renders, and puts them in
    /// place (``Staged/commit()``) only when it saves the rest of its cache, so that the shards
    /// always belong to the build the cache's state names.
    ///
    /// A shard whose records are the ones `reused` read, all given to this build, is left as it
    /// is. In the others, records `reused` gave this build are copied as they were read (a run
    /// of them lies end to end in the last file, and is copied in one piece); the rest are encoded.
    func stage(_ records: [String: ArticleLoadRecord], key: Digest, reused: Reuse? = nil, into staging: Staged) throws -> Staged {
        var staged = staging
        do {
            try write(records, key: key, reused: reused, into: &staged)
        } catch {
            staged.discard()
            throw error
        }
        return staged
    }

    /// The staging folder of this build's shards, removed if the process is interrupted before
    /// it is put in place or discarded. Asked for on the thread that runs the build: the
    /// interrupt handlers are installed then, and a thread takes signals only where they are
    /// unblocked.
    func staging(reused: Reuse?) -> Staged {
        let staging = Staged.folder(beside: path)
        Staged.removeAbandoned(beside: path)
        try? FileManager.default.removeItem(atPath: staging)
        // The deepest folder already there: a first build that saves no cache leaves none.
        var existing = (staging as NSString).deletingLastPathComponent
        while existing.count > 1, !FileManager.default.fileExists(atPath: existing) { existing = (existing as NSString).deletingLastPathComponent }
        InterruptCleanup.protect(cacheFolder: staging, below: existing)
        return Staged(folder: staging, models: path, existing: existing, replacesAll: reused == nil)
    }

    /// Writes the shards ``stage(_:key:reused:into:)`` stages into `staged`'s folder.
    private func write(_ records: [String: ArticleLoadRecord], key: Digest, reused: Reuse?, into staged: inout Staged) throws {
        let staging = staged.folder
        try FileSystem.createDirectories(staging)
        var shards = [[String]](repeating: [], count: Self.shardCount)
        for file in records.keys { shards[Self.shard(of: file)].append(file) }
        for (shard, unsorted) in shards.enumerated() {
            let files = unsorted.sorted()
            if let reused, reused.shardUnchanged(shard, files: files) { continue }
            let name = String(shard, radix: 16)
            if files.isEmpty {
                staged.emptied.append(name)
                continue
            }
            try BuildCache.replace(staging + "/" + name) { write in
                try write(Self.header(key: key)[...])
                try writeRecords(files, records, reused: reused, with: write)
            }
            staged.written.append(name)
        }
    }

    /// Writes the entries of `files`, in order: runs of kept records from the last shard, the
    /// others encoded into one buffer that goes out whenever it holds a few hundred kilobytes
    /// (a buffer for the whole shard grew by copying, and each record copied in from a buffer
    /// of its own was one more copy).
    private func writeRecords(
        _ files: [String], _ records: [String: ArticleLoadRecord], reused: Reuse?, with write: (ArraySlice<UInt8>) throws -> Void
    ) throws {
        var encoded = ModelWriter()
        func flush() throws {
            try write(encoded.bytes[...])
            encoded.removeAll()
        }
        var start = 0
        while start < files.count {
            if let reused, let run = reused.servedRun(files, from: start) {
                try flush()
                try write(run.bytes)
                start = run.end
                continue
            }
            encoded.write(files[start])
            encoded.field { $0.write(records[files[start]]!) }
            if encoded.bytes.count >= 256 << 10 { try flush() }
            start += 1
        }
        try flush()
    }

    /// Shards written ahead of the cache's save, in a folder of their own until they are put in place.
    struct Staged: Sendable {
        /// The staging folder.
        let folder: String
        /// The folder of the shards.
        let models: String
        /// The deepest folder above the staging folder that was there before it was made.
        let existing: String
        /// Whether the staging folder replaces the shards' folder as a whole: without records
        /// read, none of the shards there can be kept (and earlier formats kept a single file there).
        let replacesAll: Bool
        /// The shards written into the staging folder, by name.
        var written: [String] = []
        /// The shards that no longer hold any file, by name.
        var emptied: [String] = []

        /// The start of a staging folder's name; the process's id follows.
        private static let prefix = ".models."

        /// The staging folder of this process, beside the shards' folder `models`.
        static func folder(beside models: String) -> String {
            (models as NSString).deletingLastPathComponent + "/" + prefix + String(getpid())
        }

        /// Removes the staging folders of builds that ended without removing theirs (interrupted):
        /// those whose process is gone. A build running beside this one keeps its own.
        static func removeAbandoned(beside models: String) {
            let parent = (models as NSString).deletingLastPathComponent
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
                guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
                try? FileManager.default.removeItem(atPath: parent + "/" + name)
            }
        }

        /// Puts the staged shards in place of the old ones.
        func commit() throws {
            if replacesAll {
                try? FileManager.default.removeItem(atPath: models)
                guard rename(folder, models) == 0 else { throw failure(errno) }
                return
            }
            try FileSystem.createDirectories(models)
            for name in written {
                guard rename(folder + "/" + name, models + "/" + name) == 0 else { throw failure(errno) }
            }
            for name in emptied { unlink(models + "/" + name) }
            rmdir(folder)
        }

        /// Removes what was staged and not committed (nothing, once committed).
        func discard() {
            FileSystem.removeFolder(folder, withEmptyFoldersBelow: existing)
            InterruptCleanup.release(cacheFolder: folder)
        }

        private func failure(_ error: Int32) -> OutputFolder.Failure {
            OutputFolder.Failure(reason: "cannot put the model cache in place at \(models): \(String(cString: strerror(error)))")
        }
    }

    /// The records the last build wrote, for a build of `current` whose last build read
    /// `previous`; `nil` when there are none, or they were written under another key.
    func load(previous: [String: InputSnapshot.Entry], current: InputSnapshot, key: Digest) -> Reuse? {
        let header = Self.header(key: key)
        /// A shard as read: its bytes and its entries in order; nil when it cannot be used.
        struct Shard: Sendable {
            var bytes: [UInt8] = []
            var entries: [(file: String, entry: Reuse.Entry)] = []
        }
        // Read on every core: most of a rebuild's reading is these bytes.
        let shards = parallelMap(Array(0..<Self.shardCount)) { shard -> Shard? in
            guard let bytes = try? FileSystem.read(shardPath(shard)) else { return Shard() }
            guard bytes.starts(with: header) else { return nil }
            var read = Shard()
            var reader = ModelReader(bytes, header.count..<bytes.count)
            do {
                while !reader.isAtEnd {
                    let start = reader.position
                    let file = try reader.read(String.self)
                    let record = try reader.field()
                    read.entries.append((file, Reuse.Entry(shard: shard, record: record.startIndex..<record.endIndex, entry: start..<record.endIndex)))
                }
            } catch {
                return nil
            }
            read.bytes = bytes
            return read
        }
        var index: [String: Reuse.Entry] = [:]
        index.reserveCapacity(shards.reduce(0) { $0 + ($1?.entries.count ?? 0) })
        for shard in shards {
            guard let shard else { return nil }
            for (file, entry) in shard.entries { index[file] = entry }
        }
        guard !index.isEmpty else { return nil }
        return Reuse(shards: shards.map { $0!.bytes }, index: index, shardFiles: shards.map { $0!.entries.map(\.file) },
                     previous: previous, current: current, sameFiles: Set(previous.keys) == Set(current.files.keys))
    }

    /// The last build's records, each given to the loader while it still holds.
    struct Reuse: ArticleLoadReuse {
        /// Where a file's record is: its shard, the record, and its whole entry (the path, then the record).
        struct Entry {
            var shard: Int
            var record: Range<Int>
            var entry: Range<Int>
        }

        /// The bytes of each shard (empty for a shard that had no file).
        let shards: [[UInt8]]
        let index: [String: Entry]
        /// The files of each shard, in the shard's order.
        let shardFiles: [[String]]
        /// The inputs the last build read, and this build's.
        let previous: [String: InputSnapshot.Entry]
        let current: InputSnapshot
        /// Whether the two builds see the same files: where an include leads depends on it.
        let sameFiles: Bool
        /// The files whose records were given to the loader (fileprivate: the memberwise
        /// initializer `load` calls is then this file's).
        fileprivate let served = ServedFiles()

        /// Whether `shard` would be written again as it is: it held exactly `files` (sorted), and
        /// each of their records was given to the loader.
        func shardUnchanged(_ shard: Int, files: [String]) -> Bool {
            shardFiles[shard] == files && files.allSatisfy(served.contains)
        }

        /// The longest run of `files` from `start` whose records were given to the loader and
        /// whose entries follow each other in one shard: their bytes, and the index in `files`
        /// after the run; nil when the record of `files[start]` was not given.
        func servedRun(_ files: [String], from start: Int) -> (bytes: ArraySlice<UInt8>, end: Int)? {
            guard served.contains(files[start]), let first = index[files[start]] else { return nil }
            var run = first.entry
            var end = start + 1
            while end < files.count, served.contains(files[end]), let next = index[files[end]], next.shard == first.shard,
                  next.entry.lowerBound == run.upperBound {
                run = run.lowerBound..<next.entry.upperBound
                end += 1
            }
            return (shards[first.shard][run], end)
        }

        func record(for file: String) -> ArticleLoadRecord? {
            guard let entry = index[file], let digest = current.digest(of: file) else { return nil }
            var reader = ModelReader(shards[entry.shard], entry.record)
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
    fileprivate final class ServedFiles: @unchecked Sendable {
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
