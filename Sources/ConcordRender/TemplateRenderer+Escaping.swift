import Mustache

/// The escaping of `{{variable}}` in the theme's templates: the bytes swift-mustache's own
/// `HTML` content type writes, found without its cost.
///
/// swift-mustache escapes by walking `Character`s and looking each one up in a dictionary,
/// which made escaping a sixth of all page rendering. This type scans UTF-8 bytes instead and
/// returns text without `&<>"'` (nearly all of it) as it is. It must give the very same bytes,
/// so it keeps one subtlety of the Character walk: a special character that shares its
/// grapheme cluster with a neighbour (`<` followed by U+0338 COMBINING LONG SOLIDUS OVERLAY,
/// `'` after an Arabic prepended concatenation mark) is not a Character of its own there,
/// matches no dictionary key, and is left unescaped. Such text takes the Character walk.
struct TemplateHTMLContentType: MustacheContentType {
    /// The name templates are given it by (`{{% CONTENT_TYPE: … }}`).
    static let name = "CONCORD_HTML"

    /// Registers the content type with swift-mustache, once per process, before any template parses.
    static let registered: Void = MustacheContentTypes.register(TemplateHTMLContentType(), named: name)

    /// The line put before every template so its variables use this content type. It stands
    /// alone on its line, so the parser drops it with its newline and the template's first
    /// line keeps the standalone-tag handling it had.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` escaped exactly as swift-mustache's `String.htmlEscape()` escapes it: when every
    /// special byte is a Character of its own, that is ``HTMLEscaping/escape(_:)``.
    static func escape(_ text: String) -> String {
        var contiguous = text
        switch contiguous.withUTF8(specials(in:)) {
        case .none: return text
        case .lone: return HTMLEscaping.escape(text)
        case .joined: return characterWalk(text)
        }
    }

    /// Appends `text` to `out`, escaped as ``escape(_:)`` escapes it.
    ///
    /// A native string's bytes are read in place; `withUTF8` is mutating, and the copy of the
    /// string it needed cost a retain and a release for each of a page's hundred variables.
    static func append(_ text: String, to out: inout [UInt8]) {
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { append($0, of: text, to: &out) }
        if appended == nil {
            var contiguous = text
            contiguous.withUTF8 { append($0, of: text, to: &out) }
        }
    }

    /// Appends `text`, whose UTF-8 is `bytes`, escaped.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, of text: String, to out: inout [UInt8]) {
        switch specials(in: bytes) {
        case .none: out.append(contentsOf: bytes)
        case .lone: HTMLEscaping.append(utf8: bytes, to: &out)
        case .joined: out.append(contentsOf: characterWalk(text).utf8)
        }
    }

    /// What text holds of the five special characters.
    private enum Specials {
        /// None of them.
        case none
        /// Some, each a Character of its own.
        case lone
        /// Some, one at least joined to a neighbour.
        case joined
    }

    private static func specials(in bytes: UnsafeBufferPointer<UInt8>) -> Specials {
        guard let first = HTMLEscaping.firstSpecial(in: bytes) else { return .none }
        for index in first..<bytes.count where HTMLEscaping.isSpecial(bytes[index]) {
            guard UTF8Characters.isLoneCharacter(at: index, in: bytes) else { return .joined }
        }
        return .lone
    }

    /// swift-mustache's own algorithm, for text where a special character touches a combining
    /// neighbour: each Character equal to one of the five is replaced, every other kept.
    static func characterWalk(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
