import ConcordMarkdown

/// Bytes dropped at the start and end of a text node when it is shown: an alert's marker, the
/// brackets around an include.
public typealias TextTrim = (prefix: Int, suffix: Int)

/// What the site leaves out of a `> [!NOTE]` alert's first paragraph: the marker.
public struct AlertMarker: Sendable {
    /// The kind the marker names.
    public var kind: Alert.Kind
    /// Nodes not shown at all: text nodes before the one holding the `]`, that one too when
    /// nothing follows the marker on its line, the line break after it, and the paragraph when
    /// the marker was all of it.
    public var hidden: [Int]
    /// The text node holding the marker's `]`, and the bytes dropped from its start.
    public var trimmedNode: Int
    public var trimmedBytes: Int
}

/// How `[!INCLUDE [title](path)]`, alert markers and pipe tables are found in a Markdown tree. The page
/// renderer and the model's include expansion both ask here, so that the includes a page
/// expands are the ones `concord check` expands.
extension MarkdownDocument {
    /// The text nodes around a link shaped `[!INCLUDE [title](path)]`.
    public func includeCandidate(link: Int) -> (before: Int, after: Int)? {
        let node = self[link]
        let after = node.nextSibling
        guard after >= 0, self[after].kind == .text, literalFirstByte(of: after) == UInt8(ascii: "]") else { return nil }
        var before = -1
        for child in children(of: node.parent) {
            if child == link { break }
            before = child
        }
        guard before >= 0, self[before].kind == .text else { return nil }
        var literal = Substring(literal(of: before))
        while literal.last == " " { literal.removeLast() }
        guard literal.utf8.count >= 9, literal.suffix(9).uppercased() == "[!INCLUDE" else { return nil }
        return (before, after)
    }

    /// The include links among a paragraph's children, in order (an include inside emphasis or
    /// a link is not one).
    public func includeLinks(inParagraph paragraph: Int) -> [Int] {
        children(of: paragraph).filter { self[$0].kind == .link && includeCandidate(link: $0) != nil }
    }

    /// The trims that take `[!INCLUDE` and `]` off the text around `links` (a paragraph's
    /// ``includeLinks(inParagraph:)``), combined with the trims `existing` already gives (an
    /// alert's marker), and whether nothing else is left in the paragraph: its includes then
    /// replace it as blocks, else they are expanded inside its sentence.
    public func includeTrims(paragraph: Int, links: [Int], existing: (Int) -> TextTrim?) -> (trims: [Int: TextTrim], blocksOnly: Bool) {
        var trims: [Int: TextTrim] = [:]
        func trim(of node: Int) -> TextTrim? { trims[node] ?? existing(node) }
        for link in links {
            guard let (before, after) = includeCandidate(link: link) else { continue }
            let beforeLiteral = literal(of: before)
            var kept = Substring(beforeLiteral)
            while kept.last == " " { kept.removeLast() }
            kept.removeLast(9)
            trims[before] = (trim(of: before)?.prefix ?? 0, beforeLiteral.utf8.count - kept.utf8.count)
            trims[after] = (1, trim(of: after)?.suffix ?? 0)
        }
        for child in children(of: paragraph) {
            switch self[child].kind {
            case .link where links.contains(child): continue
            case .softBreak, .lineBreak: continue
            case .text:
                let trim = trim(of: child) ?? (0, 0)
                let rest = literal(of: child).utf8.dropFirst(trim.prefix).dropLast(trim.suffix)
                if !rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return (trims, false) }
            default: return (trims, false)
            }
        }
        return (trims, true)
    }

    /// The pipe table a paragraph is, for documents whose tables the model builder did not find
    /// already (``MarkdownDocument/tables``): table cells, and included files walked alone.
    public func recognizedTable(paragraph: Int) -> PipeTable? {
        guard let range = self[paragraph].range, range.end.line > range.start.line else { return nil }
        let hasPipe = children(of: paragraph).contains { self[$0].kind == .text && literal(of: $0, contains: UInt8(ascii: "|")) }
        guard hasPipe, let (lines, _) = paragraphLines(of: paragraph) else { return nil }
        return PipeTable.recognize(lines: lines)
    }

    /// The marker of a block quote that is an alert (`> [!NOTE]`), and what showing it leaves out.
    public func alertMarker(blockQuote: Int) -> AlertMarker? {
        guard let found = quoteMarker(blockQuote: blockQuote), found.argument.isEmpty,
              let kind = Alert.Kind(rawValue: found.name) else { return nil }
        return AlertMarker(kind: kind, hidden: found.hidden, trimmedNode: found.trimmedNode, trimmedBytes: found.trimmedBytes)
    }

    /// The marker a block quote starts with, `[!name argument]` (`[!NOTE]`, `[!div class="checklist"]`,
    /// `[!VIDEO https://…]`): its name lower-cased, its argument, and what showing the quote without
    /// it leaves out (``AlertMarker``'s `hidden` and trim).
    public func quoteMarker(blockQuote: Int) -> (name: String, argument: String, hidden: [Int], trimmedNode: Int, trimmedBytes: Int)? {
        let paragraph = self[blockQuote].firstChild
        guard paragraph >= 0, self[paragraph].kind == .paragraph else { return nil }
        var text = ""
        var textNodes: [Int] = []
        for child in children(of: paragraph) {
            guard self[child].kind == .text else { break }
            textNodes.append(child)
            text += literal(of: child)
            // The Character search only once a `]` byte is there: it is the costly part.
            if literal(of: child, contains: UInt8(ascii: "]")), text.contains("]") { break }
        }
        let trimmed = text.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]") else { return nil }
        let inside = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        let name = String(inside.prefix { $0 != " " }).lowercased()
        let argument = String(inside.drop { $0 != " " }.drop { $0 == " " })
        guard !name.isEmpty, let last = textNodes.last else { return nil }
        let literal = literal(of: last)
        guard let bracket = literal.lastIndex(of: "]") else { return nil }
        var rest = literal[literal.index(after: bracket)...]
        while rest.first == " " || rest.first == "\t" { rest.removeFirst() }
        var hidden = Array(textNodes.dropLast())
        if rest.isEmpty {
            hidden.append(last)
            var next = self[last].nextSibling
            if next >= 0, self[next].kind == .softBreak || self[next].kind == .lineBreak {
                hidden.append(next)
                next = self[next].nextSibling
            }
            // The marker was the whole paragraph: it goes rather than leave an empty one.
            if next < 0 { hidden.append(paragraph) }
        }
        return (name, argument, hidden, last, literal.utf8.count - rest.utf8.count)
    }

    /// The id of a tab heading, `# [Title](#tab/id)`: one link to `#tab/…` and nothing else but
    /// white space; `nil` for any other heading.
    public func tabID(heading: Int) -> String? {
        var found: String?
        for child in children(of: heading) {
            switch self[child].kind {
            case .link where found == nil:
                let destination = destination(of: child)
                guard destination.hasPrefix("#tab/"), destination.count > 5 else { return nil }
                found = String(destination.dropFirst(5))
            case .text where literal(of: child).allSatisfy(\.isWhitespace): continue
            default: return nil
            }
        }
        return found
    }
}
