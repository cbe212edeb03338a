/// The inline content of one translation unit: text a translator rewrites, and the pieces of
/// Markdown around and between it (inline codes) that the translator moves but cannot change.
///
/// The Markdown of a unit is exactly its pieces in order, each code written as its recorded
/// markup; so the source's own content gives back its Markdown byte for byte, and a target
/// gives the translated Markdown with the source's markup put back.
public struct InlineContent: Sendable, Hashable {
    /// The pieces in order.
    public var pieces: [InlinePiece]
    /// The codes the pieces name, by id: `codes[id - 1]`.
    public var codes: [InlineCode]

    /// Creates content.
    public init(pieces: [InlinePiece] = [], codes: [InlineCode] = []) {
        self.pieces = pieces
        self.codes = codes
    }

    /// The code with `id`, if the content has it.
    public func code(_ id: Int) -> InlineCode? {
        id >= 1 && id <= codes.count ? codes[id - 1] : nil
    }

    /// The Markdown the pieces stand for.
    public var markdown: String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .open(let id), .placeholder(let id): out += code(id)?.start ?? ""
            case .close(let id): out += code(id)?.end ?? ""
            }
        }
        return out
    }

    /// The words only, codes left out: what notes and tests compare.
    public var text: String {
        pieces.reduce(into: "") { out, piece in if case .text(let text) = piece { out += text } }
    }

    /// Whether there is anything to translate: a letter or digit outside the codes.
    public var hasTranslatableText: Bool {
        // Piece by piece: asked of every unit made, and the words need not be joined to be looked at.
        pieces.contains { piece in
            guard case .text(let text) = piece else { return false }
            return text.unicodeScalars.contains(where: Self.isWordScalar)
        }
    }

    /// Whether `scalar` is a letter or a digit of some script. ASCII, most of what is asked, is
    /// answered without looking up the scalar's Unicode properties.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return scalar.properties.isAlphabetic || scalar.properties.numericType != nil }
        let byte = UInt8(scalar.value)
        return byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// The codes in the order the pieces open or place them.
    public var codeOrder: [Int] {
        pieces.compactMap { piece in
            switch piece {
            case .open(let id), .placeholder(let id): id
            default: nil
            }
        }
    }
}

/// One piece of a unit's content.
public enum InlinePiece: Sendable, Hashable {
    /// Text to translate.
    case text(String)
    /// The start of a paired code (a link's `[`, bold's `**`): XLIFF `<pc>`, PO `{n}`.
    case open(Int)
    /// The end of a paired code: the close of `<pc>`, PO `{/n}`.
    case close(Int)
    /// A code standing alone (inline code, an include, an anchor): XLIFF `<ph>`, PO `{n}`.
    case placeholder(Int)
}

/// A piece of Markdown a translator keeps: the markup itself is never shown to be edited.
public struct InlineCode: Sendable, Hashable {
    /// What the markup is, which decides the XLIFF `type` and what a CAT tool shows.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case link, image, bold, italic, code, include, anchor, html, autolink, escape, entity, lineBreak, marker

        /// Whether the code encloses text (`<pc>`), rather than standing alone (`<ph>`).
        public var isPaired: Bool {
            switch self {
            case .link, .image, .bold, .italic: true
            default: false
            }
        }
    }

    /// The id, from 1, unique in its unit.
    public var id: Int
    /// What the markup is.
    public var kind: Kind
    /// The markup before the enclosed text, or the whole markup of a standalone code.
    public var start: String
    /// The markup after the enclosed text (paired codes only).
    public var end: String?

    /// Creates a code.
    public init(id: Int, kind: Kind, start: String, end: String? = nil) {
        self.id = id
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// What a CAT tool shows for the code: the code span's text, the link's destination.
    public var display: String {
        switch kind {
        case .link, .image:
            let tail = end ?? ""
            if tail.hasPrefix("](") { return String(tail.dropFirst(2).dropLast()) }
            return tail
        case .code:
            // The text between the backtick runs, without the space that may pad each side.
            let bytes = start.utf8
            var lower = bytes.startIndex, upper = bytes.endIndex
            while lower < upper, bytes[lower] == UInt8(ascii: "`") { lower = bytes.index(after: lower) }
            while upper > lower, bytes[bytes.index(before: upper)] == UInt8(ascii: "`") { upper = bytes.index(before: upper) }
            while lower < upper, bytes[lower] == 0x20 { lower = bytes.index(after: lower) }
            while upper > lower, bytes[bytes.index(before: upper)] == 0x20 { upper = bytes.index(before: upper) }
            return String(Substring(bytes[lower..<upper]))
        case .escape: return String(start.dropFirst())
        case .lineBreak: return "↵"
        default: return start
        }
    }
}
