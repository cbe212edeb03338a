/// DocFX's shorthand cross reference, `@uid` in running text, found where the model and the page
/// both look for it.
///
/// `@` starts one only at the start of a text or after a space or an opening bracket or quote, so
/// an e-mail address (`me@contoso.com`) is never one; the uid is a letter then letters, digits,
/// `.`, `_`, `-`, `#`, `*`, `:` and backticks, without the sentence's closing `.`, `:` or `-`. Whether it *is* one depends on
/// the uid being defined (``UIDTable``): DocFX leaves an `@name` no page defines as text, with no
/// warning, and so does Concord (GitHub handles, PowerShell splatting `@params`).
public enum UIDShorthand {
    /// A candidate: the byte offsets of `@` and of the end of the uid, and the uid.
    public struct Candidate: Sendable, Hashable {
        /// The offset of `@`.
        public var start: Int
        /// The offset just past the uid.
        public var end: Int
        /// The uid.
        public var uid: String
    }

    /// Every `@uid` candidate in `bytes`, in order. Quick when there is no `@`, as in nearly every text.
    public static func candidates(in bytes: some RandomAccessCollection<UInt8>) -> [Candidate] {
        guard bytes.contains(UInt8(ascii: "@")) else { return [] }
        let text = Array(bytes)
        var found: [Candidate] = []
        var i = 0
        while i < text.count {
            defer { i += 1 }
            guard text[i] == UInt8(ascii: "@"), i == 0 || opensShorthand(text[i - 1]),
                  i + 1 < text.count, isLetter(text[i + 1]) else { continue }
            var end = i + 2
            while end < text.count, isUIDByte(text[end]) { end += 1 }
            while end > i + 2, [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-")].contains(text[end - 1]) { end -= 1 }
            found.append(Candidate(start: i, end: end, uid: String(decoding: text[(i + 1)..<end], as: UTF8.self)))
            i = end - 1
        }
        return found
    }

    private static func opensShorthand(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isUIDByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "#"), UInt8(ascii: "*"), UInt8(ascii: ":"), UInt8(ascii: "`")].contains(byte)
    }
}
