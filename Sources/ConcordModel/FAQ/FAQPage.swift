import ConcordMarkdown
import Yams

/// A FAQ page written as YAML (`### YamlMime:FAQ`), as Microsoft Docs publishes them: a title,
/// metadata, a Markdown summary, and sections of questions with Markdown answers.
public struct FAQPage: Sendable, Hashable {
    /// One question and its answer (Markdown): in the article JSON (`faq.sections[].questions[]`).
    @JSONWritable @ModelCodable
    public struct Question: Sendable, Hashable, Codable {
        /// The question, as written (plain text, trimmed).
        public var question: String
        /// The answer, Markdown.
        public var answer: String
        /// The line of the `question:` key.
        public var line: Int
        /// The file line the answer's text starts on (the line after `answer: |` for a block).
        public var answerLine: Int

        /// Creates a question.
        public init(question: String, answer: String, line: Int, answerLine: Int) {
            self.question = question
            self.answer = answer
            self.line = line
            self.answerLine = answerLine
        }
    }

    /// One section: its name (optional) and its questions.
    @JSONWritable @ModelCodable
    public struct Section: Sendable, Hashable, Codable {
        /// The section's name, if it has one.
        public var name: String?
        /// Its questions, in order.
        public var questions: [Question]
        /// The line of the section's entry.
        public var line: Int

        /// Creates a section.
        public init(name: String?, questions: [Question], line: Int) {
            self.name = name
            self.questions = questions
            self.line = line
        }
    }

    /// The path relative to the locale root (`partner-center/payout-faq.yml`).
    public var path: String
    /// The locale.
    public var locale: String
    /// The file, as findings name it.
    public var file: String
    /// The page title (`title:`, else `metadata.title`).
    public var title: String
    /// The line the title's text is on.
    public var titleLine: Int
    /// The scalar values of `metadata:`, by key.
    public var metadata: [String: String]
    /// The line of each `metadata:` key.
    public var metadataLines: [String: Int]
    /// The summary (Markdown), if any.
    public var summary: String?
    /// The line the summary's text starts on.
    public var summaryLine: Int
    /// The sections, in order.
    public var sections: [Section]

    /// The first line that marks a FAQ page.
    public static let marker = "### YamlMime:FAQ"
    /// The most sections and questions read; more is a finding and the rest are not read.
    public static let maximumQuestions = 10_000
    /// The finding for a FAQ page that cannot be read, wholly or in part.
    public static let rule = "invalid-faq"

    /// Whether `bytes` start with the FAQ marker line.
    public static func isFAQ(_ bytes: [UInt8]) -> Bool {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes.dropFirst(start).starts(with: marker.utf8)
    }

    /// Reads a FAQ page; `nil` with a finding when it is not one Concord can read.
    public static func load(bytes: [UInt8], path: String, locale: String, file: String) -> (page: FAQPage?, diagnostics: [Diagnostic]) {
        func problem(_ message: String, line: Int) -> Diagnostic {
            Diagnostic(rule: rule, severity: .warning, locale: locale, location: FileLocation(file: file, line: line), message: message)
        }
        guard bytes.count <= MarkdownInput.maximumBytes else {
            return (nil, [problem("the FAQ page is \(bytes.count) bytes, over the limit of \(MarkdownInput.maximumBytes >> 20) MB; not read", line: 1)])
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: bytes[start...], as: UTF8.self)
        let root: Node.Mapping
        do {
            guard let mapping = try YAMLText.compose(text)?.mapping else {
                return (nil, [problem("a FAQ page is a mapping with title, metadata, summary and sections; not read", line: 1)])
            }
            root = mapping
        } catch {
            return (nil, [problem("the FAQ page is not valid YAML: \(error.message)", line: error.line)])
        }
        var diagnostics: [Diagnostic] = []
        var metadata: [String: String] = [:]
        var metadataLines: [String: Int] = [:]
        for (key, value) in root["metadata"]?.mapping ?? [:] {
            if let name = key.string, let scalar = value.scalar?.string {
                metadata[name] = scalar
                metadataLines[name] = key.mark?.line ?? 1
            }
        }
        var sections: [Section] = []
        var count = 0
        for item in root["sections"]?.sequence ?? [] {
            let line = item.mark?.line ?? 1
            var questions: [Question] = []
            for entry in item.mapping?["questions"]?.sequence ?? [] {
                guard count < maximumQuestions else { break }
                guard let map = entry.mapping, let question = map["question"]?.string else {
                    diagnostics.append(problem("a question needs 'question' and 'answer'; skipped", line: entry.mark?.line ?? line))
                    continue
                }
                count += 1
                let questionLine = map.first { $0.key.string == "question" }?.key.mark?.line ?? entry.mark?.line ?? line
                let answer = map["answer"]
                questions.append(Question(
                    question: question.trimmingCharacters(in: " \n\t"), answer: answer?.string ?? "", line: questionLine,
                    answerLine: answer.map(textLine) ?? questionLine + 1))
            }
            sections.append(Section(name: item.mapping?["name"]?.string?.trimmingCharacters(in: " \n\t"), questions: questions, line: line))
            if count >= maximumQuestions {
                diagnostics.append(problem("more than \(maximumQuestions) questions; the rest are not read", line: line))
                break
            }
        }
        let title = root["title"]?.string ?? metadata["title"] ?? ""
        let titleLine = root["title"].map(textLine) ?? metadataLines["title"] ?? 1
        let summary = root["summary"]
        return (FAQPage(path: path, locale: locale, file: file, title: title.trimmingCharacters(in: " \n\t"), titleLine: titleLine,
                        metadata: metadata, metadataLines: metadataLines, summary: summary?.string,
                        summaryLine: summary.map(textLine) ?? titleLine + 1, sections: sections), diagnostics)
    }

    /// The line a scalar's text starts on: a block scalar's (`|`, `>`) on the line after its indicator.
    static func textLine(_ node: Node) -> Int {
        let line = node.mark?.line ?? 1
        switch node.scalar?.style {
        case .literal?, .folded?: return line + 1
        default: return line
        }
    }

    /// The page's article path as links name it: `x.yml` is linked as `x.md` too (DocFX does so).
    public var markdownPath: String { String(path.dropLast(4)) + ".md" }
}

