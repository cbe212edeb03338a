import ConcordExport
import ConcordModel
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
        let files = try SiteDataWriter.encodedFiles(content: build.site.content, statuses: build.statuses)
        var folders = Set<String>()
        for file in files {
            let parent = (file.path as NSString).deletingLastPathComponent
            if !parent.isEmpty, folders.insert(parent).inserted {
                try FileManager.default.createDirectory(atPath: folder + "/" + parent, withIntermediateDirectories: true)
            }
        }
        let writer = StagingWriter(root: folder, previous: build.previousSite)
        let failures = parallelMap(files) { file -> String? in
            do { try writer.write(file.bytes, to: file.path); return nil } catch { return "\(error)" }
        }
        if let failure = failures.compactMap({ $0 }).first { throw OutputFolder.Failure(reason: failure) }
    }
}
