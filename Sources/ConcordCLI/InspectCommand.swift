import ArgumentParser
import ConcordModel
import Foundation

/// `concord inspect FILE`: prints one article's typed model.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the typed model of one article (sections, procedures, steps, links…)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Argument(help: "The Markdown file.")
    var file: String

    @Option(help: "Output format: json or text.")
    var format: Format = .json

    @Option(help: "The locale, when the file is not in a folder named like one.")
    var locale: String?

    func run() throws {
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
        case .json: try emit(article.jsonData(), to: nil)
        case .text: try emit(Data(ArticleTextRenderer.render(article).utf8), to: nil)
        }
        if result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
