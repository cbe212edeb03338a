import Mustache

/// The escaping of `{{variable}}` in the theme's templates: ``HTMLEscaping``, the one definition
/// page bodies use too.
///
/// swift-mustache's own `HTML` content type compares `Character`s with the five specials, so a
/// special that shares its grapheme cluster with a neighbour (`"` before U+0301 COMBINING ACUTE
/// ACCENT, `<` after U+0600 ARABIC NUMBER SIGN) matched none and was written raw: an attribute
/// value could be closed from content. Escaping bytes has no such case, and a browser's parser
/// reads bytes, not clusters.
struct TemplateHTMLContentType: MustacheContentType {
    /// The name templates are given it by (`{{% CONTENT_TYPE: … }}`).
    static let name = "CONCORD_HTML"

    /// Registers the content type with swift-mustache, once per process, before any template
    /// parses: under its own name, and under `HTML`, so a theme that names swift-mustache's
    /// HTML escaping in a pragma of its own gets this one.
    static let registered: Void = {
        MustacheContentTypes.register(TemplateHTMLContentType(), named: name)
        MustacheContentTypes.register(TemplateHTMLContentType(), named: "HTML")
    }()

    /// The line put before every template so its variables use this content type. It stands
    /// alone on its line, so the parser drops it with its newline and the template's first
    /// line keeps the standalone-tag handling it had.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    /// `text` with every `&`, `<`, `>`, `"` and `'` byte replaced by its character reference.
    static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// Appends `text` to `out`, escaped as ``escape(_:)`` escapes it.
    ///
    /// A native string's bytes are read in place; `withUTF8` is mutating, and the copy of the
    /// string it needs would cost a retain and a release for each of a page's variables.
    static func append(_ text: String, to out: inout [UInt8]) {
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { HTMLEscaping.append(utf8: $0, to: &out) }
        if appended == nil {
            var contiguous = text
            contiguous.withUTF8 { HTMLEscaping.append(utf8: $0, to: &out) }
        }
    }
}
