import ConcordModel
import ConcordTestSupport
import Foundation
import Testing
@testable import ConcordBuild

/// A build that keeps what it can from the last one must leave exactly what a clean build leaves.
@Suite("Incremental builds equal clean builds")
struct IncrementalBuildTests {
    /// The sample content and templates, copied into a temporary project that the tests edit.
    final class Project {
        let root: String
        var configuration: Configuration
        var cache: String { root + "/.concord/cache" }
        var incremental: String { root + "/site" }

        init() throws {
            root = NSTemporaryDirectory() + "concord-incremental-\(UUID().uuidString)"
            let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: package + "/content", toPath: root + "/content")
            try FileManager.default.copyItem(atPath: package + "/templates", toPath: root + "/templates")
            configuration = Configuration(contentRoot: root + "/content", sourceLocale: "en-US")
            configuration.templates = root + "/templates"
            configuration.siteTitle = "Incremental"
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Builds into ``incremental`` with the cache.
        func buildIncrementally() throws -> BuildAction.Report {
            try BuildAction(configuration: configuration, output: incremental, cacheRoot: cache).run()
        }

        /// Builds into a new folder without the cache; returns the report and the folder.
        func buildClean(_ name: String) throws -> (BuildAction.Report, String) {
            let output = root + "/clean-" + name
            return (try BuildAction(configuration: configuration, output: output).run(), output)
        }

        func articles(in locale: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/content/" + locale)) ?? [])
                .filter { $0.hasSuffix(".md") && $0 != "TOC.md" }.sorted()
        }

        func read(_ path: String) throws -> String { String(decoding: try FileSystem.read(root + "/" + path), as: UTF8.self) }

        func write(_ path: String, _ text: String) throws {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    /// Every file under `folder`, by relative path, with its bytes, and every folder (its path
    /// ending in `/`, with no bytes): a rebuild starts from the site before last, and must
    /// leave no file or folder of it that a clean build would not make.
    static func tree(_ folder: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                files[relative + "/"] = []
            } else {
                files[relative] = try FileSystem.read(folder + "/" + relative)
            }
        }
        return files
    }

    /// The stamp of every file under `folder`, by relative path.
    static func stamps(_ folder: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            if let stamp = FileStamp.of(folder + "/" + relative) { stamps[relative] = stamp }
        }
        return stamps
    }

    /// An edit a writer (or translator, or designer) might make.
    enum Edit: CaseIterable {
        case appendSentence, changeNumber, retitle, addArticle, deleteArticle, renameArticle, editNavigation, touch, editTemplate,
             addInclude, editInclude, linkToAnchor, repeatHeading, addCrossReference, editPivotGroups, describe
    }

    /// Makes `edit` on a random file of `project`; returns what it did, for failure messages.
    static func apply(_ edit: Edit, to project: Project, using random: inout SeededRandom, step: Int) throws -> String {
        let locales = ["en-US", "es-ES", "ja-JP", "pt-BR", "zh-CN"]
        let locale = locales.randomElement(using: &random)!
        let articles = project.articles(in: locale)
        guard let name = articles.randomElement(using: &random) else { return "nothing (\(locale) is empty)" }
        let path = "content/\(locale)/\(name)"
        switch edit {
        case .appendSentence:
            try project.write(path, try project.read(path) + "\nA sentence added at step \(step).\n")
        case .changeNumber:
            let text = try project.read(path)
            guard let digit = text.firstIndex(where: { $0.isNumber && $0.isASCII }) else { return "nothing (no number in \(path))" }
            var changed = text
            changed.replaceSubrange(digit...digit, with: String((Int(String(text[digit]))! + 1) % 10))
            try project.write(path, changed)
        case .retitle:
            // The title is the first heading's, else the front matter's: both change.
            var text = try project.read(path).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Step \(step) ")
            if let heading = text.range(of: "\n# ") { text.replaceSubrange(heading, with: "\n# Step \(step) ") }
            try project.write(path, text)
        case .addArticle:
            try project.write("content/\(locale)/added-\(step).md", try project.read(path).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Added \(step) "))
        case .deleteArticle:
            guard locale != "en-US" || articles.count > 3 else { return "nothing (kept the last source articles)" }
            try FileManager.default.removeItem(atPath: project.root + "/" + path)
        case .renameArticle:
            try FileManager.default.moveItem(atPath: project.root + "/" + path, toPath: project.root + "/content/\(locale)/renamed-\(step).md")
        case .editNavigation:
            let toc = "content/\(locale)/TOC.md"
            try project.write(toc, ((try? project.read(toc)) ?? "") + "- [Step \(step)](\(name))\n")
            return "added \(name) to \(toc)"
        case .linkToAnchor:
            // Another article's findings may change with it: a duplicate anchor a link targets is an error.
            let other = articles.randomElement(using: &random)!
            let text = try project.read("content/\(locale)/\(other)")
            let anchor = text.range(of: "\n## ").map { heading in
                String(text[heading.upperBound...].prefix { $0 != "\n" }).lowercased().replacingOccurrences(of: " ", with: "-")
            } ?? "nowhere"
            try project.write(path, try project.read(path) + "\nSee [the other article](\(other)#\(anchor)).\n")
            return "linked \(path) to \(other)#\(anchor)"
        case .repeatHeading:
            let text = try project.read(path)
            guard let heading = text.range(of: "\n## ") else { return "nothing (no section in \(path))" }
            let line = text[heading.lowerBound...].dropFirst().prefix { $0 != "\n" }
            try project.write(path, text + "\n" + line + "\n\nRepeated at step \(step).\n")
            return "repeated '\(line)' in \(path)"
        case .touch:
            try project.write(path, try project.read(path))
            return "rewrote \(path) unchanged"
        case .editTemplate:
            let footer = "templates/footer.mustache"
            try project.write(footer, try project.read(footer) + "<!-- step \(step) -->\n")
            return "edited \(footer)"
        case .addInclude:
            try project.write("content/\(locale)/includes/note-\(step).md", "A shared note, written at step \(step).\n")
            try project.write(path, try project.read(path) + "\n[!INCLUDE[note](includes/note-\(step).md)]\n")
            return "added includes/note-\(step).md to \(path)"
        case .editPivotGroups:
            // The shared file in the content root, which no locale folder holds, and an article that shows its titles.
            try project.write("content/zone-pivot-groups.yml", "groups:\n- id: os\n  title: OS\n  pivots:\n  - id: win\n    title: Windows \(step)\n")
            try project.write("content/en-US/pivots.md", "---\ntitle: Pivots\nzone_pivot_groups: os\n---\n# Pivots\n\n::: zone pivot=\"win\"\nText.\n::: zone-end\n")
            return "retitled the pivot of content/zone-pivot-groups.yml"
        case .describe:
            // A description shows on the locale's home page, which no article page's key covers.
            let text = try project.read(path)
            if text.contains("\ndescription: ") {
                try project.write(path, text.replacingOccurrences(of: "\ndescription: ", with: "\ndescription: Step \(step) "))
            } else {
                try project.write(path, text.hasPrefix("---\n") ? "---\ndescription: Step \(step)\n" + text.dropFirst(4) : "---\ndescription: Step \(step)\n---\n" + text)
            }
        case .editInclude:
            let folder = project.root + "/content/\(locale)/includes"
            guard let include = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().randomElement(using: &random) else {
                return "nothing (no include in \(locale))"
            }
            let file = "content/\(locale)/includes/\(include)"
            try project.write(file, try project.read(file) + "Changed at step \(step).\n")
            return "edited \(file)"
        case .addCrossReference:
            // Another page's front matter decides where (and with what title) this link leads:
            // a later rename, retitle or delete of the target must reach the linking page.
            guard let linking = articles.filter({ $0 != name }).randomElement(using: &random) else { return "nothing (one article)" }
            let text = try project.read(path)
            let uid = "uid-\(step)"
            try project.write(path, text.hasPrefix("---\n") ? "---\nuid: \(uid)\n" + text.dropFirst(4) : "---\nuid: \(uid)\n---\n" + text)
            let other = "content/\(locale)/\(linking)"
            try project.write(other, try project.read(other) + "\nSee <xref:\(uid)> and @\(uid).\n")
            return "gave \(path) uid \(uid), linked from \(other)"
        }
        return "\(edit) on \(path)"
    }

    @Test("after each of a random sequence of edits, the incremental output is byte-identical to a clean build's")
    func randomEditSequences() throws {
        var random = SeededRandom()
        let project = try Project()
        _ = try project.buildIncrementally()
        for step in 1...30 {
            let edit = Edit.allCases.randomElement(using: &random)!
            let did = try Self.apply(edit, to: project, using: &random, step: step)
            let incremental = try project.buildIncrementally()
            let (clean, folder) = try project.buildClean("\(step)")
            let context = "step \(step) (seed \(random.seed)): \(did)"
            #expect(incremental.diagnostics.map(\.description) == clean.diagnostics.map(\.description), "\(context)")
            // The output's stamps the next build compares against are those of the files published.
            let state = BuildCache(root: project.cache, output: project.incremental).loadState()
            #expect(state?.outputs == Self.stamps(project.incremental), "\(context): the saved stamps are not the output's")
            let expected = try Self.tree(folder), actual = try Self.tree(project.incremental)
            #expect(Set(actual.keys) == Set(expected.keys), "\(context): files differ")
            for (path, bytes) in expected where actual[path] != bytes {
                Issue.record("\(context): \(path) differs from a clean build's")
            }
            if edit == .touch { #expect(incremental.upToDate, "\(context): nothing changed, yet the site was rebuilt") }
            // A sentence more changes the pages that show the article (the source's shows in
            // every locale without a translation) and those whose status it changes, no others.
            if edit == .appendSentence {
                #expect((incremental.site?.pagesRendered ?? 0) <= incremental.locales.count, "\(context): too many pages rendered")
            }
            try FileManager.default.removeItem(atPath: folder)
        }
    }

    @Test("a cross reference follows its uid when only the target's front matter moves it")
    func crossReferenceFollowsItsUID() throws {
        let project = try Project()
        let linking = "content/en-US/customer-support.md"
        try project.write(linking, try project.read(linking) + "\nSee <xref:moved-uid>.\n")
        func giveUID(_ path: String, _ uid: String) throws {
            let text = try project.read(path)
            try project.write(path, "---\nuid: \(uid)\n" + text.dropFirst(4))
        }
        try giveUID("content/en-US/check-service-health.md", "moved-uid")
        _ = try project.buildIncrementally()
        // The uid moves to another article: only that article's file and this one's key inputs change.
        let first = "content/en-US/check-service-health.md"
        try project.write(first, try project.read(first).replacingOccurrences(of: "uid: moved-uid", with: "uid: other-uid"))
        try giveUID("content/en-US/suspend-a-subscription.md", "moved-uid")
        let incremental = try project.buildIncrementally()
        let (clean, folder) = try project.buildClean("uid")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(incremental.diagnostics.map(\.description) == clean.diagnostics.map(\.description))
        let expected = try Self.tree(folder), actual = try Self.tree(project.incremental)
        #expect(String(decoding: expected["en-US/customer-support.html"] ?? [], as: UTF8.self).contains("suspend-a-subscription.html"))
        for (path, bytes) in expected where actual[path] != bytes { Issue.record("\(path) differs from a clean build's") }
    }

    /// A writer that fails once the site is written, before it is swapped in.
    private struct FailingLast: SiteOutputWriter {
        struct Failure: Error {}
        var writesThroughStagingWriter: Bool { true }
        func write(_ build: BuildSnapshot, into folder: String) throws { throw Failure() }
    }

    @Test("a rebuild starts from the site before last, and changes no file of the live site, which shares most of them, until it is swapped in")
    func recycledStagingLeavesTheLiveSite() throws {
        let project = try Project()
        let page = "content/pt-BR/customer-support.md"
        _ = try project.buildIncrementally()
        try project.write(page, try project.read(page) + "\nFirst edit.\n")
        _ = try project.buildIncrementally()
        let spare = BuildCache(root: project.cache, output: project.incremental).siteBeforeLast
        #expect(FileManager.default.fileExists(atPath: spare), "the site before last is kept for the next build")
        let live = try Self.tree(project.incremental)

        // Every page changes (the template does), and the build fails after writing them all.
        try project.write("templates/footer.mustache", try project.read("templates/footer.mustache") + "<!-- changed -->\n")
        var failing = BuildAction(configuration: project.configuration, output: project.incremental, cacheRoot: project.cache)
        failing.outputWriters = [SiteDataOutput(), StatusOutput(), FailingLast()]
        #expect(throws: FailingLast.Failure.self) { try failing.run() }
        #expect(try Self.tree(project.incremental) == live)

        // The next build starts afresh, and then from the site before last again.
        for step in 1...2 {
            try project.write(page, try project.read(page) + "\nEdit \(step).\n")
            _ = try project.buildIncrementally()
            let (_, folder) = try project.buildClean("after-\(step)")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(try Self.tree(project.incremental) == Self.tree(folder))
        }
        #expect(FileManager.default.fileExists(atPath: spare))
    }

    @Test("a build with nothing changed reports the last build's findings and leaves the output untouched")
    func nothingChanged() throws {
        let project = try Project()
        let first = try project.buildIncrementally()
        let before = try Self.tree(project.incremental)
        let second = try project.buildIncrementally()
        #expect(second.upToDate)
        #expect(!first.upToDate)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.summary.contains("Nothing changed since the last build"))
        #expect(try Self.tree(project.incremental) == before)
    }

    @Test("a page changed or removed in the output is written again, not trusted to the cache")
    func damagedOutput() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let page = project.incremental + "/es-ES/customer-support.html"
        let original = try FileSystem.read(page)
        try Data("defaced".utf8).write(to: URL(fileURLWithPath: page))
        let repaired = try project.buildIncrementally()
        #expect(!repaired.upToDate)
        #expect(try FileSystem.read(page) == original)
        try FileManager.default.removeItem(atPath: page)
        _ = try project.buildIncrementally()
        #expect(try FileSystem.read(page) == original)
        // Replaced by another file (a new inode), as an editor saving it would.
        try Data("defaced".utf8).write(to: URL(fileURLWithPath: page), options: .atomic)
        _ = try project.buildIncrementally()
        #expect(try FileSystem.read(page) == original)
    }

    @Test("--clean renders every page even when the cache says nothing changed")
    func cleanIgnoresTheCache() throws {
        let project = try Project()
        let first = try project.buildIncrementally()
        var action = BuildAction(configuration: project.configuration, output: project.incremental, cacheRoot: project.cache)
        action.clean = true
        let again = try action.run()
        #expect(!again.upToDate)
        #expect(again.site?.pagesRendered == first.site?.pages.values.reduce(0, +))
    }

    @Test("one changed article renders its own page again, and no other")
    func oneChangedArticle() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let path = "content/pt-BR/customer-support.md"
        try project.write(path, try project.read(path) + "\nUma frase a mais.\n")
        let report = try project.buildIncrementally()
        #expect(report.site?.pagesRendered == 1)
        #expect(try project.read("site/pt-BR/customer-support.html").contains("Uma frase a mais."))
    }

    @Test("a rebuild parses only the files that changed: the others' models and findings come from the cache, as a parse gives them")
    func unchangedFilesAreNotParsed() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let path = "content/pt-BR/customer-support.md"
        try project.write(path, try project.read(path) + "\nUma frase a mais.\n")
        let cache = BuildCache(root: project.cache, output: project.incremental)
        let previous = try #require(cache.loadState())
        let inputs = InputSnapshot.take(project.configuration, previous: previous.inputs)
        let settings = BuildAction(configuration: project.configuration, output: project.incremental, cacheRoot: project.cache).settingsDigest
        let key = try #require(ModelCache.key(inputs: inputs.files, settings: settings))
        let reuse = try #require(cache.models.load(previous: previous.inputs, current: inputs, key: key))
        let loaded = ContentSet.loadWithDocuments(project.configuration, reusing: reuse)
        #expect(loaded.documents.flatMap { locale, documents in documents.keys.map { "\(locale)/\($0)" } } == ["pt-BR/customer-support.md"])
        let parsed = ContentSet.loadWithDocuments(project.configuration)
        #expect(loaded.content.articles == parsed.content.articles)
        #expect(loaded.content.diagnostics == parsed.content.diagnostics)
        #expect(loaded.content.structureDiagnostics == parsed.content.structureDiagnostics)
        #expect(loaded.content.loadRecords == parsed.content.loadRecords)
        // Records another Concord, or other settings, made are not used.
        #expect(cache.models.load(previous: previous.inputs, current: inputs, key: Digest.of("another concord")) == nil)
        #expect(cache.models.load(previous: previous.inputs, current: inputs, key: try #require(ModelCache.key(inputs: inputs.files, settings: Digest.of("other")))) == nil)
    }

    @Test("the models a rebuild keeps, copied or encoded, are the bytes a first build writes")
    func keptModelsEqualAFirstBuilds() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let path = "content/es-ES/customer-support.md"
        try project.write(path, try project.read(path) + "\nUna frase más.\n")
        _ = try project.buildIncrementally()
        let fresh = project.root + "/fresh-cache"
        _ = try BuildAction(configuration: project.configuration, output: project.root + "/fresh", cacheRoot: fresh).run()
        let kept = BuildCache(root: project.cache, output: project.incremental).models.path
        let written = BuildCache(root: fresh, output: project.root + "/fresh").models.path
        let shards = try FileManager.default.contentsOfDirectory(atPath: written).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: kept).sorted() == shards)
        #expect(shards.count > 1)
        for shard in shards {
            let keptBytes = try FileSystem.read(kept + "/" + shard), writtenBytes = try FileSystem.read(written + "/" + shard)
            // The headers differ only by the key, which names the output folder among the settings.
            #expect(keptBytes.drop { $0 != 0x0A }.elementsEqual(writtenBytes.drop { $0 != 0x0A }), "shard \(shard)")
        }
    }

    @Test("a rebuild rewrites only the model shards whose records changed")
    func onlyChangedShardsAreWritten() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let folder = BuildCache(root: project.cache, output: project.incremental).models.path
        func stamps() throws -> [String: FileStamp] {
            Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: folder).map { ($0, try #require(FileStamp.of(folder + "/" + $0))) })
        }
        let before = try stamps()
        let path = "content/es-ES/customer-support.md"
        try project.write(path, try project.read(path) + "\nUna frase más.\n")
        _ = try project.buildIncrementally()
        let after = try stamps()
        let changed = Set(before.keys.filter { before[$0] != after[$0] })
        #expect(changed == [String(ModelCache.shard(of: project.root + "/" + path), radix: 16)])
        #expect(Set(after.keys) == Set(before.keys))
    }

    @Test("models staged while a build runs replace the cache's only when the build saves it; a staging folder left by a build that is gone is removed")
    func stagedModelsWaitForTheSave() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let cache = BuildCache(root: project.cache, output: project.incremental)
        let folder = cache.models.path
        func shards() throws -> [String: [UInt8]] {
            Dictionary(uniqueKeysWithValues: try FileManager.default.contentsOfDirectory(atPath: folder).map { ($0, try FileSystem.read(folder + "/" + $0)) })
        }
        func stagingFolders() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache.folder).filter { $0.hasPrefix(".models.") }
        }
        let saved = try shards()
        // A build that --strict stops for an error saves no cache: the shards stay the last build's.
        let path = "content/es-ES/customer-support.md"
        try project.write(path, try project.read(path) + "\n[Roto](no-such-article.md)\n")
        let stopped = try BuildAction(configuration: project.configuration, output: project.incremental, strict: true, cacheRoot: project.cache).run()
        #expect(stopped.stoppedByFindings)
        #expect(try shards() == saved)
        #expect(try stagingFolders().isEmpty)
        // An interrupted build's staging folder: its process is gone.
        let abandoned = cache.folder + "/.models.2147483646"
        try FileManager.default.createDirectory(atPath: abandoned, withIntermediateDirectories: true)
        try project.write(String(abandoned.dropFirst(project.root.count + 1)) + "/0", "stale")
        _ = try project.buildIncrementally()
        #expect(try stagingFolders().isEmpty)
        #expect(try shards() != saved)
        #expect(try shards().keys.sorted() == saved.keys.sorted())
    }

    @Test("a first build that saves no cache (stopped by --strict) leaves no cache folder")
    func firstBuildStoppedLeavesNoCache() throws {
        let project = try Project()
        let path = "content/es-ES/customer-support.md"
        try project.write(path, try project.read(path) + "\n[Roto](no-such-article.md)\n")
        let stopped = try BuildAction(configuration: project.configuration, output: project.incremental, strict: true, cacheRoot: project.cache).run()
        #expect(stopped.stoppedByFindings)
        #expect(!FileManager.default.fileExists(atPath: project.root + "/.concord"))
    }

    @Test("a kept page's search entry comes from the cache when another page of its locale changes")
    func keptPagesSearchEntriesComeFromTheCache() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        // The cached entry of a page that stays as it is gets a title no page has: the rebuilt
        // index shows it only if the entry was taken from the cache, not worked out again.
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: project.cache).first)
        let store = SearchEntryCache(folder: project.cache + "/" + folder)
        var entries = store.load("pt-BR")
        let kept = try #require(entries.keys.sorted().first { !$0.hasSuffix("customer-support.html") })
        entries[kept]!.document.title = "Marked in the cache"
        try store.save(entries, for: "pt-BR")

        let path = "content/pt-BR/customer-support.md"
        try project.write(path, try project.read(path) + "\nUma frase a mais.\n")
        _ = try project.buildIncrementally()
        #expect(try project.read("site/pt-BR/search-index.json").contains("Marked in the cache"))
        #expect(try !project.read("site/en-US/search-index.json").contains("Marked in the cache"))
    }

    @Test("the JSON of articles and bundles that did not change is linked from the live site, not encoded again")
    func unchangedJSONIsKept() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        // Each untouched file is rewritten in place with a mark, its size and time put back: a
        // build that links it unread shows the mark; one that encodes it again does not.
        let untouched = ["en-US/customer-support.json", "pt-BR/check-service-health.json", "bundles/en-US.json"]
        for file in untouched { try Self.mark(project.incremental + "/" + file) }

        let path = "content/pt-BR/customer-support.md"
        try project.write(path, try project.read(path) + "\n## Nova seção\n\nUma frase a mais.\n")
        _ = try project.buildIncrementally()
        for file in untouched { #expect(try project.read("site/" + file).hasPrefix("MARKED"), "\(file) was encoded again") }
        for file in ["pt-BR/customer-support.json", "bundles/pt-BR.json"] {
            #expect(try project.read("site/" + file).contains("Nova seção"), "\(file) was kept")
        }
    }

    @Test("home and search pages, the sitemap, the manifest and the status page are kept while what they show is unchanged")
    func unchangedSiteFilesAreKept() throws {
        let project = try Project()
        _ = try project.buildIncrementally()
        let siteFiles = [
            "en-US/index.html", "en-US/search.html", "pt-BR/index.html", "pt-BR/search.html", "sitemap.xml", "manifest.json", "status/index.html",
        ]
        for file in siteFiles { try Self.mark(project.incremental + "/" + file) }

        // A sentence more changes no title, description or table of contents.
        let path = "content/pt-BR/customer-support.md"
        try project.write(path, try project.read(path) + "\nUma frase a mais.\n")
        _ = try project.buildIncrementally()
        for file in siteFiles { #expect(try project.read("site/" + file).hasPrefix("MARKED"), "\(file) was made again") }

        // A new description shows on its locale's home page only (under a top entry without children).
        let described = "content/pt-BR/csp-program-guide-and-agreements.md"
        try project.write(described, try project.read(described).replacingOccurrences(of: "\ndescription: ", with: "\ndescription: Nova descrição. "))
        _ = try project.buildIncrementally()
        #expect(try project.read("site/pt-BR/index.html").contains("Nova descrição."))
        for file in siteFiles where file != "pt-BR/index.html" { #expect(try project.read("site/" + file).hasPrefix("MARKED"), "\(file) was made again") }

        // A retitled entry of the table of contents shows in the navigation of the locale's pages.
        let toc = "content/pt-BR/TOC.md"
        try project.write(toc, try project.read(toc).replacingOccurrences(of: "[Atendimento ao cliente", with: "[Novo título:"))
        _ = try project.buildIncrementally()
        for file in ["pt-BR/index.html", "pt-BR/search.html"] { #expect(try project.read("site/" + file).contains("Novo título:"), "\(file) was kept") }
        for file in ["en-US/index.html", "en-US/search.html", "sitemap.xml", "manifest.json", "status/index.html"] {
            #expect(try project.read("site/" + file).hasPrefix("MARKED"), "\(file) was made again")
        }

        // A translation that falls out of date changes its status: the manifest and the status page show it.
        let source = "content/en-US/customer-support.md"
        try project.write(source, try project.read(source) + "\n## A new section\n\nA new sentence.\n")
        _ = try project.buildIncrementally()
        #expect(try !project.read("site/manifest.json").hasPrefix("MARKED"), "the manifest was kept")
        #expect(try !project.read("site/status/index.html").hasPrefix("MARKED"), "the status page was kept")
    }

    /// Overwrites the start of `path` with `MARKED`, in place, and gives it back its modification time.
    static func mark(_ path: String) throws {
        var info = stat()
        try #require(stat(path, &info) == 0)
        var bytes = try FileSystem.read(path)
        bytes.replaceSubrange(0..<6, with: Array("MARKED".utf8))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
        var times = [info.st_atim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    @Test("retitling a pivot in the content root's zone pivot groups file renders the page that shows it again")
    func editedPivotGroups() throws {
        let project = try Project()
        var random = SeededRandom()
        _ = try Self.apply(.editPivotGroups, to: project, using: &random, step: 1)
        _ = try project.buildIncrementally()
        #expect(try project.read("site/en-US/pivots.html").contains(">Windows 1</a>"))
        _ = try Self.apply(.editPivotGroups, to: project, using: &random, step: 2)
        _ = try project.buildIncrementally()
        #expect(try project.read("site/en-US/pivots.html").contains(">Windows 2</a>"))
    }
}
