import ConcordMarkdown
import Foundation
import Yams

/// One group of zone pivots (`zone-pivot-groups.yml`): the choice a reader makes once for an
/// article, such as a platform or a language.
@JSONWritable @ModelCodable
public struct ZonePivotGroup: Sendable, Hashable, Codable {
    /// The id front matter names in `zone_pivot_groups`.
    public var id: String
    /// The group's title, in the definitions file's language.
    public var title: String
    /// What the selector asks (`Choose a platform`); absent when the file gives none.
    public var prompt: String?
    /// The pivots, in the file's order: the first is the one shown when the reader has not chosen.
    public var pivots: [ZonePivot]

    /// A group.
    public init(id: String, title: String, prompt: String?, pivots: [ZonePivot]) {
        self.id = id
        self.title = title
        self.prompt = prompt
        self.pivots = pivots
    }
}

/// One pivot of a ``ZonePivotGroup``: the value a zone's `pivot="…"` names.
@JSONWritable @ModelCodable
public struct ZonePivot: Sendable, Hashable, Codable {
    /// The id zones name (`windows`).
    public var id: String
    /// What the reader sees (`Windows`).
    public var title: String

    /// A pivot.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// A zone pivot groups file as DocFX reads it (`### YamlMime:ZonePivotGroups`, then `groups:`, a
/// list of `{id, title, prompt, pivots: [{id, title}]}`), with the line of each group.
public struct ZonePivotGroups: Sendable, Hashable {
    /// The file's name when `concord.yml` names none (`zonePivotGroups:`).
    public static let defaultPath = "zone-pivot-groups.yml"
    /// The largest file read.
    public static let maximumBytes = 1 << 20
    /// The most groups read; more is a finding, and the rest are not read.
    public static let maximumGroups = 1_000
    /// The most pivots a group keeps; more is a finding, and the rest are not read. A page shows
    /// every pivot of its groups in its selector.
    public static let maximumPivots = 100
    /// The finding for a file that cannot be used, wholly or in part.
    public static let rule = "invalid-zone-pivot-groups"

    /// The groups, in file order, one per id (the first kept).
    public let groups: [ZonePivotGroup]
    /// The file they were read from, as findings name it; empty when there is none.
    public let file: String
    /// Each group's line in the file, by id.
    public let lines: [String: Int]

    /// No groups.
    public init() {
        groups = []
        file = ""
        lines = [:]
    }

    /// Groups read from `file` (tests build them directly).
    public init(groups: [ZonePivotGroup], file: String, lines: [String: Int] = [:]) {
        self.groups = groups
        self.file = file
        self.lines = lines
    }

    /// The group with this id; ids are compared without letter case, as DocFX does.
    public func group(_ id: String) -> ZonePivotGroup? {
        let wanted = id.lowercased()
        return groups.first { $0.id.lowercased() == wanted }
    }

    /// Reads the definitions file at `file`, through `fence`; `nil` when there is no such file.
    public static func load(file: String, locale: String, fence: ContentFence) -> (groups: ZonePivotGroups, diagnostics: [Diagnostic])? {
        guard FileSystem.exists(file) else { return nil }
        func problem(_ message: String, line: Int = 1) -> Diagnostic {
            Diagnostic(rule: rule, severity: .warning, locale: locale, location: FileLocation(file: file, line: line), message: message)
        }
        if let size = ArticleLoader.fileSize(file), size > maximumBytes {
            return (ZonePivotGroups(), [problem("the zone pivot groups file is \(size) bytes, over the limit of \(maximumBytes >> 20) MB; not read")])
        }
        let bytes: [UInt8]
        do { bytes = try fence.read(file) } catch {
            return (ZonePivotGroups(), [problem("cannot read the zone pivot groups file: \(error.reason)")])
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let list: Node.Sequence
        do {
            guard let groups = try YAMLText.compose(String(decoding: bytes[start...], as: UTF8.self))?.mapping?["groups"]?.sequence else {
                return (ZonePivotGroups(), [problem("not a zone pivot groups file: expected a mapping with a 'groups' list; not read")])
            }
            list = groups
        } catch {
            return (ZonePivotGroups(), [problem("the zone pivot groups file is not valid YAML: \(error.message)", line: error.line)])
        }
        return read(list, file: file, problem: problem)
    }

    /// The groups of a `groups:` list, each checked, with a finding for each one skipped or cut.
    private static func read(
        _ list: Node.Sequence, file: String, problem: (String, Int) -> Diagnostic
    ) -> (groups: ZonePivotGroups, diagnostics: [Diagnostic]) {
        var groups: [ZonePivotGroup] = []
        var lines: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for item in list {
            let line = item.mark?.line ?? 1
            guard groups.count < maximumGroups else {
                diagnostics.append(problem("more than \(maximumGroups) groups; the rest are not read", line))
                break
            }
            guard let map = item.mapping, let id = text(map["id"]) else {
                diagnostics.append(problem("a group needs an 'id' and 'pivots'; skipped", line))
                continue
            }
            guard lines[id.lowercased()] == nil else {
                diagnostics.append(problem("group '\(id)' is defined twice (first on line \(lines[id.lowercased()]!)); this one is skipped", line))
                continue
            }
            var pivots: [ZonePivot] = []
            for pivot in map["pivots"]?.sequence ?? [] {
                guard let pivotID = pivot.mapping.flatMap({ text($0["id"]) }) else {
                    diagnostics.append(problem("a pivot of group '\(id)' needs an 'id'; skipped", pivot.mark?.line ?? line))
                    continue
                }
                guard !pivots.contains(where: { $0.id.lowercased() == pivotID.lowercased() }) else {
                    diagnostics.append(problem("pivot '\(pivotID)' is in group '\(id)' twice; the second is skipped", pivot.mark?.line ?? line))
                    continue
                }
                guard pivots.count < maximumPivots else {
                    diagnostics.append(problem("group '\(id)' has more than \(maximumPivots) pivots; the rest are not read", pivot.mark?.line ?? line))
                    break
                }
                pivots.append(ZonePivot(id: pivotID, title: pivot.mapping.flatMap { text($0["title"]) } ?? pivotID))
            }
            guard !pivots.isEmpty else {
                diagnostics.append(problem("group '\(id)' has no pivots; skipped", line))
                continue
            }
            lines[id.lowercased()] = line
            groups.append(ZonePivotGroup(id: id, title: text(map["title"]) ?? id, prompt: text(map["prompt"]), pivots: pivots))
        }
        return (ZonePivotGroups(groups: groups, file: file, lines: lines), diagnostics)
    }

    /// A scalar's text, trimmed; `nil` when absent, empty or not a scalar.
    private static func text(_ node: Node?) -> String? {
        guard let value = node?.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

extension ZonePivotGroups {
    /// The group ids an article's front matter names (`zone_pivot_groups: a, b`, or a list), in order.
    public static func requested(by metadata: Metadata) -> [String] {
        switch metadata["zone_pivot_groups"] {
        case .string(let text)?: return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .list(let items)?: return items.map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .map?, nil: return []
        }
    }

    /// The pivots a zone names (`pivot="a, b"`), lower-cased as they are compared.
    public static func pivots(of zone: String) -> [String] {
        zone.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }
}
