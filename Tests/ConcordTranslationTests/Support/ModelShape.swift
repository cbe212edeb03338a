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
