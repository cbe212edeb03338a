import ConcordCheck
import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Concord's own templates (``MustacheSyntax`` parsed, ``TemplatePrograms`` compiled): the
/// constructs a theme uses, the value types pages hold, and what a broken theme is told.
@Suite("Templates: constructs, page values and errors")
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
            [{{a..b}}]

            """,
        "escaping": """
            {{html}}|{{{html}}}|{{&html}}|{{#items}}{{{name}}}{{/items}}
            {{html}}|{{#items}}{{name}}{{/items}}
            {{>escapingPartial}}
            """,
        "escapingPartial": "partial: {{html}}\n",
        // A pragma is read and ignored: every `{{value}}` is escaped whatever a theme asks.
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
            {{^none}}none {{.}}{{/none}}{{#none}}never{{/none}}{{^mixed}}never{{/mixed}} {{#strings}}{{.}},{{/strings}}

            """,
        // HTML handed over as bytes (the body, the sidebar): a value with text and no children.
        "htmlBytes": """
            {{{markup}}}|{{markup}}|{{&markup}}|{{markup.utf8}}|{{#markup}}[{{.}}|{{{.}}}|{{utf8}}|{{title}}]{{/markup}}{{^markup}}never{{/markup}}
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
        "strings": ["a", "<b>"],
        ]
    }

    static func renderer(extra: [String: String]) throws -> TemplateRenderer {
        var theme = Theme.builtIn
        for (name, text) in extra { theme.files[name + ".mustache"] = Array(text.utf8) }
        return try TemplateRenderer(theme: theme)
    }

    /// What each construct renders to, recorded in `Golden/template-constructs.json`. The
    /// record is the previous renderer's (swift-mustache 2.1.1) but where Concord follows the
    /// specification on purpose: a standalone partial indents every line of its template and
    /// no line of a value, a missing partial's indentation is not left behind, and a
    /// standalone block's content is reindented to its tag.
    static let expected: [String: String] = {
        let path = repositoryRoot + "/Tests/ConcordRenderTests/Golden/template-constructs.json"
        guard let data = FileManager.default.contents(atPath: path),
              let values = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return values
    }()

    @Test("Each construct renders as recorded", arguments: templates.keys.sorted())
    func constructs(_ name: String) throws {
        let rendered = try Self.renderer(extra: Self.templates).render(name, TemplateObject(wrapping: Self.context))
        #expect(rendered == Self.expected[name], "\(name):\n\(rendered)")
        #expect(!rendered.isEmpty)
    }

    @Test("Values of other types are written as their description, true to sections, without children")
    func otherValues() throws {
        struct Point: CustomStringConvertible { var x = 1; var description: String { "point" } }
        let renderer = try Self.renderer(extra: ["point": "{{point}} {{#point}}[{{x}}]{{/point}}{{^point}}never{{/point}} {{nothing}}|{{#nothing}}never{{/nothing}}{{^nothing}}none{{/nothing}}"])
        let context = TemplateObject(values: ["point": Point(), "nothing": TemplateValue.null])
        #expect(try renderer.render("point", context) == "point [] |none")
    }

    @Test("A template that does not parse is reported with its name, line and reason", arguments: [
        ("line one\n{{/open}}\n", "line 2: '{{/open}}' closes nothing"),
        ("{{#a}}\n{{#b}}\n{{/a}}", "line 3: '{{/a}}' closes 'b'"),
        ("one\ntwo {{#open}}", "line 2: 'open' is not closed"),
        ("{{title", "line 1: a tag is not closed"),
        ("{{=<% =}}", "line 1: '{{=<%=}}' does not set two delimiters"),
        ("{{}}", "line 1: a tag without a name"),
    ])
    func parseErrors(_ text: String, _ reason: String) throws {
        do {
            _ = try Self.renderer(extra: ["broken": text])
            Issue.record("\(text.debugDescription) parsed")
        } catch let error as TemplateRenderer.Failure {
            #expect(error.template == "broken")
            #expect(error.reason == reason)
        }
    }

    @Test("Partials that include each other without end are an error, not a crash")
    func partialRecursion() throws {
        let renderer = try Self.renderer(extra: ["loop": "a{{>loop}}", "start": "{{>loop}}"])
        #expect(throws: TemplateRenderer.Failure.self) { try renderer.render("start", [:]) }
        // Recursion that data ends is fine.
        let tree = try Self.renderer(extra: ["node": "{{name}}({{#children}}{{>node}}{{/children}})"])
        let leaf: [String: Any] = ["name": "leaf", "children": [[String: Any]]()]
        #expect(try tree.render("node", ["name": "root", "children": [["name": "mid", "children": [leaf]] as [String: Any]]]) == "root(mid(leaf()))")
    }

    @Test("The default theme parses and renders the shipped pages without a template error")
    func defaultTheme() throws {
        let renderer = try TemplateRenderer(theme: .builtIn)
        #expect(try renderer.render("article", ["title": "T", "content": TemplateHTML(utf8: Array("<p>x</p>".utf8))]).contains("<p>x</p>"))
    }

    @Test("Page objects keep one value per name, typed when set")
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

        // Built from a dictionary, each value is told apart by its exact type.
        let items: [Any] = ["a", 1]
        let wrapped = TemplateObject(wrapping: ["list": items, "count": 2, "nested": ["city": "London"] as [String: Any]])
        guard case .list(let list)? = wrapped[TemplateKey("list")], case .integer(2)? = wrapped[TemplateKey("count")],
              case .object(let nested)? = wrapped[TemplateKey("nested")], case .text("London")? = nested[TemplateKey("city")] else {
            Issue.record("values not typed as set")
            return
        }
        #expect(list.count == 2)
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

        let renderer = try Self.renderer(extra: ["copies": "{{title}} {{lang}} {{root}} {{#strings}}{{name}}{{/strings}}"])
        outer[.title] = .text("Outer")
        #expect(try renderer.render("copies", shared) == "Shared en  ")
        #expect(try renderer.render("copies", page) == "Page  ../ ")
        #expect(try renderer.render("copies", before) == "   inner")
        #expect(try renderer.render("copies", outer) == "Outer   changed")
        #expect(try renderer.render("copies", grown) == "Page  ../ ")
    }
}

