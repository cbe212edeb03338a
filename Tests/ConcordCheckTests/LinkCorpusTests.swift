import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

/// The link and staleness rules on the sample content, on mutations of it, and on the real corpus.
@Suite("Link rules on real content")
struct LinkCorpusTests {
    static let rules: [any Rule] = [BrokenAnchor(), BrokenLink(), LinkMismatch(), StaleTranslation(), UndefinedReference()]

    static func counts(_ findings: [Diagnostic]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for finding in findings { counts["\(finding.rule) \(finding.locale ?? "")", default: 0] += 1 }
        return counts
    }

    @Test func sampleContentHasNoFindings() {
        let content = LinkTestCorpus.load(LinkTestCorpus.sampleContent, source: "en-US")
        #expect(content.sourceArticles.count == 9)
        #expect(LinkTestCorpus.run(Self.rules, on: content).map(\.description) == [])
    }

    // MARK: - Mutations of the sample content

    /// A copy of `content/` in a temporary folder, with `es-ES/customer-support.md` edited.
    struct Mutated {
        let root: String
        var translation: String { root + "/es-ES/customer-support.md" }
        var source: String { root + "/en-US/customer-support.md" }

        init() throws {
            let folder = try LinkFixtures.temporaryFolder()
            root = folder + "/content"
            try FileManager.default.copyItem(atPath: LinkTestCorpus.sampleContent, toPath: root)
        }

        func replace(_ old: String, with new: String, in file: String) throws {
            let text = String(decoding: try FileSystem.read(file), as: UTF8.self)
            try #require(text.contains(old), "\(old) not in \(file)")
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: URL(fileURLWithPath: file))
        }

        func findings() -> [String] {
            LinkTestCorpus.run(LinkCorpusTests.rules, on: LinkTestCorpus.load(root, source: "en-US")).map {
                "\($0.rule) \($0.location.file.dropFirst(root.count + 1)):\($0.location.line)"
                    + ($0.source.map { " source \($0.file.dropFirst(root.count + 1)):\($0.line)" } ?? "")
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
    }

    @Test func changingALinkInATranslationIsALinkMismatchWithBothLines() throws {
        let tree = try Mutated()
        defer { tree.remove() }
        try tree.replace("[Proporcionar soporte técnico](provide-technical-support.md)",
                         with: "[Proporcionar soporte técnico](report-problems-on-behalf-of-a-customer.md)", in: tree.translation)
        #expect(tree.findings() == ["link-mismatch es-ES/customer-support.md:51 source en-US/customer-support.md:46"])
    }

    @Test func linkingToAMissingFileIsABrokenLinkAndADrift() throws {
        let tree = try Mutated()
        defer { tree.remove() }
        try tree.replace("(provide-technical-support.md)", with: "(provide-technical-suport.md)", in: tree.translation)
        #expect(tree.findings() == [
            "broken-link es-ES/customer-support.md:51",
            "link-mismatch es-ES/customer-support.md:51 source en-US/customer-support.md:46",
        ])
    }

    @Test func linkingToAMissingAnchorIsABrokenAnchor() throws {
        let tree = try Mutated()
        defer { tree.remove() }
        try tree.replace("(provide-technical-support.md)", with: "(provide-technical-support.md#no-such-anchor)", in: tree.source)
        try tree.replace("(provide-technical-support.md)", with: "(provide-technical-support.md#no-such-anchor)", in: tree.translation)
        #expect(tree.findings() == ["broken-anchor en-US/customer-support.md:46"])
    }

    @Test func manglingAReferenceLabelIsAnUndefinedReference() throws {
        let tree = try Mutated()
        defer { tree.remove() }
        try tree.replace("[Provide technical support](provide-technical-support.md)",
                         with: "[Provide technical support][]", in: tree.source)
        try tree.replace("[Proporcionar soporte técnico](provide-technical-support.md)",
                         with: "[Proporcionar  soporte técnico.][]", in: tree.translation)
        let definitions = [
            (tree.source, "[Provide technical support]: provide-technical-support.md"),
            (tree.translation, "[Proporcionar soporte técnico]: provide-technical-support.md"),
        ]
        for (file, definition) in definitions {
            let text = String(decoding: try FileSystem.read(file), as: UTF8.self) + "\n" + definition + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
        let findings = LinkTestCorpus.run(Self.rules, on: LinkTestCorpus.load(tree.root, source: "en-US"))
        #expect(findings.map(\.rule) == ["undefined-reference"])
        #expect(findings.first?.location.line == 51)
        #expect(findings.first?.message.contains("did you mean [Proporcionar soporte técnico]") == true)
    }

    @Test func editingTheSourceAfterStampingMakesItsTranslationsStale() throws {
        let tree = try Mutated()
        defer { tree.remove() }
        let configuration = Configuration(contentRoot: tree.root, sourceLocale: "en-US")
        try SourceHashStamp.apply(try SourceHashStamp.plan(configuration))
        #expect(tree.findings() == [])
        try tree.replace("Customer self-support", with: "Customer self-help", in: tree.source)
        // Every translation of that article, at its new `source-hash` line; no other article.
        #expect(tree.findings() == ["es-ES", "ja-JP", "pt-BR", "zh-CN"].map {
            "stale-translation \($0)/customer-support.md:14 source en-US/customer-support.md:1"
        })
    }

    // MARK: - The shared corpus

    @Test(.enabled(if: LinkTestCorpus.isAvailable, "needs ../shared/corpus"),
          arguments: ["es-ES", "pt-BR", "de-DE", "fr-FR", "ja-JP", "zh-CN"])
    func partnerCenterHasNoDriftOnlyTheBrokenLinksOfTheRenamedFiles(source: String) {
        let root = LinkTestCorpus.root + "/partner-center-china"
        let content = LinkTestCorpus.load(root, source: source)
        let findings = LinkTestCorpus.run(Self.rules, on: content)
        LinkTestCorpus.printIfAsked(findings, relativeTo: root)
        // Files were renamed `China-*.md` when archived; links kept the old names. Each broken
        // link is reported once, in the source locale, naming the renamed file. Three of them are
        // Markdown links inside raw HTML table cells (China-multichannel.md and
        // China-non-payment-fraud-or-misuse.md), read since HTML blocks are.
        #expect(Self.counts(findings) == ["broken-link \(source)": 91])
        // Lines 38 and 42 are inside its table (lines 30 to 45); 49 and 50, Markdown links after it.
        let inHTMLCells = findings.filter { $0.location.file.hasSuffix("China-non-payment-fraud-or-misuse.md") }
        #expect(inHTMLCells.map(\.location.line) == [38, 42, 49, 50])
        #expect(findings.allSatisfy { $0.message.contains("; did you mean 'China-") })
    }

    @Test(.enabled(if: LinkTestCorpus.isAvailable, "needs ../shared/corpus"))
    func powershellFindingsAreTheKnownRealDefects() throws {
        let root = LinkTestCorpus.root + "/powershell"
        let content = LinkTestCorpus.load(root, source: "en-US")
        let findings = LinkTestCorpus.run(Self.rules, on: content)
        LinkTestCorpus.printIfAsked(findings, relativeTo: root)
        // Each reviewed by eye (see the branch's report):
        // - broken-link: links to pages renamed or removed in the source repository (served on the
        //   live site by redirects Concord does not know), all in en-US; French copies them.
        // - broken-anchor: '#notes' kept in French pages whose heading became '## Remarques'.
        // - link-mismatch: links the French lost ('[`PSUseCompatibleCommands`][]' with a quoted
        //   label) or never got (a note added to the English install pages later).
        // - undefined-reference: labels mangled or translated by machine translation, and a few
        //   broken references of the English source.
        #expect(Self.counts(findings) == [
            "broken-anchor fr-FR": 16,
            "broken-link en-US": 346,
            "link-mismatch fr-FR": 11,
            "undefined-reference en-US": 4,
            "undefined-reference fr-FR": 19,
        ])
        let int32 = findings.filter { $0.location.file.hasSuffix("fr-FR/docs-conceptual/developer/cmdlet/validatecount-attribute-declaration.md") }
        #expect(int32.map(\.location.line) == [25, 27, 31, 37])
        #expect(int32.first?.message == "'[System. Int32][]' is not a link: no definition for 'System. Int32'; "
            + "did you mean [System.Int32] (line 54)? The labels differ only in spacing.")
    }
}
