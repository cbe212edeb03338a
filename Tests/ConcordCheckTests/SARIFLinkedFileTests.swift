import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck

/// SARIF columns are converted by reading the file a finding is in. A finding about a link that
/// leads outside the content root (to /dev/zero, say) must not read what it leads to.
@Suite("SARIF on findings about links")
struct SARIFLinkedFileTests {
    @Test("A finding at column 1 of a link to /dev/zero is reported without reading it",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/zero")))
    func linkToDevZero() throws {
        let root = try LinkFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LinkFixtures.write("# A\n", to: "content/en-US/a.md", in: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/content/en-US/z.md", withDestinationPath: "/dev/zero")
        let content = ContentSet.load(Configuration(contentRoot: root + "/content", sourceLocale: "en-US"))
        let findings = content.diagnostics
        #expect(findings.map(\.rule) == ["outside-content-root"])
        let data = try DiagnosticFormatter(format: .sarif, rules: RuleRegistry.all).render(findings, summary: CheckSummary(findings))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"startColumn\" : 1"))
        #expect(text.contains("outside the content root"))
    }
}
