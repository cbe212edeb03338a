import ArgumentParser
import ConcordCheck
import ConcordExport
import ConcordModel
import Foundation

/// `concord export`: the content as data for other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the content as data: the site's JSON files, every procedure step, or translation units.",
        subcommands: [StepsCommand.self, SiteDataCommand.self, XLIFFCommand.self]
    )
}

extension ExportCommand {
    /// `concord export steps`: one record per procedure step.
    struct StepsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "steps",
            abstract: "Print one record per procedure step (NDJSON, JSON or CSV).",
            discussion: """
                Records hold locale, article, procedure, procedureIndex (from 0), number, path \
                ("2.1" for the first sub-step of step 2), parent (null for a top-level step), text, \
                uiElements, links and source (file and line). Sub-steps are records of their own. \
                CSV follows RFC 4180 (CRLF line ends) and joins arrays with "; ".
                """
        )

        @OptionGroup var project: ProjectOptions

        @Option(name: .long, parsing: .upToNextOption, help: "Only these locales (repeatable; default: every locale).")
        var locale: [String] = []

        @Option(help: "Output format: ndjson, json or csv.")
        var format: StepExport.Format = .ndjson

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        func validate() throws {
            for id in locale where !LocaleID.isValid(id) {
                throw ValidationError("'\(id)' is not a BCP 47 locale id.")
            }
        }

        func run() throws {
            if let output { try OutputPath.check(output) }
            let content = ContentSet.load(try project.loadConfiguration())
            defer { ExitTeardown.keepUntilExit(content) }
            reportLoadProblems(content)
            let records: [StepRecord]
            do { records = try StepExport.records(content: content, locales: locale) } catch {
                throw ConcordFailure(message: error.description)
            }
            try emit(Data(try StepExport.render(records, as: format)), to: output)
        }
    }

    /// `concord export site-data`: the JSON files `concord build` writes, on their own.
    struct SiteDataCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "site-data",
            abstract: "Write the per-article JSON, the locale bundles and manifest.json to a folder.",
            discussion: """
                Writes <output>/<locale>/<path>.json, <output>/bundles/<locale>.json and \
                <output>/manifest.json, with statuses from the checks. Files already in the folder \
                that the export does not produce are left alone.
                """
        )

        @OptionGroup var project: ProjectOptions

        @Option(help: "The folder to write to.")
        var output: String

        func run() throws {
            let configuration = try project.loadConfiguration()
            try OutputPath.check(output)
            let content = ContentSet.load(configuration)
            defer { ExitTeardown.keepUntilExit(content) }
            reportLoadProblems(content)
            let diagnostics = CheckEngine(settings: configuration.rules).run(content)
            let statuses = ArticleStatus.statuses(content: content, diagnostics: diagnostics)
            let written: [String]
            do { written = try SiteDataWriter.write(content: content, statuses: statuses, to: output) } catch {
                throw ConcordFailure(message: ErrorText.oneLine(error))
            }
            FileHandle.standardError.write(Data("concord: wrote \(written.count) files to \(output)\n".utf8))
        }
    }
}

extension StepExport.Format: ExpressibleByArgument {}

/// Prints the problems met while loading to standard error; the files that loaded are still exported.
private func reportLoadProblems(_ content: ContentSet) {
    for diagnostic in content.diagnostics {
        FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
    }
}
