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
        let translator = SiteDataTranslator(content: content, statuses: statuses)
        let files = try SiteDataWriter.files(translator)
        let results = parallelMap(files) { file -> ExportFailure? in
            do throws(FileSystem.Failure) {
                try FileSystem.writeAtomically(file.bytes, to: join(folder, file.path))
                return nil
            } catch {
                return ExportFailure(path: join(folder, file.path), reason: error.reason)
            }
        }
        if let failure = results.compactMap({ $0 }).first { throw failure }
        let manifest = try encode(translator.manifest(), path: manifestPath)
        do throws(FileSystem.Failure) {
            try FileSystem.writeAtomically(manifest.bytes, to: join(folder, manifest.path))
        } catch {
            throw ExportFailure(path: join(folder, manifest.path), reason: error.reason)
        }
        return (files.map(\.path) + [manifest.path]).sorted()
    }

    /// Every file `write` would write, encoded, manifest last: for a caller that writes them its own way
    /// (the site build writes into a staging folder and links files unchanged since the last build).
    public static func encodedFiles(content: ContentSet, statuses: [String: [String: ArticleStatus]]) throws -> [(path: String, bytes: [UInt8])] {
        let translator = SiteDataTranslator(content: content, statuses: statuses)
        let manifest = try encode(translator.manifest(), path: manifestPath)
        return (try files(translator) + [manifest]).map { ($0.path, $0.bytes) }
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

    /// The per-article files and the bundles (not the manifest), in a stable order.
    static func files(_ translator: SiteDataTranslator) throws -> [File] {
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
        let encoded = parallelMap(jobs) { job -> Result<File, ExportFailure> in
            switch job {
            case .bundle(let locale):
                return Result { try encode(translator.bundle(for: locale), path: bundlePath(locale: locale)) }
                    .mapError { $0 as? ExportFailure ?? ExportFailure(path: bundlePath(locale: locale), reason: "\($0)") }
            case .article(let locale, let source):
                let document = translator.document(for: translator.placement(of: source, in: locale))
                let path = SitePaths.json(locale: locale, path: source.path)
                return Result { try encode(document, path: path) }.mapError { $0 as? ExportFailure ?? ExportFailure(path: path, reason: "\($0)") }
            }
        }
        // Articles first, then the bundles, as before.
        let bundleCount = content.locales.count
        var files: [File] = []
        files.reserveCapacity(encoded.count)
        for result in encoded.dropFirst(bundleCount) { files.append(try result.get()) }
        for result in encoded.prefix(bundleCount) { files.append(try result.get()) }
        return files
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
