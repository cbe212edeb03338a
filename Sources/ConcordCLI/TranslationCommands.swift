import ArgumentParser
import ConcordCheck
import ConcordModel
import ConcordTranslation
import Foundation

extension ExportCommand {
    /// `concord export xliff`: one locale's translation units for a CAT tool or translation system.
    struct XLIFFCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xliff",
            abstract: "Write a locale's translation units as XLIFF 2.1 (or gettext PO).",
            discussion: """
                One <file> per source article, one <unit> per title, heading, paragraph, step, list \
                item, table cell and alert, with structural ids. Targets come from the locale's \
                translations where they are in sync (state final); a changed unit carries its earlier \
                translation as a candidate (state initial). See docs/translation-handoff.md.
                """
        )

        @OptionGroup var project: ProjectOptions

        @Option(help: "The locale to translate into.")
        var locale: String

        @Flag(name: .customLong("changed-only"), help: "Only the units that are new or changed since their translation.")
        var changedOnly = false

        @Option(help: "xliff (XLIFF 2.1) or po (gettext PO).")
        var format: HandoffFormat = .xliff

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        func validate() throws {
            guard LocaleID.isValid(locale) else { throw ValidationError("'\(locale)' is not a BCP 47 locale id.") }
        }

        func run() throws {
            if let output { try OutputPath.check(output) }
            let configuration = try project.loadConfiguration()
            let loaded: TranslationExport.Loaded
            do { loaded = try TranslationExport.load(configuration, locale: locale) } catch {
                throw ConcordFailure(message: error.description)
            }
            let engine = CheckEngine(settings: configuration.rules)
            for diagnostic in engine.applySettings(loaded.diagnostics) {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            let handoffFormat: Handoff.Format = format == .xliff ? .xliff : .po
            // Streamed: each batch of articles goes to the file as it is made.
            let written: TranslationExport.Written
            if let output {
                do {
                    let file = try AtomicFile(output)
                    written = try TranslationExport.write(loaded, format: handoffFormat, changedOnly: changedOnly) { try file.write($0) }
                    try file.commit()
                } catch let error as FileSystem.Failure {
                    throw ConcordFailure(message: "cannot write \(output): \(error.reason)")
                }
            } else {
                written = TranslationExport.write(loaded, format: handoffFormat, changedOnly: changedOnly) {
                    FileHandle.standardOutput.write(Data($0))
                }
            }
            for diagnostic in engine.applySettings(written.diagnostics) {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            FileHandle.standardError.write(Data("concord: \(written.units) units in \(written.articles) articles, \(written.final) translated\n".utf8))
        }
    }

    /// The formats `export xliff` writes.
    enum HandoffFormat: String, ExpressibleByArgument, CaseIterable {
        case xliff, po
    }
}

/// `concord import`: translated articles from a translated XLIFF document.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write translated Markdown from a translated XLIFF 2.1 document (or PO file), checked against its source.",
        discussion: """
            Each article is the source's Markdown with every unit's target put in. A unit whose \
            placeholders are missing, repeated or unpaired, or an article that fails the cross-locale \
            checks, is reported (file#unit: what) and its article is not written unless --force. \
            Exit status: 0 all written, 1 some refused, 2 the document cannot be read.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The translated XLIFF file (or PO file, as export xliff --format po writes it).")
    var file: String

    @Option(help: "The folder to write the articles to (default: the target locale's content folder).")
    var output: String?

    @Flag(name: .customLong("dry-run"), help: "Check and report; write nothing.")
    var dryRun = false

    @Flag(help: "Write articles with failing units too (those units keep the source's text).")
    var force = false

    func run() throws {
        let configuration = try project.loadConfiguration()
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(file) } catch { throw ConcordFailure(message: "cannot read \(file): \(error.reason)") }
        if let output { try OutputPath.check(output + "/x") }
        let report: TranslationImport.Report
        do {
            report = try TranslationImport.run(bytes, configuration: configuration, options: .init(output: output, dryRun: dryRun, force: force))
        } catch {
            throw ConcordFailure(message: "\(file): \(error.description)")
        }
        for problem in report.problems {
            FileHandle.standardError.write(Data("\(TerminalText.quoted(problem.description))\n".utf8))
        }
        let verb = dryRun ? "would write" : "wrote"
        FileHandle.standardError.write(Data("concord: \(verb) \(report.written.count) articles to \(report.output); \(report.refused.count) refused\n".utf8))
        if !report.refused.isEmpty { throw ExitCode(1) }
    }
}
