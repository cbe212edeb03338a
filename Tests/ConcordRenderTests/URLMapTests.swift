import ConcordModel
import Foundation
import Testing
@testable import ConcordCheck
@testable import ConcordExport
@testable import ConcordRender

/// `urlMap` in `concord.yml`: root-relative links of the published site lead into the content
/// tree, are checked like relative links and are written into pages as relative links; site
/// paths no prefix maps are left alone and never reported.
@Suite("Root-relative links through urlMap")
struct URLMapTests {
    static let files = [
        "en-US/7.1/Core/Import-Module.md": "# Import-Module\n\n## Parameters\n",
        "en-US/docs-conceptual/learn/overview.md": """
            # Overview

            See [Import-Module](/powershell/module/Core/Import-Module?view=powershell-7.1#parameters),
            [IMPORT](/POWERSHELL/MODULE/core/import-module.md), [gone](/powershell/module/Core/Gone),
            [other module](/powershell/module/Elsewhere/Get-Thing), [learn](/powershell/scripting/learn/overview)
            and [.NET](/dotnet/api/system.string).

            """,
    ]

    static func content() throws -> (TemporaryContent, ContentSet) {
        let temporary = try TemporaryContent(files)
        var configuration = temporary.configuration
        configuration.urlMap = URLMap(["/powershell/module": "7.1", "/powershell/scripting/": "./docs-conceptual/"])
        return (temporary, ContentSet.load(configuration))
    }

    @Test("the map is read from concord.yml; a folder that climbs out of the locale is refused")
    func configuration() throws {
        let temporary = try TemporaryContent(["en-US/a.md": "# A\n"])
        defer { temporary.remove() }
        let file = temporary.root + "/concord.yml"
        try Data("sourceLocale: en-US\ncontent: content\nurlMap:\n  /powershell/module/: 7.1/\n  /docs: articles\n".utf8).write(to: URL(fileURLWithPath: file))
        let loaded = try Configuration.load(file: file)
        #expect(loaded.urlMap.entries.map { "\($0.prefix)=\($0.folder)" } == ["/powershell/module/=7.1/", "/docs/=articles/"])
        try Data("sourceLocale: en-US\ncontent: content\nurlMap:\n  /x/: ../other/\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: Configuration.Failure.self) { try Configuration.load(file: file) }
    }

    @Test("mapped links resolve, any letter case, .md optional; others stay site paths")
    func resolution() throws {
        let (temporary, content) = try Self.content()
        defer { temporary.remove() }
        let targets = LinkTargets(content: content)
        let from = "docs-conceptual/learn/overview.md"
        func target(_ destination: String) -> LinkTarget { targets.resolve(LinkDestination(destination), from: from, locale: "en-US") }
        #expect(target("/powershell/module/Core/Import-Module?view=powershell-7.1") == .article(locale: "en-US", path: "7.1/Core/Import-Module.md"))
        #expect(target("/POWERSHELL/MODULE/core/import-module.md") == .article(locale: "en-US", path: "7.1/Core/Import-Module.md"))
        #expect(target("/powershell/scripting/learn/overview") == .article(locale: "en-US", path: from))
        #expect(target("/powershell/module/Core/Gone") == .missing(locale: "en-US", path: "7.1/Core/Gone"))
        #expect(target("/dotnet/api/system.string") == .siteRooted)
        #expect(target("/powershell/modules/x") == .siteRooted)
    }

    @Test("a mapped link to a missing page of a folder the tree has is broken; into a folder it lacks, or unmapped, is not checked")
    func checks() throws {
        let (temporary, content) = try Self.content()
        defer { temporary.remove() }
        let found = CheckEngine(rules: [BrokenLink(), BrokenAnchor()]).run(content).filter { $0.rule != "missing-translation" }
        #expect(found.map { "\($0.rule):\($0.location.line):\($0.location.column)" } == ["broken-link:4:53"])
        #expect(found.first?.message.contains("'/powershell/module/Core/Gone'") == true)
    }

    @Test("pages write mapped links relative to the page, with the query and fragment; others as written")
    func pages() throws {
        let (temporary, content) = try Self.content()
        defer { temporary.remove() }
        let resolver = ConcordRender.LinkResolver(content: content)
        func href(_ destination: String) -> String? {
            resolver.href(destination, documentDirectory: "docs-conceptual/learn", pageDirectory: "docs-conceptual/learn", locale: "en-US")
        }
        #expect(href("/powershell/module/Core/Import-Module?view=powershell-7.1#parameters") == "../../7.1/Core/Import-Module.html?view=powershell-7.1#parameters")
        #expect(href("/powershell/scripting/learn/overview") == "overview.html")
        #expect(href("/powershell/module/Core/Gone") == "../../7.1/Core/Gone")
        #expect(href("/dotnet/api/system.string") == "/dotnet/api/system.string")
        let export = ConcordExport.LinkResolver(content: content)
        #expect(export.resolve("/powershell/module/Core/Import-Module", from: "docs-conceptual/learn/overview.md", locale: "en-US").article == "7.1/Core/Import-Module.md")
    }
}
