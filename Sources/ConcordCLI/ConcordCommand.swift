import ArgumentParser
import ConcordCheck
import ConcordModel
import Foundation

/// The `concord` command: compile, check and export localized help content.
public struct ConcordCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "concord",
        abstract: "Compile, check and export localized Markdown help content.",
        version: ConcordVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, StatusCommand.self, InspectCommand.self, StampCommand.self, ExportCommand.self, ImportCommand.self]
    )

    public init() {}

    /// Runs the command line and exits: 0 success, 1 findings, 2 usage, configuration or input errors.
    public static func runMain() -> Never {
        ExitTeardown.skipFreeingAtExit()
        Foundation.exit(execute(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs one command line and returns its exit status instead of exiting, so tests can call it.
    public static func execute(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch let failure as ConcordFailure {
            FileHandle.standardError.write(Data("concord: error: \(TerminalText.quoted(failure.message))\n".utf8))
            return 2
        } catch {
            // Argument-parser's own errors: help and version exit 0; usage errors exit 2, not 64.
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                return 0
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            return 2
        }
    }
}

/// An error that ends the run with exit code 2 and a one-line message.
struct ConcordFailure: Error {
    var message: String
}

/// The options every command that reads a content tree shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: concord.yml when present).")
    var config: String?

    @Option(name: .long, help: "A content folder with one sub-folder per locale, instead of a configuration file.")
    var content: String?

    @Option(name: .customLong("source-locale"), help: "The source locale, with --content (default: en-US).")
    var sourceLocale: String?

    func validate() throws {
        if config != nil, content != nil {
            throw ValidationError("Give either --config or --content, not both.")
        }
        if let sourceLocale, !LocaleID.isValid(sourceLocale) {
            throw ValidationError("'\(sourceLocale)' is not a BCP 47 locale id.")
        }
    }

    /// The configuration: from `--content`, `--config`, or `concord.yml` in the current folder.
    func loadConfiguration() throws -> Configuration {
        if let content {
            guard FileSystem.isDirectory(content) else { throw ConcordFailure(message: "content folder '\(content)' does not exist") }
            let source = sourceLocale ?? "en-US"
            let configuration = Configuration(contentRoot: content, sourceLocale: source)
            guard configuration.locales.contains(where: { $0.id == source }) else {
                throw ConcordFailure(message: "no folder for source locale \(source) in \(content)")
            }
            return configuration
        }
        let file = config ?? "concord.yml"
        guard FileSystem.exists(file) else {
            throw ConcordFailure(message: "no configuration: \(file) does not exist (pass --config FILE or --content FOLDER)")
        }
        var configuration: Configuration
        do {
            configuration = try Configuration.load(file: file)
            if let sourceLocale { configuration.sourceLocale = sourceLocale }
        } catch {
            throw ConcordFailure(message: error.description)
        }
        // A misspelt rule would silently keep its default: refused, with the rules there are.
        if let unknown = RuleRegistry.unknownSettings(configuration.rules).first {
            let hint = unknown.suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            let failure = Configuration.Failure(
                file: file, key: "rules.\(unknown.id)", line: configuration.ruleLines[unknown.id],
                reason: "not a rule\(hint); the rules are \(RuleRegistry.knownIDs.joined(separator: ", "))")
            throw ConcordFailure(message: failure.description)
        }
        return configuration
    }
}

/// Writes text to a file (atomically) or to standard output.
func emit(_ data: Data, to output: String?) throws {
    if let output {
        try OutputPath.check(output)
        do { try FileSystem.writeAtomically([UInt8](data), to: output) } catch {
            throw ConcordFailure(message: "cannot write \(output): \(error.reason)")
        }
    } else {
        FileHandle.standardOutput.write(data)
    }
}
