import ArgumentParser
import ConcordCheck
import ConcordModel
import Foundation

/// `concord stamp [PATH…]`: records in translations the hash of the source they now match.
struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Write the source article's hash (source-hash) into translations, after translating.",
        discussion: """
            Run after a translation has been brought up to date with its source: 'concord check' \
            then reports the translation as stale as soon as the source changes again. Only the \
            'source-hash' line of each file's front matter changes; files are written atomically.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: "Translation files or folders to stamp (default: every translation of every locale but the source).")
    var paths: [String] = []

    @Flag(name: .customLong("dry-run"), help: "List the files that would change, and change nothing.")
    var dryRun = false

    func run() throws {
        let configuration = try project.loadConfiguration()
        let plan: SourceHashStamp.Plan
        do { plan = try SourceHashStamp.plan(configuration, paths: paths) } catch {
            throw ConcordFailure(message: error.description)
        }
        for skipped in plan.skipped {
            FileHandle.standardError.write(Data("concord: skipped \(skipped)\n".utf8))
        }
        var report = ""
        for change in plan.changes {
            let was = change.previousHash.map { " (was \($0.prefix(12)))" } ?? ""
            report += "\(dryRun ? "would stamp" : "stamped") \(change.file): source-hash \(change.hash.prefix(12))\(was)\n"
        }
        if !dryRun {
            do { try SourceHashStamp.apply(plan) } catch { throw ConcordFailure(message: error.description) }
        }
        for leftover in plan.leftovers {
            report += "\(dryRun ? "would remove" : "removed") \(leftover): left by an interrupted stamp\n"
        }
        report += "\(plan.changes.count) \(dryRun ? "to stamp" : "stamped"), \(plan.current.count) already current"
        report += plan.skipped.isEmpty ? "\n" : ", \(plan.skipped.count) skipped\n"
        try emit(Data(report.utf8), to: nil)
    }
}
