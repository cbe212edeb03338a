import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What import reads of an XLIFF 2 document: per file, each unit's name, its original data and
/// its target as text and code events. Candidates (`mtc:matches`) and notes are not read.
public struct XLIFFInput: Sendable {
    /// `srcLang`.
    public var sourceLocale = ""
    /// `trgLang`.
    public var targetLocale = ""
    /// The files, in document order.
    public var files: [File] = []

    /// One `<file>`.
    public struct File: Sendable {
        /// `original`: the article's path.
        public var original = ""
        /// The source hash the export recorded (`concord:source-hash` note).
        public var sourceHash: String?
        /// The units, in document order.
        public var units: [Unit] = []
    }

    /// One `<unit>`.
    public struct Unit: Sendable {
        /// The `id` attribute.
        public var id = ""
        /// The `name` attribute: `path#structural-id`.
        public var name = ""
        /// `<data>` by id.
        public var data: [String: String] = [:]
        /// The target's events; `nil` without a `<target>`.
        public var target: [Event]?
    }

    /// One event of a target's inline content.
    public enum Event: Sendable, Hashable {
        case text(String)
        case open(id: String, dataRef: String?, dataRefEnd: String?)
        case close
        case placeholder(id: String, dataRef: String?)
        /// An element import does not know (`<mrk>`, `<sc>`…): the translation is refused.
        case unknown(String)
        /// A PO `{n}`: a standalone code, or the start of a paired one, as the source's code is.
        case token(id: String)
        /// A PO `{/n}`: the end of paired code `n`.
        case tokenClose(id: String)
    }

    /// Why a document cannot be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong, with the line.
        public var description: String
    }

    /// Reads `bytes`.
    public static func read(_ bytes: [UInt8]) throws(Failure) -> XLIFFInput {
        try read(bytes, pieceLimit: pieceLimit)
    }

    /// Reads `bytes`, cut into pieces of about `pieceLimit` bytes.
    static func read(_ bytes: [UInt8], pieceLimit: Int) throws(Failure) -> XLIFFInput {
        let delegate = XLIFFParserDelegate()
        for piece in pieces(of: bytes, limit: pieceLimit) {
            let parser = XMLParser(data: Data(piece.bytes))
            parser.shouldProcessNamespaces = true
            parser.shouldResolveExternalEntities = false
            parser.delegate = delegate
            guard parser.parse() else {
                let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
                throw Failure(description: "line \(piece.firstLine + parser.lineNumber - 1): not a readable XLIFF document (\(reason))")
            }
        }
        if let problem = delegate.problem { throw Failure(description: problem) }
        guard delegate.sawRoot else { throw Failure(description: "no <xliff> element in the \(XLIFFWriter.namespace) namespace") }
        return delegate.input
    }

    /// The largest piece handed to the parser at once: the libxml2 under Foundation's parser
    /// fails on a document over 10 MB (a whole locale of a large tree is tens of megabytes).
    static let pieceLimit = 8 << 20

    /// `bytes` cut between `<file>` elements into documents under ``pieceLimit`` (as far as
    /// files allow), each with the prolog and `<xliff>` start tag of the whole, and the line of
    /// the whole each starts on. A document that cannot be cut so is one piece.
    static func pieces(of bytes: [UInt8], limit: Int) -> [(bytes: [UInt8], firstLine: Int)] {
        guard bytes.count > limit, let root = firstRange(of: Array("<xliff".utf8), in: bytes, from: 0),
              let rootEnd = bytes[root.upperBound...].firstIndex(of: UInt8(ascii: ">")),
              let close = lastRange(of: Array("</xliff>".utf8), in: bytes) else { return [(bytes, 1)] }
        let head = Array(bytes[...rootEnd])
        let headLines = head.count { $0 == 0x0A }
        let fileEnd = Array("</file>".utf8)
        var pieces: [(bytes: [UInt8], firstLine: Int)] = []
        var start = rootEnd + 1
        var line = 1 + headLines
        while start < close.lowerBound {
            var end = start
            while let found = firstRange(of: fileEnd, in: bytes, from: end), found.upperBound <= close.lowerBound {
                end = found.upperBound
                if end - start >= limit { break }
            }
            if end == start { end = close.lowerBound }
            // Only the head's lines are repeated: the piece's own lines follow them.
            pieces.append((head + bytes[start..<end] + Array("</xliff>".utf8), line - headLines))
            line += bytes[start..<end].count { $0 == 0x0A }
            start = end
        }
        return pieces
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    private static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count >= needle.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }
}

/// The SAX reading behind ``XLIFFInput/read(_:)``.
private final class XLIFFParserDelegate: NSObject, XMLParserDelegate {
    var input = XLIFFInput()
    var sawRoot = false
    var problem: String?
    private var unit: XLIFFInput.Unit?
    private var file: XLIFFInput.File?
    private var dataID: String?
    private var dataText = ""
    private var noteCategory: String?
    private var noteText = ""
    private var inTarget = false
    private var matchDepth = 0
    private var events: [XLIFFInput.Event] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if namespaceURI == XLIFFWriter.matchesNamespace { matchDepth += 1; return }
        guard matchDepth == 0, namespaceURI == XLIFFWriter.namespace else { return }
        switch name {
        case "xliff":
            sawRoot = true
            input.sourceLocale = attributes["srcLang"] ?? ""
            input.targetLocale = attributes["trgLang"] ?? ""
        case "file": file = XLIFFInput.File(original: attributes["original"] ?? "")
        case "note": noteCategory = attributes["category"]; noteText = ""
        case "unit": unit = XLIFFInput.Unit(id: attributes["id"] ?? "", name: attributes["name"] ?? "")
        case "data": dataID = attributes["id"]; dataText = ""
        case "target": inTarget = true; events = []
        case "pc" where inTarget: events.append(.open(id: attributes["id"] ?? "", dataRef: attributes["dataRefStart"], dataRefEnd: attributes["dataRefEnd"]))
        case "ph" where inTarget: events.append(.placeholder(id: attributes["id"] ?? "", dataRef: attributes["dataRef"]))
        default: if inTarget { events.append(.unknown(name)) }
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if namespaceURI == XLIFFWriter.matchesNamespace { matchDepth -= 1; return }
        guard matchDepth == 0, namespaceURI == XLIFFWriter.namespace else { return }
        switch name {
        case "file":
            if let file { input.files.append(file) }
            file = nil
        case "note":
            if noteCategory == "concord:source-hash", unit == nil { file?.sourceHash = noteText }
            noteCategory = nil
        case "unit":
            if let unit { file?.units.append(unit) }
            unit = nil
        case "data":
            if let dataID { unit?.data[dataID] = dataText }
            dataID = nil
        case "target":
            inTarget = false
            unit?.target = events
        case "pc" where inTarget: events.append(.close)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard matchDepth == 0 else { return }
        if dataID != nil { dataText += string } else if noteCategory != nil { noteText += string } else if inTarget { events.append(.text(string)) }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
    }
}
