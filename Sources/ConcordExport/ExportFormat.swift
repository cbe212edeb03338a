import ConcordModel

/// Facts shared by every JSON file Concord exports.
public enum ExportFormat {
    /// The version of the export format, carried by every file as `schemaVersion`.
    ///
    /// Semantic versioning for consumers: a new optional field raises the minor version, a
    /// removed or renamed field or a changed meaning raises the major one, so a reader that
    /// ignores fields it does not know keeps working across minor versions. The schemas in
    /// `schemas/` describe this version exactly and must change with it.
    public static let schemaVersion = "1.1.0"
}

/// Which way a locale's script runs, as HTML's `dir` attribute spells it.
public enum TextDirection: String, Sendable, Hashable, Codable, JSONWritable {
    /// Left to right.
    case ltr
    /// Right to left (Arabic, Hebrew, Persian, Urdu…).
    case rtl
}
