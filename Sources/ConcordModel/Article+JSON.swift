import Foundation

extension Article {
    /// The `concord inspect` JSON: keys sorted, two-space indentation, a final newline; byte-identical for the same article.
    public func jsonData() throws -> Data {
        Data(try JSONOutput.bytes(self))
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

    /// The bytes `encode(value)` returns, written by the value's ``JSONWritable`` conformance
    /// without going through `JSONEncoder`; throws where it would, on nesting 512 levels deep.
    public static func bytes<T: JSONWritable>(_ value: T, capacity: Int = 4096) throws -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        value.writeJSON(to: &writer)
        if writer.isTooDeep {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
        }
        return writer.finish(terminator: UInt8(ascii: "\n"))
    }
}

// Front matter encodes through a dictionary in its own `encode(to:)`; these write the same
// bytes without building one, and `JSONWriterTests` hold the two identical.

extension Metadata: JSONWritable {
    /// Writes the front matter as an object; the first of repeated keys wins, as in `encode(to:)`.
    public func writeJSON(to writer: inout JSONWriter) {
        MetadataValue.writeObject(entries, firstWins: true, to: &writer)
    }
}

extension MetadataValue: JSONWritable {
    /// Writes a string, an array, or an object in which the last of repeated keys wins, as in `encode(to:)`.
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .string(let string): writer.value(string)
        case .list(let items): items.writeJSON(to: &writer)
        case .map(let entries): Self.writeObject(entries, firstWins: false, to: &writer)
        }
    }

    /// Writes entries as `encode(to:)` does through a `[String: MetadataValue]`: keys unique by
    /// `String` equality (canonically equivalent keys are one key, spelled as first written),
    /// then sorted as `JSONEncoder` sorts them.
    static func writeObject(_ entries: [MetadataEntry], firstWins: Bool, to writer: inout JSONWriter) {
        // Every article's front matter comes here, its keys nearly always ASCII: then `String`
        // equality is byte equality, so sorting puts repeated keys side by side and no
        // dictionary is needed to find them.
        if entries.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) {
            writeObject(asciiKeyed: entries, firstWins: firstWins, to: &writer)
            return
        }
        var members: [(key: String, value: MetadataValue)] = []
        members.reserveCapacity(entries.count)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for entry in entries {
            if let position = positions[entry.key] {
                if !firstWins { members[position].value = entry.value }
            } else {
                positions[entry.key] = members.count
                members.append((entry.key, entry.value))
            }
        }
        members.sort { JSONWriter.keyOrder($0.key, $1.key) }
        writer.beginObject()
        for member in members {
            writer.key(escaping: member.key)
            member.value.writeJSON(to: &writer)
        }
        writer.endObject()
    }

    /// ``writeObject(_:firstWins:to:)`` for entries whose keys are all ASCII.
    private static func writeObject(asciiKeyed entries: [MetadataEntry], firstWins: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        entries.withUnsafeBufferPointer { entries in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: entries.count) { storage in
                var order = storage
                // Entry positions by key, then by position: a repeated key's first and last
                // entries begin and end its run. (`<` on ASCII strings is UTF-8 byte order.)
                for position in entries.indices { storage.initializeElement(at: position, to: position) }
                order.sort { (a: Int, b: Int) -> Bool in
                    if entries[a].key < entries[b].key { return true }
                    return a < b && entries[a].key == entries[b].key
                }
                var next = 0
                while next < order.count {
                    let first = order[next]
                    var last = first
                    next += 1
                    while next < order.count, entries[order[next]].key == entries[first].key {
                        last = order[next]
                        next += 1
                    }
                    writer.key(escaping: entries[first].key)
                    entries[firstWins ? first : last].value.writeJSON(to: &writer)
                }
            }
        }
        writer.endObject()
    }
}

extension ArticleStatus: JSONWritable {}
