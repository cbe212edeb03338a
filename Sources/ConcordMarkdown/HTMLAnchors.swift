/// Finds the anchors (`<a name="x">`, `<a id="x">`) in a piece of raw HTML.
public enum HTMLAnchors {
    /// The `name` or `id` values of every `<a>` tag in `html`, in order.
    public static func anchors(in html: String) -> [String] {
        var html = html
        return html.withUTF8 { anchors(inUTF8: $0) }
    }

    /// ``anchors(in:)`` of UTF-8 bytes, such as a node's literal read in place
    /// (``MarkdownDocument/withLiteralBytes(of:_:)``): most HTML in articles is tags like `<br>`
    /// with no anchor, and making a string of each to find that out cost more than the look.
    public static func anchors(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard bytes.contains(UInt8(ascii: "<")) else { return [] }
        var result: [String] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), i + 2 < bytes.count,
                  bytes[i + 1] | 0x20 == UInt8(ascii: "a"),
                  bytes[i + 2] == 0x20 || bytes[i + 2] == 0x09 || bytes[i + 2] == 0x0A
            else { i += 1; continue }
            // Scan the tag's attributes up to `>`.
            var j = i + 2
            while j < bytes.count, bytes[j] != UInt8(ascii: ">") {
                if let (name, value, next) = attribute(bytes, at: j) {
                    if name == "name" || name == "id", !value.isEmpty { result.append(value); break }
                    j = next
                } else {
                    j += 1
                }
            }
            i = j + 1
        }
        return result
    }

    private static func attribute(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, String, Int)? {
        var i = start
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A { i += 1 }
        let nameStart = i
        while i < b.count, (b[i] | 0x20) >= UInt8(ascii: "a"), (b[i] | 0x20) <= UInt8(ascii: "z") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<i]), as: UTF8.self).lowercased()
        while i < b.count, b[i] == 0x20 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "=") else { return (name, "", i) }
        i += 1
        while i < b.count, b[i] == 0x20 { i += 1 }
        guard i < b.count else { return nil }
        let quote = b[i]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let valueStart = i + 1
            var k = valueStart
            while k < b.count, b[k] != quote { k += 1 }
            return (name, String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<min(k, b.count)]), as: UTF8.self), k + 1)
        }
        let valueStart = i
        while i < b.count, b[i] != 0x20, b[i] != UInt8(ascii: ">") { i += 1 }
        return (name, String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<i]), as: UTF8.self), i)
    }
}
