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

    /// Does the part of the work that needs only `build` (encoding, say) and returns what
    /// writes the result into the staging folder. It runs while the pages are rendered; what
    /// it returns runs once they are written, in the order of the writers. The default does
    /// nothing ahead and returns ``write(_:into:)``.
    func prepare(_ build: BuildSnapshot) throws -> @Sendable (_ folder: String) throws -> Void
}

extension SiteOutputWriter {
    public func prepare(_ build: BuildSnapshot) throws -> @Sendable (_ folder: String) throws -> Void {
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
}

/// `concord build`: load, check, render into a staging folder, swap it in, report.
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
    public var outputWriters: [any SiteOutputWriter] = [SiteDataOutput()]

    /// Creates a build action.
    public init(configuration: Configuration, output: String? = nil, strict: Bool = false) {
        self.configuration = configuration
        self.output = output ?? configuration.output
        self.strict = strict
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
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let timings = ProcessInfo.processInfo.environment["CONCORD_TIMINGS"] != nil
        let outer = progress
        let progress: (@Sendable (Progress) -> Void)? = timings ? { @Sendable event in
            if case .stage(let name) = event {
                FileHandle.standardError.write(Data(String(format: "[%.3f s] %@%@\n", Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9, name, ResidentMemory.note).utf8))
            }
            outer?(event)
        } : outer

        let folder = try OutputFolder(
            path: output, protecting: [configuration.contentRoot, configuration.templates] + configuration.locales.map(\.path))
        progress?(.stage("Loading"))
        let site = SiteContent.load(configuration)
        defer { ExitTeardown.keepUntilExit(site) }
        progress?(.stage("Checking"))
        let diagnostics = CheckEngine(settings: configuration.rules).run(site.content)
        let statuses = ArticleStatus.statuses(content: site.content, diagnostics: diagnostics)
        var report = Report(diagnostics: diagnostics, site: nil, stoppedByFindings: false, locales: site.content.locales, seconds: 0, output: output)
        if strict, diagnostics.contains(where: { $0.severity == .error }) {
            report.stoppedByFindings = true
            report.seconds = elapsed()
            return report
        }

        progress?(.stage("Rendering"))
        let theme = try Theme.load(folder: configuration.templates)
        let builder = try SiteBuilder(site: site, statuses: statuses, theme: theme)
        // One build at a time publishes here: a second waits, rather than fail half-way through a swap.
        let lock = try folder.lock { progress?(.stage("Waiting for another build of \(output)")) }
        let published = Result { try publish(site: site, diagnostics: diagnostics, statuses: statuses, builder: builder, into: folder, lockPath: lock.path, progress: progress) }
        lock.release()
        let result = try published.get()
        report.site = result
        // The site's own problems (navigation, includes, media) follow `rules:` as the checks do.
        report.diagnostics += CheckEngine(settings: configuration.rules).applySettings(result.diagnostics)
        report.seconds = elapsed()
        return report
    }
}

extension BuildAction {
    /// Renders into a staging folder and swaps it in; called holding the output's lock. Staging
    /// folders that dead builds left are removed first, and this one is removed if the build
    /// fails or the process is interrupted.
    private func publish(
        site: SiteContent, diagnostics: [Diagnostic], statuses: [String: [String: ArticleStatus]], builder: SiteBuilder,
        into folder: OutputFolder, lockPath: String, progress: (@Sendable (Progress) -> Void)?
    ) throws -> SiteBuildResult {
        folder.removeStaleFolders()
        // Protected before it exists, so no moment is left where a signal would leave it behind.
        let staging = folder.newStagingPath()
        InterruptCleanup.protect(staging, lock: lockPath)
        defer { InterruptCleanup.release(staging, lock: lockPath) }
        try folder.makeStaging(at: staging)
        // The other outputs join the site here, before it is published. What they can do without
        // the pages (encoding the JSON) runs alongside the page stage, on what it leaves idle
        // (its start, the end of each chunk, the search indexes); they write once it is done.
        let live = FileManager.default.fileExists(atPath: folder.path) ? folder.path : nil
        let snapshot = BuildSnapshot(site: site, diagnostics: diagnostics, statuses: statuses, previousSite: live)
        let prepared = BackgroundWork { [outputWriters] in try outputWriters.map { try $0.prepare(snapshot) } }
        do {
            let built = Result { try builder.build(into: staging, previous: folder.path) { done, total in progress?(.pages(done: done, total: total)) } }
            progress?(.stage("Writing JSON"))
            // Waited for either way; when both failed, the pages' error is the one reported.
            let writes = Result { try prepared.value() }
            let result = try built.get()
            for write in try writes.get() { try write(staging) }
            progress?(.stage("Publishing"))
            try folder.swap(in: staging)
            return result
        } catch {
            // An interrupt makes the pages fail (their folder is moved aside): the process is
            // then ending with the signal's status, and must not report a failure of its own.
            InterruptCleanup.waitIfInterrupted()
            folder.discard(staging)
            throw error
        }
    }
}
