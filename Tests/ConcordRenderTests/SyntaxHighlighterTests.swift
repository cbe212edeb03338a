import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Build-time highlighting: what each language's tokens are, and that the text is unchanged.
@Suite("Syntax highlighting at build time")
struct SyntaxHighlighterTests {
    /// The tokens of `code` as (text, class suffix) pairs.
    static func tokens(_ code: String, _ language: SyntaxHighlighter.Language) -> [String] {
        var text = code
        return text.withUTF8 { bytes in
            SyntaxHighlighter.tokens(bytes, language: language).map { token in
                String(decoding: bytes[token.range], as: UTF8.self) + "/" + token.kind.rawValue
            }
        }
    }

    /// The text of highlighted HTML with its spans taken out and references read back.
    static func text(of html: String) -> String {
        html.replacingOccurrences(of: #"<span class="hl-[a-z]">"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "</span>", with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("PowerShell: cmdlets, parameters, variables, strings, comments, keywords")
    func powershell() {
        let tokens = Self.tokens("# List\nGet-Process -Name 'pwsh' | Where-Object { $_.CPU -gt 10 } # busy\nif ($true) { \"$env:PATH\" }\n<# block #>", .powershell)
        #expect(tokens == [
            "# List/c", "Get-Process/t", "-Name/p", "'pwsh'/s", "Where-Object/t", "$_/v", "-gt/p", "10/n", "# busy/c",
            "if/k", "$true/k", "\"$env:PATH\"/s", "<# block #>/c",
        ])
    }

    @Test("C#, JSON, YAML, XML, shell and Python each find their tokens")
    func otherLanguages() {
        #expect(Self.tokens("public class A { int x = 42; } // note", .csharp) == ["public/k", "class/k", "int/k", "42/n", "// note/c"])
        #expect(Self.tokens("{\"name\": \"pwsh\", \"size\": 3, \"ok\": true}", .json) == ["\"name\"/p", "\"pwsh\"/s", "\"size\"/p", "3/n", "\"ok\"/p", "true/k"])
        #expect(Self.tokens("items:\n  - name: Overview # top\n    href: 'a.md'\n", .yaml) == ["items/p", "name/p", "# top/c", "href/p", "'a.md'/s"])
        #expect(Self.tokens("<!-- c --><Project Sdk=\"x\"><a/></Project>", .xml) == ["<!-- c -->/c", "Project/t", "Sdk/p", "\"x\"/s", "a/t", "/Project/t"])
        #expect(Self.tokens("sudo apt-get install -y $PKG # now", .shell) == ["sudo/k", "$PKG/v", "# now/c"])
        #expect(Self.tokens("def f(x):\n    return \"\"\"a\nb\"\"\" # done", .python) == ["def/k", "return/k", "\"\"\"a\nb\"\"\"/s", "# done/c"])
    }

    @Test("A highlighted block says exactly what it said, escaped; an unclosed string stops at its line")
    func textUnchanged() {
        let code = "Get-Item -Path \"C:\\<b>&\" | % { $_ } # <script>\n{\"a\": \"unclosed\n\"b\": 1}"
        let html = renderBody("```powershell\n\(code)\n```\n")
        #expect(html.contains("<span class=\"hl-t\">Get-Item</span>"))
        #expect(!html.contains("<script>") && !html.contains("<b>"))
        let body = html.components(separatedBy: "<code class=\"language-powershell\">")[1].components(separatedBy: "</code>")[0]
        #expect(Self.text(of: body) == code + "\n")
        #expect(Self.tokens("{\"a\": \"unclosed\n\"b\": 1}", .json).contains("\"b\"/p"))
    }

    @Test("Every code block of the PowerShell corpus keeps its text when highlighted", .enabled(if: corpusIsPresent, "shared/corpus/powershell is absent; corpus part skipped"))
    func corpusBlocks() {
        let site = CorpusTests.site
        var checked = 0
        for article in site.content.sortedArticles(in: "en-US") {
            guard let document = site.document(article.path, in: "en-US") else { continue }
            for index in document.nodes.indices where document.nodes[index].kind == .codeBlock {
                guard let language = HTMLRenderer.Writer.languageClass(document.info(of: index)).flatMap(SyntaxHighlighter.language(ofClass:)) else { continue }
                document.withLiteralBytes(of: index) { code in
                    var out = HTMLBuffer(capacity: code.count * 2)
                    SyntaxHighlighter.write(code, language: language, into: &out)
                    var plain = HTMLBuffer(capacity: code.count * 2)
                    plain.appendEscaped(utf8: code)
                    let highlighted = String(decoding: out.array(), as: UTF8.self)
                    let stripped = highlighted.replacingOccurrences(of: #"<span class="hl-[a-z]">"#, with: "", options: .regularExpression).replacingOccurrences(of: "</span>", with: "")
                    #expect(stripped == String(decoding: plain.array(), as: UTF8.self), "\(article.file)")
                }
                checked += 1
            }
        }
        #expect(checked > 1000)
    }
}
