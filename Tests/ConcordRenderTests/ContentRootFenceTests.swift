import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Hostile content cannot publish the build machine's files: symbolic links are followed only
/// when they stay inside the content root, checked after resolving them, for every file a build
/// reads (articles, tables of contents, includes, media).
@Suite("The content root is the fence for symbolic links")
struct ContentRootFenceTests {
    /// A content tree in a temporary folder, with a folder outside the content root holding a secret.
    struct Tree {
        let root = NSTemporaryDirectory() + "concord-fence-\(UUID().uuidString)"
        var content: String { root + "/content" }
        var outside: String { root + "/outside" }
        var output: String { root + "/_site" }
        let secret = "SECRET-\(UUID().uuidString)"

        init(_ files: [String: String]) throws {
            for (path, text) in files { try write(text, to: content + "/" + path) }
            try write("root:x:0:0:\(secret)\n", to: outside + "/passwd")
            try write("# Secret\n\n\(secret)\n", to: outside + "/secret.md")
            try write("- name: Secret\n  href: \(secret).md\n", to: outside + "/toc.yml")
        }

        func write(_ text: String, to path: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func link(_ path: String, to target: String) throws {
            let full = content + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }

        /// The configuration `concord build --content` makes, discovered once the links exist.
        var configuration: Configuration {
            var configuration = Configuration(contentRoot: content, sourceLocale: "en-US")
            configuration.output = output
            configuration.templates = root + "/templates"
            return configuration
        }

        /// Every file of the built site that holds `text`.
        func outputFiles(containing text: String) throws -> [String] {
            try snapshot(of: output).filter { String(decoding: $0.value, as: UTF8.self).contains(text) }.map(\.key).sorted()
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static let article = "# A\n\n![environment](environ) ![passwords](passwd)\n"

    @Test("A locale folder linked to /proc/self does not publish the build's environment; it is refused by name",
          .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/environ")))
    func procSelf() throws {
        let tree = try Tree(["en-US/a.md": Self.article, "en-US/environ": "x", "en-US/passwd": "x"])
        defer { tree.remove() }
        try tree.link("yy-YY", to: "/proc/self")
        // The build runs in this process: its environment is this one's (as the kernel recorded it at start).
        let environment = try FileSystem.read("/proc/self/environ").split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let longest = try #require(environment.max { $0.count < $1.count })

        let report = try BuildAction(configuration: tree.configuration).run()
        #expect(try tree.outputFiles(containing: longest).isEmpty)
        let refused = report.diagnostics.filter { $0.rule == "outside-content-root" }
        #expect(refused.count == 1)
        #expect(refused.first?.severity == .error)
        #expect(refused.first?.location.file == tree.content + "/yy-YY")
        #expect(refused.first?.message.contains("yy-YY") == true)
        #expect(!FileManager.default.fileExists(atPath: tree.output + "/yy-YY"), "a refused locale gets no pages")
    }

    @Test("A locale folder linked outside the content root publishes nothing of it")
    func localeLinkedOutside() throws {
        let tree = try Tree(["en-US/a.md": Self.article, "en-US/environ": "x", "en-US/passwd": "x"])
        defer { tree.remove() }
        try tree.link("xx-XX", to: tree.outside)

        let report = try BuildAction(configuration: tree.configuration).run()
        #expect(try tree.outputFiles(containing: tree.secret).isEmpty)
        #expect(report.diagnostics.filter { $0.rule == "outside-content-root" }.map(\.location.file) == [tree.content + "/xx-XX"])
    }

    @Test("A file linked outside the content root is neither copied, included nor read as a table of contents")
    func filesLinkedOutside() throws {
        let tree = try Tree([
            "en-US/a.md": "# A\n\n![shot](media/shot.png)\n\n[!INCLUDE [secret](includes/secret.md)]\n",
            "en-US/b.md": "# B\n",
        ])
        defer { tree.remove() }
        try tree.link("en-US/media/shot.png", to: tree.outside + "/passwd")
        try tree.link("en-US/includes/secret.md", to: tree.outside + "/secret.md")
        try tree.link("en-US/toc.yml", to: tree.outside + "/toc.yml")
        try tree.link("en-US/leak.md", to: tree.outside + "/secret.md")

        let report = try BuildAction(configuration: tree.configuration).run()
        #expect(try tree.outputFiles(containing: tree.secret).isEmpty)
        let refused = report.diagnostics.filter { $0.rule == "outside-content-root" }.map(\.location.file)
        #expect(Set(refused) == Set(["media/shot.png", "includes/secret.md", "toc.yml", "leak.md"].map { tree.content + "/en-US/" + $0 }))
    }

    @Test("Links that stay inside the content root are followed, across locale folders")
    func linksInsideTheRoot() throws {
        let tree = try Tree([
            "en-US/a.md": "# A\n\n![shot](media/shot.gif)\n",
            "en-US/media/shot.gif": "GIF89a-IMAGE",
            "fr-FR/a.md": "# A\n\n![captura](media/captura.gif)\n",
        ])
        defer { tree.remove() }
        // A GIF's signature is ASCII, so the image passes the media allow-list as text.
        // A translation that reuses the source's screenshot through a link into the source locale.
        try tree.link("fr-FR/media/captura.gif", to: "../../en-US/media/shot.gif")

        let report = try BuildAction(configuration: tree.configuration).run()
        #expect(report.diagnostics.filter { $0.rule == "outside-content-root" }.isEmpty)
        #expect(try FileSystem.read(tree.output + "/fr-FR/media/captura.gif") == Array("GIF89a-IMAGE".utf8))
    }

    @Test("A locale configured with its own path outside the content root is the configuration's choice: it is read")
    func configuredLocaleOutside() throws {
        let tree = try Tree(["en-US/a.md": "# A\n"])
        defer { tree.remove() }
        try tree.write("# A (de)\n", to: tree.root + "/docs.de-de/articles/a.md")
        try tree.write("""
            sourceLocale: en-US
            content: content
            output: _site
            locales:
              - en-US
              - id: de-DE
                path: docs.de-de/articles
            """, to: tree.root + "/concord.yml")
        let configuration = try Configuration.load(file: tree.root + "/concord.yml")

        let report = try BuildAction(configuration: configuration).run()
        #expect(report.diagnostics.filter { $0.rule == "outside-content-root" }.isEmpty)
        #expect(try String(decoding: FileSystem.read(tree.output + "/de-DE/a.html"), as: UTF8.self).contains("A (de)"))
    }
}
