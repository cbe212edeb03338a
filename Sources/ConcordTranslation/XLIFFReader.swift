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
    }

    /// Why a document cannot be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong, with the line.
        public var description: String
    }

    /// Reads `bytes`.
    public static func read(_ bytes: [UInt8]) throws(Failure) -> XLIFFInput {
        let delegate = XLIFFParserDelegate()
        // From a stream, which the parser reads in pieces: handed all at once, a document of
        // tens of megabytes (a whole locale of a large tree) fails at its end inside libxml2.
        let parser = XMLParser(stream: InputStream(data: Data(bytes)))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            throw Failure(description: "line \(parser.lineNumber): not a readable XLIFF document (\(reason))")
        }
        if let problem = delegate.problem { throw Failure(description: problem) }
        guard delegate.sawRoot else { throw Failure(description: "no <xliff> element in the \(XLIFFWriter.namespace) namespace") }
        return delegate.input
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
