import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Where the language chooser sends a reader: by language, and never across scripts.
@Suite("The language chooser follows the browser's language and script")
struct ChooserLanguageTests {
    /// `chooser.js`'s choice for each list of browser languages among `locales`.
    static func choices(_ cases: [[String]], among locales: [String]) -> [String?] {
        let script = repositoryRoot + "/templates/assets/chooser.js"
        let input = String(decoding: try! JSONSerialization.data(withJSONObject: cases), as: UTF8.self)
        let list = String(decoding: try! JSONSerialization.data(withJSONObject: locales), as: UTF8.self)
        let run = runTool("node", ["-e", "const c = require(\(HTMLEscaping.jsonString(script))).choose; console.log(JSON.stringify(\(input).map(w => c(w, \(list)) || null)));"])
        let decoded = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [Any] ?? []
        return decoded.map { $0 as? String }
    }

    @Test("Traditional Chinese goes to zh-TW or nowhere, never to zh-CN; the first language the site has wins", .enabled(if: nodeIsAvailable, "node is not installed"))
    func choices() {
        let both = ["en-US", "zh-CN", "zh-TW", "es-ES", "pt-BR"]
        let cases: [([String], String?)] = [
            (["zh-TW"], "zh-TW"), (["zh-HK"], "zh-TW"), (["zh-MO"], "zh-TW"), (["zh-Hant"], "zh-TW"), (["zh-Hant-HK"], "zh-TW"),
            (["zh-CN"], "zh-CN"), (["zh"], "zh-CN"), (["zh-SG"], "zh-CN"), (["zh-Hans-HK"], "zh-CN"),
            (["es-MX"], "es-ES"), (["fr-CA", "en"], "en-US"), (["pt-PT", "en-US"], "pt-BR"), (["de"], nil), (["ES-es"], "es-ES"),
        ]
        #expect(Self.choices(cases.map(\.0), among: both) == cases.map(\.1))
        let simplifiedOnly = ["en-US", "zh-CN"]
        #expect(Self.choices([["zh-TW"], ["zh-HK", "en-GB"], ["zh-Hant"]], among: simplifiedOnly) == [nil, "en-US", nil])
        #expect(Self.choices([["zh-CN"]], among: ["en-US", "zh-TW"]) == [nil])
    }

    @Test("In Chromium with the browser's language set", .enabled(if: browserIsAvailable, "no headless Chromium, chromedriver or selenium: run scripts/bootstrap --test; browser test skipped"))
    func inChromium() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n", "zh-CN/a.md": "# 甲\n", "zh-TW/a.md": "# 甲\n"])
        defer { temporary.remove() }
        try buildSite(temporary)
        let run = runPython([repositoryRoot + "/Tests/Browser/chooser_language.py", temporary.output, "zh-HK=zh-TW", "zh-TW=zh-TW", "zh-CN=zh-CN"])
        #expect(run.status == 0 && run.output.contains("3 passed, 0 failed"), "\(run.output)")

        let simplified = try TemporaryContent(["en-US/a.md": "# A\n", "zh-CN/a.md": "# 甲\n"])
        defer { simplified.remove() }
        try buildSite(simplified)
        let other = runPython([repositoryRoot + "/Tests/Browser/chooser_language.py", simplified.output, "zh-TW=-", "zh-TW,en-US=en-US"])
        #expect(other.status == 0 && other.output.contains("2 passed, 0 failed"), "\(other.output)")
    }
}
