import Foundation

extension Article {
    /// The `concord inspect` JSON: keys sorted, two-space indentation, a final newline; byte-identical for the same article.
    public func jsonData() throws -> Data {
        try JSONOutput.encode(self)
    }
}

/// Deterministic JSON encoding shared by every JSON file Concord writes.
public enum JSONOutput {
    /// Encodes with sorted keys, pretty printing and unescaped slashes, ending in a newline.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        if pretty { data.append(UInt8(ascii: "\n")) }
        return data
    }
}
