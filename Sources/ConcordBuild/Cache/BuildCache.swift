import ConcordCheck
import ConcordModel
import ConcordRender
import Foundation

/// What an article page needed besides its file when it was last rendered: kept in the cache so
/// that a page that is not rendered again still has its images copied and its findings reported.
@ModelCodable
public struct PageRecord: Sendable, Hashable {
    /// The digest of everything the page was rendered from (``PageKeys``); nil when unknown.
    public var key: Digest?
    /// Images the page shows.
    public var assets: [AssetCopy]
    /// Problems met while rendering it.
    public var diagnostics: [Diagnostic]
    /// The files its includes expanded (`<locale>/<path>`).
    public var includedFiles: [String]

    public init(key: Digest?, assets: [AssetCopy], diagnostics: [Diagnostic], includedFiles: [String] = []) {
        self.key = key
        self.assets = assets
        self.diagnostics = diagnostics
        self.includedFiles = includedFiles
    }
}

/// What the page stage may keep from the previous build: a page whose key is the one its
/// published file was rendered with, and whose file is still that one, is kept rather than rendered.
public struct PageReuse: Sendable {
    /// The previous build's records, by page path.
    public var previous: [String: PageRecord]
    /// The stamps of the live site's files as the previous build published them.
    public var outputs: [String: FileStamp]
    /// The pages' keys in this build.
    public var keys: PageKeys
    /// The previous build's search entries, for kept pages of a locale whose index is made again.
    public var searchEntries: SearchEntryCache?
    /// The keys the previous build's site files (``PageKeys/siteFiles``) were made with, by path.
    public var previousSiteFiles: [String: Digest]

    public init(
        previous: [String: PageRecord], outputs: [String: FileStamp], keys: PageKeys, searchEntries: SearchEntryCache? = nil,
        previousSiteFiles: [String: Digest] = [:]
    ) {
        self.previous = previous
        self.outputs = outputs
        self.keys = keys
        self.searchEntries = searchEntries
        self.previousSiteFiles = previousSiteFiles
    }

    /// Links the site file at `path` (a home page, a search page, the sitemap) into the staging
    /// folder when it is made from what the live one was made from and is still that file.
    func keepSiteFile(_ path: String, writer: StagingWriter) -> Bool {
        guard let key = keys.siteFiles[path], previousSiteFiles[path] == key else { return false }
        return keepFile(path, writer: writer)
    }

    /// Keeps the file the previous build published at `path` in the staging folder
    /// (``StagingWriter/keep(_:stamp:)``), when the previous build recorded it.
    func keepFile(_ path: String, writer: StagingWriter) -> Bool {
        guard let stamp = outputs[path] else { return false }
        return writer.keep(path, stamp: stamp)
    }

    /// Whether `paths` are exactly the pages the previous build wrote for `locale`.
    func samePages(_ paths: [String], in locale: String) -> Bool {
        let prefix = locale + "/"
        return Set(paths) == Set(previous.keys.filter { $0.hasPrefix(prefix) })
    }

    /// The record of the page at `path`, linked into the staging folder, when it can be kept.
    func keep(_ path: String, writer: StagingWriter) -> PageRecord? {
        guard let record = previous[path], pageUnchanged(path), keepFile(path, writer: writer) else { return nil }
        return record
    }

    /// Whether the page at `path` is made from what it was made from in the previous build.
    func pageUnchanged(_ path: String) -> Bool {
        guard let record = previous[path], let key = keys.key(path, includedFiles: record.includedFiles) else { return false }
        return record.key == key
    }
}

/// The build cache of one output folder: `<cache folder>/<digest of the output's path>/`, holding
/// the inputs' stamps and digests, the outputs' stamps, the last report, each page's record, and
/// each article's findings.
/// Everything in it can be deleted at any time: the next build is then a full one.
public struct BuildCache: Sendable {
    /// This cache's folder.
    public let folder: String
    /// Bumped whenever what the cache holds, or how Concord uses it, changes.
    static let formatVersion = 6

    /// The cache for the output folder `output`, inside `root` (`.concord/cache`).
    public init(root: String, output: String) {
        folder = root + "/" + String(Digest.of(FileSystem.canonical(output)).description.prefix(16))
    }

    /// Where the cache lives by default: `.concord/cache` beside `concord.yml`, or, without one,
    /// beside the output folder.
    public static func defaultRoot(configuration: Configuration, output: String) -> String {
        let base = configuration.file.map { ($0 as NSString).deletingLastPathComponent }
            ?? (FileSystem.canonical(output) as NSString).deletingLastPathComponent
        return (base.isEmpty ? "." : base) + "/.concord/cache"
    }

    /// What the last build left.
    @ModelCodable
    public struct State: Sendable {
        /// The digest of the inputs and the settings the build ran with.
        public var fingerprint: Digest
        /// The inputs' stamps and digests.
        public var inputs: [String: InputSnapshot.Entry]
        /// Every file of the published output, with its stamp.
        public var outputs: [String: FileStamp]
        /// The findings and the summary the build reported.
        public var report: CachedReport
    }

    /// The findings and result of a build, to report again when nothing changed.
    @ModelCodable
    public struct CachedReport: Sendable, Hashable {
        public var locales: [String]
        public var diagnostics: [Diagnostic]
        public var pages: [String: Int]
        public var fallbacks: [String: Int]
        public var stale: [String: Int]
        public var siteDiagnostics: [Diagnostic]
        public var assetsCopied: Int
    }

    /// The state the last build saved, or nil (no cache, another format, or unreadable).
    public func loadState() -> State? {
        read("state", as: State.self)
    }

    /// The page records of the last build (empty when there are none).
    public func loadPages() -> [String: PageRecord] {
        read("pages", as: [String: PageRecord].self) ?? [:]
    }

    /// The keys of the last build's site files (empty when there are none).
    public func loadSiteFiles() -> [String: Digest] {
        read("site-files", as: [String: Digest].self) ?? [:]
    }

    /// Each article's findings in the last build, by article file (empty when there are none).
    public func loadFindings() -> [String: FindingsReuse.Entry] {
        read("findings", as: [String: FindingsReuse.Entry].self) ?? [:]
    }

    /// Saves a build's state, page records and findings, each file replaced in one rename, and
    /// puts in place the models the build staged (``ModelCache/stage(_:key:reused:into:)``).
    func save(
        _ state: @escaping @Sendable () -> State, pages: [String: PageRecord], siteFiles: [String: Digest] = [:], findings: [String: FindingsReuse.Entry] = [:],
        search: [String: [String: SearchEntryCache.Entry]] = [:], models: ModelCache.Staged? = nil
    ) throws {
        try FileSystem.createDirectories(folder)
        if let models {
            try models.commit()
        } else {
            // Without a key a record could be read by another Concord: none is kept.
            try? FileManager.default.removeItem(atPath: self.models.path)
        }
        // The state (a `stat` of every output file) is made on a thread of its own.
        let stateMade = BackgroundWork(state)
        // The reports of earlier formats, which nothing reads any more.
        unlink(folder + "/report.json")
        unlink(folder + "/report")
        // The other files, each on a core: they are independent of one another.
        var writes: [@Sendable () throws -> Void] = search.map { locale, entries in { [self] in try searchEntries.save(entries, for: locale) } }
        writes += [
            { [self] in try write(pages, to: "pages") },
            { [self] in try write(siteFiles, to: "site-files") },
            { [self] in try write(findings, to: "findings") },
        ]
        let written = parallelMap(writes) { write in Result { try write() } }
        let state = stateMade.value()
        for result in written { try result.get() }
        // Last: the state names the build the other files belong to.
        try write(state, to: "state")
    }

    /// The first value of every cache file: its format, and the stamp of the Concord that wrote
    /// it. The files hold values in the binary form of the running executable's types
    /// (``ModelCodable``), so a file another Concord wrote is not read: its build is a full one.
    static let header: String = {
        let concord = InputSnapshot.executablePath.flatMap(FileStamp.of).map { "\($0.size) \($0.modified) \($0.inode)" } ?? "unknown"
        return "concord-cache \(formatVersion) \(concord)"
    }()

    /// The value in the cache file `name`, or nil when there is none, or another Concord wrote it.
    func read<Value: ModelCodable>(_ name: String, as type: Value.Type) -> Value? {
        guard let bytes = try? FileSystem.read(folder + "/" + name) else { return nil }
        var reader = ModelReader(bytes[...])
        guard (try? reader.read(String.self)) == Self.header, let value = try? reader.read(Value.self), reader.isAtEnd else { return nil }
        return value
    }

    /// Replaces the cache file `name` with `value`, in one rename.
    func write(_ value: some ModelCodable, to name: String) throws {
        var writer = ModelWriter()
        writer.write(Self.header)
        writer.write(value)
        try Self.replace(folder + "/" + name, with: writer.bytes)
    }

    /// Deletes the cache.
    public func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Each article file's model and findings in the last build.
    var models: ModelCache { ModelCache(path: folder + "/models") }

    /// The site the last build replaced, kept for the next build to start from (see
    /// ``StagingWriter``); moved here and back by renames, so it must be on the output's file system.
    public var siteBeforeLast: String { folder + "/site-before-last" }

    /// The search entries of the last build's pages, a file per locale.
    public var searchEntries: SearchEntryCache { SearchEntryCache(folder: folder) }

    /// Writes `bytes` to `path` under a temporary name and renames it into place.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        try replace(path) { write in try write(bytes[...]) }
    }

    /// Writes what `body` gives, in pieces, to `path` under a temporary name and renames it into place.
    static func replace(_ path: String, _ body: (_ write: (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        let temporary = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".\(getpid())"
        func failure(_ error: Int32) -> OutputFolder.Failure {
            OutputFolder.Failure(reason: "cannot write the build cache at \(path): \(String(cString: strerror(error)))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(errno) }
        do {
            try body { bytes in
                var written = 0
                while written < bytes.count {
                    let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { throw failure(errno) }
                    written += count
                }
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw failure(error)
        }
    }

}
