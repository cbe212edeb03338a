import ConcordMarkdown
import ConcordModel

/// FAQ pages written as YAML (`### YamlMime:FAQ`), shown as the site's other pages are: the
/// title, the summary, each section as a heading and each question as a heading over its
/// answer, all Markdown rendered by the one renderer (links, escaping and the raw-HTML filter
/// alike), in the article template, with `FAQPage` structured data (schema.org JSON-LD).
///
/// A FAQ page `x.yml` is shown at `x.html`, where links to `x.md` or `x.yml` lead. A locale
/// without its own copy of a source FAQ page shows the source's, as articles fall back.
extension SiteBuilder {
    /// A FAQ page to write.
    public struct FAQPageOutput: Sendable {
        /// Where it goes, relative to the output folder.
        public var path: String
        /// The page.
        public var html: [UInt8]
    }

    /// Every locale's FAQ pages, leaving out `taken` paths (the article pages).
    public func faqPages(_ contexts: [String: LocaleContext], taken: Set<String>) throws -> [FAQPageOutput] {
        let content = site.content
        var outputs: [FAQPageOutput] = []
        for locale in content.locales {
            guard let context = contexts[locale] else { continue }
            var paths = Set((content.faqPages[content.sourceLocale] ?? [:]).keys)
            paths.formUnion((content.faqPages[locale] ?? [:]).keys)
            for path in paths.sorted() {
                let pagePath = locale + "/" + String(path.dropLast(4)) + ".html"
                guard !taken.contains(pagePath),
                      let page = content.faqPage(path, in: locale) ?? content.faqPage(path, in: content.sourceLocale) else { continue }
                outputs.append(FAQPageOutput(path: pagePath, html: try renderFAQPage(page, pagePath: pagePath, context: context)))
            }
        }
        return outputs
    }

    /// The Markdown a FAQ page reads as: its title, summary, sections and questions as headings.
    static func markdown(of page: FAQPage) -> String {
        var out = "# " + page.title + "\n\n"
        if let summary = page.summary { out += summary + "\n\n" }
        for section in page.sections {
            if let name = section.name, !name.isEmpty { out += "## " + name + "\n\n" }
            for question in section.questions {
                out += (section.name == nil ? "## " : "### ") + question.question + "\n\n" + question.answer + "\n\n"
            }
        }
        return out
    }

    /// One FAQ page in the article template.
    func renderFAQPage(_ page: FAQPage, pagePath: String, context: LocaleContext) throws -> [UInt8] {
        // Named as its page is, so that links in it resolve from its folder.
        let loaded = ArticleLoader.load(markdown: Self.markdown(of: page), path: page.markdownPath, locale: page.locale, file: page.file)
        guard let article = loaded.article, let document = loaded.document else { return [] }
        let body = context.renderer.render(document, article: article, locale: context.locale)
        var html = body.html
        html += "<script type=\"application/ld+json\">" + Self.structuredData(page) + "</script>\n"
        var values = context.sharedValues
        addPathValues(to: &values, context, pagePath: pagePath, title: page.title)
        if let description = page.metadata["description"], !description.isEmpty { values[.description] = .text(description) }
        values[.content] = .html(TemplateHTML(utf8: Array(html.utf8)))
        let directory = RelativePath.directory(of: page.markdownPath)
        values[.navigation] = .html(TemplateHTML(utf8: context.navigation.htmlUTF8(currentPath: page.markdownPath, pageDirectory: directory)))
        values[.canonical] = .text(SitePaths.url(pagePath, baseURL: configuration.baseURL))
        values[.noindex] = .flag(page.locale != context.locale)
        values[.contentLang] = .text(page.locale)
        values[.contentDir] = .text(LocaleID.isRightToLeft(page.locale) ? "rtl" : "ltr")
        values[.contentLangDiffers] = .flag(page.locale != context.locale)
        let onThisPage = onThisPage(article, ids: body.sectionIDs)
        values[.onThisPage] = .objects(onThisPage)
        values[.hasOnThisPage] = .flag(!onThisPage.isEmpty)
        return try templates.renderUTF8("article", values)
    }

    /// schema.org `FAQPage` JSON-LD: each question with its answer as plain text. Every string
    /// is a JSON string that may stand in a `<script>` element (``HTMLEscaping/jsonString(_:)``
    /// escapes `</` and line separators).
    static func structuredData(_ page: FAQPage) -> String {
        var out = #"{"@context":"https://schema.org","@type":"FAQPage","name":"# + HTMLEscaping.jsonString(page.title) + #","mainEntity":["#
        var first = true
        for question in page.sections.flatMap(\.questions) {
            if !first { out += "," }
            first = false
            let answer = ArticleLoader.load(markdown: question.answer).article?.textBlocks.map(\.text).joined(separator: " ") ?? ""
            out += #"{"@type":"Question","name":"# + HTMLEscaping.jsonString(question.question)
            out += #","acceptedAnswer":{"@type":"Answer","text":"# + HTMLEscaping.jsonString(answer) + "}}"
        }
        return out + "]}"
    }
}
