import ConcordMarkdown
import ConcordModel

/// FAQ pages written as YAML (`### YamlMime:FAQ`) are articles once loaded (``FAQPage/article()``):
/// their pages are article pages, and carry schema.org `FAQPage` structured data (JSON-LD) too.
extension SiteBuilder {
    /// The `<script type="application/ld+json">` element of a FAQ page's article; empty for another article.
    static func structuredDataElement(_ article: Article) -> String {
        guard let faq = article.faq else { return "" }
        return "<script type=\"application/ld+json\">" + structuredData(title: article.title, faq) + "</script>\n"
    }

    /// schema.org `FAQPage` JSON-LD: each question with its answer as plain text. Every string
    /// is a JSON string that may stand in a `<script>` element (``HTMLEscaping/jsonString(_:)``
    /// escapes `</` and line separators).
    static func structuredData(title: String, _ faq: FAQContent) -> String {
        var out = #"{"@context":"https://schema.org","@type":"FAQPage","name":"# + HTMLEscaping.jsonString(title) + #","mainEntity":["#
        var first = true
        for question in faq.sections.flatMap(\.questions) {
            if !first { out += "," }
            first = false
            let answer = ArticleLoader.load(markdown: question.answer).article?.textBlocks.map(\.text).joined(separator: " ") ?? ""
            out += #"{"@type":"Question","name":"# + HTMLEscaping.jsonString(question.question)
            out += #","acceptedAnswer":{"@type":"Answer","text":"# + HTMLEscaping.jsonString(answer) + "}}"
        }
        return out + "]}"
    }
}
