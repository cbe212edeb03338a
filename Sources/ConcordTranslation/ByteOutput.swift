/// Appending to a document built as bytes: the XLIFF and PO writers build each article's part
/// this way, on every core, and the export streams the parts to the file in order.
extension Array where Element == UInt8 {
    /// An empty buffer for the part of a file with `units` units, sized for units of a few
    /// hundred bytes: grown from empty, a part was copied a dozen times or more on its way.
    /// A larger part still grows.
    static func forUnits(_ units: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(units * 512)
        return out
    }

    /// Appends `text` as it is (markup, or a value already safe where it goes).
    mutating func add(_ text: String) {
        // From the string's storage in one copy: appending its `utf8` view goes through the
        // generic sequence path, and the writers add over a million pieces to an export.
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `text` escaped for XML (``XMLEscaping``).
    mutating func addEscaped(_ text: String) {
        XMLEscaping.append(text, to: &self)
    }

    /// Appends `number` in decimal.
    mutating func add(_ number: Int) {
        guard number >= 0 else {
            append(UInt8(ascii: "-"))
            add(String(-number))
            return
        }
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        var rest = number
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
