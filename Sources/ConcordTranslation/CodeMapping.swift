/// Puts an existing translation's unit into its source unit's terms: each of the translation's
/// codes takes the id of the source's code it corresponds to (the n-th link to the n-th link,
/// the n-th code span to the n-th code span), keeping its own markup (a localised link
/// destination, `__` for `**`).
///
/// What a translation may leave out of its source's codes it may leave out here too (bold and
/// italic, see ``PlaceholderRules``). What it has beyond them: an escape, an entity, is written
/// as the text it is (a text piece is written back verbatim, so the Markdown is the same); a
/// hard line break reads as the space it shows as. Anything else beyond the source's codes (a
/// link more, a bold span more) cannot be put into its terms.
enum CodeMapping {
    /// The translation's content with the source's code ids; `nil` when the two do not agree.
    static func target(_ translation: InlineContent, onto source: InlineContent) -> InlineContent? {
        // Most translated units are words alone: nothing to map, and what the walk below would
        // give is their pieces (merged already) with the source's codes, unless one is required.
        if translation.codes.isEmpty {
            return source.codes.contains { PlaceholderRules.isRequired($0.kind) } ? nil : InlineContent(pieces: translation.pieces, codes: source.codes)
        }
        var sourceByKind: [InlineCode.Kind: [Int]] = [:]
        for id in source.codeOrder { sourceByKind[source.codes[id - 1].kind, default: []].append(id) }
        var used: [InlineCode.Kind: Int] = [:]
        var mapping: [Int: Int] = [:]
        var asText: [Int: String] = [:]
        for id in translation.codeOrder {
            let code = translation.codes[id - 1]
            let index = used[code.kind] ?? 0
            guard let ids = sourceByKind[code.kind], index < ids.count else {
                switch code.kind {
                case .escape, .entity: asText[id] = code.start
                case .lineBreak: asText[id] = " "
                default: return nil
                }
                continue
            }
            mapping[id] = ids[index]
            used[code.kind] = index + 1
        }
        for code in source.codes where PlaceholderRules.isRequired(code.kind) && !mapping.values.contains(code.id) {
            return nil
        }
        var codes = source.codes
        for (from, to) in mapping {
            var code = translation.codes[from - 1]
            code.id = to
            codes[to - 1] = code
        }
        let pieces = translation.pieces.map { piece -> InlinePiece in
            switch piece {
            case .text: piece
            case .open(let id): .open(mapping[id] ?? id)
            case .close(let id): .close(mapping[id] ?? id)
            case .placeholder(let id): asText[id].map(InlinePiece.text) ?? .placeholder(mapping[id] ?? id)
            }
        }
        return InlineContent(pieces: InlineScanner.merged(pieces), codes: codes)
    }
}
