import Foundation

/// A list in a model that the build cache reads only when something asks for it.
///
/// A rebuild takes every unchanged file's model from the cache, but most of a model's bytes
/// are lists only a few readers need (an article's text blocks: the checks of a pair that is
/// checked again, the search terms of a page whose entry was not kept). Read from the cache,
/// the list keeps its bytes and decodes them the first time ``elements`` is read; made any
/// other way, it is an ordinary array. Either way it is a value: changing it changes this copy only.
public struct DeferredList<Element: ModelCodable & Hashable>: Sendable, Hashable, ModelCodable {
    /// The elements, when they are not waiting in ``pending``.
    private var decoded: [Element]
    /// The bytes the elements are still in, when they were read from the cache and not yet asked for.
    private var pending: Pending?

    /// A list of `elements`.
    public init(_ elements: [Element] = []) {
        decoded = elements
        pending = nil
    }

    /// The elements, decoded on first use when they came from the cache.
    public var elements: [Element] {
        get { pending?.elements ?? decoded }
        _modify {
            if let pending {
                decoded = pending.elements
                self.pending = nil
            }
            yield &decoded
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.elements == rhs.elements
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements)
    }

    /// Writes the elements as one field, so that a reader can step over them: bytes still
    /// pending are written as they were read, framed as a new list is, so the same list gives
    /// the same bytes either way.
    public func write(to writer: inout ModelWriter) {
        if let pending {
            writer.field { $0.append(written: pending.bytes) }
        } else {
            writer.field { $0.write(decoded) }
        }
    }

    /// Keeps the field's bytes; they are decoded when the elements are first asked for.
    public init(from reader: inout ModelReader) throws {
        decoded = []
        pending = Pending(bytes: try reader.field())
    }

    /// The bytes of a list read from the cache, and the list once decoded: shared by the copies
    /// of the model, which the checks and the pages read from several threads at once.
    private final class Pending: @unchecked Sendable {
        let bytes: ArraySlice<UInt8>
        private let lock = NSLock()
        private var cached: [Element]?

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
        }

        var elements: [Element] {
            lock.lock()
            defer { lock.unlock() }
            if let cached { return cached }
            // The bytes are those this executable wrote into a cache file replaced whole by a
            // rename; they fail to decode only if the file was damaged in place, and the list
            // is then read as empty rather than stop the build.
            var reader = ModelReader(bytes)
            let elements = (try? reader.read([Element].self)).flatMap { reader.isAtEnd ? $0 : nil } ?? []
            cached = elements
            return elements
        }
    }
}

/// In JSON a deferred list is the array it holds.
extension DeferredList: Codable where Element: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [Element](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try elements.encode(to: encoder)
    }
}

extension DeferredList: JSONWritable where Element: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        elements.writeJSON(to: &writer)
    }
}
