import ConcordModel
import Foundation

/// An article's model as a round trip must keep it: every field of the `inspect` JSON but the
/// positions (a translation's lines differ from its source's) and the file it was read from.
enum ModelShape {
    static let ignoredKeys: Set<String> = ["line", "column", "listLine", "file", "metadata"]

    static func of(_ article: Article) throws -> String {
        let data = try JSONEncoder().encode(article)
        let object = try JSONSerialization.jsonObject(with: data)
        let stripped = strip(object)
        let out = try JSONSerialization.data(withJSONObject: stripped, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: out, as: UTF8.self)
    }

    /// The first lines where two shapes differ, for a failure's message.
    static func difference(_ left: String, _ right: String) -> String {
        let a = left.split(separator: "\n"), b = right.split(separator: "\n")
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : "", y = index < b.count ? b[index] : ""
            if x != y { return "line \(index + 1): \(x) ≠ \(y)" }
        }
        return "same"
    }

    private static func strip(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, child) in dictionary where !ignoredKeys.contains(key) { out[key] = strip(child) }
            return out
        }
        if let array = value as? [Any] { return array.map(strip) }
        return value
    }
}
