/// Puts an existing translation's unit into its source unit's terms: each of the translation's
/// codes takes the id of the source's code it corresponds to (the n-th link to the n-th link,
/// the n-th code span to the n-th code span), keeping its own markup (a localised link
/// destination, `__` for `**`).
enum CodeMapping {
    /// The translation's content with the source's code ids; `nil` when the two do not have
    /// the same codes of each kind (a link missing, a bold span added).
    static func target(_ translation: InlineContent, onto source: InlineContent) -> InlineContent? {
        var sourceByKind: [InlineCode.Kind: [Int]] = [:]
        for id in source.codeOrder { sourceByKind[source.codes[id - 1].kind, default: []].append(id) }
        var used: [InlineCode.Kind: Int] = [:]
        var mapping: [Int: Int] = [:]
        for id in translation.codeOrder {
            let kind = translation.codes[id - 1].kind
            let index = used[kind] ?? 0
            guard let ids = sourceByKind[kind], index < ids.count else { return nil }
            mapping[id] = ids[index]
            used[kind] = index + 1
        }
        guard used.values.reduce(0, +) == source.codes.count else { return nil }
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
            case .placeholder(let id): .placeholder(mapping[id] ?? id)
            }
        }
        return InlineContent(pieces: pieces, codes: codes)
    }
}
