import ConcordModel
import Foundation
import Testing
@testable import ConcordRender

/// Cross references on the page: a link to the page the uid names in the reader's locale (its
/// fallback where the locale lacks it), showing the link's text or the page's title; an undefined
/// uid as plain text, never `xref:` in an `href` or as raw `<xref:…>`.
@Suite("Cross references on the page")
struct CrossReferenceRenderTests {
    static let files: [String: String] = [
        "en-US/7.1/Management/Get-Location.md": "# Get-Location\n\n## <a name=\"examples\"></a>Examples\n",
        "en-US/7.1/Management/Set-Location.md": "# Set-Location\n",
        "en-US/concepts/paths.md": "---\nuid: concepts.paths\n---\n# About a < b & \"more\"\n",
        "en-US/guide/article.md": "# Article\n\nSee <xref:concepts.paths>.\n",
        "en-US/odd.md": "---\nuid: \"Odd`Uid\"\n---\n# Odd\n",
        "fr-FR/7.1/Management/Get-Location.md": "# Get-Location (fr)\n",
        "fr-FR/concepts/paths.md": "---\nuid: concepts.paths\n---\n# À propos des chemins\n",
        "fr-FR/guide/article.md": """
            # Article

            Voir <xref:Management.Get-Location>, [où vous êtes](xref:Management.Get-Location#examples),
            <xref:Management.Set-Location?displayProperty=fullName> et <xref:concepts.paths>.

            Aussi @concepts.paths, mais pas me@concepts.paths, ni @octocat, ni `@concepts.paths`.

            Percent-encoded: <xref:Odd`Uid>, <xref:Gone`Uid>.

            Absents : <xref:Missing.Uid>, [texte](xref:Missing.Uid) et <xref:management.get-location>.

            | Cmdlet | Note |
            |---|---|
            | <xref:Management.Get-Location> | [x](xref:Missing.Uid) |
            """,
    ]

    func render(_ path: String, locale: String) throws -> String {
        var temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        temporary.configuration.uidFromPath = [UIDPattern(pattern: "7.1/{module}/{name}.md", uid: "{module}.{name}")!]
        let site = temporary.site()
        let renderer = HTMLRenderer(links: LinkResolver(content: site.content), includes: IncludeStore(content: site.content))
        let article = try #require(site.content.article(path, in: locale) ?? site.content.article(path, in: "en-US"))
        let document = try #require(site.document(path, in: article.locale))
        return renderer.render(document, article: article, locale: locale).html
    }

    @Test("Each form links to the page of its uid in the reader's locale, with its text or that page's title")
    func resolvedForms() throws {
        let html = try render("guide/article.md", locale: "fr-FR")
        #expect(html.contains(#"Voir <a href="../7.1/Management/Get-Location.html">Get-Location (fr)</a>"#))
        #expect(html.contains(#"<a href="../7.1/Management/Get-Location.html#examples">où vous êtes</a>"#))
        // fr-FR has no Set-Location: its fallback page, with the source's title; the query is not kept.
        #expect(html.contains(#"<a href="../7.1/Management/Set-Location.html">Set-Location</a>"#))
        #expect(html.contains(#"<a href="../concepts/paths.html">À propos des chemins</a>"#))
        #expect(html.contains(#"Aussi <a href="../concepts/paths.html">À propos des chemins</a>, mais pas me@concepts.paths, ni @octocat, ni <code>@concepts.paths</code>."#))
        #expect(html.contains(#"<td><a href="../7.1/Management/Get-Location.html">Get-Location (fr)</a></td>"#))
        #expect(html.contains(#"Percent-encoded: <a href="../odd.html">Odd</a>, Gone`Uid."#))
    }

    @Test("An undefined uid shows its text, plainly: never xref: in the page")
    func unresolved() throws {
        let html = try render("guide/article.md", locale: "fr-FR")
        #expect(html.contains("Absents : Missing.Uid, texte et management.get-location."))
        #expect(html.contains("<td>x</td>"))
        #expect(!html.contains("xref:"))
        #expect(!html.contains("xref"))
    }

    @Test("The source's page: the title is the source's, escaped once")
    func sourceTitleIsEscaped() throws {
        let html = try render("guide/article.md", locale: "en-US")
        #expect(html.contains(#"See <a href="../concepts/paths.html">About a &lt; b &amp; &quot;more&quot;</a>."#))
    }
}
