import ConcordModel
import ConcordRender
import Foundation

/// The images pages show, copied once per destination when ``MediaPolicy`` allows: an image
/// format on its allow-list whose bytes are that format, never over a page. Every reference to a
/// file that is refused is an `unsafe-media` finding.
struct MediaStage {
    let fence: ContentFence
    let writer: StagingWriter

    /// Copies `assets` into the staging folder; `generated` are the pages, which no image may replace.
    func run(_ assets: [AssetCopy], generated: Set<String>) throws -> (copied: Int, diagnostics: [Diagnostic]) {
        var copies: [String: AssetCopy] = [:]
        for copy in assets where copies[copy.outputPath] == nil { copies[copy.outputPath] = copy }
        // Each file is read and judged once, however many pages and locales show it.
        var verdicts: [String: String?] = [:]
        var copied = 0
        for copy in copies.values.sorted() {
            let bytes = try fence.read(copy.sourceFile)
            let problem: String? = if generated.contains(copy.outputPath) {
                "it would replace the page \(copy.outputPath)"
            } else if let kind = MediaPolicy.kind(ofPath: copy.sourceFile) {
                MediaPolicy.problem(bytes, kind: kind)
            } else {
                "it is not an image the site may publish (\(MediaPolicy.allowedExtensionsText))"
            }
            verdicts[copy.sourceFile] = .some(problem)
            guard problem == nil else { continue }
            try writer.createDirectories(RelativePath.directory(of: copy.outputPath))
            try writer.write(bytes, to: copy.outputPath)
            copied += 1
        }
        let diagnostics = assets.compactMap { copy -> Diagnostic? in
            guard let verdict = verdicts[copy.sourceFile], let problem = verdict, let reference = copy.reference else { return nil }
            let locale = copy.outputPath.split(separator: "/").first.map(String.init)
            let name = (copy.sourceFile as NSString).lastPathComponent
            return MediaPolicy.finding(locale: locale, location: reference, message: "image '\(name)' is not published: \(problem)")
        }
        return (copied, diagnostics)
    }
}
