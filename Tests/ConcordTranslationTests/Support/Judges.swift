import Foundation
import Testing

/// The outside judges of the handoff files: xmllint against the OASIS schemas, msgfmt, polib.
enum Judges {
    static let hasXmllint = Tool.exists("xmllint")
    static let hasMsgfmt = Tool.exists("msgfmt")
    static let hasPolib = Tool.hasPythonModule("polib")
    /// Why the XLIFF validation tests are skipped when they are.
    static let noXmllint: Comment = "xmllint is not installed (Debian libxml2-utils; scripts/bootstrap --test)"

    /// Validates an XLIFF file against the core schema and the Translation Candidates module.
    /// Returns xmllint's complaints (empty when the file validates).
    static func xliffProblems(_ file: String) throws -> String {
        let folder = try Place.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // One schema that pulls in the core and the module used: xmllint takes one --schema.
        let driver = folder + "/handoff.xsd"
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:concord:test:driver" elementFormDefault="qualified">
              <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="\(Place.schemas)/xliff_core_2.0.xsd"/>
              <xs:import namespace="urn:oasis:names:tc:xliff:matches:2.0" schemaLocation="\(Place.schemas)/matches.xsd"/>
            </xs:schema>
            """.utf8).write(to: URL(fileURLWithPath: driver))
        let result = try Tool.run("/usr/bin/env", ["xmllint", "--noout", "--nonet", "--schema", driver, file])
        return result.status == 0 ? "" : result.output
    }

    /// msgfmt --check's complaints (empty when the file passes).
    static func poProblems(_ file: String) throws -> String {
        let result = try Tool.run("/usr/bin/env", ["msgfmt", "--check", "-o", "/dev/null", file])
        return result.status == 0 ? "" : result.output
    }

    /// The entries polib reads: msgctxt, whether fuzzy, msgstr (one JSON array).
    static func polibEntries(_ file: String) throws -> [[String]] {
        let script = """
            import json, sys, polib
            po = polib.pofile(sys.argv[1])
            print(json.dumps([[e.msgctxt or "", "fuzzy" if e.fuzzy else "", e.msgid, e.msgstr] for e in po]))
            """
        let result = try Tool.run("/usr/bin/env", ["python3", "-c", script, file])
        guard result.status == 0 else { throw JudgeError(message: result.output) }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String]] ?? []
    }

    struct JudgeError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
