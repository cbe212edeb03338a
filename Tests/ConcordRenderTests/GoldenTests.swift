import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Whole pages of the sample site compared with files under `Golden/` (`GoldenFile`: with
/// `CONCORD_RECORD=1` they are written instead, and the test fails to say so).
@Suite("Golden pages: the seed article in two locales")
struct GoldenTests {
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
        try GoldenFile.expect(page, matches: Self.goldenFolder + "/\(locale)-customer-support.html", "\(locale)/customer-support.html")
    }
}
