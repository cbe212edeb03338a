import ConcordCheck
import ConcordModel
import ConcordRender
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordBuild

/// A temporary content tree for the cache's parts.
private final class Tree {
    let root = NSTemporaryDirectory() + "concord-cache-\(UUID().uuidString)"

    init(_ files: [String: String]) throws {
        for (path, text) in files { try write(path, text) }
    }

    /// The configuration of the tree as it is now (its locales are the folders found).
    var configuration: Configuration {
        var configuration = Configuration(contentRoot: root + "/content", sourceLocale: "en-US")
        configuration.templates = root + "/templates"
        return configuration
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/content/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    var content: ContentSet { ContentSet.load(configuration) }
}

private let article = "---\ntitle: Start\n---\n# Start\n\nText.\n"
private let other = "---\ntitle: Other\n---\n# Other\n\nMore text.\n"

@Suite("Digests tell inputs apart")
struct DigestTests {
    @Test("values are framed: moving bytes from one value to the next changes the digest")
    func framing() {
        var first = DigestHasher(), second = DigestHasher()
        first.combine("ab")
        first.combine("c")
        second.combine("a")
        second.combine("bc")
        #expect(first.finalize() != second.finalize())
    }

    @Test("the digest of bytes depends on every byte, whatever the length")
    func everyByte() {
        var random = SeededRandom()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 64, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let digest = Digest.of(bytes)
            #expect(Digest.of(bytes) == digest)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 1
                #expect(Digest.of(changed) != digest, "length \(length), byte \(index) (seed \(random.seed))")
            }
            #expect(Digest.of(bytes + [0]) != digest, "a trailing zero byte is seen (length \(length))")
        }
    }

    @Test("a digest written as hex reads back")
    func hex() {
        let digest = Digest.of("concord")
        #expect(digest.description.count == 32)
        #expect(Digest(hex: digest.description) == digest)
        #expect(Digest(hex: "not hex") == nil)
    }
}

@Suite("The input snapshot sees every change and nothing else")
struct InputSnapshotTests {
    @Test("rewriting a file with the same bytes keeps the fingerprint; changing, adding or removing one changes it")
    func fingerprint() throws {
        let tree = try Tree(["en-US/start.md": article, "en-US/media/a.png": "png"])
        let first = InputSnapshot.take(tree.configuration)
        try tree.write("en-US/start.md", article)
        let touched = InputSnapshot.take(tree.configuration, previous: first.files)
        #expect(touched.fingerprint == first.fingerprint)

        try tree.write("en-US/start.md", article + "More.\n")
        let edited = InputSnapshot.take(tree.configuration, previous: touched.files)
        #expect(edited.fingerprint != first.fingerprint)

        try tree.write("en-US/.openpublishing.redirection.json", "{}")
        let added = InputSnapshot.take(tree.configuration, previous: edited.files)
        #expect(added.fingerprint != edited.fingerprint, "hidden files are content too")

        try FileManager.default.removeItem(atPath: tree.root + "/content/en-US/media/a.png")
        #expect(InputSnapshot.take(tree.configuration, previous: added.files).fingerprint != added.fingerprint)
    }

    @Test("Markdown left for the loader to digest gives the same snapshot once completed")
    func deferredMarkdown() throws {
        let tree = try Tree(["en-US/start.md": article, "en-US/TOC.md": "- [Start](start.md)\n", "en-US/toc.yml": "- name: Start\n"])
        let whole = InputSnapshot.take(tree.configuration)
        let deferred = InputSnapshot.take(tree.configuration, deferringMarkdown: true)
        #expect(Set(deferred.pending.keys) == [tree.root + "/content/en-US/start.md", tree.root + "/content/en-US/TOC.md"])
        // Loaded as a build with a cache loads it: only such a load digests the files.
        let content = ContentSet.loadWithDocuments(tree.configuration, recordingForCache: true).content
        #expect(content.digests[tree.root + "/content/en-US/start.md"] == whole.digest(of: tree.root + "/content/en-US/start.md"))
        let completed = deferred.completed(with: content.digests)
        #expect(completed.pending.isEmpty)
        #expect(completed.files == whole.files, "TOC.md, which the loader does not read, is read by the snapshot")
        #expect(completed.fingerprint == whole.fingerprint)
    }

    @Test("a file whose stamp is unchanged is not read again: its recorded digest is kept")
    func stampFirst() throws {
        let tree = try Tree(["en-US/start.md": article])
        let first = InputSnapshot.take(tree.configuration)
        let file = tree.root + "/content/en-US/start.md"
        var recorded = first.files
        recorded[file]?.digest = Digest(high: 1, low: 2)
        #expect(InputSnapshot.take(tree.configuration, previous: recorded).digest(of: file) == Digest(high: 1, low: 2))
    }

    @Test("git's folder and the cache's own folder are not inputs")
    func skippedFolders() throws {
        let tree = try Tree(["en-US/start.md": article, ".git/objects/x": "object", "en-US/.concord/cache/state": "state"])
        let paths = InputSnapshot.take(tree.configuration).files.keys
        #expect(paths.contains(tree.root + "/content/en-US/start.md"))
        #expect(!paths.contains { $0.contains("/.git/objects") || $0.contains("/.concord/") })
    }
}

@Suite("The cache's files read back as they were written")
struct CacheFileTests {
    /// An empty cache in a folder of its own.
    private final class Folder {
        let cache = BuildCache(root: NSTemporaryDirectory() + "concord-cache-files-\(UUID().uuidString)", output: "/site")

        init() throws { try FileSystem.createDirectories(cache.folder) }
        deinit { try? FileManager.default.removeItem(atPath: (cache.folder as NSString).deletingLastPathComponent) }
    }

    private static let emptyReport = BuildCache.CachedReport(
        locales: ["en-US"], diagnostics: [], pages: [:], fallbacks: [:], stale: [:], siteDiagnostics: [], assetsCopied: 0)

    @Test("paths with spaces, line breaks, tabs and percent signs survive the state file")
    func awkwardPaths() throws {
        let folder = try Folder()
        let paths = ["a b/c.md", "line\nbreak.md", "tab\there.md", "100%.md", "%0A.md", "plain.md", "é/ü.md"]
        var inputs: [String: InputSnapshot.Entry] = [:]
        var outputs: [String: FileStamp] = [:]
        for (index, path) in paths.enumerated() {
            inputs[path] = .init(stamp: FileStamp(size: index, modified: 1_700_000_000_123_456_789, inode: UInt64(index) + 10), digest: Digest.of(path))
            outputs[path] = FileStamp(size: index * 2, modified: -5, inode: .max)
        }
        let state = BuildCache.State(fingerprint: Digest.of("f"), inputs: inputs, outputs: outputs, report: Self.emptyReport)
        try folder.cache.write(state, to: "state")
        let decoded = try #require(folder.cache.loadState())
        #expect(decoded.fingerprint == state.fingerprint)
        #expect(decoded.inputs == inputs)
        #expect(decoded.outputs == outputs)
    }

    @Test("a file another Concord or another format wrote, a truncated one, or one with bytes after its value, is not used")
    func foreignOrDamaged() throws {
        let folder = try Folder()
        let state = BuildCache.State(fingerprint: Digest.of("f"), inputs: [:], outputs: ["a.html": FileStamp(size: 1, modified: 2, inode: 3)], report: Self.emptyReport)
        try folder.cache.write(state, to: "state")
        let path = folder.cache.folder + "/state"
        let bytes = try FileSystem.read(path)
        #expect(folder.cache.loadState() != nil)

        var foreign = ModelWriter()
        foreign.write("concord-cache \(BuildCache.formatVersion) 1 2 3")
        foreign.write(state)
        try Data(foreign.bytes).write(to: URL(fileURLWithPath: path))
        #expect(folder.cache.loadState() == nil)

        try Data(bytes.dropLast()).write(to: URL(fileURLWithPath: path))
        #expect(folder.cache.loadState() == nil)
        try Data(bytes + [0]).write(to: URL(fileURLWithPath: path))
        #expect(folder.cache.loadState() == nil)
        try Data("concord-cache 3\nfingerprint 00\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(folder.cache.loadState() == nil)
    }

    @Test("page records keep their key, images, findings and included files")
    func pages() throws {
        let folder = try Folder()
        let finding = Diagnostic(rule: "include-not-found", severity: .warning, locale: "es-ES", location: FileLocation(file: "a.md", line: 3, column: 2), message: "m")
        let record = PageRecord(
            key: Digest.of("k"),
            assets: [AssetCopy(outputPath: "es-ES/media/a.png", sourceFile: "/c/es-ES/media/a.png", reference: FileLocation(file: "a.md", line: 4))],
            diagnostics: [finding], includedFiles: ["es-ES/includes/n.md"])
        let unknown = PageRecord(key: nil, assets: [], diagnostics: [])
        try folder.cache.write(["es-ES/a.html": record, "es-ES/b.html": unknown], to: "pages")
        #expect(folder.cache.loadPages() == ["es-ES/a.html": record, "es-ES/b.html": unknown])
    }

    /// Findings whose text holds line breaks, tabs, `%` and `=`, with every optional field
    /// present, absent, or present and empty.
    static let awkwardFindings = [
        Diagnostic(rule: "number-mismatch", severity: .error, locale: "fr-FR", location: FileLocation(file: "fr-FR/a b.md", line: 12, column: 7),
                   message: "100% here\twhere\nthe source = 90%", source: FileLocation(file: "en-US/a\tb.md", line: 11, column: 1), fingerprint: "=abc"),
        Diagnostic(rule: "invalid-utf8", severity: .note, location: FileLocation(file: "x.md", line: 1), message: ""),
        Diagnostic(rule: "r", severity: .warning, locale: "", location: FileLocation(file: "", line: 0, column: 0), message: "%09", fingerprint: ""),
    ]

    @Test("findings survive the findings file exactly, whatever their text holds")
    func findings() throws {
        let folder = try Folder()
        let entries = ["fr-FR/a b.md": FindingsReuse.Entry(key: Digest.of("k"), findings: Self.awkwardFindings),
                       "none.md": FindingsReuse.Entry(key: Digest.of("n"), findings: [])]
        try folder.cache.write(entries, to: "findings")
        #expect(folder.cache.loadFindings() == entries)
    }

    @Test("the report replayed when nothing changed reads back as it was written, with its state")
    func report() throws {
        let folder = try Folder()
        let report = BuildCache.CachedReport(
            locales: ["en-US", "fr-FR"], diagnostics: Self.awkwardFindings, pages: ["en-US": 3, "fr-FR": 2], fallbacks: ["fr-FR": 1],
            stale: [:], siteDiagnostics: [Self.awkwardFindings[1]], assetsCopied: 4)
        try folder.cache.write(BuildCache.State(fingerprint: Digest.of("f"), inputs: [:], outputs: [:], report: report), to: "state")
        let state = try #require(folder.cache.loadState())
        #expect(state.fingerprint == Digest.of("f"))
        #expect(state.report == report)
    }
}

@Suite("Page keys change exactly when what a page shows can")
struct PageKeyTests {
    private func keys(_ tree: Tree) -> (PageKeys, PagePlan) {
        let content = tree.content
        let plan = PagePlan(content: content, statuses: [:])
        return (PageKeys(plan: plan, content: content, inputs: InputSnapshot.take(tree.configuration), settings: Digest.of("settings")), plan)
    }

    @Test("editing one article's body changes its pages' keys, and no other page's")
    func bodyEdit() throws {
        let tree = try Tree(["en-US/start.md": article, "en-US/other.md": other, "es-ES/start.md": article])
        let (before, plan) = keys(tree)
        try tree.write("es-ES/start.md", article + "Más.\n")
        let (after, _) = keys(tree)
        for job in plan.jobs {
            let changed = before.key(job.pagePath, includedFiles: []) != after.key(job.pagePath, includedFiles: [])
            #expect(changed == (job.pagePath == "es-ES/start.html"), "\(job.pagePath)")
        }
    }

    @Test("retitling an article changes every page of its locale (the navigation lists it) and the fallbacks that show it")
    func retitle() throws {
        let tree = try Tree(["en-US/start.md": article, "en-US/other.md": other, "es-ES/start.md": article])
        let (before, plan) = keys(tree)
        // The title is the first heading's (the front matter's when there is none).
        try tree.write("en-US/other.md", other.replacingOccurrences(of: "# Other", with: "# Renamed"))
        let (after, _) = keys(tree)
        for job in plan.jobs {
            let changed = before.key(job.pagePath, includedFiles: []) != after.key(job.pagePath, includedFiles: [])
            // es-ES shows the source's title for its fallback page of other.md, in its navigation too.
            #expect(changed, "\(job.pagePath)")
        }
    }

    @Test("a page's key covers the files it included: editing one changes it")
    func includes() throws {
        let tree = try Tree(["en-US/start.md": article, "en-US/includes/note.md": "Note.\n"])
        let (before, _) = keys(tree)
        try tree.write("en-US/includes/note.md", "Changed note.\n")
        let (after, _) = keys(tree)
        #expect(before.key("en-US/start.html", includedFiles: []) == after.key("en-US/start.html", includedFiles: []))
        #expect(before.key("en-US/start.html", includedFiles: ["en-US/includes/note.md"]) != after.key("en-US/start.html", includedFiles: ["en-US/includes/note.md"]))
        #expect(after.key("en-US/start.html", includedFiles: ["en-US/includes/gone.md"]) == nil, "an included file that is gone: render again")
    }
}

@Suite("The page plan")
struct PagePlanTests {
    @Test("every source article in every locale (fallbacks where untranslated), then orphans, locales taken in turn")
    func plan() throws {
        let tree = try Tree(["en-US/a.md": article, "en-US/b.md": other, "es-ES/a.md": article, "es-ES/orphan.md": other])
        let plan = PagePlan(content: tree.content, statuses: [:])
        #expect(plan.jobs.map(\.pagePath) == ["en-US/a.html", "es-ES/a.html", "en-US/b.html", "es-ES/b.html", "es-ES/orphan.html"])
        #expect(plan.jobs.map(\.status) == [.current, .current, .current, .fallback, .current])
        #expect(plan.folders == ["assets", "en-US", "es-ES"])
        #expect(PagePlan.interleaved([[1, 2, 3], [10], [20, 21]]) == [1, 10, 20, 2, 21, 3])
    }
}
