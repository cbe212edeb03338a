import ConcordModel
import ConcordRender
import Foundation

/// The article pages: each rendered on one of the cores and written into the staging folder,
/// or, when its inputs are those of the page the live site already has, linked from it.
struct PageStage {
    /// One page's outcome.
    struct Outcome: Sendable {
        var job: SiteBuilder.PageJob
        /// What the page needs besides its file, for the cache and the later stages.
        var record: PageRecord
        /// The page's search entry; nil for a kept page (``SiteStages`` works it out only when
        /// its locale's index must be made again).
        var search: SearchIndex.Document?
        /// Whether the page was rendered (rather than kept from the live site).
        var rendered: Bool
    }

    let builder: SiteBuilder
    let contexts: [String: SiteBuilder.LocaleContext]
    let writer: StagingWriter
    /// What may be kept from the previous build, if anything.
    let reuse: PageReuse?

    /// Renders (or keeps) every page of `plan`; `progress` gets pages done and pages in all.
    func run(_ plan: PagePlan, progress: ((Int, Int) -> Void)?) throws -> [Outcome] {
        let jobs = plan.jobs
        builder.expectPages(jobs)
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(jobs.count)
        // Few, large chunks: each chunk ends waiting for its slowest page, so fewer ends waste less.
        let chunk = max(512, jobs.count / 8)
        var start = 0
        while start < jobs.count {
            let slice = Array(jobs[start..<min(start + chunk, jobs.count)])
            for item in Self.parallelPages(slice, { job in Result { try page(job) } }) {
                outcomes.append(try item.get())
            }
            start += slice.count
            progress?(start, jobs.count)
        }
        return outcomes
    }

    /// One page: kept when its key is the one the live site's page was built with, else rendered.
    private func page(_ job: SiteBuilder.PageJob) throws -> Outcome {
        defer { builder.pageDone(job) }
        let path = job.pagePath
        if let reuse, let kept = reuse.keep(path, writer: writer) {
            return Outcome(job: job, record: kept, search: nil, rendered: false)
        }
        let page = try builder.renderPage(job, context: contexts[job.locale]!)
        if !page.html.isEmpty { try writer.write(page.html, to: path) }
        let record = PageRecord(
            key: reuse?.keys.key(path, includedFiles: page.includedFiles), assets: page.assets, diagnostics: page.diagnostics,
            includedFiles: page.includedFiles)
        return Outcome(job: job, record: record, search: page.search, rendered: true)
    }

    /// Maps `jobs` on every core, keeping order, each core taking the next page as it finishes
    /// one. `parallelMap` deals items out in fixed interleaved shares, which suits files
    /// parsed in one batch; here each chunk of pages ends waiting for the last share, and a
    /// share of 64 pages left one core idle at the end of every chunk.
    static func parallelPages<R: Sendable>(_ jobs: [SiteBuilder.PageJob], _ transform: @Sendable (SiteBuilder.PageJob) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: jobs.count)
        results.initialize(repeating: nil)
        defer {
            // The copies made by `map` are returned: release the originals.
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            shared[index] = transform(jobs[index])
        }
        return results.map { $0! }
    }
}
