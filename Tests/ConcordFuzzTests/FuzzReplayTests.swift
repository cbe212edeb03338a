import ConcordFuzz
import ConcordModel
import Foundation
import Testing

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The fuzz target's replay path over a few seeds and every input the fuzzer found and that
/// was fixed (`Tests/Fuzz/regressions/`): each must run through the whole pipeline without
/// stopping the process, which is what `concord-fuzz FILE…` checks for a crash input.
@Suite("Fuzz replay: seeds and regressions go through the whole pipeline")
struct FuzzReplayTests {
    static let regressions = repositoryRoot + "/Tests/Fuzz/regressions"

    @Test("sample articles replay, with findings on the changed translation", arguments: [
        "content/en-US/customer-support.md", "content/es-ES/customer-support.md", "content/ja-JP/TOC.md",
    ])
    func seed(path: String) throws {
        let lines = try FuzzReplay.replay([repositoryRoot + "/" + path])
        #expect(lines.count == 1)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/" + path)))
        let outcome = FuzzPipeline.run(bytes)
        #expect(outcome.htmlBytes > bytes.count / 2)
        #expect(outcome.jsonBytes > 0)
        // The input stands in for a translation of a different article: the checks notice.
        #expect(outcome.diagnostics.contains { $0.location.file.hasSuffix("es-ES/guide/article.md") })
    }

    @Test("an empty input and one that is not text replay")
    func degenerate() {
        #expect(FuzzPipeline.run([]).jsonBytes > 0)
        #expect(FuzzPipeline.run([0, 0xFF, 0xFE, 0x0A]).diagnostics.contains { $0.rule == "binary-file" })
    }

    @Test("every regression input replays")
    func regressionInputs() throws {
        let files = try FuzzReplay.inputs([Self.regressions])
        let lines = try FuzzReplay.replay(files)
        #expect(lines.count == files.count)
    }
}
