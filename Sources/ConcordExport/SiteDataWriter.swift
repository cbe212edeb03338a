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
            do {
                try FileSystem.writeAtomically(file.bytes, to: join(folder, file.path))
                return nil
            } catch {
                return ExportFailure(path: join(folder, file.path), reason: "cannot write: \(error)")
            }
        }
        if let failure = results.compactMap({ $0 }).first { throw failure }
        let manifest = try encode(translator.manifest(), path: manifestPath)
        do {
            try FileSystem.writeAtomically(manifest.bytes, to: join(folder, manifest.path))
        } catch {
            throw ExportFailure(path: join(folder, manifest.path), reason: "cannot write: \(error)")
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
        struct Job: Sendable { var locale: String; var source: Article }
        var jobs: [Job] = []
        for locale in content.locales {
            for source in translator.sourceArticles { jobs.append(Job(locale: locale, source: source)) }
        }
        // Encoding dominates on large sites; each document is independent.
        let encoded = parallelMap(jobs) { job -> Result<File, ExportFailure> in
            let document = translator.document(for: translator.placement(of: job.source, in: job.locale))
            let path = SitePaths.json(locale: job.locale, path: job.source.path)
            return Result { try encode(document, path: path) }.mapError { $0 as? ExportFailure ?? ExportFailure(path: path, reason: "\($0)") }
        }
        var files: [File] = []
        files.reserveCapacity(encoded.count + content.locales.count)
        for result in encoded { files.append(try result.get()) }
        for locale in content.locales {
            files.append(try encode(translator.bundle(for: locale), path: bundlePath(locale: locale)))
        }
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
