import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Whether axe-core can run: the browser (``browserIsAvailable``) and the `axe.min.js` that
/// axe-playwright-python ships (`scripts/bootstrap --test` installs it).
let axeIsAvailable: Bool = browserIsAvailable && runPython(["-c", "import axe_playwright_python"]).status == 0

/// axe-core's WCAG 2.1 A and AA rules on every kind of page the theme makes, in light and dark mode.
@Suite("axe-core finds no WCAG 2.1 AA violation", .enabled(if: axeIsAvailable, "no headless Chromium, selenium or axe-playwright-python: run scripts/bootstrap --test; accessibility tests skipped"))
struct AccessibilityTests {
    /// The sample content, with an Arabic translation of one article (so the others are
    /// right-to-left fallback pages) and an article with a code block wider than any screen.
    static func content() throws -> TemporaryContent {
        var files: [String: String] = [:]
        let root = repositoryRoot + "/content"
        for path in FileSystem.files(under: root) where path.hasSuffix(".md") {
            files[path] = String(decoding: try FileSystem.read(root + "/" + path), as: UTF8.self)
        }
        files["en-US/wide-code.md"] = """
            ---
            title: A wide command
            ms.date: 04/08/2020
            ---
            # A wide command

            Run this, then see [customer support](customer-support.md) for what it returns.

            ```powershell
            Invoke-Command -ComputerName Server01, Server02, Server03 -ScriptBlock { Get-Process -Name pwsh, powershell, explorer | Sort-Object -Property CPU -Descending | Select-Object -First 10 }
            ```
            """
        files["ar-SA/customer-support.md"] = """
            ---
            title: دعم العملاء
            ms.date: 10/29/2018
            ---
            # دعم العملاء

            يمكنك مساعدة عملائك في حل مشكلاتهم، أو [الإبلاغ عن مشكلة](report-problems-on-behalf-of-a-customer.md) نيابة عنهم.

            ## الحصول على الدعم

            اتصل بفريق الدعم من **مركز الشركاء**.
            """
        return try TemporaryContent(files)
    }

    @Test("Chooser, article, fallback, outdated, search and right-to-left pages, light and dark")
    func samplePages() throws {
        let temporary = try Self.content()
        defer { temporary.remove() }
        let stale = Diagnostic(rule: "stale-translation", severity: .warning, locale: "es-ES",
                               location: FileLocation(file: temporary.configuration.contentRoot + "/es-ES/customer-support.md", line: 1), message: "stale")
        let result = try buildSite(temporary, diagnostics: [stale])
        #expect(result.stale["es-ES"] == 1 && (result.fallbacks["ar-SA"] ?? 0) > 0)
        let pages = [
            "index.html?choose",                 // the language chooser
            "en-US/customer-support.html",       // an article
            "en-US/wide-code.html",              // a wide code block
            "es-ES/customer-support.html",       // outdated
            "ja-JP/wide-code.html",              // a fallback
            "en-US/search.html?q=support",       // search, with results
            "ar-SA/customer-support.html",       // right to left
            "ar-SA/check-service-health.html",   // right to left, a fallback
            "ar-SA/index.html",                  // a locale home
        ]
        let run = runPython([repositoryRoot + "/Tests/Browser/axe_pages.py", temporary.output] + pages)
        #expect(run.status == 0 && run.output.contains("\(pages.count * 2) passed, 0 failed"), "\(run.output)")
    }
}

/// A page deep in a large folder opens with its own entry in view in the sidebar.
@Suite("The sidebar shows the current page", .enabled(if: browserIsAvailable, "no headless Chromium, chromedriver or selenium: run scripts/bootstrap --test; browser test skipped"))
struct SidebarInViewTests {
    @Test("The 140th of 150 pages in a folder: its entry is in view when the page opens")
    func currentEntryInView() throws {
        var files: [String: String] = ["en-US/start.md": "# Start\n"]
        for number in 1...150 { files["en-US/cmdlets/item-\(1000 + number).md"] = "# Item \(1000 + number)\n\nText.\n" }
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        try buildSite(temporary)
        let run = runPython([repositoryRoot + "/Tests/Browser/sidebar_in_view.py", temporary.output, "en-US/cmdlets/item-1140.html", "en-US/cmdlets/item-1001.html"])
        #expect(run.status == 0 && run.output.contains("2 passed, 0 failed"), "\(run.output)")
    }
}

extension SidebarInViewTests {
    @Test("A code block's copy button is named in the page's language and copies the block's text")
    func copyButton() throws {
        let temporary = try AccessibilityTests.content()
        defer { temporary.remove() }
        try buildSite(temporary)
        let run = runPython([repositoryRoot + "/Tests/Browser/copy_code.py", temporary.output, "es-ES/wide-code.html", "Copiar", "Copiado"])
        #expect(run.status == 0 && run.output.contains("3 passed, 0 failed"), "\(run.output)")
    }
}
