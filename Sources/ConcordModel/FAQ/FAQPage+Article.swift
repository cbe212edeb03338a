import ConcordMarkdown

/// The questions of a FAQ page written as YAML, as its article carries them (`faq` in the
/// article JSON): the sections in order, each question with its line and its answer's.
@JSONWritable @ModelCodable
public struct FAQContent: Sendable, Hashable, Codable {
    /// The sections, in order.
    public var sections: [FAQPage.Section]

    /// Creates the content.
    public init(sections: [FAQPage.Section]) {
        self.sections = sections
    }
}

/// A FAQ page is an article like any other once it is read: its title, summary, section names,
/// questions and answers as Markdown, at its Markdown path (`x.md` for `x.yml`). So it pairs
/// with its translations whichever form they are written in, and the JSON, the bundles, the
/// search index, the navigation, the checks and the pages take it as they take articles.
extension FAQPage {
    /// The page as Markdown: the title as a level-1 heading, the summary, each named section as
    /// a level-2 heading, each question as a heading over its answer. Every part starts on the
    /// line it has in the YAML file (blank lines fill the gaps), so the article's lines, and every
    /// finding on them, name the file's lines; a part that cannot go there (a folded scalar that
    /// took fewer lines) goes on the next free line.
    public var markdown: String {
        var text = LineAlignedMarkdown()
        text.place("# " + Self.oneLine(title), at: titleLine)
        if let summary { text.place(summary, at: summaryLine) }
        for section in sections {
            let name = section.name.map(Self.oneLine) ?? ""
            if !name.isEmpty { text.place("## " + name, at: section.line) }
            for question in section.questions {
                text.place((name.isEmpty ? "## " : "### ") + Self.oneLine(question.question), at: question.line)
                text.place(question.answer, at: question.answerLine)
            }
        }
        return text.text
    }

    /// The page as an article at ``markdownPath``, with the page's metadata as its front matter
    /// and its questions in ``Article/faq``; the parsed Markdown too, for the page renderer.
    public func article() -> LoadResult {
        var result = ArticleLoader.load(bytes: Array(markdown.utf8), path: markdownPath, locale: locale, file: file)
        guard var article = result.article else { return result }
        article.metadata = Metadata(entries: metadata
            .map { MetadataEntry(key: $0.key, value: .string($0.value), line: metadataLines[$0.key] ?? 1) }
            .sorted { ($0.line, $0.key) < ($1.line, $1.key) })
        if article.title.isEmpty { article.title = title }
        article.faq = FAQContent(sections: sections)
        result.article = article
        return result
    }

    /// A heading holds one line: line breaks a block scalar kept read as spaces.
    static func oneLine(_ text: String) -> String {
        text.contains("\n") ? text.split(separator: "\n").joined(separator: " ") : text
    }
}

/// Markdown written block by block, each block starting on a chosen line where it can.
struct LineAlignedMarkdown {
    /// The Markdown so far.
    private(set) var text = ""
    /// The line the next block would start on.
    private var next = 1
    /// Whether the last block may have opened an HTML block, which only a blank line ends (a
    /// heading on the next line would be swallowed into it).
    private var mayHoldHTML = false

    /// Appends `block` (its trailing line breaks dropped) on line `line`, or on the first line
    /// after the text so far when that is later.
    mutating func place(_ block: String, at line: Int) {
        var body = Substring(block)
        while body.last == "\n" || body.last == "\r\n" { body.removeLast() }
        guard !body.isEmpty else { return }
        let start = max(line, next + (mayHoldHTML ? 1 : 0))
        text += String(repeating: "\n", count: start - next)
        text += body
        text += "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        next = start + lines.count
        mayHoldHTML = lines.contains { $0.drop { $0 == " " }.first == "<" }
    }
}
