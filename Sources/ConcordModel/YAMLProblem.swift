import Foundation
import Yams

/// What went wrong in a YAML text (front matter, `concord.yml`, `toc.yml`), as one line of
/// text and a place in its file, for a diagnostic.
///
/// Yams' own descriptions span several lines, and the one for a repeated key quotes the whole
/// text: a finding must stay on the one line that editors and CI logs read.
public struct YAMLProblem: Error, Sendable, Equatable {
    /// What is wrong, on one line.
    public var message: String
    /// The file line.
    public var line: Int
    /// The column, 1-based.
    public var column: Int

    /// The problem `error` (thrown by Yams) describes in `yaml`, whose first line is line
    /// `firstLine` of its file.
    public init(_ error: any Error, in yaml: String, firstLine: Int = 1) {
        let offset = firstLine - 1
        guard let error = error as? YamlError else {
            self.init(message: Self.oneLine("\(error)"), line: firstLine, column: 1)
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = problem
            if let context, !context.text.isEmpty {
                message = "\(context.text) (line \(context.mark.line + offset)): \(problem)"
            }
            self.init(message: message, line: mark.line + offset, column: Self.byteColumn(of: mark, in: yaml))
        case .reader(let problem, let characterOffset, _, _):
            // The reader (a character YAML does not allow) gives an offset in Characters, not a mark.
            guard let characterOffset,
                  let index = yaml.index(yaml.startIndex, offsetBy: characterOffset, limitedBy: yaml.endIndex) else {
                self.init(message: problem, line: firstLine, column: 1)
                return
            }
            let before = yaml[..<index].utf8
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { before.index(after: $0) } ?? before.startIndex
            self.init(message: problem, line: firstLine + before.count { $0 == UInt8(ascii: "\n") },
                      column: before.distance(from: lineStart, to: before.endIndex) + 1)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first of the repeated keys; the finding points at its repeat.
            let key = duplicates.sorted().first ?? ""
            let first = context.mark
            let repeatLine = Self.line(repeating: key, after: first, in: yaml) ?? first.line
            let names = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let message = duplicates.count == 1
                ? "the key \(names) is repeated (first on line \(first.line + offset))"
                : "the keys \(names) are repeated (the first of them on line \(first.line + offset))"
            self.init(message: message, line: repeatLine + offset, column: Self.byteColumn(of: first, in: yaml))
        default:
            self.init(message: Self.oneLine("\(error)"), line: firstLine, column: 1)
        }
    }

    /// A problem at a known place.
    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// The line (1-based, within `yaml`) after `first` where `key` starts at the same column,
    /// as a repeat of a key in the same mapping does.
    private static func line(repeating key: String, after first: Mark, in yaml: String) -> Int? {
        let indent = first.column - 1
        var number = 0
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number > first.line else { continue }
            let text = line.utf8
            guard text.count > indent else { continue }
            let rest = Substring(text.dropFirst(indent))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                if rest.dropFirst(candidate.count).drop(while: { $0 == " " }).hasPrefix(":") { return number }
            }
        }
        return nil
    }

    /// The column of `mark` in UTF-8 bytes, as every column is: libyaml counts characters.
    private static func byteColumn(of mark: Mark, in yaml: String) -> Int {
        byteColumn(line: mark.line, column: mark.column, in: yaml)
    }

    /// The column in UTF-8 bytes of the place libyaml calls line `line`, column `column` of
    /// `yaml` (both 1-based; the column counts Unicode scalars). Lines are found by their `\n`
    /// bytes, so a CRLF text (a `toc.yml` from Windows) is counted as libyaml counts it; a
    /// column past the end of its line counts one byte for each scalar it is past.
    static func byteColumn(line: Int, column: Int, in yaml: String) -> Int {
        guard line >= 1, column > 1 else { return column }
        var bytes = yaml.utf8[...]
        for _ in 1..<line {
            guard let end = bytes.firstIndex(of: 0x0A) else { return column }
            bytes = bytes[bytes.index(after: end)...]
        }
        var scalars = 0
        var width = 0
        for byte in bytes {
            if byte == 0x0A { break }
            // A scalar starts at every byte that does not continue one.
            if byte & 0xC0 != 0x80 {
                if scalars == column - 1 { return width + 1 }
                scalars += 1
            }
            width += 1
        }
        return width + (column - 1 - scalars) + 1
    }

    /// `text` with its lines joined, for the few errors Yams describes over several.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
