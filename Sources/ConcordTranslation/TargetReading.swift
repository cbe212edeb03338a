/// Turns a unit's translated target back into ``InlineContent`` in its source unit's terms, and
/// says what is wrong with it: a placeholder missing, repeated, unpaired or not the source's, a
/// line break that would split the block, no text at all.
enum TargetReading {
    /// The content, or the problems (each one line, naming the placeholder).
    static func content(_ events: [XLIFFInput.Event], data: [String: String], source: InlineContent) -> Result<InlineContent, Problems> {
        var pieces: [InlinePiece] = []
        var codes = source.codes
        var problems: [String] = []
        var open: [Int] = []
        for event in events {
            switch event {
            case .text(let text):
                pieces.append(.text(text))
            case .open(let id, let start, let end):
                guard let code = sourceCode(id, in: source, paired: true, problems: &problems) else { continue }
                if let start, let markup = data[start] { codes[code.id - 1].start = markup }
                if let end, let markup = data[end] { codes[code.id - 1].end = markup }
                pieces.append(.open(code.id))
                open.append(code.id)
            case .close:
                guard let id = open.popLast() else { continue }
                pieces.append(.close(id))
            case .placeholder(let id, let ref):
                guard let code = sourceCode(id, in: source, paired: false, problems: &problems) else { continue }
                if let ref, let markup = data[ref] { codes[code.id - 1].start = markup }
                pieces.append(.placeholder(code.id))
            case .token(let id):
                guard let number = Int(id), let code = source.code(number) else {
                    problems.append("placeholder {\(id)} is not one of the source's")
                    continue
                }
                if code.kind.isPaired {
                    pieces.append(.open(number))
                    open.append(number)
                } else {
                    pieces.append(.placeholder(number))
                }
            case .tokenClose(let id):
                guard let number = Int(id), open.last == number else {
                    problems.append("{/\(id)} closes a placeholder that is not the one open")
                    continue
                }
                open.removeLast()
                pieces.append(.close(number))
            case .unknown(let name):
                problems.append("<\(name)> in the target: only <pc> and <ph> can be put back into Markdown")
            }
        }
        for id in open.reversed() where events.contains(.token(id: String(id))) {
            problems.append("{\(id)} is never closed with {/\(id)}")
        }
        let content = InlineContent(pieces: InlineScanner.merged(pieces), codes: codes)
        problems += check(content, against: source)
        return problems.isEmpty ? .success(content) : .failure(Problems(messages: problems))
    }

    /// The problems with the placeholders and text of a target, whatever format it came in.
    static func check(_ content: InlineContent, against source: InlineContent) -> [String] {
        var problems: [String] = []
        var seen: [Int: Int] = [:]
        for id in content.codeOrder { seen[id, default: 0] += 1 }
        for code in source.codes {
            let count = seen[code.id] ?? 0
            if count == 0, PlaceholderRules.isRequired(code.kind) {
                problems.append("placeholder \(code.id) (\(code.kind.rawValue) \(describe(code))) is missing")
            } else if count > 1 {
                problems.append("placeholder \(code.id) (\(code.kind.rawValue) \(describe(code))) appears \(count) times")
            }
        }
        if content.text.contains("\n") || content.text.contains("\r") {
            problems.append("the text has a line break: a unit is one block, and a break would split it (or merge it with the next)")
        }
        if !content.hasTranslatableText {
            problems.append("there is no translated text")
        }
        return problems
    }

    private static func sourceCode(_ id: String, in source: InlineContent, paired: Bool, problems: inout [String]) -> InlineCode? {
        guard let number = Int(id), let code = source.code(number) else {
            problems.append("placeholder \(id) is not one of the source's")
            return nil
        }
        guard code.kind.isPaired == paired else {
            problems.append("placeholder \(id) is a \(paired ? "<pc>" : "<ph>") where the source has a \(paired ? "<ph>" : "<pc>")")
            return nil
        }
        return code
    }

    static func describe(_ code: InlineCode) -> String {
        let markup = code.end.map { "\(code.start)…\($0)" } ?? code.start
        return markup.count > 60 ? String(markup.prefix(57)) + "…" : markup
    }

    /// The problems of one target.
    struct Problems: Error {
        var messages: [String]
    }
}
