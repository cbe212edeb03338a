import Yams

/// What navigation reads of a `toc.yml` entry, as written.
struct TOCEntry: Equatable {
    /// Where the entry starts (its first key), 1-based.
    var line = 1
    var column = 1
    var name: String?
    var displayName: String?
    var href: String?
    var topicHref: String?
    /// The entries under `items:` that are mappings, when it holds a list.
    var items: [TOCEntry]?

    init() {}

    /// How many levels of nested `items:` one `toc.yml` gives the navigation; deeper ones are left out.
    static let maximumLevels = 32

    /// An entry from a Yams mapping, with `levels` levels of entries under it at most.
    ///
    /// The keys are found in one pass over the mapping (`Node.Mapping`'s string subscript
    /// makes and resolves a key node, then compares it with every key, on each lookup).
    /// Yams rejects a mapping that repeats a key.
    init(_ mapping: Node.Mapping, levels: Int) {
        if let mark = mapping.mark { (line, column) = (mark.line, mark.column) }
        for (key, value) in mapping {
            guard let key = key.scalar?.string else { continue }
            switch key {
            case "name": name = value.string
            case "displayName": displayName = value.string
            case "href": href = value.string
            case "topicHref": topicHref = value.string
            case "items": items = value.sequence.map { TOCEntry.entries($0, levels: levels - 1) }
            default: break
            }
        }
    }

    /// The entries of a list that are mappings (others are skipped), `levels` levels deep at most.
    static func entries(_ sequence: Node.Sequence, levels: Int) -> [TOCEntry] {
        guard levels > 0 else { return [] }
        return sequence.compactMap { $0.mapping.map { TOCEntry($0, levels: levels) } }
    }

    /// The entries of a `toc.yml`: from ``FlatTOC`` when the file is in its subset, else from Yams.
    /// Throws when the text is not YAML, or not a list of entries (alone or under `items:`).
    static func entries(_ text: String) throws(YAMLProblem) -> [TOCEntry] {
        if let flat = FlatTOC.entries(text) { return flat }
        return try entriesWithYams(text)
    }

    /// The entries of a `toc.yml` read with Yams, for files beyond ``FlatTOC``.
    static func entriesWithYams(_ text: String) throws(YAMLProblem) -> [TOCEntry] {
        // Every value is read as a string, so scalars need no tag resolution (the default
        // resolver runs its regular expressions on each one).
        let composed = try YAMLText.compose(text, resolver: .basic)
        guard let node = composed else { throw YAMLProblem(message: "the file has no entries", line: 1, column: 1) }
        if let sequence = node.sequence { return TOCEntry.entries(sequence, levels: maximumLevels) }
        if let mapping = node.mapping, let items = TOCEntry(mapping, levels: maximumLevels + 1).items { return items }
        throw YAMLProblem(
            message: "expected a list of entries, alone or under 'items:'", line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }
}
