import ConcordModel
import Foundation

/// SARIF 2.1.0 output, as GitHub code scanning accepts it: one run, rule metadata,
/// `partialFingerprints`, the source article as a related location.
enum SARIFReport {
    static func make(_ diagnostics: [Diagnostic], rules: [any Rule], version: String) throws -> Data {
        // Rules that fired but are not registered (load problems) still get metadata.
        var ruleIDs = rules.map(\.id)
        for id in Set(diagnostics.map(\.rule)).subtracting(ruleIDs).sorted() { ruleIDs.append(id) }
        let index = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var columns = ColumnConverter()

        let ruleObjects: [Rule_] = ruleIDs.map { id in
            let rule = byID[id] ?? RuleRegistry.anyRule(id)
            let level: String
            switch rule?.defaultSetting {
            case .error?: level = "error"
            case .warning?: level = "warning"
            case .off?: level = "none"
            case nil: level = "error"
            }
            return Rule_(
                id: id, name: camelCase(id),
                shortDescription: Message(text: rule?.summary ?? "Concord diagnostic \(id)."),
                defaultConfiguration: Configuration_(level: level, enabled: rule?.defaultSetting != .off),
                properties: Properties(tags: ["localization", "translation"]))
        }
        let results: [Result_] = diagnostics.map { d in
            var related: [RelatedLocation]?
            if let source = d.source {
                related = [RelatedLocation(
                    id: 1, physicalLocation: columns.location(source), message: Message(text: "Source article"))]
            }
            let level: String
            switch d.severity {
            case .error: level = "error"
            case .warning: level = "warning"
            case .note: level = "note"
            }
            return Result_(
                ruleId: d.rule, ruleIndex: index[d.rule] ?? 0, level: level, message: Message(text: d.message),
                locations: [Location_(physicalLocation: columns.location(d.location))],
                relatedLocations: related,
                partialFingerprints: ["concordContent/v1": Fingerprint.of(d)])
        }
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(
                name: "Concord", version: version, semanticVersion: version, rules: ruleObjects)),
            results: results)])
        return try JSONOutput.encode(log)
    }

    private static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// SARIF columns count UTF-16 code units by default; Concord counts UTF-8 bytes. Convert by reading the line.
    struct ColumnConverter {
        private var lines: [String: [Substring]] = [:]

        mutating func location(_ location: FileLocation) -> PhysicalLocation {
            PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: uri(location.file)),
                region: Region(startLine: max(location.line, 1), startColumn: utf16Column(location)))
        }

        private mutating func utf16Column(_ location: FileLocation) -> Int {
            // Column 1 is column 1 in any unit. Not reading the file then also keeps a finding
            // about a link that leads outside the content root (to /dev/zero, say) from reading it.
            if location.column <= 1 { return 1 }
            if lines[location.file] == nil {
                let bytes = (try? FileSystem.read(location.file)) ?? []
                lines[location.file] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else {
                return max(location.column, 1)
            }
            let line = fileLines[location.line - 1].utf8
            let prefix = line.prefix(max(location.column - 1, 0))
            return String(decoding: prefix, as: UTF8.self).utf16.count + 1
        }

        private func uri(_ file: String) -> String {
            var path = file
            while path.hasPrefix("./") { path.removeFirst(2) }
            let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "%"))
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            return path.hasPrefix("/") ? "file://" + encoded : encoded
        }
    }

    struct Log: Encodable {
        let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        let version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable { var tool: Tool; var results: [Result_]; var columnKind = "utf16CodeUnits" }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String; var version: String; var semanticVersion: String; var rules: [Rule_]
    }
    struct Rule_: Encodable {
        var id: String; var name: String; var shortDescription: Message
        var defaultConfiguration: Configuration_; var properties: Properties
    }
    struct Configuration_: Encodable { var level: String; var enabled: Bool }
    struct Properties: Encodable { var tags: [String] }
    struct Message: Encodable { var text: String }
    struct Result_: Encodable {
        var ruleId: String; var ruleIndex: Int; var level: String; var message: Message
        var locations: [Location_]; var relatedLocations: [RelatedLocation]?; var partialFingerprints: [String: String]
    }
    struct Location_: Encodable { var physicalLocation: PhysicalLocation }
    struct RelatedLocation: Encodable { var id: Int; var physicalLocation: PhysicalLocation; var message: Message }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int; var startColumn: Int }
}
