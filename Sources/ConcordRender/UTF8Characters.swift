/// Reading ASCII in UTF-8 bytes where the code it replaces compared `Character`s.
///
/// `Character` comparison sees grapheme clusters: a `#` followed by a combining accent, or a
/// `'` after an Arabic prepended concatenation mark, is part of a larger Character and equals
/// no ASCII one. Byte scans that stand in for such code must see the same thing, so they ask
/// here whether an ASCII byte is a Character of its own, and take the Character path when
/// they cannot tell for sure.
enum UTF8Characters {
    /// Whether the ASCII byte at `index` is sure to be a grapheme cluster of its own; `false`
    /// means "cannot tell from the bytes alone", not "joined".
    ///
    /// Only a prepended concatenation mark before it (U+0600 and up) or an extending or
    /// spacing mark or joiner after it (U+0300 and up) can join an ASCII printable character
    /// to a neighbour (besides CR LF, which joins no printable character): a scalar before it
    /// below U+0600 (two bytes led by 0xC2…0xD7) or after it below U+0300 (led by 0xC2…0xCB)
    /// cannot.
    @inline(__always)
    static func isLoneCharacter(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let after = index + 1
        if after < bytes.count, bytes[after] > 0xCB { return false }
        if index > 0, bytes[index - 1] >= 0x80 {
            // The last byte of a multi-byte scalar: its lead must be a two-byte one below U+0600.
            guard index >= 2, bytes[index - 2] >= 0xC2, bytes[index - 2] <= 0xD7 else { return false }
        }
        return true
    }
}
