import ConcordCheck
import ConcordModel
@testable import ConcordTranslation
import Foundation
import Testing

/// The XLIFF and PO a translation system receives, judged by the tools that read them.
@Suite struct HandoffExportTests {
    private func write(_ text: String, _ name: String) throws -> String {
        let file = try Place.temporaryFolder() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test func theSampleExportIsDeterministicWithTargetsFromTheTranslation() throws {
        let configuration = try Place.sample()
        let first = try TranslationExport.handoff(configuration, locale: "es-ES").handoff
        let second = try TranslationExport.handoff(configuration, locale: "es-ES").handoff
        let xliff = XLIFFWriter.document(first)
        #expect(xliff == XLIFFWriter.document(second))
        #expect(POWriter.document(first) == POWriter.document(second))
        #expect(first.files.count == 9)
        let counts = first.counts
        #expect(counts.units > 150 && counts.final == counts.units, "\(counts)")
        #expect(xliff.contains("<file id=\"f4\" original=\"customer-support.md\">"))
        #expect(xliff.contains("name=\"customer-support.md#getting-customer-support/procedure-1/step-2\""))
        #expect(xliff.contains("<segment id=\"s1\" state=\"final\"><source xml:space=\"preserve\">Select <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1e\" type=\"fmt\" subType=\"xlf:b\">New request</pc>."))
        #expect(xliff.contains("<note category=\"context\">Step 2 of 3.</note>"))
    }

    @Test(.enabled(if: Place.hasSchemas, "needs ../shared/xliff-2.1-schemas"), .enabled(if: Judges.hasXmllint, Judges.noXmllint))
    func theSampleExportValidatesAgainstTheOASISSchemas() throws {
        let configuration = try Place.sample()
        for locale in ["es-ES", "ja-JP"] {
            let file = try write(XLIFFWriter.document(try TranslationExport.handoff(configuration, locale: locale).handoff), "sample-\(locale).xlf")
            let problems = try Judges.xliffProblems(file)
            #expect(problems.isEmpty, "\(problems.prefix(3000))")
        }
    }

    @Test(.enabled(if: Place.hasSchemas && Place.hasCorpus, "needs ../shared/corpus and ../shared/xliff-2.1-schemas"),
          .enabled(if: Judges.hasXmllint, Judges.noXmllint), arguments: ["pt-BR", "ja-JP"])
    func partnerCenterExportsValidate(locale: String) throws {
        let configuration = Configuration(contentRoot: Place.corpus + "/partner-center-china", sourceLocale: "es-ES")
        let handoff = try TranslationExport.handoff(configuration, locale: locale).handoff
        #expect(handoff.files.count == 35)
        let file = try write(XLIFFWriter.document(handoff), "pcc-\(locale).xlf")
        let problems = try Judges.xliffProblems(file)
        #expect(problems.isEmpty, "\(problems.prefix(3000))")
        if Judges.hasMsgfmt {
            let po = try write(POWriter.document(handoff), "pcc-\(locale).po")
            let found = try Judges.poProblems(po)
            #expect(found.isEmpty, "\(found.prefix(3000))")
        }
    }

    /// A slice of the PowerShell corpus (reference pages with code, tables and many links),
    /// copied to a tree of its own so the test reads forty articles, not 2,614.
    @Test(.enabled(if: Place.hasSchemas && Place.hasCorpus, "needs ../shared/corpus and ../shared/xliff-2.1-schemas"),
          .enabled(if: Judges.hasXmllint, Judges.noXmllint))
    func aSliceOfPowerShellValidates() throws {
        let source = Place.corpus + "/powershell"
        let folder = "7.1/Microsoft.PowerShell.Utility"
        let names = try FileManager.default.contentsOfDirectory(atPath: source + "/en-US/" + folder).filter { $0.hasSuffix(".md") }.sorted().prefix(40)
        let root = try Place.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for locale in ["en-US", "fr-FR"] {
            try FileManager.default.createDirectory(atPath: root + "/\(locale)/" + folder, withIntermediateDirectories: true)
            for name in names where FileManager.default.fileExists(atPath: source + "/\(locale)/\(folder)/\(name)") {
                try FileManager.default.copyItem(atPath: source + "/\(locale)/\(folder)/\(name)", toPath: root + "/\(locale)/\(folder)/\(name)")
            }
        }
        let handoff = try TranslationExport.handoff(Configuration(contentRoot: root, sourceLocale: "en-US"), locale: "fr-FR").handoff
        #expect(handoff.files.count == names.count)
        #expect(handoff.counts.final > handoff.counts.units / 2, "\(handoff.counts)")
        let file = try write(XLIFFWriter.document(handoff), "powershell-fr-FR.xlf")
        let problems = try Judges.xliffProblems(file)
        #expect(problems.isEmpty, "\(problems.prefix(3000))")
    }

    @Test(.enabled(if: Judges.hasMsgfmt, "msgfmt is not installed (Debian gettext; scripts/bootstrap --test)"))
    func thePOPassesMsgfmt() throws {
        let handoff = try TranslationExport.handoff(try Place.sample(), locale: "es-ES").handoff
        let po = POWriter.document(handoff)
        #expect(po.contains("msgctxt \"customer-support.md#getting-customer-support/procedure-1/step-2\"\nmsgid \"Select {1}New request{/1}."))
        let problems = try Judges.poProblems(try write(po, "sample-es-ES.po"))
        #expect(problems.isEmpty, "\(problems.prefix(3000))")
    }

    @Test(.enabled(if: Judges.hasPolib, "python3 polib is not installed (pip install polib; scripts/bootstrap --test)"))
    func polibReadsEveryUnit() throws {
        let handoff = try TranslationExport.handoff(try Place.sample(), locale: "es-ES").handoff
        let entries = try Judges.polibEntries(try write(POWriter.document(handoff), "sample-es-ES.po"))
        #expect(entries.count == handoff.counts.units)
        let ids = handoff.files.flatMap { file in file.units.map { $0.source.qualifiedID(path: file.path) } }
        #expect(entries.map { $0[0] } == ids)
        #expect(entries.allSatisfy { !$0[3].isEmpty })
        let step = entries.first { $0[0] == "customer-support.md#getting-customer-support/procedure-1/step-2" }
        #expect(step?[2] == "Select {1}New request{/1}. You'll be taken to the 21Vianet support request form.")
    }

    @Test func aStaleTranslationGivesCandidatesAndChangedOnlyKeepsThem() throws {
        let fixture = try Fixture([
            "en-US/a.md": "# <a name=\"a\"></a>Title\n\nFirst paragraph.\n\n## <a name=\"b\"></a>Part\n\nSecond paragraph, changed.\n",
            "es-ES/a.md": "---\nsource-hash: 0000000000000000000000000000000000000000000000000000000000000000\n---\n# <a name=\"a\"></a>Título\n\nPrimer párrafo.\n\n## <a name=\"b\"></a>Parte\n\nSegundo párrafo.\n",
            "en-US/b.md": "# <a name=\"b\"></a>New\n\nNot translated yet.\n",
        ])
        defer { fixture.remove() }
        let handoff = try TranslationExport.handoff(fixture.configuration, locale: "es-ES").handoff
        let units = handoff.files.flatMap(\.units)
        #expect(units.allSatisfy { $0.state == .initial && $0.target == nil })
        #expect(units.filter { $0.candidate != nil }.map(\.source.id) == ["a", "a/p-1", "b", "b/p-1"])
        #expect(handoff.changedOnly.counts.units == units.count)
        let xliff = XLIFFWriter.document(handoff)
        #expect(xliff.contains("<mtc:match ref=\"#s1\" type=\"tm\" origin=\"concord:previous-translation\"><source xml:space=\"preserve\">Second paragraph, changed.</source><target xml:space=\"preserve\">Segundo párrafo.</target></mtc:match>"))
        let po = POWriter.document(handoff)
        #expect(po.contains("#, fuzzy\nmsgctxt \"a.md#b/p-1\"\nmsgid \"Second paragraph, changed.\"\nmsgstr \"Segundo párrafo.\""))
    }

    @Test func escapingCoversEveryValue() {
        #expect(XMLEscaping.escape("a<b>&\"c'\u{1}\n") == "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}&#10;")
    }
}

/// A stale translation's changed units, told apart from its unchanged ones by the version of
/// the source git still has.
@Suite struct StaleTranslationHandoffTests {
    @Test(.enabled(if: Tool.exists("git"), "needs git"))
    func onlyTheUnitsThatChangedSinceTheTranslationAreInitial() throws {
        let version1 = "# <a name=\"a\"></a>Title\n\nFirst paragraph.\n\n## <a name=\"b\"></a>Part\n\nSecond paragraph.\n"
        let version2 = version1.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, changed.")
        let hash = SourceHash.of(file: Array(version1.utf8))
        let fixture = try Fixture([
            "en-US/a.md": version1,
            "es-ES/a.md": "---\nsource-hash: \(hash)\n---\n# <a name=\"a\"></a>Título\n\nPrimer párrafo.\n\n## <a name=\"b\"></a>Parte\n\nSegundo párrafo.\n",
        ])
        defer { fixture.remove() }
        func git(_ arguments: String...) throws {
            let result = try Tool.run("/usr/bin/env", ["git", "-C", fixture.root, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments)
            try #require(result.status == 0, "\(arguments): \(result.output)")
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "v1")
        try Data(version2.utf8).write(to: URL(fileURLWithPath: fixture.root + "/en-US/a.md"))
        try git("commit", "-q", "-am", "v2")

        let handoff = try TranslationExport.handoff(fixture.configuration, locale: "es-ES").handoff
        let units = Dictionary(uniqueKeysWithValues: handoff.files[0].units.map { ($0.source.id, $0) })
        #expect(units["a"]?.state == .final && units["a/p-1"]?.target?.text == "Primer párrafo.")
        #expect(units["b"]?.state == .final)
        let changed = try #require(units["b/p-1"])
        #expect(changed.state == .initial && changed.target == nil)
        #expect(changed.candidate?.previousSource?.text == "Second paragraph.")
        #expect(changed.candidate?.target.text == "Segundo párrafo.")
        #expect(handoff.changedOnly.counts.units == 1)
        let po = POWriter.document(handoff)
        #expect(po.contains("#, fuzzy\n#| msgctxt \"a.md#b/p-1\"\n#| msgid \"Second paragraph.\"\nmsgctxt \"a.md#b/p-1\"\nmsgid \"Second paragraph, changed.\"\nmsgstr \"Segundo párrafo.\""))
    }
}

/// Content can multiply units: an article gives at most ``ArticleSegmenter/maximumUnits``, and a warning says so.
@Suite struct UnitLimitTests {
    @Test func anArticleOverTheLimitIsCutWithAWarning() throws {
        let body = (1...(ArticleSegmenter.maximumUnits + 50)).map { "Paragraph \($0)." }.joined(separator: "\n\n")
        let fixture = try Fixture(["en-US/big.md": body + "\n", "en-US/small.md": "Text.\n", "es-ES/small.md": "Texto.\n"])
        defer { fixture.remove() }
        let (handoff, diagnostics) = try TranslationExport.handoff(fixture.configuration, locale: "es-ES")
        #expect(handoff.files.first { $0.path == "big.md" }?.units.count == ArticleSegmenter.maximumUnits)
        #expect(diagnostics.map(\.rule) == ["translation-unit-limit"])
        #expect(diagnostics.first?.location.file.hasSuffix("en-US/big.md") == true)
        #expect(handoff.files.first { $0.path == "small.md" }?.units.first?.target?.text == "Texto.")
    }
}

/// A translation that names the commit it was made from (`ms.sourcegitcommit`) and no
/// `source-hash`: git's version of the source at that commit tells its changed units apart.
@Suite struct SourceGitCommitHandoffTests {
    @Test(.enabled(if: Tool.exists("git"), "needs git"))
    func theSourceAtTheNamedCommitIsTheCandidatesSource() throws {
        let version1 = "# <a name=\"a\"></a>Title\n\nFirst [paragraph](b.md).\n\n## <a name=\"b\"></a>Part\n\nSecond paragraph.\n"
        let fixture = try Fixture(["en-US/a.md": version1, "en-US/b.md": "# B\n\nSame text.\n"])
        defer { fixture.remove() }
        func git(_ arguments: String...) throws -> String {
            let result = try Tool.run("/usr/bin/env", ["git", "-C", fixture.root, "-c", "user.name=t", "-c", "user.email=t@example.com",
                                                       "-c", "commit.gpgsign=false"] + arguments)
            try #require(result.status == 0, "\(arguments): \(result.output)")
            return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git("init", "-q")
        _ = try git("add", ".")
        _ = try git("commit", "-q", "-m", "v1")
        let commit = try git("rev-parse", "HEAD")
        let translations = [
            "es-ES/a.md": "---\nms.sourcegitcommit: \(commit)\n---\n# <a name=\"a\"></a>Título\n\nPrimer párrafo.\n\n## <a name=\"b\"></a>Parte\n\nSegundo párrafo.\n",
            "es-ES/b.md": "---\nms.sourcegitcommit: \(commit)\n---\n# B\n\nEl mismo texto.\n",
            // A source added after the commit the translation names: its earlier version is not known.
            "es-ES/c.md": "---\nms.sourcegitcommit: \(commit)\n---\n# C\n\nTexto nuevo.\n",
            // A commit of another repository says nothing: the translation is taken as in sync.
            "es-ES/d.md": "---\nms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567\n---\n# D\n\nOtro texto.\n",
        ]
        var files = translations
        files["en-US/a.md"] = version1.replacingOccurrences(of: "Second paragraph.", with: "Second paragraph, changed.")
        files["en-US/c.md"] = "# C\n\nNew text.\n"
        files["en-US/d.md"] = "# D\n\nOther text.\n"
        try FileManager.default.createDirectory(atPath: fixture.root + "/es-ES", withIntermediateDirectories: true)
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: fixture.root + "/" + path)) }
        _ = try git("add", ".")
        _ = try git("commit", "-q", "-m", "v2")

        let handoff = try TranslationExport.handoff(fixture.configuration, locale: "es-ES").handoff
        let units = Dictionary(uniqueKeysWithValues: handoff.files.flatMap { file in file.units.map { ("\(file.path)#\($0.source.id)", $0) } })
        #expect(units["a.md#a"]?.state == .final && units["a.md#a"]?.target?.text == "Título")
        // Unchanged since the commit, but the translation lost the link: a candidate for that reason, not a change.
        let unchanged = try #require(units["a.md#a/p-1"])
        #expect(unchanged.state == .initial && unchanged.candidate?.sourceChanged == false && unchanged.candidate?.target.text == "Primer párrafo.")
        let changed = try #require(units["a.md#b/p-1"])
        #expect(changed.state == .initial && changed.target == nil && changed.candidate?.sourceChanged == true)
        #expect(changed.candidate?.previousSource?.text == "Second paragraph.")
        #expect(changed.candidate?.target.text == "Segundo párrafo.")
        #expect(units["b.md#b/p-1"]?.state == .final)
        let unknown = try #require(units["c.md#c/p-1"])
        #expect(unknown.state == .initial && unknown.candidate?.previousSource == nil && unknown.candidate?.target.text == "Texto nuevo.")
        #expect(units["d.md#d/p-1"]?.state == .final)

        // --changed-only on the tree: the changed unit and the unknown article's, nothing in sync.
        let changedOnly = handoff.changedOnly
        #expect(Set(changedOnly.files.flatMap { file in file.units.map { "\(file.path)#\($0.source.id)" } })
                == ["a.md#a/p-1", "a.md#b/p-1", "c.md#c", "c.md#c/p-1"])
        let xliff = XLIFFWriter.document(changedOnly)
        #expect(xliff.contains("origin=\"concord:previous-translation\"><source xml:space=\"preserve\">Second paragraph.</source><target xml:space=\"preserve\">Segundo párrafo.</target>"))
        #expect(xliff.contains("<segment id=\"s1\" state=\"initial\"><source xml:space=\"preserve\">Second paragraph, changed.</source></segment>"))
        // What `concord export xliff --changed-only` writes: the same, streamed.
        var streamed: [UInt8] = []
        let written = TranslationExport.write(try TranslationExport.load(fixture.configuration, locale: "es-ES"), format: .xliff, changedOnly: true) {
            streamed += $0
        }
        #expect(String(decoding: streamed, as: UTF8.self) == xliff && written.units == 4)
    }
}
