import ConcordModel

/// What one export hands to translators: a locale's units, article by article, with the
/// translations that exist put in. XLIFF and PO are two writings of it.
public struct Handoff: Sendable {
    /// The source locale (`srcLang`).
    public var sourceLocale: String
    /// The locale translated into (`trgLang`).
    public var targetLocale: String
    /// One per source article, sorted by path.
    public var files: [File]

    /// One article's units.
    public struct File: Sendable {
        /// The path relative to the locale root (`customer-support.md`).
        public var path: String
        /// The ``ConcordCheck/SourceHash`` of the source article, which import stamps into the translation.
        public var sourceHash: String
        /// The units, in document order.
        public var units: [Unit]
    }

    /// A unit and what is known of its translation.
    public struct Unit: Sendable {
        /// The source unit.
        public var source: TranslationUnit
        /// The translation, where one exists and is in sync with this unit's source.
        public var target: InlineContent?
        /// The state: `final` with an in-sync target, else `initial`.
        public var state: State
        /// The previous source and its translation, where the source changed since it was translated.
        public var candidate: Candidate?
    }

    /// The two writings of a handoff.
    public enum Format: String, Sendable, CaseIterable {
        /// XLIFF 2.1 (``XLIFFWriter``).
        case xliff
        /// gettext PO (``POWriter``).
        case po
    }

    /// XLIFF's segment states, the two an export gives.
    public enum State: String, Sendable {
        case initial, final
    }

    /// A translation of an earlier source (XLIFF's Translation Candidates module, `mtc:match`).
    public struct Candidate: Sendable {
        /// The source text the translation was made from; `nil` when it is not known (a stale
        /// translation whose source version git does not have).
        public var previousSource: InlineContent?
        /// The translation.
        public var target: InlineContent
        /// Whether the source changed since the translation (else its codes do not line up with the source's).
        public var sourceChanged: Bool
    }

    /// The units whose state is not final: new, or changed since their translation.
    public var changedOnly: Handoff {
        var copy = self
        copy.files = files.compactMap { file in
            var file = file
            file.units.removeAll { $0.state == .final }
            return file.units.isEmpty ? nil : file
        }
        return copy
    }

    /// How many units, and how many of them are final.
    public var counts: (units: Int, final: Int) {
        files.reduce((0, 0)) { total, file in
            (total.0 + file.units.count, total.1 + file.units.count { $0.state == .final })
        }
    }
}
