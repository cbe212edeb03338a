import Foundation
import Testing
import ConcordModel
@testable import ConcordCheck

@Suite("stale-translation")
struct StaleTranslationTests {
    /// A content tree on disk: an en-US source and its es-ES translation.
    struct Tree {
        let root: String
        var content: String { root + "/content" }
        var configuration: Configuration { Configuration(contentRoot: content, sourceLocale: "en-US") }

        init(source: String, translation: String) throws {
            root = try LinkFixtures.temporaryFolder()
            try LinkFixtures.write(source, to: "content/en-US/a.md", in: root)
            try LinkFixtures.write(translation, to: "content/es-ES/a.md", in: root)
        }

        func findings() -> [Diagnostic] {
            LinkFixtures.findings(StaleTranslation(), ContentSet.load(configuration))
        }

        func git(_ arguments: String...) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.com",
                                 "-c", "commit.gpgsign=false"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments)")
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static let gitIsAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/git")
        || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/git")

    @Test func editingTheSourceAfterStampingMakesTheTranslationStale() throws {
        let tree = try Tree(source: "---\ntitle: A\n---\n# A\n\nFour steps.\n", translation: "---\ntitle: A\n---\n# A\n\nCuatro pasos.\n")
        defer { tree.remove() }
        #expect(tree.findings().isEmpty, "an unstamped translation says nothing")

        try SourceHashStamp.apply(try SourceHashStamp.plan(tree.configuration))
        #expect(tree.findings().isEmpty, "a freshly stamped translation is current")

        // Metadata and trailing white space are not content.
        try LinkFixtures.write("---\ntitle: A, renamed\nms.date: 2/2/2022\n---\n# A  \n\nFour steps.\n", to: "content/en-US/a.md", in: tree.root)
        #expect(tree.findings().isEmpty)

        try LinkFixtures.write("---\ntitle: A\n---\n# A\n\nFive steps.\n", to: "content/en-US/a.md", in: tree.root)
        let findings = tree.findings()
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.location == FileLocation(file: tree.content + "/es-ES/a.md", line: 3))
        #expect(finding.source == FileLocation(file: tree.content + "/en-US/a.md", line: 1))
        #expect(finding.message.hasPrefix("source changed since this translation was stamped: source-hash "))

        try SourceHashStamp.apply(try SourceHashStamp.plan(tree.configuration))
        #expect(tree.findings().isEmpty, "stamping again after updating clears it")
    }

    @Test(.enabled(if: gitIsAvailable, "needs git"))
    func aSourceChangedSinceTheTranslationsCommitIsReportedWithItsLineCount() throws {
        let tree = try Tree(source: "# A\n\nOne.\n\nTwo.\n", translation: "# A\n")
        defer { tree.remove() }
        _ = try tree.git("init", "-q")
        _ = try tree.git("add", ".")
        _ = try tree.git("commit", "-q", "-m", "first")
        let commit = try tree.git("rev-parse", "HEAD")
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commit)\n---\n# A\n\nUno.\n", to: "content/es-ES/a.md", in: tree.root)
        #expect(tree.findings().isEmpty, "the source has not changed since the commit")

        try LinkFixtures.write("# A\n\nOne, edited.\n\nTwo.\n\nThree.\n", to: "content/en-US/a.md", in: tree.root)
        let findings = tree.findings()
        #expect(findings.map(\.message) == [
            "source \(tree.content)/en-US/a.md changed since commit \(commit.prefix(12)) this translation was made from "
                + "(ms.sourcegitcommit): 3 lines added, 1 line removed; section *A*: changed",
        ])
        #expect(findings.first?.location.line == 2)
    }

    @Test(.enabled(if: gitIsAvailable, "needs git"))
    func aCommitGitDoesNotKnowOrAnUnsafeOneSaysNothing() throws {
        let tree = try Tree(source: "# A\n", translation: "---\nms.sourcegitcommit: b1ab80345b4e4af649fb8cc51d96d798e0791ade\n---\n# A\n")
        defer { tree.remove() }
        _ = try tree.git("init", "-q")
        _ = try tree.git("add", ".")
        _ = try tree.git("commit", "-q", "-m", "first")
        try LinkFixtures.write("# A, edited\n", to: "content/en-US/a.md", in: tree.root)
        #expect(tree.findings().isEmpty)
        #expect(!GitHistory.isCommitID("--output=/tmp/x"))
        #expect(!GitHistory.isCommitID("HEAD~1"))
        #expect(GitHistory.isCommitID("b1ab803"))
    }

    @Test func outsideAGitWorkTreeGitIsNotAsked() throws {
        let tree = try Tree(source: "# A\n", translation: "---\nms.sourcegitcommit: b1ab80345b4e\n---\n# A\n")
        defer { tree.remove() }
        #expect(!GitHistory.isInWorkTree(tree.content + "/en-US"))
        #expect(tree.findings().isEmpty)
    }

    @Test func theHashWinsOverTheCommit() throws {
        let source = "# A\n"
        let hash = SourceHash.of(file: Array(source.utf8))
        let tree = try Tree(source: source, translation: "---\nms.sourcegitcommit: 0000000\nsource-hash: \(hash)\n---\n# A\n")
        defer { tree.remove() }
        #expect(tree.findings().isEmpty)
    }

    static let install = """
        # Install

        ## Prerequisites

        A machine.

        ## Install on Windows

        **To install**

        1. Download the package.
        2. Run the installer.
        3. Restart.

        ## Uninstall

        Remove it.

        """

    @Test(.enabled(if: gitIsAvailable, "needs git"))
    func theFindingNamesTheSectionsAndStepsThatChanged() throws {
        let tree = try Tree(source: Self.install, translation: "# Installer\n")
        defer { tree.remove() }
        _ = try tree.git("init", "-q")
        _ = try tree.git("add", ".")
        _ = try tree.git("commit", "-q", "-m", "first")
        let commit = try tree.git("rev-parse", "HEAD")
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commit)\n---\n# Installer\n", to: "content/es-ES/a.md", in: tree.root)
        let edited = try Self.install
            .replacingOnce("2. Run the installer.", with: "2. Run the installer as an administrator.")
            .replacingOnce("3. Restart.", with: "3. Restart the machine.\n4. Sign in.")
            .replacingOnce("## Uninstall\n\nRemove it.\n", with: "## Update\n\nRun it again.\n")
        try LinkFixtures.write(edited, to: "content/en-US/a.md", in: tree.root)
        let message = try #require(tree.findings().first?.message)
        #expect(message.hasSuffix(
            "; section *Install on Windows*: steps 2 and 3 changed, step 4 added; section *Update* added; section *Uninstall* removed"),
            "\(message)")
    }

    @Test(.enabled(if: gitIsAvailable, "needs git"))
    func everyCommitIsAnsweredFromOneAskingOfGit() throws {
        // Three translations name three commits; each is compared with its own.
        let tree = try Tree(source: "# A\n\nOne.\n", translation: "# A\n")
        defer { tree.remove() }
        _ = try tree.git("init", "-q")
        var commits: [String] = []
        for (index, text) in ["# A\n\nOne.\n", "# A\n\nOne.\n\nTwo.\n", "# A\n\nOne.\n\nTwo.\n\nThree.\n"].enumerated() {
            try LinkFixtures.write(text, to: "content/en-US/a.md", in: tree.root)
            try LinkFixtures.write("# B\(index)\n", to: "content/en-US/b\(index).md", in: tree.root)
            _ = try tree.git("add", ".")
            _ = try tree.git("commit", "-q", "-m", "v\(index)")
            commits.append(try tree.git("rev-parse", "HEAD"))
        }
        for locale in ["es-ES", "fr-FR", "de-DE"] { try? FileManager.default.removeItem(atPath: tree.content + "/\(locale)") }
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commits[0])\n---\n# A\n", to: "content/es-ES/a.md", in: tree.root)
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commits[1].uppercased())\n---\n# A\n", to: "content/fr-FR/a.md", in: tree.root)
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commits[2].prefix(10))\n---\n# A\n", to: "content/de-DE/a.md", in: tree.root)
        // b2.md did not exist at the first commit.
        try LinkFixtures.write("---\nms.sourcegitcommit: \(commits[0])\n---\n# B\n", to: "content/es-ES/b2.md", in: tree.root)
        let found = tree.findings()
        #expect(found.map { String($0.location.file.dropFirst(tree.content.count)) } == ["/es-ES/a.md", "/es-ES/b2.md", "/fr-FR/a.md"],
                "de-DE is current")
        guard found.count == 3 else { return }
        #expect(found[0].message.hasSuffix("since commit \(commits[0].prefix(12)) this translation was made from (ms.sourcegitcommit): "
            + "4 lines added, 0 lines removed; section *A*: changed"))
        #expect(found[1].message == "source \(tree.content)/en-US/b2.md did not exist at commit \(commits[0].prefix(12)) this translation was made from (ms.sourcegitcommit)")
        #expect(found[2].message.hasSuffix("since commit \(commits[1].uppercased().prefix(12)) this translation was made from (ms.sourcegitcommit): "
            + "2 lines added, 0 lines removed; section *A*: changed"))
    }
}
