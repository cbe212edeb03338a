import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

/// Text output quotes what content wrote: a finding can neither print a line of its own (which
/// GitHub Actions would run as a workflow command) nor move a terminal's cursor.
@Suite("Findings cannot inject lines or terminal escapes")
struct TerminalInjectionTests {
    typealias File = LinkFixtures.File

    static func brokenLinkFindings(_ destination: String) throws -> [Diagnostic] {
        let content = try LinkFixtures.content([File("en-US", "a.md", "# A\n\nSee [B](\(destination)).\n")])
        return LinkFixtures.findings(BrokenLink(), content)
    }

    @Test("A newline in a link destination does not start a forged workflow command")
    func newlineInDestination() throws {
        // `./` first: written `x&#10;::…`, a browser reads the scheme `x:` (line breaks inside a scheme
        // are skipped), and a link with a scheme is no file to report.
        let findings = try Self.brokenLinkFindings("<./x&#10;::error file=README.md,line=1::Forged.md>")
        try #require(findings.count == 1)
        let text = String(decoding: try DiagnosticFormatter(format: .text, rules: []).render(findings, summary: CheckSummary(findings)), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("::") }, "\(text)")
        #expect(text.contains(#"x\n::error file=README.md,line=1::Forged.md"#), "\(text)")
        #expect(!findings[0].description.contains("\n"))
    }

    @Test("Escape sequences are shown, not sent to the terminal")
    func escapeSequences() throws {
        let findings = try Self.brokenLinkFindings("&#27;[1A&#27;[2Kgone.md")
        let text = String(decoding: try DiagnosticFormatter(format: .text, rules: []).render(findings, summary: CheckSummary(findings)), as: UTF8.self)
        #expect(!text.contains("\u{1B}"), "\(text.debugDescription)")
        #expect(text.contains(#"\u{1B}[1A\u{1B}[2Kgone.md"#), "\(text)")
    }

    @Test("Control characters, C1 controls and bidirectional overrides are quoted; other text is kept", arguments: [
        ("a\nb", #"a\nb"#), ("a\rb", #"a\rb"#), ("a\tb", #"a\tb"#), ("\u{0}", #"\u{0}"#), ("\u{7F}", #"\u{7F}"#),
        ("\u{9B}2J", #"\u{9B}2J"#), ("abc\u{202E}fed", #"abc\u{202E}fed"#), ("\u{2066}x\u{2069}", #"\u{2066}x\u{2069}"#),
        ("a\\b", "a\\b"), ("plain text", "plain text"), ("l'écran 客户 ‎", "l'écran 客户 ‎"),
    ])
    func quoting(_ raw: String, _ shown: String) {
        #expect(TerminalText.quoted(raw) == shown)
    }

    @Test("A file name with a newline stays on one line in every text form")
    func fileNames() {
        let finding = Diagnostic(rule: "r", severity: .error, location: FileLocation(file: "a\n::error::x.md", line: 1), message: "m")
        #expect(finding.description == #"a\n::error::x.md:1:1: error: m [r]"#)
    }
}
