/// A position in a source file: 1-based line and 1-based UTF-8 byte column.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 1-based line number in the original file (front matter included).
    public var line: Int
    /// The 1-based column, counted in UTF-8 bytes, as cmark reports it.
    public var column: Int

    /// Creates a location from a line and a column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open span of source, as cmark reports it (`end` is the last byte, inclusive).
public struct SourceRange: Hashable, Sendable, Codable {
    /// Where the element starts.
    public var start: SourceLocation
    /// Where the element ends (inclusive, as cmark reports it).
    public var end: SourceLocation

    /// Creates a range from its two ends.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}
