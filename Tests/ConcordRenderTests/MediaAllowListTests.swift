import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Only images are copied into the site: a file named by an image reference is published when
/// its extension is on the allow-list and its first bytes are that format's signature (SVG: when
/// it holds nothing active). Anything else is an `unsafe-media` finding at the image reference.
@Suite("Only media on the allow-list is copied", .serialized)
struct MediaAllowListTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    static let html = Array("<!DOCTYPE html><script>alert(document.domain)</script>".utf8)

    /// A content tree with text files and binary files (`media`, by `locale/path`).
    static func content(_ files: [String: String], media: [String: [UInt8]]) throws -> TemporaryContent {
        let temporary = try TemporaryContent(files)
        for (path, bytes) in media {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary.configuration.contentRoot + "/" + path))
        }
        return temporary
    }

    static func findings(_ result: SiteBuildResult) -> [Diagnostic] { result.diagnostics.filter { $0.rule == "unsafe-media" } }

    @Test("An HTML file referenced as an image is not published, and the reference is reported")
    func htmlAsImage() throws {
        let temporary = try Self.content(["en-US/a.md": "# A\n\nText.\n\n![d](evil.html)\n"], media: ["en-US/evil.html": Self.html])
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        #expect(!FileSystem.exists(temporary.output + "/en-US/evil.html"))
        let findings = Self.findings(result)
        #expect(findings.count == 1)
        #expect(findings.first?.location.file == temporary.configuration.contentRoot + "/en-US/a.md")
        #expect(findings.first?.location.line == 5)
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.message.contains("evil.html") == true)
        #expect(!(try temporary.read("en-US/a.html")).contains("evil.html"))
    }

    @Test("An image reference to a generated page's name never replaces the page, in any locale")
    func imageOverPage() throws {
        let temporary = try Self.content([
            "en-US/a.md": "# A\n\n![x](b.html)\n", "en-US/b.md": "# Article B\n", "es-ES/a.md": "# A\n\n![x](b.html)\n",
        ], media: ["en-US/b.html": Self.html, "es-ES/b.html": Self.html])
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        for locale in ["en-US", "es-ES"] {
            let page = try temporary.read("\(locale)/b.html")
            #expect(page.contains("<h1 id=\"article-b\">Article B</h1>"))
            #expect(!page.contains("alert(document.domain)"))
        }
        #expect(Set(Self.findings(result).map(\.location.file)) == [
            temporary.configuration.contentRoot + "/en-US/a.md", temporary.configuration.contentRoot + "/es-ES/a.md",
        ])
    }

    @Test("A file whose bytes are not its extension's format is not published", arguments: ["png", "jpg", "jpeg", "gif", "webp", "avif", "ico"])
    func wrongSignature(extension: String) throws {
        let temporary = try Self.content(["en-US/a.md": "# A\n\n![x](media/evil.\(`extension`))\n"], media: [:])
        defer { temporary.remove() }
        try FileManager.default.createDirectory(atPath: temporary.configuration.contentRoot + "/en-US/media", withIntermediateDirectories: true)
        try Data(Self.html).write(to: URL(fileURLWithPath: temporary.configuration.contentRoot + "/en-US/media/evil.\(`extension`)"))
        let result = try buildSite(temporary)
        #expect(!FileSystem.exists(temporary.output + "/en-US/media/evil.\(`extension`)"))
        #expect(Self.findings(result).map(\.location.line) == [3])
    }

    @Test("Images whose first bytes match their extension are published", arguments: [
        ("png", png),
        ("jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8)),
        ("JPEG", [0xFF, 0xD8, 0xFF, 0xDB, 0, 0x43]),
        ("gif", Array("GIF89a".utf8) + [1, 0, 1, 0]),
        ("webp", Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)),
        ("avif", [0, 0, 0, 0x1C] + Array("ftypavif".utf8) + [0, 0, 0, 0] + Array("avifmif1miaf".utf8)),
        ("ico", [0, 0, 1, 0, 1, 0, 16, 16]),
        ("svg", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>".utf8)),
    ] as [(String, [UInt8])])
    func goodImages(extension: String, bytes: [UInt8]) throws {
        let temporary = try Self.content(["en-US/a.md": "# A\n\n![x](pic.\(`extension`))\n"], media: ["en-US/pic.\(`extension`)": bytes])
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        #expect(Self.findings(result).isEmpty)
        #expect(try FileSystem.read(temporary.output + "/en-US/pic.\(`extension`)") == bytes)
        #expect(try temporary.read("en-US/a.html").contains("<img src=\"pic.\(`extension`)\""))
    }

    @Test("An SVG with scripts, handlers, foreign objects or references outside itself is not published")
    func activeSVG() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>"
        let temporary = try Self.content(["en-US/a.md": "# A\n\n![x](evil.svg)\n"], media: ["en-US/evil.svg": Array(svg.utf8)])
        defer { temporary.remove() }
        let result = try buildSite(temporary)
        #expect(!FileSystem.exists(temporary.output + "/en-US/evil.svg"))
        #expect(Self.findings(result).first?.message.contains("script") == true)
    }

    @Test("The allow-list holds no extension the site writes itself")
    func noGeneratedExtension() {
        for generated in ["html", "htm", "json", "xml", "txt", "css", "js", "xhtml", "svgz", "mjs"] {
            #expect(MediaPolicy.kind(ofPath: "a." + generated) == nil, "\(generated)")
        }
        #expect(MediaPolicy.kind(ofPath: "a.PNG") == .png)
        #expect(MediaPolicy.kind(ofPath: "a.png.html") == nil)
        #expect(MediaPolicy.kind(ofPath: "png") == nil)
    }
}

/// The SVG check: a file is published only when it is plain drawing.
@Suite("SVG files are published only when they hold nothing active")
struct SVGPolicyTests {
    static let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">"

    @Test("Active or external content is refused", arguments: [
        "<script>alert(1)</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script>",
        "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script>",
        "<rect onclick=\"alert(1)\"/>",
        "<rect\nONLOAD='alert(1)'/>",
        "<rect h:onclick=\"alert(1)\" xmlns:h=\"x\"/>",
        "<foreignObject><iframe src=\"https://evil.example\"></iframe></foreignObject>",
        "<a href=\"javascript:alert(1)\"><text>x</text></a>",
        "<a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a>",
        "<image href=\"https://evil.example/track.png\"/>",
        "<use href=\"other.svg#shape\"/>",
        "<rect style=\"fill:url(https://evil.example/x)\"/>",
        "<style>@import url(https://evil.example/x.css);</style>",
        "<style>rect { fill: url( 'https://evil.example/x' ) }</style>",
        "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
        "<animate attributeName=\"href\" values=\"javascript:alert(1)\"/>",
        "<handler type=\"application/ecmascript\">alert(1)</handler>",
        "<iframe src=\"https://evil.example\"/>",
        "<embed src=\"evil.swf\"/>",
        "<g xml:base=\"javascript:alert(1)//\"><a href=\"#x\"><text>x</text></a></g>",
        "<rect/><unknownElement/>",
    ])
    func refused(_ inner: String) {
        #expect(MediaPolicy.svgProblem(Array((Self.open + inner + "</svg>").utf8)) != nil, "\(inner)")
    }

    @Test("Documents an XML parser could be tricked by are refused", arguments: [
        "<!DOCTYPE svg [<!ENTITY x \"javascript:\">]>" + open + "<a href=\"&x;\"/></svg>",
        "<?xml-stylesheet href=\"https://evil.example/x.xsl\" type=\"text/xsl\"?>" + open + "</svg>",
        "<html><script>alert(1)</script></html>",
        "<svg/onload=alert(1)>",
        "<svg onload=alert(1)>",
        open + "<rect",
        "",
        "GIF89a",
    ])
    func malformed(_ text: String) {
        #expect(MediaPolicy.svgProblem(Array(text.utf8)) != nil, "\(text)")
    }

    @Test("Plain drawing is accepted", arguments: [
        open + "<rect x=\"1\" y=\"1\" width=\"8\" height=\"8\" fill=\"#336\"/></svg>",
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!-- Generator: Tool -->\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
            + open + "<title>A &amp; B</title><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"red\"/></linearGradient>"
            + "<clipPath id=\"c\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></clipPath></defs>"
            + "<g clip-path=\"url(#c)\" style=\"fill: url( '#g' )\"><path d=\"M0 0L10 10\"/><use xlink:href=\"#c\"/></g>"
            + "<style>.a { fill: url(#g) }</style><text x=\"1\" y=\"9\">Label <tspan>2 &lt; 3</tspan></text>"
            + "<![CDATA[ <script> in character data is text ]]></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" "
            + "xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
            + "xmlns:cc=\"http://creativecommons.org/ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" inkscape:version=\"1.0\">"
            + "<sodipodi:namedview id=\"n\" pagecolor=\"#ffffff\"/><metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:format>image/svg+xml</dc:format>"
            + "<dc:type rdf:resource=\"http://purl.org/dc/dcmitype/StillImage\"/></cc:Work></rdf:RDF></metadata>"
            + "<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\"><ellipse cx=\"1\" cy=\"1\" rx=\"1\" ry=\"1\"/></g></svg>",
    ])
    func accepted(_ text: String) {
        #expect(MediaPolicy.svgProblem(Array(text.utf8)) == nil)
    }
}
