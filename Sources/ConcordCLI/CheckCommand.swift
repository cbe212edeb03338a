import ArgumentParser
import ConcordCheck
import ConcordModel
import Foundation

/// `concord check`: reports where translations drifted from their source.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that every translation still says what its source says.",
        discussion: """
        Exit status: 0 when no error-level finding remains, 1 when one does (or any warning with \
        --strict), 2 for usage or configuration errors and unreadable input.
        """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output format: text, json, sarif or github.")
    var format: DiagnosticFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Accept the findings recorded in this baseline file; report only new ones.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record every current finding in this file and exit 0.")
    var writeBaseline: String?

    @Flag(name: .customLong("list-rules"), help: "List every rule with its default severity and exit.")
    var listRules = false

    /// Load problems that mean input could not be read at all: exit 2, as for a missing file.
    static let unreadableInput: Set<String> = ["unreadable-file", "binary-file", "unsupported-encoding", "file-name-not-utf8"]

    /// Every rule `rules:` can set, a line each: id, default, where it is found, summary. The
    /// place says which commands report it: `load` every command that reads content, `check`
    /// `check` and `build`, `build` only `build`, `xliff` only `export xliff`.
    static func ruleList() -> String {
        let stages: [ContentProblem.Stage: String] = [.load: "load", .structure: "check", .site: "build", .handoff: "xliff"]
        let rules: [(rule: any Rule, stage: String)] = RuleRegistry.all.map { ($0, "check") }
            + RuleRegistry.contentProblems.map { ($0, stages[$0.stage]!) }
        let width = rules.map(\.rule.id.count).max() ?? 0
        return rules.sorted { $0.rule.id < $1.rule.id }.map { entry in
            let id = entry.rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let setting = entry.rule.defaultSetting.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            let stage = entry.stage.padding(toLength: 5, withPad: " ", startingAt: 0)
            return "\(id)  \(setting)  \(stage)  \(entry.rule.summary)\n"
        }.joined()
    }

    func run() throws {
        if listRules {
            print(Self.ruleList(), terminator: "")
            return
        }
        let configuration = try project.loadConfiguration()
        for path in [output, writeBaseline].compactMap({ $0 }) { try OutputPath.check(path) }
        let content = ContentSet.load(configuration)
        defer { ExitTeardown.keepUntilExit(content) }
        let engine = CheckEngine(settings: configuration.rules)
        var diagnostics = engine.run(content)

        if let writeBaseline {
            let data = try JSONOutput.encode(Baseline(diagnostics: diagnostics))
            try emit(data, to: writeBaseline)
            FileHandle.standardError.write(Data("concord: wrote \(diagnostics.count) finding(s) to \(writeBaseline)\n".utf8))
            return
        }
        var suppressed = 0
        if let baseline {
            let accepted: Baseline
            do {
                accepted = try JSONDecoder().decode(Baseline.self, from: Data(try FileSystem.read(baseline)))
            } catch {
                throw ConcordFailure(message: "cannot read baseline \(baseline): \(ErrorText.oneLine(error))")
            }
            let split = accepted.filter(diagnostics)
            diagnostics = split.new
            suppressed = split.suppressed.count
        }

        let summary = CheckSummary(diagnostics, suppressed: suppressed)
        let colour = output == nil && format == .text && Terminal.supportsColour
        let data = try DiagnosticFormatter(format: format, colour: colour, rules: engine.rules).render(diagnostics, summary: summary)
        try emit(data, to: output)
        if output != nil, format != .text {
            FileHandle.standardError.write(Data("concord: \(summary.sentence)\n".utf8))
        }

        if diagnostics.contains(where: { Self.unreadableInput.contains($0.rule) }) { throw ExitCode(2) }
        if summary.errors > 0 || (strict && summary.warnings > 0) { throw ExitCode(1) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Facts about the terminal Concord writes to.
enum Terminal {
    /// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org).
    static var supportsColour: Bool {
        if let noColour = ProcessInfo.processInfo.environment["NO_COLOR"], !noColour.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}
