import ArgumentParser
import ConcordModel
import ConcordBuild
import ConcordRender
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `concord build`: checks the content and writes the multilingual site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content and build the multilingual help site.",
        discussion: """
        Findings are printed as file:line:col: severity: message [rule]. The site is written \
        into a staging folder and swapped in whole, so a failed build leaves the previous site.
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(name: .long, help: "The output folder (default: output in concord.yml, else _site).")
    var output: String?

    @Flag(name: .long, help: "Fail the build (exit 1, nothing written) when the checks or the site stages find errors.")
    var strict = false

    @Flag(name: .long, help: "Ignore the build cache (.concord/cache) and render every page again.")
    var clean = false

    @Flag(name: .long, help: "Neither read nor write the build cache.")
    var noCache = false

    func run() throws {
        let configuration = try project.loadConfiguration()
        try OutputPath.check(output ?? configuration.output)
        let destination = output ?? configuration.output
        let cache = noCache ? nil : BuildCache.defaultRoot(configuration: configuration, output: destination)
        let action = BuildAction(configuration: configuration, output: output, strict: strict, cacheRoot: cache, clean: clean)
        let terminal = isatty(STDERR_FILENO) == 1
        let report: BuildAction.Report
        do {
            report = try action.run(progress: terminal ? BuildCommand.showProgress : nil)
        } catch {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw ConcordFailure(message: "build failed: \(ErrorText.oneLine(error))")
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var findings = ""
        for diagnostic in report.diagnostics { findings += "\(diagnostic)\n" }
        FileHandle.standardError.write(Data(findings.utf8))
        FileHandle.standardError.write(Data(report.summary.utf8))
        if report.stoppedByFindings { throw ExitCode(1) }
    }

    /// One self-overwriting status line on a terminal.
    @Sendable static func showProgress(_ progress: BuildAction.Progress) {
        let text: String
        switch progress {
        case .stage(let name): text = "\(name)…"
        case .pages(let done, let total): text = "Rendering pages \(done)/\(total)"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
}
