import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Whether headless Chromium, its driver and Python's selenium are here (`scripts/bootstrap --test` installs them).
let browserIsAvailable: Bool = {
    let browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    return browser && driver && runPython(["-c", "import selenium"]).status == 0
}()

/// Runs `python3` with `arguments`, returning its exit status and everything it printed.
func runPython(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (127, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A contributor's pull request that only adds content: payloads in every place content reaches
/// a page, each setting `document.title` when it runs. Every page of the built site is loaded in
/// headless Chromium (`Tests/Browser/audit_pages.py`), which fires events at every element and
/// audits the DOM it parsed; none may run, and the site must work under its own CSP.
@Suite("Hostile content in a browser", .enabled(if: browserIsAvailable, "no headless Chromium, chromedriver or selenium: run scripts/bootstrap --test; browser test skipped"))
struct BrowserSafetyTests {
    /// Script that marks the page as attacked, numbered by the place it was put in. No quotes or
    /// slashes, so it survives in file names and unquoted attributes.
    static func js(_ place: Int) -> String { "document.title=String.fromCharCode(80,87,78,69,68)+\(place)" }

    /// Markup that runs ``js(_:)`` wherever text is put into a page unescaped: as elements, and as
    /// attributes after a quote of either kind, joined to combining marks or not.
    static func markup(_ place: Int) -> String {
        "\"'><img src=x onerror=\(js(place))><svg onload=\(js(place))>\"\u{301} autofocus onfocus=\(js(place)) x='\u{301} onmouseover=\(js(place)) y=<\u{338}script>\(js(place))</script>"
    }

    /// YAML block scalar holding `text` whatever its characters.
    static func block(_ text: String) -> String { "|-\n  " + text }

    static func article(_ base: Int) -> String {
        """
        ---
        title: \(block("Title" + markup(base + 1)))
        description: \(block("Description" + markup(base + 2)))
        ms.date: \(block("01/01/2026" + markup(base + 3)))
        x<img src=x onerror=\(js(base + 4))>: value
        ---
        # Heading \(markup(base + 5))

        ## <a name='b"\u{301} onfocus=\(js(base + 6)) autofocus z'></a>Second \(markup(base + 7))

        <a id="i" onclick="\(js(base + 8))" href="javascript:\(js(base + 9))">raw anchor</a>
        <script>\(js(base + 10))</script> <img src=x onerror=\(js(base + 11))> <details open ontoggle=\(js(base + 12))>d</details>

        [link \(markup(base + 13))](javascript:\(js(base + 14))) [dot](./javascript:\(js(base + 15)).md)
        [case](JaVaScRiPt:\(js(base + 16))) [entity](&#106;avascript:\(js(base + 17))) <javascript:\(js(base + 18))>
        [titled](https://example.com "\(markup(base + 19))") [reference][r] [data](data:text/html,<script>\(js(base + 20))</script>)

        [r]: javascript:\(js(base + 21))

        ![alt \(markup(base + 22))](media/pic.png "\(markup(base + 23))") ![page](evil.html) ![vector](evil.svg) ![js](javascript:\(js(base + 24)))

        | head \(markup(base + 25)) | b |
        |---|---|
        | \(markup(base + 26)) | [cell](javascript:\(js(base + 27))) |

        > [!NOTE]
        > Alert \(markup(base + 28))

        > [!<img src=x onerror=\(js(base + 29))>]
        > Odd alert

        ```html" onmouseover=\(js(base + 30)) x="
        <script>\(js(base + 31))</script>
        ```

        [!INCLUDE [include \(markup(base + 32))](includes/part.md)]

        ## Third \(markup(base + 33))

        More.
        """
    }

    static let includePart = "Included <script>\(js(90))</script> \(markup(91)) [x](javascript:\(js(92)))\n"

    static let evilHTML = "<!doctype html><title>x</title><script>\(js(93))</script>"
    static let evilSVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"\(js(94))\"><script>\(js(95))</script></svg>"
    /// A one-pixel PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41,
        0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// The theme's strings for fr-FR, as a theme folder beside the content could give them.
    static let strings = """
        languageName: \(block("Français " + markup(400)))
        home: \(block("Accueil " + markup(401)))
        searchResultsFor: \(block("Résultats {query} " + markup(402)))
        searchNoResults: \(block("Rien {query} " + markup(403)))
        fallbackNotice: \(block("Pas traduit " + markup(404)))
        onThisPage: \(block("Dans cet article " + markup(405)))
        """

    /// Writes the hostile content tree (and a theme folder with hostile strings), returning its configuration.
    static func hostileTree() throws -> TemporaryContent {
        let content = try TemporaryContent([
            "en-US/article.md": article(100),
            "fr-FR/article.md": article(200),
            "en-US/includes/part.md": includePart,
            "fr-FR/includes/part.md": includePart,
            "en-US/evil.html": evilHTML,
            "en-US/evil.svg": evilSVG,
            "en-US/x\"><img src=x onerror=\(js(300))>.md": "# File name\n",
            "en-US/javascript:\(js(301)).md": "# Scheme file name\n",
            "en-US/guide/deep.md": "# Deep \(markup(302))\n\n[up](../article.md) [x](../javascript:\(js(303)).md)\n",
            "en-US/toc.yml": """
            - name: \(block("Toc " + markup(310)))
              href: article.md
            - name: Script
              href: "javascript:\(js(311))"
            - name: Group \(js(312))
              items:
              - name: \(block("Deep " + markup(313)))
                href: guide/deep.md
              - name: Scheme
                href: javascript:\(js(314)).md
            """,
            "fr-FR/TOC.md": "# [Sommaire \(markup(320))](article.md)\n## [x](javascript:\(js(321)))\n## [y](guide/deep.md)\n",
        ])
        let media = content.root + "/content/en-US/media"
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try Data(png).write(to: URL(fileURLWithPath: media + "/pic.png"))
        let i18n = content.configuration.templates + "/i18n"
        try FileManager.default.createDirectory(atPath: i18n, withIntermediateDirectories: true)
        try Data(strings.utf8).write(to: URL(fileURLWithPath: i18n + "/fr-FR.yml"))
        return content
    }

    @Test("No payload runs in any page, and every page works under its Content-Security-Policy")
    func noPayloadRuns() throws {
        let content = try Self.hostileTree()
        defer { content.remove() }
        var configuration = content.configuration
        configuration.siteTitle = "Site " + Self.markup(500)
        let report = try BuildAction(configuration: configuration, output: content.output).run()
        #expect(report.site != nil, "the build published no site")
        let audit = runPython([
            repositoryRoot + "/Tests/Browser/audit_pages.py", content.output,
            "--query", "heading", "--query", "javascript", "--query", "document",
        ])
        #expect(audit.status == 0 && audit.output.contains(" passed, 0 failed"), "\(audit.output)")
    }

    @Test("The sample site works in Chromium under its policy: chooser, search, language switcher, menu")
    func sampleSiteWorks() throws {
        let output = NSTemporaryDirectory() + "concord-browser-sample-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let configuration = try Configuration.load(file: repositoryRoot + "/concord.yml")
        let report = try BuildAction(configuration: configuration, output: output).run()
        #expect(report.site != nil)
        let run = runPython([repositoryRoot + "/Tests/Browser/sample_site_works.py", output])
        #expect(run.status == 0 && run.output.contains(" passed, 0 failed"), "\(run.output)")
    }
}
