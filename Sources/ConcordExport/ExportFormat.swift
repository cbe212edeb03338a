/// Facts shared by every JSON file Concord exports.
public enum ExportFormat {
    /// The version of the export format, carried by every file as `schemaVersion`.
    ///
    /// Semantic versioning for consumers: a new optional field raises the minor version, a
    /// removed or renamed field or a changed meaning raises the major one. The schemas in
    /// `schemas/` accept any `1.x.y`, so a reader written against 1.0 keeps working on 1.1.
    public static let schemaVersion = "1.0.0"
}

/// Which way a locale's script runs, as HTML's `dir` attribute spells it.
public enum TextDirection: String, Sendable, Hashable, Codable {
    /// Left to right.
    case ltr
    /// Right to left (Arabic, Hebrew, Persian, Urdu…).
    case rtl
}
