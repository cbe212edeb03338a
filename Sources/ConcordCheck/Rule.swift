import ConcordModel

/// A check Concord can run. One rule, one file, one test file.
public protocol Rule: Sendable {
    /// The stable kebab-case id (`step-count`), used in output, `rules:` and baselines.
    var id: String { get }
    /// The severity when `concord.yml` says nothing (`off` rules run only when enabled).
    var defaultSetting: Configuration.RuleSetting { get }
    /// One line for `--help`, SARIF rule metadata and docs.
    var summary: String { get }
    /// Whether the rule's findings depend on more than the content: on version history, for
    /// one. Such a rule runs on every article every time; the others' findings are kept for
    /// articles that did not change (``FindingsReuse``).
    var readsHistory: Bool { get }
    /// What the rule looks at, the rule being that kind of rule. Given by conforming to
    /// ``ArticleRule``, ``TranslationRule`` or ``ContentSetRule``; the engine switches on it
    /// rather than casting each rule to each kind, a search of every conformance in the program.
    var scope: RuleScope { get }
}

/// What a rule looks at: one article, a translation beside its source, or the whole content set;
/// or, for a ``ContentProblem``, nothing the engine runs.
public enum RuleScope: Sendable {
    /// Run on every article of every locale.
    case article(any ArticleRule)
    /// Run on every translation, beside its source.
    case translation(any TranslationRule)
    /// Run once, on the whole content set.
    case contentSet(any ContentSetRule)
    /// Found by the stage that meets it while content loads or the site is built.
    case stage

    /// The rule as an ``ArticleRule``, if it is one.
    public var articleRule: (any ArticleRule)? { if case .article(let rule) = self { rule } else { nil } }
    /// The rule as a ``TranslationRule``, if it is one.
    public var translationRule: (any TranslationRule)? { if case .translation(let rule) = self { rule } else { nil } }
    /// The rule as a ``ContentSetRule``, if it is one.
    public var contentSetRule: (any ContentSetRule)? { if case .contentSet(let rule) = self { rule } else { nil } }
}

extension Rule {
    /// Most rules read the content alone.
    public var readsHistory: Bool { false }
}

/// A rule that looks at one article at a time, in every locale (the source included).
public protocol ArticleRule: Rule {
    /// The findings for `article`.
    func check(_ article: Article, in context: CheckContext) -> [Diagnostic]
}

extension ArticleRule {
    public var scope: RuleScope { .article(self) }
}

/// A rule that compares one translation with its source article.
public protocol TranslationRule: Rule {
    /// The findings for a translation paired with its source.
    func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic]
}

extension TranslationRule {
    public var scope: RuleScope { .translation(self) }
}

/// A rule that looks at the content set as a whole (missing and orphaned files).
public protocol ContentSetRule: Rule {
    /// The findings for the whole set.
    func check(_ context: CheckContext) -> [Diagnostic]
}

extension ContentSetRule {
    public var scope: RuleScope { .contentSet(self) }
}

extension Rule {
    /// A finding of this rule at its default severity; the engine applies `rules:` afterwards.
    public func finding(
        _ message: String, at location: FileLocation, locale: String?, source: FileLocation? = nil, fingerprint: String
    ) -> Diagnostic {
        Diagnostic(
            rule: id, severity: defaultSetting == .error ? .error : .warning, locale: locale,
            location: location, message: message, source: source, fingerprint: fingerprint)
    }
}

/// What every rule may consult: the content set and the configuration.
public struct CheckContext: Sendable {
    /// The loaded content.
    public let content: ContentSet
    /// The source locale.
    public var sourceLocale: String { content.sourceLocale }
    /// Whether links to articles missing in a locale fall back to the source locale's copy.
    public var sourceFallback: Bool = true
    /// Values computed once per run and shared by rules (indexes, hashes, git answers).
    public let memo = CheckMemo()
    /// The link index, asked for on every link: kept apart from ``memo`` so that a look-up is a
    /// lock and a retain, not a keyed search and a dynamic cast.
    let linkIndexSlot = SharedLazyValue<LinkIndex>()

    /// Creates a context.
    public init(content: ContentSet) {
        self.content = content
    }
}
