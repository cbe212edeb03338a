import ConcordCheck
import ConcordModel
import ConcordRender
import Foundation

/// Something else a build writes into the staging folder before it is swapped in
/// (the JSON bundles, for instance), so every output of one build appears at once.
///
/// Files the site builder wrote may be hard links to the live site's unchanged files: write
/// new files (or replace one by writing a new file and renaming it), never modify one in place.
public protocol SiteOutputWriter: Sendable {
    /// Writes into `folder`, the staging copy of the output folder.
    func write(_ build: BuildSnapshot, into folder: String) throws

    /// Whether the writer writes every file and folder through ``BuildSnapshot/writer(into:)``.
    /// When every writer does, a build may start from the folder of the site before last
    /// rather than an empty one (see ``StagingWriter``), and rewrites only what changed. The
    /// default is false.
    var writesThroughStagingWriter: Bool { get }

    /// Does the part of the work that needs only `build` and returns what must wait for the
    /// pages. It runs while the pages are rendered, and may write files that no page takes
    /// into `folder` (the staging folder) right away, so that it holds nothing until they are
    /// done; what it returns runs once they are written, in the order of the writers. The
    /// default does nothing ahead and returns ``write(_:into:)``.
    func prepare(_ build: BuildSnapshot, into folder: String) throws -> @Sendable (_ folder: String) throws -> Void
}

extension SiteOutputWriter {
    public var writesThroughStagingWriter: Bool { false }

    public func prepare(_ build: BuildSnapshot, into folder: String) throws -> @Sendable (_ folder: String) throws -> Void {
        { folder in try self.write(build, into: folder) }
    }
}

/// What other output writers get to work from: the loaded content and what the checks found.
public struct BuildSnapshot: Sendable {
    /// The content, with its parsed trees.
    public var site: SiteContent
    /// Every finding of the checks (load problems included).
    public var diagnostics: [Diagnostic]
    /// The status of every source path in every locale.
    public var statuses: [String: [String: ArticleStatus]]
    /// The live site being replaced, if there is one: files unchanged since it was built can be linked from it.
    public var previousSite: String?
    /// What the pages keep from the previous build, and the pages: a file made from what a kept
    /// page is made from may be kept too (nil: everything is written).
    public var reuse: PageReuse?
    /// The article pages the build writes.
    public var plan: PagePlan?
    /// The build's writer into its staging folder, when it made one.
    public var staging: StagingWriter?

    /// The writer for files of this build in `folder`: the build's own, else one linking
    /// unchanged files from ``previousSite``.
    public func writer(into folder: String) -> StagingWriter {
        if let staging, staging.root == folder { return staging }
        return StagingWriter(root: folder, previous: previousSite)
    }
}

/// `concord build`: load, check, render into a staging folder, swap it in, report.
///
/// With a cache (``cacheRoot``), a build whose inputs are those of the last build reports that
/// build's findings and leaves the output as it is, and a build after a change renders only the
/// pages whose inputs changed (``PageKeys``); the others are linked from the live site.
public struct BuildAction: Sendable {
    /// Where the content is and how to build it.
    public var configuration: Configuration
    /// The folder to publish in (defaults to the configuration's `output`).
    public var output: String
    /// Whether error findings stop the build.
    public var strict: Bool
    /// Outputs written after the site's pages, into the same staging folder: add a writer here
    /// to have it published atomically with the pages. (Their ``SiteOutputWriter/prepare(_:)``
    /// runs while the pages render.)
    public var outputWriters: [any SiteOutputWriter] = [SiteDataOutput(), StatusOutput()]
    /// The build cache's folder (``BuildCache/defaultRoot(configuration:output:)``); nil builds
    /// everything and keeps no cache.
    public var cacheRoot: String?
    /// Whether to ignore what the cache holds: everything is rebuilt, and the cache written afresh.
    public var clean = false

    /// Creates a build action.
    public init(configuration: Configuration, output: String? = nil, strict: Bool = false, cacheRoot: String? = nil, clean: Bool = false) {
        self.configuration = configuration
        self.output = output ?? configuration.output
        self.strict = strict
        self.cacheRoot = cacheRoot
        self.clean = clean
    }

    /// What happened, for the summary and the exit code.
    public struct Report: Sendable {
        /// The checks' findings followed by problems met while rendering.
        public var diagnostics: [Diagnostic]
        /// The site, when one was written.
        public var site: SiteBuildResult?
        /// Whether `--strict` stopped the build because of error findings.
        public var stoppedByFindings: Bool
        /// The locales, source first.
        public var locales: [String]
        /// Wall-clock seconds.
        public var seconds: Double
        /// The output folder.
        public var output: String
        /// Whether nothing had changed since the last build, whose findings these are.
        public var upToDate = false

        /// The number of findings with `severity`.
        public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }

        /// The closing summary: pages per locale, fallbacks, stale pages, time.
        public var summary: String {
            guard let site else {
                return "Build stopped: \(count(.error)) error(s) found and --strict is set; \(output) was left as it was.\n"
            }
            var lines: [String] = []
            let width = max(locales.map(\.count).max() ?? 5, 6)
            for locale in locales {
                let padded = locale.padding(toLength: width, withPad: " ", startingAt: 0)
                var line = "  \(padded) \(site.pages[locale] ?? 0) pages"
                let fallbacks = site.fallbacks[locale] ?? 0
                let stale = site.stale[locale] ?? 0
                if fallbacks > 0 { line += ", \(fallbacks) fallback" }
                if stale > 0 { line += ", \(stale) stale" }
                lines.append(line)
            }
            let pages = site.pages.values.reduce(0, +)
            let fallbacks = site.fallbacks.values.reduce(0, +)
            let stale = site.stale.values.reduce(0, +)
            let time = String(format: "%.2f", seconds)
            if upToDate {
                lines.append("  Nothing changed since the last build: \(output) was left as it was (--clean rebuilds everything).")
            } else if site.pagesRendered < pages {
                lines.append("  \(site.pagesRendered) of \(pages) pages rendered; the others were unchanged since the last build.")
            }
            return "Built \(pages) pages in \(locales.count) locales into \(output) in \(time) s "
                + "(\(fallbacks) fallback, \(stale) stale; \(count(.error)) errors, \(count(.warning)) warnings)\n"
                + lines.joined(separator: "\n") + "\n"
        }
    }

    /// Progress events, for a terminal display.
    public enum Progress: Sendable {
        /// A stage started.
        case stage(String)
        /// Pages rendered so far, out of all.
        case pages(done: Int, total: Int)
    }

    /// Runs the build. Nothing in `output` changes unless every page was written. The report
    /// (findings, pages, time) is for those who show it; the site is the result.
    @discardableResult
    public func run(progress: (@Sendable (Progress) -> Void)? = nil) throws -> Report {
        let clock = StageClock()
        let outer = progress
        let progress: @Sendable (Progress) -> Void = { event in
            if case .stage(let name) = event { clock.mark(name) }
            outer?(event)
        }
        let folder = try OutputFolder(
            path: output, protecting: [configuration.contentRoot, configuration.templates] + configuration.locales.map(\.path))

        progress(.stage("Looking for changes"))
        let cache = cacheRoot.map { BuildCache(root: $0, output: output) }
        let previous = clean ? nil : cache?.loadState()
        // Without a previous state there is nothing to compare with: Markdown files are digested
        // by the loader, which reads them anyway.
        var inputs = cache.map { _ in InputSnapshot.take(configuration, previous: previous?.inputs ?? [:], deferringMarkdown: previous == nil) }
        if let previous, let inputs, previous.fingerprint == Self.fingerprint(inputs, settings: settingsDigest),
           Self.outputsUnchanged(previous.outputs, in: folder.path) {
            return replay(previous.report, seconds: clock.elapsed)
        }

        progress(.stage("Loading"))
        // Files unchanged since the last build are not parsed: their models come from the cache.
        let modelsKey = inputs.flatMap { ModelCache.key(inputs: $0.files, settings: settingsDigest) }
        let models = previous.flatMap { previous in
            inputs.flatMap { inputs in modelsKey.flatMap { cache?.models.load(previous: previous.inputs, current: inputs, key: $0) } }
        }
        let site = SiteContent.load(configuration, reusing: models, recordingForCache: cache != nil)
        defer { ExitTeardown.keepUntilExit(site) }
        // The models are written while the build goes on, and put in place if it saves its cache.
        let stagedModels = cache.flatMap { cache in
            modelsKey.map { key in
                let staging = cache.models.staging(reused: models)
                return BackgroundWork { try cache.models.stage(site.content.loadRecords, key: key, reused: models, into: staging) }
            }
        }
        defer { if let staged = try? stagedModels?.value() { staged.discard() } }
        inputs = inputs?.completed(with: site.content.digests)
        let fingerprint = inputs.map { Self.fingerprint($0, settings: settingsDigest) }
        progress(.stage("Checking"))
        let reuse = inputs.map { inputs in
            FindingsReuse(previous: previous == nil ? [:] : cache?.loadFindings() ?? [:], shared: Self.findingsDigest(site.content, inputs: inputs, settings: settingsDigest))
        }
        let checked = CheckEngine(settings: configuration.rules).run(site.content, reusing: reuse)
        let diagnostics = checked.diagnostics
        let statuses = ArticleStatus.statuses(content: site.content, diagnostics: diagnostics)
        var report = Report(diagnostics: diagnostics, site: nil, stoppedByFindings: false, locales: site.content.locales, seconds: 0, output: output)
        if strict, diagnostics.contains(where: { $0.severity == .error }) {
            report.stoppedByFindings = true
            report.seconds = clock.elapsed
            return report
        }

        progress(.stage("Rendering"))
        let stages = try siteStages(site, statuses: statuses, diagnostics: diagnostics, inputs: inputs, previous: previous, cache: cache, clock: clock.inner)
        // One build at a time publishes here: a second waits, rather than fail half-way through a swap.
        let lock = try folder.lock { progress(.stage("Waiting for another build of \(output)")) }
        let lockPath = lock.path
        let published = Result {
            try publish(
                BuildSnapshot(site: site, diagnostics: diagnostics, statuses: statuses, previousSite: nil, reuse: stages.reuse, plan: stages.plan),
                stages: stages, into: folder, lockPath: lockPath, progress: progress)
        }
        if case .success(let built) = published {
            // The site's own problems (media, for one) follow `rules:` as the checks do.
            report.diagnostics += built.siteDiagnostics
            report.site = built.published ? built.output.result : nil
            report.stoppedByFindings = !built.published
            // Saved before the lock is released, so that it describes the output as this build left it.
            if built.published, let cache, let inputs, let fingerprint {
                progress(.stage("Saving the cache"))
                Self.save(
                    report, built.output, outputStamps: built.outputStamps, findings: checked.entries, models: stagedModels, inputs: inputs,
                    fingerprint: fingerprint, output: folder.path, in: cache)
            }
        }
        lock.release()
        let publication = try published.get()
        // Removed while the cache was saved; its name marks it as this build's until it is gone.
        publication.oldSiteRemoval?.value()
        report.seconds = clock.elapsed
        return report
    }
}

extension BuildAction {
    /// The site stages for `site`; with the cache's inputs, also the page plan and what the last
    /// build's pages say of the pages that can be kept.
    private func siteStages(
        _ site: SiteContent, statuses: [String: [String: ArticleStatus]], diagnostics: [Diagnostic], inputs: InputSnapshot?, previous: BuildCache.State?,
        cache: BuildCache?, clock: StageClock
    ) throws -> SiteStages {
        let theme = try Theme.load(folder: configuration.templates)
        var stages = SiteStages(builder: try SiteBuilder(site: site, statuses: statuses, theme: theme))
        stages.clock = clock
        guard let inputs else { return stages }
        let plan = PagePlan(content: site.content, statuses: statuses)
        stages.plan = plan
        let keys = PageKeys(plan: plan, content: site.content, inputs: inputs, settings: settingsDigest, diagnostics: diagnostics)
        stages.reuse = PageReuse(
            previous: previous == nil ? [:] : cache?.loadPages() ?? [:], outputs: previous?.outputs ?? [:], keys: keys,
            searchEntries: previous == nil ? nil : cache?.searchEntries, previousSiteFiles: previous == nil ? [:] : cache?.loadSiteFiles() ?? [:])
        return stages
    }

    /// What ``publish(_:stages:into:lockPath:progress:)`` did.
    private struct Publication {
        /// What the site's stages made.
        var output: SiteStages.Output
        /// Their findings, after `rules:`.
        var siteDiagnostics: [Diagnostic]
        /// False when `--strict` found errors among them and the staging folder was discarded.
        var published: Bool
        /// The removal of the site this one replaced, running in the background.
        var oldSiteRemoval: BackgroundWork<Void, Never>? = nil
        /// The stamp of every file published, when the build knows them all (a recycled staging
        /// folder: every file in it was written or kept by its writer); nil: they are looked at.
        var outputStamps: [String: FileStamp]? = nil
    }

    /// Renders into a staging folder and swaps it in; called holding the output's lock. Staging
    /// folders that dead builds left are removed first, and this one is removed if the build
    /// fails, the process is interrupted, or `--strict` meets an error while rendering.
    private func publish(
        _ snapshot: BuildSnapshot, stages: SiteStages, into folder: OutputFolder, lockPath: String, progress: @escaping @Sendable (Progress) -> Void
    ) throws -> Publication {
        folder.removeStaleFolders()
        // Protected before it exists, so no moment is left where a signal would leave it behind.
        let staging = folder.newStagingPath()
        InterruptCleanup.protect(staging, lock: lockPath)
        defer { InterruptCleanup.release(staging, lock: lockPath) }
        var snapshot = snapshot
        snapshot.previousSite = FileManager.default.fileExists(atPath: folder.path) ? folder.path : nil
        do {
            // Inside the `do`: a signal between making the folder and marking it as a staging
            // folder moves it away, and the failure that follows is the interrupt's, not the build's.
            let writer = try makeStaging(at: staging, in: folder, live: snapshot.previousSite)
            snapshot.staging = writer
            // The other outputs join the site here, before it is published. What they can do without
            // the pages (encoding and writing the JSON) runs alongside the page stage, on what it
            // leaves idle (its start, the end of each chunk, the search indexes); the rest once it is done.
            let prepared = BackgroundWork { [outputWriters, snapshot] in try outputWriters.map { try $0.prepare(snapshot, into: staging) } }
            let built = Result { try stages.run(into: writer) { done, total in progress(.pages(done: done, total: total)) } }
            progress(.stage("Writing JSON"))
            // Waited for either way; when both failed, the pages' error is the one reported.
            let writes = Result { try prepared.value() }
            let output = try built.get()
            for write in try writes.get() { try write(staging) }
            try writer.removeUnwritten()
            let outputStamps = writer.recycled && !folder.isMountPoint ? writer.writtenStamps() : nil
            let siteDiagnostics = CheckEngine(settings: configuration.rules).applySettings(output.result.diagnostics)
            // The checks' errors stopped a strict build before rendering; these are found only now.
            if strict, siteDiagnostics.contains(where: { $0.severity == .error }) {
                folder.discard(staging)
                return Publication(output: output, siteDiagnostics: siteDiagnostics, published: false)
            }
            progress(.stage("Publishing"))
            let oldSite = try folder.swapLeavingOldSite(in: staging).oldSite
            let removal = oldSite.flatMap { keepOrRemove(oldSite: $0, in: folder) }
            return Publication(output: output, siteDiagnostics: siteDiagnostics, published: true, oldSiteRemoval: removal, outputStamps: outputStamps)
        } catch {
            // An interrupt makes the pages fail (their folder is moved aside): the process is
            // then ending with the signal's status, and must not report a failure of its own.
            InterruptCleanup.waitIfInterrupted()
            folder.discard(staging)
            throw error
        }
    }

    /// Where the site before last is kept between builds, when there is a cache and every output
    /// writer writes through the build's writer (``SiteOutputWriter/writesThroughStagingWriter``).
    private var siteBeforeLast: String? {
        guard outputWriters.allSatisfy(\.writesThroughStagingWriter) else { return nil }
        return cacheRoot.map { BuildCache(root: $0, output: output).siteBeforeLast }
    }

    /// Makes the staging folder at `staging` and its writer: the site before last, which the last
    /// build kept, so that only what changed is written (see ``StagingWriter``); else, and with
    /// `--clean` or no live site, an empty folder.
    private func makeStaging(at staging: String, in folder: OutputFolder, live: String?) throws -> StagingWriter {
        var recycled = siteBeforeLast.map { folder.claimSpare($0, as: staging) } ?? false
        if recycled, clean || live == nil {
            try? FileManager.default.removeItem(atPath: staging)
            recycled = false
        }
        if !recycled { try folder.makeStaging(at: staging) }
        let writer = StagingWriter(root: staging, previous: live, recycled: recycled)
        if recycled { try writer.write(OutputFolder.markerText, to: OutputFolder.markerName) }
        return writer
    }

    /// Keeps the site a build replaced for the next build to start from, or, when it cannot be
    /// kept, starts removing it (while the cache is saved); returns the removal.
    private func keepOrRemove(oldSite: String, in folder: OutputFolder) -> BackgroundWork<Void, Never>? {
        if let siteBeforeLast, folder.keepAsSpare(oldSite, at: siteBeforeLast) { return nil }
        return BackgroundWork { _ = try? FileManager.default.removeItem(atPath: oldSite) }
    }

    // MARK: - The cache

    /// The digest of the settings a build runs with, besides its input files.
    var settingsDigest: Digest {
        var hasher = DigestHasher()
        hasher.combine(configuration.siteTitle)
        hasher.combine(configuration.baseURL)
        hasher.combine(configuration.sourceLocale)
        hasher.combine(configuration.contentRoot)
        hasher.combine(configuration.templates)
        for locale in configuration.locales {
            hasher.combine(locale.id)
            hasher.combine(locale.path)
        }
        for entry in configuration.urlMap.entries {
            hasher.combine(entry.prefix)
            hasher.combine(entry.folder)
        }
        for (rule, setting) in configuration.rules.sorted(by: { $0.key < $1.key }) {
            hasher.combine(rule)
            hasher.combine("\(setting)")
        }
        hasher.combine(FileSystem.canonical(output))
        hasher.combine(strict ? 1 : 0)
        hasher.combine(outputWriters.map { String(describing: type(of: $0)) }.joined(separator: ","))
        return hasher.finalize()
    }

    static func fingerprint(_ inputs: InputSnapshot, settings: Digest) -> Digest {
        var hasher = DigestHasher()
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(inputs.fingerprint)
        hasher.combine(settings)
        return hasher.finalize()
    }

    /// What every article's findings share (``FindingsReuse/shared``): the settings, the shape of
    /// the content, and every input that is not an article (Concord itself, snippets, redirect
    /// tables, navigation, templates). An article's own file and its source's are in its key.
    static func findingsDigest(_ content: ContentSet, inputs: InputSnapshot, settings: Digest) -> Digest {
        var hasher = DigestHasher()
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(settings)
        hasher.combine(ContentShape.digest(of: content))
        // Each input's own digest, sorted: cheaper to order than the paths, and as deterministic.
        var others: [Digest] = []
        for (path, entry) in inputs.files where content.digests[path] == nil {
            var input = DigestHasher()
            input.combine(path)
            input.combine(entry.digest)
            others.append(input.finalize())
        }
        for digest in others.sorted() { hasher.combine(digest) }
        return hasher.finalize()
    }

    /// Whether every file the last build published is still there as it was published.
    static func outputsUnchanged(_ outputs: [String: FileStamp], in folder: String) -> Bool {
        !outputs.isEmpty && outputs.allSatisfy { FileStamp.of(folder + "/" + $0.key) == $0.value }
    }

    /// The last build's report, for a build that found nothing changed.
    func replay(_ cached: BuildCache.CachedReport, seconds: Double) -> Report {
        var site = SiteBuildResult()
        site.pages = cached.pages
        site.fallbacks = cached.fallbacks
        site.stale = cached.stale
        site.diagnostics = cached.siteDiagnostics
        site.assetsCopied = cached.assetsCopied
        return Report(
            diagnostics: cached.diagnostics, site: site, stoppedByFindings: false, locales: cached.locales,
            seconds: seconds, output: output, upToDate: true)
    }

    /// Records what this build read and published. A cache that cannot be written costs the
    /// next build its speed, not its correctness: the build does not fail for it.
    static func save(
        _ report: Report, _ built: SiteStages.Output, outputStamps: [String: FileStamp]? = nil, findings: [String: FindingsReuse.Entry],
        models: BackgroundWork<ModelCache.Staged, any Error>?, inputs: InputSnapshot, fingerprint: Digest,
        output: String, in cache: BuildCache
    ) {
        guard let site = report.site else { return }
        let cached = BuildCache.CachedReport(
            locales: report.locales, diagnostics: report.diagnostics, pages: site.pages, fallbacks: site.fallbacks, stale: site.stale,
            siteDiagnostics: site.diagnostics, assetsCopied: site.assetsCopied)
        @Sendable func state() -> BuildCache.State {
            var outputs: [String: FileStamp] = [:]
            if let outputStamps {
                outputs = outputStamps
            } else {
                let prefix = output.hasSuffix("/") ? output : output + "/"
                for path in InputSnapshot.walk(output) where path.hasPrefix(prefix) {
                    if let stamp = FileStamp.of(path) { outputs[String(path.dropFirst(prefix.count))] = stamp }
                }
            }
            return BuildCache.State(fingerprint: fingerprint, inputs: inputs.files, outputs: outputs, report: cached)
        }
        do {
            try cache.save(state, pages: built.pages, siteFiles: built.siteFiles, findings: findings, search: built.search, models: models?.value())
        } catch {
            cache.remove()
        }
    }
}
