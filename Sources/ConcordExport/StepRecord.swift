import ConcordModel

/// One step of one procedure, flattened for tools that want rows: test generators,
/// translation systems, spreadsheets.
///
/// Sub-steps are records of their own, after their parent step. `path` places a record in
/// its procedure (`"2"`, `"2.1"`, `"2.1.3"`: the displayed numbers from the top step down)
/// and `parent` is the path of the step it belongs to (`null` for a top-level step), so a
/// reader can rebuild the tree or keep only `parent == null` for top-level steps.
public struct StepRecord: Sendable, Hashable, Codable {
    /// The locale of the article (`es-ES`).
    public var locale: String
    /// The article path relative to the locale root (`customer-support.md`).
    public var article: String
    /// The procedure's title (its bold lead-in or heading).
    public var procedure: String
    /// The procedure's position in the article, from 0 (`procedures[procedureIndex]` in the article JSON).
    public var procedureIndex: Int
    /// The step number as displayed.
    public var number: Int
    /// The numbers from the top-level step down to this one, joined with `.` (`"2.1"`).
    public var path: String
    /// The path of the step this one is a sub-step of; `nil` (`null`) for a top-level step.
    public var parent: String?
    /// The step's own text as plain text (sub-steps excluded).
    public var text: String
    /// The UI elements the step names (its bold spans), in order.
    public var uiElements: [String]
    /// The links in the step's own text.
    public var links: [Link]
    /// Where the step is in the Markdown.
    public var source: Source

    /// A link in a step.
    public struct Link: Sendable, Hashable, Codable {
        /// The link text, as plain text.
        public var text: String
        /// The destination as written.
        public var destination: String
    }

    /// A place in a Markdown file.
    public struct Source: Sendable, Hashable, Codable {
        /// The file, as Concord was given it (`content/es-ES/customer-support.md`).
        public var file: String
        /// The 1-based line of the step's list item.
        public var line: Int
    }

    private enum CodingKeys: String, CodingKey {
        case locale, article, procedure, procedureIndex, number, path, parent, text, uiElements, links, source
    }

    /// Encodes every key, `parent` as `null` for a top-level step, so every record has the same shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(locale, forKey: .locale)
        try container.encode(article, forKey: .article)
        try container.encode(procedure, forKey: .procedure)
        try container.encode(procedureIndex, forKey: .procedureIndex)
        try container.encode(number, forKey: .number)
        try container.encode(path, forKey: .path)
        try container.encode(parent, forKey: .parent)
        try container.encode(text, forKey: .text)
        try container.encode(uiElements, forKey: .uiElements)
        try container.encode(links, forKey: .links)
        try container.encode(source, forKey: .source)
    }
}

extension StepRecord {
    /// The records of every step of an article, procedure by procedure, each step followed by its sub-steps.
    public static func records(of article: Article) -> [StepRecord] {
        var records: [StepRecord] = []
        for (index, procedure) in article.procedures.enumerated() {
            // Depth-first with an explicit stack: nesting depth comes from untrusted content.
            var stack: [(step: Step, parent: String?)] = procedure.steps.reversed().map { ($0, nil) }
            while let (step, parent) = stack.popLast() {
                let path = parent.map { "\($0).\(step.number)" } ?? "\(step.number)"
                records.append(StepRecord(
                    locale: article.locale, article: article.path, procedure: procedure.title,
                    procedureIndex: index, number: step.number, path: path, parent: parent,
                    text: step.text, uiElements: step.uiElements,
                    links: step.links.map { Link(text: $0.text, destination: $0.destination) },
                    source: Source(file: article.file, line: step.line)
                ))
                stack += step.substeps.reversed().map { ($0, path) }
            }
        }
        return records
    }
}
