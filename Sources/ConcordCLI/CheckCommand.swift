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

    @Argument(help: "Check only the articles at these paths, in every locale (as a pre-commit hook passes changed files).")
    var files: [String] = []

    @Option(help: "Output format: text, json, sarif, github or codeclimate (GitLab Code Quality).")
    var format: DiagnosticFormat = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Accept the findings recorded in this baseline file; report only new ones.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record every current finding in this file and exit 0.")
    var writeBaseline: String?

    @Option(help: "The repository root SARIF and GitHub annotations name files from (default: the git work tree of the content).")
    var base: String?

    @Option(name: .customLong("rules-url"), help: "Where docs/rules.md is published, for SARIF's helpUri (rule ids are its anchors).")
    var rulesURL: String?

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
            let stage = entry.stage.padding(toLength: 6, withPad: " ", startingAt: 0)
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
        var diagnostics = engine.run(content, paths: files.isEmpty ? nil : Self.articlePaths(files, in: configuration))

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
        let paths = ReportPaths(base: base ?? ReportPaths.workTreeRoot(of: configuration.contentRoot) ?? FileManager.default.currentDirectoryPath)
        let data = try DiagnosticFormatter(format: format, colour: colour, rules: engine.rules, paths: paths, rulesURL: rulesURL)
            .render(diagnostics, summary: summary)
        try emit(data, to: output)
        if format == .github, let file = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !file.isEmpty {
            try Self.append(StepSummary.markdown(diagnostics, summary: summary, paths: paths), to: file)
        }
        if output != nil, format != .text {
            FileHandle.standardError.write(Data("concord: \(summary.sentence)\n".utf8))
        }

        if diagnostics.contains(where: { Self.unreadableInput.contains($0.rule) }) { throw ExitCode(2) }
        if summary.errors > 0 || (strict && summary.warnings > 0) { throw ExitCode(1) }
    }
}

extension CheckCommand {
    /// The article paths (relative to their locale folder) of `files`, as named on the command
    /// line; a file in no locale folder names nothing.
    static func articlePaths(_ files: [String], in configuration: Configuration) -> Set<String> {
        let roots = configuration.locales.map { FileSystem.lexicalAbsolute($0.path) + "/" }
        var paths: Set<String> = []
        for file in files {
            let absolute = FileSystem.lexicalAbsolute(file)
            if let root = roots.first(where: { absolute.hasPrefix($0) }) { paths.insert(String(absolute.dropFirst(root.count))) }
        }
        return paths
    }

    /// Adds `text` to the end of `file` (created when missing), as every step of a job appends
    /// to its summary.
    static func append(_ text: String, to file: String) throws {
        // A file that cannot be made fails just below, when it is opened.
        if !FileManager.default.fileExists(atPath: file) { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: file) else {
            throw ConcordFailure(message: "cannot write the step summary to \(file)")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((text + "\n").utf8))
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
