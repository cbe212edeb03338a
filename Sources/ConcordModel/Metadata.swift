import Yams

/// A YAML value from front matter.
public indirect enum MetadataValue: Sendable, Hashable, Codable, ModelCodable {
    case string(String)
    case list([MetadataValue])
    case map([MetadataEntry])

    /// The value as a single string: scalars as they are, lists joined with ", ".
    public var text: String {
        switch self {
        case .string(let s): s
        case .list(let items): items.map(\.text).joined(separator: ", ")
        case .map(let entries): entries.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .list(let items): try container.encode(items)
        case .map(let entries):
            var dictionary: [String: MetadataValue] = [:]
            for entry in entries { dictionary[entry.key] = entry.value }
            try container.encode(dictionary)
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let items = try? container.decode([MetadataValue].self) {
            self = .list(items)
        } else {
            let dictionary = try container.decode([String: MetadataValue].self)
            self = .map(dictionary.keys.sorted().map { MetadataEntry(key: $0, value: dictionary[$0]!, line: 0) })
        }
    }

    /// Writes the case (0 string, 1 list, 2 map) and its value, for the build cache.
    public func write(to writer: inout ModelWriter) {
        switch self {
        case .string(let text):
            writer.number(0)
            writer.write(text)
        case .list(let items):
            writer.number(1)
            writer.write(items)
        case .map(let entries):
            writer.number(2)
            writer.write(entries)
        }
    }

    /// Reads what ``write(to:)`` wrote.
    public init(from reader: inout ModelReader) throws {
        switch try reader.number() {
        case 0: self = .string(try reader.read())
        case 1: self = .list(try reader.read())
        case 2: self = .map(try reader.read())
        default: throw ModelReader.Malformed()
        }
    }
}

/// One key of front matter, with its value and the file line it is on.
@ModelCodable
public struct MetadataEntry: Sendable, Hashable, Codable {
    /// The key as written (`ms.contentlocale`).
    public var key: String
    /// The value.
    public var value: MetadataValue
    /// The 1-based file line of the key.
    public var line: Int

    /// Creates an entry.
    public init(key: String, value: MetadataValue, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }
}

/// An article's front matter: typed fields for the keys Microsoft Docs uses, and every key in file order.
@ModelCodable
public struct Metadata: Sendable, Hashable {
    /// Every key in file order, the typed ones included.
    public var entries: [MetadataEntry] = []

    /// Creates empty metadata.
    public init() {}

    /// Creates metadata from entries in file order.
    public init(entries: [MetadataEntry]) { self.entries = entries }

    /// The value of a key, if present.
    public subscript(key: String) -> MetadataValue? {
        entries.first { $0.key == key }?.value
    }

    /// The line of a key, if present.
    public func line(of key: String) -> Int? { entries.first { $0.key == key }?.line }

    private func string(_ key: String) -> String? { self[key]?.text }

    /// `title`.
    public var title: String? { string("title") }
    /// `description`.
    public var description: String? { string("description") }
    /// `ms.topic`.
    public var topic: String? { string("ms.topic") }
    /// `ms.date`.
    public var date: String? { string("ms.date") }
    /// `author` (the GitHub account).
    public var author: String? { string("author") }
    /// `ms.author` (the Microsoft alias).
    public var msAuthor: String? { string("ms.author") }
    /// `ms.contentlocale`: the locale the file says it is in.
    public var contentLocale: String? { string("ms.contentlocale") }
    /// `ms.sourcegitcommit`: the source commit a translation was made from.
    public var sourceGitCommit: String? { string("ms.sourcegitcommit") }
    /// `ms.openlocfilehash`.
    public var openLocFileHash: String? { string("ms.openlocfilehash") }
    /// `ms.translationtype` (`HT` human, `MT` machine).
    public var translationType: String? { string("ms.translationtype") }
    /// `ms.lasthandoff`.
    public var lastHandoff: String? { string("ms.lasthandoff") }
    /// `ms.locfileid`.
    public var locFileID: String? { string("ms.locfileid") }
    /// `source-hash`: Concord's hash of the source article a translation matches.
    public var sourceHash: String? { string("source-hash") }
}

extension Metadata: Codable {
    public func encode(to encoder: Encoder) throws {
        var dictionary: [String: MetadataValue] = [:]
        for entry in entries where dictionary[entry.key] == nil { dictionary[entry.key] = entry.value }
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }

    public init(from decoder: Decoder) throws {
        let dictionary = try decoder.singleValueContainer().decode([String: MetadataValue].self)
        entries = dictionary.keys.sorted().map { MetadataEntry(key: $0, value: dictionary[$0]!, line: 0) }
    }
}

/// Reads YAML front matter into ``Metadata``.
public enum MetadataParser {
    /// A front-matter problem with the file line it is on.
    public struct Failure: Error, Sendable, Hashable {
        /// What is wrong, in libyaml's words.
        public var message: String
        /// The 1-based file line.
        public var line: Int
        /// The 1-based column.
        public var column: Int
    }

    /// Parses `yaml`, whose first line is line `firstLine` of its file.
    public static func parse(_ yaml: String, firstLine: Int) -> Result<Metadata, Failure> {
        if let flat = FlatFrontMatter.parse(yaml, firstLine: firstLine) { return .success(flat) }
        return parseWithYams(yaml, firstLine: firstLine)
    }

    /// The full YAML reader, for front matter the flat fast path does not take.
    static func parseWithYams(_ yaml: String, firstLine: Int) -> Result<Metadata, Failure> {
        let offset = firstLine - 1
        let node: Node?
        do {
            node = try YAMLText.compose(yaml, firstLine: firstLine, resolver: .basic)  // values stay strings: no regex tag resolution per scalar
        } catch {
            // libyaml may notice a problem only at the end of the input; keep the line inside the front matter.
            let lastLine = firstLine + max(yaml.utf8.count { $0 == UInt8(ascii: "\n") } - 1, 0)
            return .failure(Failure(message: error.message, line: min(error.line, lastLine), column: error.column))
        }
        guard let node else { return .success(Metadata()) }
        guard case .mapping(let mapping) = node else {
            let line = (node.mark?.line ?? 1) + offset
            return .failure(Failure(message: "front matter is not a mapping of keys to values", line: line, column: 1))
        }
        var entries: [MetadataEntry] = []
        entries.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 1) + offset
            entries.append(MetadataEntry(key: key.string ?? "\(key)", value: convert(value), line: line))
        }
        return .success(Metadata(entries: entries))
    }

    private static func convert(_ node: Node) -> MetadataValue {
        switch node {
        case .scalar(let scalar):
            return .string(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.map(convert))
        case .mapping(let mapping):
            return .map(mapping.map { MetadataEntry(key: $0.key.string ?? "", value: convert($0.value), line: ($0.key.mark?.line ?? 0)) })
        case .alias:
            return .string("")
        }
    }
}

extension MetadataParser {
    /// The flat fast path's reading alone, `nil` where it declines: for the fuzz target, which
    /// checks that it reads whatever it takes as Yams does.
    @_spi(Fuzzing) public static func parseFlatOnly(_ yaml: String, firstLine: Int) -> Metadata? {
        FlatFrontMatter.parse(yaml, firstLine: firstLine)
    }

    /// Yams' reading alone, the definition the fast path must match.
    @_spi(Fuzzing) public static func parseWithYamsOnly(_ yaml: String, firstLine: Int) -> Result<Metadata, Failure> {
        parseWithYams(yaml, firstLine: firstLine)
    }
}
