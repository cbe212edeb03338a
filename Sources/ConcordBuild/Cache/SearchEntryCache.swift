import ConcordModel
import ConcordRender
import Foundation

/// The search entries of one locale's pages in the last build, each with the key of the page it
/// was made from: a page kept from the live site takes its entry from here when its locale's
/// index must be made again (because another page of it changed), rather than tokenize its
/// article once more. One file per locale, so a build reads only the locales it re-indexes.
public struct SearchEntryCache: Sendable {
    /// An entry and the key of the page it belongs to (``PageRecord/key``).
    public struct Entry: Sendable {
        public var key: Digest
        public var document: SearchIndex.Document { didSet { stored = nil } }
        /// The document as this cache holds it, while it is as it was read from here: saved
        /// again as it is, rather than encoded anew for every page kept.
        private(set) var stored: ArraySlice<UInt8>? = nil

        public init(key: Digest, document: SearchIndex.Document) {
            self.key = key
            self.document = document
        }

        init(key: Digest, document: SearchIndex.Document, stored: ArraySlice<UInt8>) {
            self.key = key
            self.document = document
            self.stored = stored
        }
    }

    /// The cache's folder.
    let folder: String

    /// The entries of `locale`'s pages, by page path (empty when there are none or they cannot be read).
    public func load(_ locale: String) -> [String: Entry] {
        guard let bytes = try? FileSystem.read(file(locale)) else { return [:] }
        var reader = ModelReader(bytes[...])
        guard (try? reader.read(String.self)) == BuildCache.header, let count = try? reader.count() else { return [:] }
        // The entries are found in order, then their documents read on every core.
        var found: [(path: String, key: Digest, fields: ArraySlice<UInt8>)] = []
        found.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = try? reader.read(String.self), let key = try? reader.read(Digest.self),
                  let fields = try? reader.field()
            else { return [:] }
            found.append((path, key, fields))
        }
        guard reader.isAtEnd else { return [:] }
        let documents = parallelMap(found.map(\.fields)) { SearchIndex.Document(cacheBytes: $0) }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for (entry, document) in zip(found, documents) {
            guard let document else { return [:] }
            entries[entry.path] = Entry(key: entry.key, document: document, stored: entry.fields)
        }
        return entries
    }

    /// Replaces `locale`'s entries, in one rename.
    func save(_ entries: [String: Entry], for locale: String) throws {
        var out = ModelWriter()
        out.write(BuildCache.header)
        let written = entries.compactMap { path, entry in (entry.stored ?? entry.document.cacheBytes()?[...]).map { (path, entry.key, $0) } }
        out.number(written.count)
        for (path, key, fields) in written {
            out.write(path)
            out.write(key)
            out.field(fields)
        }
        try BuildCache.replace(file(locale), with: out.bytes)
    }

    private func file(_ locale: String) -> String { folder + "/search-" + String(Digest.of(locale).description.prefix(16)) }
}
