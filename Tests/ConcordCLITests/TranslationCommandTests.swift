import Foundation
import Testing
@testable import ConcordCLI

/// `concord export xliff` and `concord import` as a CI job runs them: files written, exit codes.
@Suite("Translation commands", .serialized)
struct TranslationCommandTests {
    private func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("concord-handoff-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/en-US", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/es-ES", withIntermediateDirectories: true)
        try Data("# <a name=\"a\"></a>Title\n\nSelect **Save** for `24` hours.\n".utf8).write(to: URL(fileURLWithPath: path + "/en-US/a.md"))
        try Data("# <a name=\"a\"></a>Título\n\nSeleccione **Guardar** durante `24` horas.\n".utf8).write(to: URL(fileURLWithPath: path + "/es-ES/a.md"))
        return path
    }

    @Test func exportThenImportWritesTheArticleAndABrokenUnitExitsOne() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let xliff = root + "/es-ES.xlf", po = root + "/es-ES.po", out = root + "/out"
        #expect(ConcordCommand.execute(["export", "xliff", "--content", root, "--locale", "es-ES", "--output", xliff]) == 0)
        #expect(ConcordCommand.execute(["export", "xliff", "--content", root, "--locale", "es-ES", "--format", "po", "--output", po]) == 0)
        let text = try String(contentsOfFile: xliff, encoding: .utf8)
        #expect(text.contains("trgLang=\"es-ES\"") && text.contains("state=\"final\""))
        #expect(try String(contentsOfFile: po, encoding: .utf8).contains("msgctxt \"a.md#a/p-1\""))

        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(ConcordCommand.execute(["import", xliff, "--content", root, "--output", out]) == 0)
        let written = try String(contentsOfFile: out + "/a.md", encoding: .utf8)
        #expect(written.contains("Seleccione **Guardar** durante `24` horas."))
        #expect(written.contains("ms.contentlocale: es-ES") && written.contains("source-hash: "))

        // The translator deleted the code span: refused, exit 1, nothing written.
        let broken = root + "/broken.xlf"
        // Only the target's placeholder is renamed, then removed: the source keeps its own.
        let deleted = text.replacingOccurrences(of: "durante <ph id=\"2\"", with: "durante <phx id=\"2\"")
        try Data(deleted.replacingOccurrences(of: #"<phx id="2" dataRef="d2" type="other" subType="concord:code" canDelete="no" disp="24"/>"#, with: "").utf8)
            .write(to: URL(fileURLWithPath: broken))
        try FileManager.default.removeItem(atPath: out + "/a.md")
        #expect(ConcordCommand.execute(["import", broken, "--content", root, "--output", out]) == 1)
        #expect(!FileManager.default.fileExists(atPath: out + "/a.md"))
        #expect(ConcordCommand.execute(["import", broken, "--content", root, "--output", out, "--dry-run", "--force"]) == 0)
        #expect(!FileManager.default.fileExists(atPath: out + "/a.md"))
    }

    @Test func anUnreadableDocumentOrAnUnknownLocaleExitsTwo() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(ConcordCommand.execute(["export", "xliff", "--content", root, "--locale", "fr-FR"]) == 2)
        #expect(ConcordCommand.execute(["export", "xliff", "--content", root, "--locale", "en-US"]) == 2)
        try Data("<xliff".utf8).write(to: URL(fileURLWithPath: root + "/bad.xlf"))
        #expect(ConcordCommand.execute(["import", root + "/bad.xlf", "--content", root, "--dry-run"]) == 2)
    }
}
