import ConcordModel

/// Every built-in rule, in the order they are documented.
public enum RuleRegistry {
    /// All built-in rules. Add a new rule here and in its own file.
    public static let all: [any Rule] = [
        // rules: keep one per line, in alphabetical order of their id
        AlertMismatch(),
        AnchorMismatch(),
        BrokenAnchor(),
        BrokenLink(),
        BrokenSnippet(),
        CodeChanged(),
        DuplicateAnchor(),
        FAQMismatch(),
        ImageMismatch(),
        LinkMismatch(),
        ListItemCount(),
        LocaleMismatch(),
        MissingAltText(),
        MissingTranslation(),
        NumberMismatch(),
        OrphanTranslation(),
        ProcedureCount(),
        ProtectedTermMissing(),
        RedirectedLink(),
        SectionExtra(),
        SectionMissing(),
        SnippetMismatch(),
        StaleTranslation(),
        StepCount(),
        TabMismatch(),
        TableShape(),
        TypedBlockMismatch(),
        UndefinedReference(),
        UnknownExtensionRule(),
        UnresolvedXref(),
        UnknownPivot(),
        Untranslated(),
        ZoneMismatch(),
    ]

    /// The rule with this id.
    public static func rule(_ id: String) -> (any Rule)? { all.first { $0.id == id } }
}
