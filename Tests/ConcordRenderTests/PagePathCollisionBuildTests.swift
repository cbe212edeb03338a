import ConcordModel
import Foundation
import Testing
@testable import ConcordBuild
@testable import ConcordRender

/// Articles whose pages would be one file were rendered at once into it, and the pages came out
/// mixed. One of them is built now, whole, and the other reported.
@Suite("Colliding pages in a build")
struct PagePathCollisionBuildTests {
    @Test("Hundreds of p.md beside p.MD: every page is whole and is p.md's, and each p.MD is reported")
    func extensionCase() throws {
        var files: [String: String] = [:]
        for index in 0..<300 {
            files["en-US/p\(index).md"] = "# Lower \(index)\n\n" + String(repeating: "lower text ", count: 300) + "\n"
            files["en-US/p\(index).MD"] = "# Upper \(index)\n\n" + String(repeating: "UPPER ", count: 40) + "\n"
        }
        let temporary = try TemporaryContent(files)
        defer { temporary.remove() }
        let report = try BuildAction(configuration: temporary.configuration).run()
        for index in 0..<300 {
            let page = try temporary.read("en-US/p\(index).html")
            #expect(page.contains("Lower \(index)") && !page.contains("UPPER"), "p\(index).html")
            #expect(page.components(separatedBy: "</html>").count == 2, "p\(index).html")
        }
        let reported = report.diagnostics.filter { $0.rule == "page-path-collision" }.map(\.location.file)
        #expect(Set(reported) == Set((0..<300).map { temporary.root + "/content/en-US/p\($0).MD" }))
    }
}
