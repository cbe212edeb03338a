import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Whole pages of the sample site compared with files under `Golden/`. Set `CONCORD_RECORD=1`
/// to write the current output there instead (only when a change to the pages is intended).
@Suite("Golden pages: the seed article in two locales")
struct GoldenTests {
    static let recording = ProcessInfo.processInfo.environment["CONCORD_RECORD"] == "1"
    static let goldenFolder = repositoryRoot + "/Tests/ConcordRenderTests/Golden"

    @Test("customer-support.html matches its golden file", arguments: ["es-ES", "ja-JP"])
    func seedArticle(locale: String) throws {
        var configuration = try Configuration.load(file: repositoryRoot + "/concord.yml")
        let output = NSTemporaryDirectory() + "concord-golden-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        configuration.output = output
        let report = try BuildAction(configuration: configuration).run()
        #expect(report.site != nil)
        let page = try FileSystem.read(output + "/\(locale)/customer-support.html")
        let golden = Self.goldenFolder + "/\(locale)-customer-support.html"
        if Self.recording {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(page).write(to: URL(fileURLWithPath: golden))
            return
        }
        let expected = try FileSystem.read(golden)
        #expect(page == expected, "\(locale)/customer-support.html differs from \(golden); rerun with CONCORD_RECORD=1 if the change is intended")
    }
}
