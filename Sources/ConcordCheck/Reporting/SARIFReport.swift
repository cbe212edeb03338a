import ConcordModel
import Foundation

/// SARIF 2.1.0 output, as GitHub code scanning accepts it: one run, rule metadata,
/// `partialFingerprints`, the source article as a related location.
enum SARIFReport {
    /// The SARIF log of `diagnostics`: URIs relative to `paths.base` as `%SRCROOT%`, rule help
    /// (and `helpUri` as `rulesURL#id` when given), a fingerprint no two results share.
    static func make(_ diagnostics: [Diagnostic], rules: [any Rule], version: String, paths: ReportPaths = ReportPaths(base: nil), rulesURL: String? = nil) throws -> Data {
        // Rules that fired but are not registered (load problems) still get metadata.
        var ruleIDs = rules.map(\.id)
        for id in Set(diagnostics.map(\.rule)).subtracting(ruleIDs).sorted() { ruleIDs.append(id) }
        let index = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let byID = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var columns = ColumnConverter(paths: paths)

        let ruleObjects: [Rule_] = ruleIDs.map { id in
            ruleObject(id, byID[id] ?? RuleRegistry.anyRule(id), rulesURL: rulesURL)
        }
        let fingerprints = Fingerprint.unique(diagnostics)
        let results: [Result_] = zip(diagnostics, fingerprints).map { d, fingerprint in
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
                ruleId: d.rule, ruleIndex: index[d.rule] ?? 0, level: level, message: Message(text: paths.message(d.message)),
                locations: [Location_(physicalLocation: columns.location(d.location))],
                relatedLocations: related,
                partialFingerprints: ["concordContent/v1": fingerprint])
        }
        let bases = paths.baseURI.map { ["%SRCROOT%": ArtifactLocation(uri: $0)] }
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(
                name: "Concord", version: version, semanticVersion: version, rules: ruleObjects)),
            originalUriBaseIds: bases, results: results)])
        return try JSONOutput.encode(log)
    }

    /// A rule's metadata: its summary, what to do about it, and where it is documented.
    private static func ruleObject(_ id: String, _ rule: (any Rule)?, rulesURL: String?) -> Rule_ {
        let level: String
        switch rule?.defaultSetting {
        case .error?: level = "error"
        case .warning?: level = "warning"
        case .off?: level = "none"
        case nil: level = "error"
        }
        let summary = rule?.summary ?? "Concord diagnostic \(id)."
        let advice = RuleHelp.advice(id)
        let full = [summary, advice].compactMap { $0 }.joined(separator: " ")
        var markdown = "**\(summary)**"
        if let advice { markdown += "\n\n" + advice }
        markdown += "\n\nRule `\(id)`: see docs/rules.md in Concord's documentation"
        markdown += rulesURL.map { " ([\(id)](\($0)#\(id)))." } ?? "."
        return Rule_(
            id: id, name: camelCase(id),
            shortDescription: Message(text: summary), fullDescription: Message(text: full),
            help: Help(text: full, markdown: markdown), helpUri: rulesURL.map { "\($0)#\(id)" },
            defaultConfiguration: Configuration_(level: level, enabled: rule?.defaultSetting != .off),
            properties: Properties(tags: ["localization", "translation"]))
    }

    private static func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// SARIF columns count UTF-16 code units by default; Concord counts UTF-8 bytes. Convert by reading the line.
    struct ColumnConverter {
        var paths: ReportPaths
        private var columns = UTF16Columns()

        init(paths: ReportPaths) { self.paths = paths }

        mutating func location(_ location: FileLocation) -> PhysicalLocation {
            PhysicalLocation(
                artifactLocation: artifact(location.file),
                region: Region(startLine: max(location.line, 1), startColumn: columns.column(of: location)))
        }

        /// Relative to `%SRCROOT%` when the file is under the base; an absolute `file:` URI otherwise.
        private func artifact(_ file: String) -> ArtifactLocation {
            let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "%"))
            if let relative = paths.relative(file) {
                return ArtifactLocation(uri: relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative, uriBaseId: "%SRCROOT%")
            }
            var path = file
            while path.hasPrefix("./") { path.removeFirst(2) }
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            return ArtifactLocation(uri: path.hasPrefix("/") ? "file://" + encoded : encoded)
        }
    }

    struct Log: Encodable {
        let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        let version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        var tool: Tool; var originalUriBaseIds: [String: ArtifactLocation]?; var results: [Result_]; var columnKind = "utf16CodeUnits"
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String; var version: String; var semanticVersion: String; var rules: [Rule_]
    }
    struct Rule_: Encodable {
        var id: String; var name: String; var shortDescription: Message; var fullDescription: Message
        var help: Help; var helpUri: String?
        var defaultConfiguration: Configuration_; var properties: Properties
    }
    struct Configuration_: Encodable { var level: String; var enabled: Bool }
    struct Properties: Encodable { var tags: [String] }
    struct Message: Encodable { var text: String }
    struct Help: Encodable { var text: String; var markdown: String }
    struct Result_: Encodable {
        var ruleId: String; var ruleIndex: Int; var level: String; var message: Message
        var locations: [Location_]; var relatedLocations: [RelatedLocation]?; var partialFingerprints: [String: String]
    }
    struct Location_: Encodable { var physicalLocation: PhysicalLocation }
    struct RelatedLocation: Encodable { var id: Int; var physicalLocation: PhysicalLocation; var message: Message }
    struct PhysicalLocation: Encodable { var artifactLocation: ArtifactLocation; var region: Region }
    struct ArtifactLocation: Encodable { var uri: String; var uriBaseId: String? = nil }
    struct Region: Encodable { var startLine: Int; var startColumn: Int }
}
