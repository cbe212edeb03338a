import ConcordExport
import ConcordModel
import ConcordRender
import Foundation

/// Adds the JSON for other tools to the site: one file per article and locale, a bundle per
/// locale and the manifest (see `SiteDataWriter`), written into the staging folder so they are
/// published, or not, together with the pages.
public struct SiteDataOutput: SiteOutputWriter {
    /// Creates the writer.
    public init() {}

    /// Encodes every file in parallel, then writes each into `folder`, linking files whose bytes
    /// have not changed since the live site was built.
    public func write(_ build: BuildSnapshot, into folder: String) throws {
        try prepare(build)(folder)
    }

    /// Encodes every file (in parallel, while the pages render) and returns what writes them.
    public func prepare(_ build: BuildSnapshot) throws -> @Sendable (_ folder: String) throws -> Void {
        // Each locale's search index is the site's: an article whose JSON would take its path
        // (`search-index.md` at a locale's root) is left out, and the site build reports it.
        let searchIndexes = Set(build.site.content.locales.map { SitePaths.searchIndex(locale: $0) })
        let files = try SiteDataWriter.encodedFiles(content: build.site.content, statuses: build.statuses)
            .filter { !searchIndexes.contains($0.path) }
        return { folder in try Self.write(files, previousSite: build.previousSite, into: folder) }
    }

    private static func write(_ files: [(path: String, bytes: [UInt8])], previousSite: String?, into folder: String) throws {
        var folders = Set<String>()
        for file in files {
            let parent = RelativePath.directory(of: file.path)
            if !parent.isEmpty, folders.insert(parent).inserted {
                try FileSystem.createDirectories(folder + "/" + parent)
            }
        }
        let writer = StagingWriter(root: folder, previous: previousSite)
        let failures = parallelMap(files) { file -> String? in
            do { try writer.write(file.bytes, to: file.path); return nil } catch { return "\(error)" }
        }
        if let failure = failures.compactMap({ $0 }).first { throw OutputFolder.Failure(reason: failure) }
    }
}
