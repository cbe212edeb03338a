import ConcordModel

/// Columns in UTF-16 code units, the unit SARIF (`columnKind: utf16CodeUnits`) and GitHub's
/// annotations count in; findings carry UTF-8 byte columns. Each file is read once, when a
/// finding past column 1 needs it.
struct UTF16Columns {
    private var lines: [String: [Substring]] = [:]

    /// The 1-based UTF-16 column of `location`.
    mutating func column(of location: FileLocation) -> Int {
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
}
