/// The escaping of `{{variable}}` in the theme's templates: ``HTMLEscaping``, the one definition
/// page bodies use too.
///
/// Every `&`, `<`, `>`, `"` and `'` byte is replaced, whatever character comes before or after
/// it. An escaper that compares `Character`s misses a special that shares its grapheme cluster
/// with a combining mark (`"` before U+0301), and a browser, which reads code points, would end
/// an attribute there.
enum TemplateHTMLContentType {
    /// `text` with every special byte replaced by its character reference.
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
