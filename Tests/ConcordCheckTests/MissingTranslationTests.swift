import ConcordCheck
import ConcordModel
import Foundation
import Testing

@Suite struct MissingTranslationTests {
    let rule = MissingTranslation()

    @Test func pairedArticlesGiveNone() throws {
        #expect(try Sample.findings(rule, source: Sample.source, translation: Sample.translation).isEmpty)
    }

    @Test func deletedTranslationIsReportedOnItsWouldBePath() throws {
        let content = try Sample.content([
            "en-US/customer-support.md": Sample.source,
            "en-US/suspend-a-subscription.md": Sample.text("en-US", "suspend-a-subscription.md"),
            "es-ES/suspend-a-subscription.md": Sample.text("es-ES", "suspend-a-subscription.md"),
        ])
        let found = Sample.findings(rule, in: content)
        #expect(found.map(Sample.places) == ["content/es-ES/customer-support.md:1 <- content/en-US/customer-support.md:1"])
        #expect(found.first?.message == "no es-ES translation of content/en-US/customer-support.md; expected at this path")
        #expect(found.first?.severity == .warning)
        #expect(found.first?.locale == "es-ES")
    }

    @Test func wholeSampleHasEveryTranslation() {
        let content = ContentSet.load(Configuration(contentRoot: Corpus.sampleContent, sourceLocale: "en-US"))
        #expect(content.translationLocales.count == 4)
        #expect(Sample.findings(rule, in: content).isEmpty)
    }

    @Test func aTranslationThatCannotBeLoadedIsNotAlsoMissing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-binary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, bytes) in [("en-US/a.md", Array("# A\n".utf8)), ("es-ES/a.md", [0, 1, 2])] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let content = ContentSet.load(Configuration(contentRoot: root.path, sourceLocale: "en-US"))
        #expect(CheckEngine().run(content).map(\.rule) == ["binary-file"])
    }

    @Test func aLocaleFolderThatCannotBeReadIsUnreadableNotEmpty() throws {
        // Root reads any folder whatever its mode, so the unreadable folder here is a file where
        // the folder should be: opendir fails on it as on a folder without permission.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-unreadable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("en-US"), withIntermediateDirectories: true)
        try Data("# A\n".utf8).write(to: root.appendingPathComponent("en-US/a.md"))
        try Data().write(to: root.appendingPathComponent("fr-FR"))
        let content = ContentSet.load(Configuration(contentRoot: root.path, sourceLocale: "en-US", locales: ["en-US", "fr-FR"]))
        let found = CheckEngine().run(content)
        #expect(found.map(\.rule) == ["unreadable-file"])
        #expect(found.first?.location.file == root.path + "/fr-FR")
        #expect(found.first?.message.hasPrefix("cannot read folder: ") == true)
    }
}
