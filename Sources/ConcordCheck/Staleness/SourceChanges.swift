import ConcordModel

/// What changed in a source article between the version a translation was made from and the
/// current one, section by section, in the words a translator acts on:
/// "section *Install on Windows*: steps 2 and 3 changed; section *Prerequisites* added".
enum SourceChanges {
    /// At most this many sections are named; the rest are counted.
    static let sectionLimit = 6

    /// Lines added and removed, the lines of each side taken as a multiset (trailing spaces
    /// aside): an edited line counts once each way, a moved line not at all.
    static func lineCounts(old: [UInt8], new: [UInt8]) -> GitHistory.Change {
        lineCounts(old: lines(of: old), new: lines(of: new))
    }

    /// ``lineCounts(old:new:)`` of the files' ``lines(of:)``.
    static func lineCounts(old: [ArraySlice<UInt8>], new: [ArraySlice<UInt8>]) -> GitHistory.Change {
        var balance: [Line: Int] = [:]
        balance.reserveCapacity(old.count + new.count)
        for line in old { balance[Line(bytes: line), default: 0] -= 1 }
        for line in new { balance[Line(bytes: line), default: 0] += 1 }
        var change = GitHistory.Change(added: 0, removed: 0)
        for count in balance.values {
            if count > 0 { change.added += count } else { change.removed -= count }
        }
        return change
    }

    /// A line as a dictionary key, hashed as one block of bytes: an `ArraySlice` hashes byte by
    /// byte, and the lines of every stale translation's two sources are counted.
    struct Line: Hashable {
        let bytes: ArraySlice<UInt8>

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// The sections that were added, removed or changed, with the steps that changed in them;
    /// `nil` when every section reads as it did (only the front matter changed).
    static func describe(old: Article, oldBytes: [UInt8], new: Article, newBytes: [UInt8]) -> String? {
        describe(old: old, oldLines: lines(of: oldBytes), new: new, newLines: lines(of: newBytes))
    }

    /// ``describe(old:oldBytes:new:newBytes:)`` of the files' ``lines(of:)``.
    static func describe(old: Article, oldLines: [ArraySlice<UInt8>], new: Article, newLines: [ArraySlice<UInt8>]) -> String? {
        let before = Part.parts(of: old, lines: oldLines)
        let after = Part.parts(of: new, lines: newLines)
        var unmatched = Dictionary(grouping: before.indices, by: { before[$0].key })
        var notes: [String] = []
        var matchedBefore: Set<Int> = []
        for part in after {
            guard let index = unmatched[part.key]?.first else {
                notes.append("section \(part.name) added")
                continue
            }
            unmatched[part.key]?.removeFirst()
            matchedBefore.insert(index)
            let previous = before[index]
            guard previous.text != part.text else { continue }
            let steps = stepChanges(previous.procedures, part.procedures)
            notes.append("section \(part.name): " + (steps.isEmpty ? "changed" : steps.joined(separator: ", ")))
        }
        for (index, part) in before.enumerated() where !matchedBefore.contains(index) {
            notes.append("section \(part.name) removed")
        }
        guard !notes.isEmpty else { return nil }
        let shown = notes.prefix(sectionLimit).joined(separator: "; ")
        let more = notes.count - sectionLimit
        return more > 0 ? shown + "; and \(more) more section\(more == 1 ? "" : "s")" : shown
    }

    /// A section of one version: what identifies it across versions and what it says.
    struct Part {
        /// The anchor, lower-cased, with its rank among sections of the same anchor.
        var key: String
        /// The title as shown in a message (`*Install on Windows*`).
        var name: String
        /// The section's lines after its heading, up to the next heading, blank lines left out.
        var text: [ArraySlice<UInt8>]
        /// The procedures that start in the section.
        var procedures: [Procedure]

        static func parts(of article: Article, lines: [ArraySlice<UInt8>]) -> [Part] {
            let sections = article.sections
            var seen: [String: Int] = [:]
            return sections.enumerated().map { index, section in
                let end = index + 1 < sections.count ? sections[index + 1].line - 1 : lines.count
                let start = min(section.line, lines.count)
                let anchor = section.anchor.lowercased()
                let rank = seen[anchor, default: 0]
                seen[anchor] = rank + 1
                let procedures = article.procedures.filter { $0.line > section.line && $0.line <= max(end, section.line) }
                return Part(
                    key: "\(anchor)#\(rank)", name: "*\(section.title)*",
                    text: lines[start..<max(start, end)].filter { !$0.isEmpty }, procedures: procedures)
            }
        }
    }

    /// "steps 2 and 3 changed", "step 4 added" for procedures paired by order.
    static func stepChanges(_ before: [Procedure], _ after: [Procedure]) -> [String] {
        var changed: [Int] = [], added: [Int] = [], removed: [Int] = []
        for (old, new) in zip(before, after) {
            for (index, step) in new.steps.enumerated() {
                if index >= old.steps.count { added.append(step.number) } else if old.steps[index].text != step.text { changed.append(step.number) }
            }
            removed += old.steps.dropFirst(new.steps.count).map(\.number)
        }
        var result: [String] = []
        if !changed.isEmpty { result.append("\(steps(changed)) changed") }
        if !added.isEmpty { result.append("\(steps(added)) added") }
        if !removed.isEmpty { result.append("\(steps(removed)) removed") }
        let procedureDelta = after.count - before.count
        if procedureDelta > 0 { result.append("\(procedureDelta) procedure\(procedureDelta == 1 ? "" : "s") added") }
        if procedureDelta < 0 { result.append("\(-procedureDelta) procedure\(procedureDelta == -1 ? "" : "s") removed") }
        return result
    }

    /// "step 2", "steps 2 and 3", "steps 2, 3 and 5".
    static func steps(_ numbers: [Int]) -> String {
        let words = numbers.map(String.init)
        guard words.count > 1 else { return "step " + words[0] }
        return "steps " + words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    /// The file's lines, `\r` and trailing spaces and tabs removed.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            var line = line
            while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line.removeLast() }
            return line
        }
    }
}
