import ConcordModel
import Foundation

/// Writes the site's JSON: one file per article per locale, one bundle per locale and the manifest.
///
/// `concord build` calls it on the folder it is about to publish; `concord export site-data`
/// calls it on its own. Same content and statuses in, byte-identical files out.
public enum SiteDataWriter {
    /// Writes `<folder>/<locale>/<path>.json`, `<folder>/bundles/<locale>.json` and `<folder>/manifest.json`.
    ///
    /// Every source article gets a file in every locale; where a locale has no translation the
    /// source content is written with status `fallback`. Each file is written atomically; files
    /// already in `folder` that this export does not produce are left alone (the build replaces
    /// its whole output folder). The manifest is written last, so a reader that finds it finds
    /// every file it names.
    ///
    /// - Parameters:
    ///   - content: Every locale of the site.
    ///   - statuses: The status of every source path in every locale (`ArticleStatus.statuses(content:diagnostics:)`).
    ///   - folder: The output folder.
    /// - Returns: The paths written, relative to `folder`, sorted.
    public static func write(content: ContentSet, statuses: [String: [String: ArticleStatus]], to folder: String) throws -> [String] {
        try encode(content: content, statuses: statuses) { path, bytes in
            do throws(FileSystem.Failure) {
                try FileSystem.writeAtomically(bytes, to: join(folder, path))
            } catch {
                throw ExportFailure(path: join(folder, path), reason: error.reason)
            }
        }.sorted()
    }

    /// Every file `write` would write, encoded, manifest last: for a caller that keeps them (tests).
    public static func encodedFiles(content: ContentSet, statuses: [String: [String: ArticleStatus]]) throws -> [(path: String, bytes: [UInt8])] {
        let collected = Collected()
        let paths = try encode(content: content, statuses: statuses) { path, bytes in collected.add(path, bytes) }
        return paths.map { ($0, collected.files[$0] ?? []) }
    }

    /// Encodes every file on every core and hands each to `store` (on the core that encoded it)
    /// as soon as it is encoded, the manifest last, once every other file was stored: nothing
    /// is kept, so the export never holds the whole site's JSON at once. Returns the paths, in
    /// the export's order (articles by locale, then bundles, then the manifest).
    ///
    /// `kept` is asked first for each article file and bundle: when it answers that the file is
    /// in place already (a build keeping its live site's unchanged files), it is not encoded;
    /// nor is the manifest when `manifestKept` says so.
    public static func encode(
        content: ContentSet, statuses: [String: [String: ArticleStatus]], kept: @Sendable (_ path: String) -> Bool = { _ in false },
        manifestKept: Bool = false, store: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void
    ) throws -> [String] {
        let translator = SiteDataTranslator(content: content, statuses: statuses)
        let paths = try storeFiles(translator, kept: kept, store: store)
        if !manifestKept {
            let manifest = try encode(translator.manifest(), path: manifestPath)
            try store(manifest.path, manifest.bytes)
        }
        return paths + [manifestPath]
    }

    /// The manifest, relative to the output folder.
    public static let manifestPath = "manifest.json"

    /// A locale's bundle, relative to the output folder: `bundles/es-ES.json`.
    public static func bundlePath(locale: String) -> String { "bundles/\(locale).json" }

    /// An encoded output file.
    struct File: Sendable {
        /// The path relative to the output folder.
        var path: String
        /// The JSON.
        var bytes: [UInt8]
    }

    /// Encodes and stores the per-article files and the bundles (not the manifest); returns
    /// their paths in a stable order.
    static func storeFiles(
        _ translator: SiteDataTranslator, kept: @Sendable (String) -> Bool, store: @Sendable (String, [UInt8]) throws -> Void
    ) throws -> [String] {
        let content = translator.content
        enum Job: Sendable {
            case bundle(locale: String)
            case article(locale: String, source: Article)
        }
        // A bundle holds every article of its locale, so the bundles go first: the cores share
        // them out and then fill in with the many small files, instead of one core encoding the
        // bundles alone at the end. Each document is independent.
        var jobs: [Job] = content.locales.map { .bundle(locale: $0) }
        let sources = translator.sourceArticles
        for locale in content.locales {
            for source in sources { jobs.append(.article(locale: locale, source: source)) }
        }
        let stored = parallelMap(jobs) { job -> Result<String, ExportFailure> in
            let path: String
            switch job {
            case .bundle(let locale): path = bundlePath(locale: locale)
            case .article(let locale, let source): path = SitePaths.json(locale: locale, path: source.path)
            }
            if kept(path) { return .success(path) }
            let file: Result<File, Error>
            switch job {
            case .bundle(let locale):
                file = Result { try encode(translator.bundle(for: locale), path: path) }
            case .article(let locale, let source):
                let document = translator.document(for: translator.placement(of: source, in: locale))
                file = Result { try encode(document, path: path) }
            }
            return file.flatMap { file in Result { try store(file.path, file.bytes); return file.path } }
                .mapError { $0 as? ExportFailure ?? ExportFailure(path: path, reason: "\($0)") }
        }
        // Articles first, then the bundles, as before.
        let bundleCount = content.locales.count
        var paths: [String] = []
        paths.reserveCapacity(stored.count)
        for result in stored.dropFirst(bundleCount) { paths.append(try result.get()) }
        for result in stored.prefix(bundleCount) { paths.append(try result.get()) }
        return paths
    }

    /// Files handed to `store` from several cores, gathered for ``encodedFiles(content:statuses:)``.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var files: [String: [UInt8]] = [:]

        func add(_ path: String, _ bytes: [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            files[path] = bytes
        }
    }

    /// The bytes `JSONOutput.encode` would give, written without `JSONEncoder`, which boxes every
    /// value and sorts every object's keys again: five times the cost on a large site.
    static func encode<T: JSONWritable>(_ value: T, path: String) throws -> File {
        do {
            return File(path: path, bytes: try JSONOutput.bytes(value))
        } catch {
            throw ExportFailure(path: path, reason: "cannot encode: \(error)")
        }
    }

    static func join(_ folder: String, _ relative: String) -> String {
        folder.isEmpty ? relative : (folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
    }
}

/// An export that could not be written, naming the file and the reason.
public struct ExportFailure: Error, CustomStringConvertible, Sendable {
    /// The file involved.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// Creates a failure.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
