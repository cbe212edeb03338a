import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// The compiled templates must write the bytes swift-mustache's renderer writes, for every
/// construct a theme may use; what they do not know they must leave to swift-mustache.
@Suite("Compiled templates: the same pages as swift-mustache's renderer")
struct TemplateProgramsTests {
    /// Templates that exercise the parser's whitespace rules and the renderer's lookup,
    /// section, partial and inheritance rules.
    static let templates: [String: String] = [
        "sections": """
            {{! a standalone comment }}
            <ul>
              {{#items}}
              <li>{{name}}{{#sub}} class="sub"{{/sub}}{{^sub}} plain{{/sub}}</li>
              {{/items}}
              {{^items}}
              <li>none</li>
              {{/items}}
            </ul>
            {{#flag}}yes{{/flag}}{{^flag}}no{{/flag}} {{flag}} {{count}} {{#count}}[{{.}}]{{/count}}
            {{#title}}<h1>{{.}} {{title}} {{length}}</h1>{{/title}}
            {{#missing}}never{{/missing}}{{^missing}}absent{{/missing}}
            {{#empty}}never{{/empty}}{{^empty}}empty list {{.}}{{/empty}}

            """,
        "names": """
            {{person.name}} {{person.address.city}} {{person.missing.city}} {{title.length}}
            {{#person}}{{name}} from {{address.city}}, {{title}}, {{.name}} {{.title}}|{{/person}}
            {{#person.address}}{{city}} {{name}}{{/person.address}}
            {{#items}}{{#sub}}{{name}} in {{title}}{{/sub}}{{/items}}
            {{.}} {{..}} {{a..b}}

            """,
        "escaping": """
            {{html}}|{{{html}}}|{{&html}}|{{#items}}{{{name}}}{{/items}}
            {{% CONTENT_TYPE: TEXT }}
            {{html}}|{{#items}}{{name}}{{/items}}
            {{>escapingPartial}}
            """,
        "escapingPartial": "partial: {{html}}\n",
        "scopedPragma": "{{#items}}{{% CONTENT_TYPE: TEXT }}{{name}};{{/items}}|{{html}}|{{#person}}{{% CONTENT_TYPE: TEXT }}{{name}}{{/person}}{{html}}\n",
        "indented": """
            <div>
              {{>part}}
                {{>part}}
            <p>{{>part}}</p>
            </div>

            """,
        "part": "first {{title}}\n{{multiline}}\nlast\n  {{>inner}}\n{{#items}}\n{{name}}\n{{/items}}\n",
        "inner": "inner\nline {{flag}}\n",
        "parent": """
            <html>
            {{$head}}<title>{{title}}</title>{{/head}}
            <body>
              {{$body}}default body{{/body}}
              {{$footer}}
              default footer {{count}}
              {{/footer}}
            </body>
            </html>

            """,
        "child": """
            {{<parent}}
            {{$body}}
            child body {{title}}
            {{#items}}
            <li>{{name}}</li>
            {{/items}}
            {{/body}}
            {{$head}}<title>Child: {{title}}</title>{{/head}}
            {{/parent}}

            """,
        "grandchild": """
            {{<child}}
            {{$head}}<title>Grandchild</title>{{/head}}
            {{$footer}}grandchild footer{{/footer}}
            {{/child}}

            """,
        "crlf": "a\r\n  {{#items}}\r\n  {{name}}\r\n  {{/items}}\r\n  {{>part}}\r\nb {{title}}\r\n",
        "delimiters": "{{=<% %>=}}\n<%title%> <%#items%><%name%>,<%/items%>\n<%={{ }}=%>\n{{title}}\n",
        "missingPartial": "before\n  {{>nowhere}}\nafter\n",
        // Arrays of values of any type: each item told apart as its section reaches it.
        "anyList": """
            {{#mixed}}[{{.}}|{{#.}}set{{/.}}{{^.}}unset{{/.}}|{{title}}]{{/mixed}}
            {{^none}}none {{.}}{{/none}}{{#none}}never{{/none}}{{^mixed}}never{{/mixed}}

            """,
        // HTML handed over as bytes (the body, the sidebar): a value with text and no children.
        "htmlBytes": """
            {{{markup}}}|{{markup}}|{{&markup}}|{{markup.utf8}}|{{#markup}}[{{.}}|{{{.}}}|{{utf8}}|{{title}}]{{/markup}}{{^markup}}never{{/markup}}
            {{% CONTENT_TYPE: TEXT }}
            {{markup}}

            """,
    ]

    static var context: [String: Any] {
        [
        "title": "Tom & \"Jerry\" <tag> 'quoted'",
        "html": "<b>bold</b> & more",
        "multiline": "one\ntwo\r\nthree\n",
        "markup": TemplateHTML(utf8: Array("<p>Tom & 'Jerry' \u{E9}</p>\n".utf8)),
        "flag": true,
        "count": 3,
        "empty": [[String: Any]](),
        "items": [
            ["name": "first", "sub": true],
            ["name": "<second>", "sub": false],
            ["name": "third"],
        ] as [[String: Any]],
        "person": ["name": "Ada", "address": ["city": "London"]] as [String: Any],
        "mixed": ["a <b>", 2, true, false, ""] as [Any],
        "none": [Any](),
        ]
    }

    static func renderer(extra: [String: String], engine: TemplateRenderer.Engine = .compiled) throws -> TemplateRenderer {
        var theme = Theme.builtIn
        for (name, text) in extra { theme.files[name + ".mustache"] = Array(text.utf8) }
        return try TemplateRenderer(theme: theme, engine: engine)
    }

    @Test("Every construct renders to the bytes swift-mustache's renderer gives", arguments: templates.keys.sorted())
    func matchesSwiftMustache(_ name: String) throws {
        let renderer = try Self.renderer(extra: Self.templates, engine: .compiledOnly)
        let context = TemplateObject(wrapping: Self.context)
        let compiled = try renderer.render(name, context)
        let upstream = try renderer.renderThroughSwiftMustache(name, context)
        #expect(Array(compiled.utf8) == Array(upstream.utf8), "\(name):\n\(compiled)\n--- swift-mustache ---\n\(upstream)")
        #expect(!compiled.isEmpty)
    }

    @Test("The default theme compiles, so pages skip swift-mustache's per-variable casts")
    func defaultThemeCompiles() throws {
        #expect(try TemplateRenderer(theme: .builtIn).rendersCompiled)
        #expect(try !TemplateRenderer(theme: .builtIn, engine: .swiftMustache).rendersCompiled)
    }

    @Test("A theme with transforms or dynamic partials renders through swift-mustache, unchanged")
    func declinesWhatItDoesNotKnow() throws {
        for text in ["{{uppercased(title)}}", "{{#items}}{{index()}}{{/items}}", "{{>*partialName}}"] {
            let renderer = try Self.renderer(extra: ["special": text])
            #expect(!renderer.rendersCompiled, "\(text)")
            #expect(throws: TemplateRenderer.Failure.self) { try Self.renderer(extra: ["special": text], engine: .compiledOnly) }
            let context = TemplateObject(wrapping: Self.context.merging(["partialName": "inner"]) { $1 })
            #expect(try renderer.render("special", context) == renderer.renderThroughSwiftMustache("special", context))
        }
        #expect(try Self.renderer(extra: ["special": "{{uppercased(title)}}"]).render("special", ["title": "abc"]) == "ABC")
    }

    @Test("A value of a type the compiled templates do not know leaves the page to swift-mustache")
    func unknownValues() throws {
        struct Point { var x = 1, y = 2 }
        let renderer = try Self.renderer(extra: ["point": "{{#point}}{{x}},{{y}}{{/point}} {{tags}} {{maybe}} {{#maybe}}[{{.}}]{{/maybe}}"])
        #expect(renderer.rendersCompiled)
        let maybe: String? = "optional"
        let context = TemplateObject(values: ["point": Point(), "tags": Set(["a"]), "maybe": maybe as Any])
        let text = try renderer.render("point", context)
        #expect(text == (try renderer.renderThroughSwiftMustache("point", context)))
        #expect(text.hasPrefix("1,2 "))
        let strict = try Self.renderer(extra: ["point": "{{#point}}{{x}}{{/point}}"], engine: .compiledOnly)
        #expect(throws: TemplateRenderer.Failure.self) { try strict.render("point", context) }
    }

    @Test("Page objects keep one value per name, typed when set, and give swift-mustache each as it was")
    func pageObjects() throws {
        #expect(TemplateKey("pageObjectsKey") == TemplateKey("pageObjectsKey"))
        #expect(TemplateKey("pageObjectsKey") != TemplateKey("pageObjectsOther"))
        #expect(TemplateKey("pageObjectsKey").name == "pageObjectsKey")
        #expect(TemplateKey.existing("pageObjectsNeverEntered") == nil)

        var object = TemplateObject([.title: .text("First"), .noindex: .flag(false)])
        object[.title] = .text("Second")
        object[.root] = .text("../")
        object[.noindex] = nil
        guard case .text("Second")? = object[.title], case .text("../")? = object[.root] else {
            Issue.record("values not replaced or added")
            return
        }
        #expect(object[.noindex] == nil)
        #expect(object.dictionary.keys.sorted() == ["root", "title"])
        #expect(object.child(named: "title") as? String == "Second")
        #expect(object.child(named: "noindex") == nil)
        #expect(object.child(named: "pageObjectsNeverEntered") == nil)

        // Built from a dictionary, each value keeps its exact type for swift-mustache.
        let items: [Any] = ["a", 1]
        let wrapped = TemplateObject(wrapping: ["list": items, "count": 2, "nested": ["city": "London"] as [String: Any]])
        #expect(wrapped.child(named: "list") is [Any])
        #expect(wrapped.child(named: "count") as? Int == 2)
        #expect((wrapped.child(named: "nested") as? TemplateObject)?.child(named: "city") as? String == "London")
    }

    @Test("A copy of an object changed after it was taken leaves the original as it was; a render reads the values set")
    func copyOnWrite() throws {
        func texts(_ object: TemplateObject) -> [String: String]? { object.dictionary as? [String: String] }
        // As a locale's shared values and a page's copy of them.
        var shared = TemplateObject(capacity: 4)
        shared[.lang] = .text("en")
        shared[.title] = .text("Shared")
        var page = shared
        page[.title] = .text("Page")
        page[.lang] = nil
        page[.root] = .text("../")
        #expect(texts(shared) == ["lang": "en", "title": "Shared"])
        #expect(texts(page) == ["title": "Page", "root": "../"])

        // A copy taken from a copy, grown past its room, and an object changed inside another.
        var grown = page
        for number in 0..<40 { grown[TemplateKey("copyOnWrite\(number)")] = .integer(number) }
        #expect(texts(page) == ["title": "Page", "root": "../"])
        guard case .integer(39)? = grown[TemplateKey("copyOnWrite39")], case .text("Page")? = grown[.title] else {
            Issue.record("values lost as the object grew")
            return
        }
        let inner = TemplateObject([.name: .text("inner")])
        var outer = TemplateObject([.strings: .object(inner)])
        let before = outer
        guard case .object(var changed)? = outer[.strings] else {
            Issue.record("nested object not found")
            return
        }
        changed[.name] = .text("changed")
        outer[.strings] = .object(changed)
        #expect(texts(inner) == ["name": "inner"])
        #expect((before.child(named: "strings") as? TemplateObject)?.child(named: "name") as? String == "inner")

        let renderer = try Self.renderer(extra: ["copies": "{{title}} {{lang}} {{root}} {{#strings}}{{name}}{{/strings}}"], engine: .compiledOnly)
        outer[.title] = .text("Outer")
        #expect(try renderer.render("copies", shared) == "Shared en  ")
        #expect(try renderer.render("copies", page) == "Page  ../ ")
        #expect(try renderer.render("copies", before) == "   inner")
        #expect(try renderer.render("copies", outer) == "Outer   changed")
        #expect(try renderer.render("copies", grown) == renderer.renderThroughSwiftMustache("copies", grown))
    }

    @Test("The sample content builds to the same files either way")
    func sampleSite() throws {
        let configuration = Configuration(contentRoot: repositoryRoot + "/content", sourceLocale: "en-US")
        try Self.expectSameSite(SiteContent.load(configuration))
    }

    /// Builds `site` with compiled templates (no page left to swift-mustache) and with
    /// swift-mustache's renderer, and compares every file.
    static func expectSameSite(_ site: SiteContent) throws {
        let statuses = ArticleStatus.statuses(content: site.content, diagnostics: [])
        let root = NSTemporaryDirectory() + "concord-template-programs-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var outputs: [String] = []
        for engine in [TemplateRenderer.Engine.compiledOnly, .swiftMustache] {
            let folder = root + "/\(engine)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let builder = try SiteBuilder(site: site, statuses: statuses, theme: .builtIn, templateEngine: engine)
            _ = try builder.build(into: folder)
            outputs.append(folder)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: outputs[0]).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: outputs[1]).sorted() == files)
        var compared = 0
        for file in files where !FileSystem.isDirectory(outputs[0] + "/" + file) {
            let left = try FileSystem.read(outputs[0] + "/" + file)
            let right = try FileSystem.read(outputs[1] + "/" + file)
            #expect(left == right, "\(file) differs")
            compared += 1
        }
        #expect(compared > site.content.sourceArticles.count)
    }
}

extension CorpusTests {
    @Test("Every corpus page is the same with compiled templates as with swift-mustache's renderer")
    func compiledTemplatesMatch() throws {
        try TemplateProgramsTests.expectSameSite(Self.site)
    }
}
