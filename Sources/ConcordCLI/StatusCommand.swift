import ArgumentParser
import ConcordCheck
import ConcordModel
import ConcordRender
import Foundation

/// `concord status`: where each translation stands, for a translation manager or a pull request.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show where each translation stands: current, outdated, drifted or missing.",
        discussion: """
        Runs the checks and reports, per locale, how many articles are current, outdated (the \
        stale-translation finding says what changed in the source), drifted (error findings) or \
        missing, and each article that needs work. Formats: markdown (a table for a pull-request \
        comment), json (schemas/status.schema.json) and html (one page to open on its own; \
        `concord build` publishes it at status/). Exit status: 0, or 2 for usage errors and \
        unreadable input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json, html
    }

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output format: markdown, json or html.")
    var format: Format = .markdown

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "With --format markdown, list at most this many articles per locale.")
    var limit = 25

    func run() throws {
        let configuration = try project.loadConfiguration()
        if let output { try OutputPath.check(output) }
        let content = ContentSet.load(configuration)
        defer { ExitTeardown.keepUntilExit(content) }
        let diagnostics = CheckEngine(settings: configuration.rules).run(content)
        let status = TranslationStatus(
            content: content, diagnostics: diagnostics, statuses: ArticleStatus.statuses(content: content, diagnostics: diagnostics))
        switch format {
        case .markdown: try emit(Data(status.markdown(limit: max(limit, 0)).utf8), to: output)
        case .json: try emit(JSONOutput.encode(status), to: output)
        case .html: try emit(Data(StatusPage(status: status, siteTitle: configuration.siteTitle, assets: .inline).html().utf8), to: output)
        }
        if diagnostics.contains(where: { CheckCommand.unreadableInput.contains($0.rule) }) { throw ExitCode(2) }
    }
}
