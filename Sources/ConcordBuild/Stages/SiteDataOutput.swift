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

    public var writesThroughStagingWriter: Bool { true }

    /// Encodes every file in parallel and writes each into `folder`, linking files whose bytes
    /// have not changed since the live site was built.
    public func write(_ build: BuildSnapshot, into folder: String) throws {
        _ = try prepare(build, into: folder)
    }

    /// Encodes and writes every file while the pages render, each as soon as it is encoded:
    /// the JSON is never held in memory all at once. Nothing is left for after the pages.
    public func prepare(_ build: BuildSnapshot, into folder: String) throws -> @Sendable (_ folder: String) throws -> Void {
        // Each locale's search index is the site's: an article whose JSON would take its path
        // (`search-index.md` at a locale's root) is left out, and the site build reports it.
        let searchIndexes = Set(build.site.content.locales.map { SitePaths.searchIndex(locale: $0) })
        let writer = build.writer(into: folder)
        let folders = Folders(writer: writer)
        let unchanged = UnchangedFiles(build)
        let kept: @Sendable (String) -> Bool = { path in
            guard let unchanged, !searchIndexes.contains(path), unchanged.contains(path) else { return false }
            return (try? folders.make(RelativePath.directory(of: path))) != nil && unchanged.reuse.keepFile(path, writer: writer)
        }
        let manifestKept = build.reuse.map { $0.keepSiteFile(SiteDataWriter.manifestPath, writer: writer) } ?? false
        _ = try SiteDataWriter.encode(content: build.site.content, statuses: build.statuses, kept: kept, manifestKept: manifestKept) { path, bytes in
            guard !searchIndexes.contains(path) else { return }
            try folders.make(RelativePath.directory(of: path))
            try writer.write(bytes, to: path)
        }
        return { _ in }
    }

    /// The JSON files made from nothing that changed since the live site was built: an
    /// article's file when its page is unchanged (the page is made from all the file is made
    /// from: the article, its status, the content's files and the settings), and a locale's
    /// bundle when every page of the locale is.
    struct UnchangedFiles: Sendable {
        let reuse: PageReuse
        private let files: Set<String>

        init?(_ build: BuildSnapshot) {
            guard let reuse = build.reuse, let plan = build.plan, build.previousSite != nil else { return nil }
            self.reuse = reuse
            var files: Set<String> = []
            var pagesOfLocale: [String: [String]] = [:]
            var changedLocales: Set<String> = []
            for job in plan.jobs {
                pagesOfLocale[job.locale, default: []].append(job.pagePath)
                if reuse.pageUnchanged(job.pagePath) {
                    files.insert(SitePaths.json(locale: job.locale, path: job.path))
                } else {
                    changedLocales.insert(job.locale)
                }
            }
            for (locale, pages) in pagesOfLocale where !changedLocales.contains(locale) && reuse.samePages(pages, in: locale) {
                files.insert(SiteDataWriter.bundlePath(locale: locale))
            }
            self.files = files
        }

        func contains(_ path: String) -> Bool { files.contains(path) }
    }

    /// The folders made so far in the staging folder, so each is made once though files are
    /// written from several cores.
    private final class Folders: @unchecked Sendable {
        let writer: StagingWriter
        var root: String { writer.root }
        private let lock = NSLock()
        private var made: Set<String> = [""]

        init(writer: StagingWriter) { self.writer = writer }

        /// Makes `relative` and its parents inside the staging folder, never the staging folder
        /// itself: an interrupt moves it away while the JSON is still being written, and making
        /// it again would leave a staging folder behind.
        func make(_ relative: String) throws {
            lock.lock()
            defer { lock.unlock() }
            // Most files go into a folder made for an earlier one.
            if made.contains(relative) { return }
            writer.noteDirectory(relative)
            var path = ""
            for component in relative.split(separator: "/") {
                path += path.isEmpty ? String(component) : "/" + component
                guard made.insert(path).inserted else { continue }
                if mkdir(root + "/" + path, 0o755) == 0 { continue }
                let error = errno
                guard error == EEXIST, FileSystem.isDirectory(root + "/" + path) else {
                    throw OutputFolder.Failure(reason: "cannot create \(root)/\(path): \(String(cString: strerror(error)))")
                }
            }
        }
    }
}
