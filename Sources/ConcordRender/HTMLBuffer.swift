/// HTML being written, as UTF-8 bytes appended in place.
///
/// A page body is tens of thousands of small appends. Into a `String`, each piece of text
/// from the Markdown tree was first made a `String` of its own (its bytes validated and
/// copied) and then appended (copied again); here the tree's bytes are escaped straight into
/// the buffer, and the page becomes a `String` once.
struct HTMLBuffer {
    /// The bytes so far.
    var bytes: [UInt8] = []

    /// Appends markup the writer spells out (`"</p>\n"`), as it is. Most appends are such
    /// literals, a few hundred thousand a build: their bytes are copied without the checks a
    /// `String` needs, so literals take this overload and other strings the one below.
    static func += (buffer: inout HTMLBuffer, text: StaticString) {
        text.withUTF8Buffer { buffer.bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as it is (markup the writer made, or HTML already escaped).
    @_disfavoredOverload
    static func += (buffer: inout HTMLBuffer, text: String) {
        // Through the string's own bytes: appending its `utf8` view went element by element.
        if text.utf8.withContiguousStorageIfAvailable({ buffer.bytes.append(contentsOf: $0) }) == nil {
            buffer.bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends `text`, escaped as ``HTMLEscaping/escape(_:)`` escapes it.
    mutating func appendEscaped(_ text: some StringProtocol) {
        var text = String(text)
        text.withUTF8 { appendEscaped(utf8: $0) }
    }

    /// Appends UTF-8 `text`, escaped as ``HTMLEscaping/escape(_:)`` escapes it.
    mutating func appendEscaped(utf8 text: UnsafeBufferPointer<UInt8>) {
        HTMLEscaping.append(utf8: text, to: &bytes)
    }

    /// Whether the text ends with a line feed that is a Character of its own (not the end of a
    /// `"\r\n"`), as `String.hasSuffix("\n")` tells.
    var endsWithLineFeed: Bool {
        guard bytes.last == UInt8(ascii: "\n") else { return false }
        return bytes.count < 2 || bytes[bytes.count - 2] != UInt8(ascii: "\r")
    }

    /// The HTML as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
