import ArgumentParser
import ConcordModel
import Foundation

/// `concord inspect FILE`: prints one article's typed model; without a file, a summary of the whole content set.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the typed model of one article, or a summary of every locale.",
        discussion: """
        With FILE, prints that article's model (sections, procedures and steps, categories, links, …) \
        as JSON (the contract other tools read) or as a text outline. Without FILE, loads the whole \
        content set (--config or --content) and prints counts per locale.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Argument(help: "The Markdown file. Omit to summarise the whole content set.")
    var file: String?

    @Option(help: "Output format: json or text.")
    var format: Format = .json

    @Option(help: "The locale, when the file is not in a folder named like one.")
    var locale: String?

    @Option(help: "Write the output to this file instead of standard output.")
    var output: String?

    /// The version of the JSON this command writes (schemas/inspect.schema.json), semantic
    /// versioning: a minor version only adds fields.
    static let schemaVersion = "1.0.0"

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        if let locale, !LocaleID.isValid(locale) { throw ValidationError("'\(locale)' is not a BCP 47 locale id.") }
    }

    func run() throws {
        guard let file else { return try summarise() }
        let location = ArticleLocation(file: file)
        let result = ArticleLoader.load(fileAt: file, path: location.path, locale: locale ?? location.locale ?? "und", file: file)
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        guard var article = result.article else { throw ExitCode(2) }
        if locale == nil, location.locale == nil, let declared = article.metadata.contentLocale {
            article.locale = declared
        }
        switch format {
        case .json: try emit(Data(JSONOutput.bytes(InspectedArticle(article: article))), to: output)
        case .text: try emit(Data(ArticleTextRenderer.render(article).utf8), to: output)
        }
        if result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    private func summarise() throws {
        let content = ContentSet.load(try project.loadConfiguration())
        defer { ExitTeardown.keepUntilExit(content) }
        for diagnostic in content.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        let summary = ContentSummary(content)
        switch format {
        case .json: try emit(JSONOutput.encode(summary), to: output)
        case .text: try emit(Data(summary.text.utf8), to: output)
        }
    }
}

/// One article's model as `concord inspect FILE` writes it: the model's keys and `schemaVersion`.
struct InspectedArticle: JSONWritable {
    var article: Article

    func writeJSON(to writer: inout JSONWriter) {
        writer.mergeIntoNextObject([JSONWriter.Member("schemaVersion", InspectCommand.schemaVersion)])
        article.writeJSON(to: &writer)
    }
}

/// Counts per locale, for `concord inspect` without a file.
struct ContentSummary: Encodable {
    struct Locale: Encodable {
        var id: String
        var articles: Int
        var sections: Int
        var procedures: Int
        var steps: Int
        var links: Int
        var missing: Int
        var orphans: Int
    }

    var schemaVersion = InspectCommand.schemaVersion
    var sourceLocale: String
    var locales: [Locale]
    var diagnostics: Int

    init(_ content: ContentSet) {
        sourceLocale = content.sourceLocale
        diagnostics = content.diagnostics.count
        locales = content.locales.map { id in
            let articles = content.sortedArticles(in: id)
            return Locale(
                id: id, articles: articles.count,
                sections: articles.reduce(0) { $0 + $1.sections.count },
                procedures: articles.reduce(0) { $0 + $1.procedures.count },
                steps: articles.reduce(0) { $0 + $1.procedures.reduce(0) { $0 + $1.steps.count } },
                links: articles.reduce(0) { $0 + $1.links.count },
                missing: id == content.sourceLocale ? 0 : content.missing(in: id).count,
                orphans: id == content.sourceLocale ? 0 : content.orphans(in: id).count)
        }
    }

    var text: String {
        var out = "locale      articles  sections  procedures  steps   links  missing  orphans\n"
        for l in locales {
            let id = l.id == sourceLocale ? l.id + "*" : l.id
            out += id.padding(toLength: 10, withPad: " ", startingAt: 0)
            for (value, width) in [(l.articles, 10), (l.sections, 10), (l.procedures, 12), (l.steps, 7), (l.links, 8), (l.missing, 9), (l.orphans, 9)] {
                let s = String(value)
                out += String(repeating: " ", count: max(width - s.count, 1)) + s
            }
            out += "\n"
        }
        out += "* source locale · \(diagnostics) load diagnostic\(diagnostics == 1 ? "" : "s")\n"
        return out
    }
}
