import ConcordModel

/// `step-count`: an aligned procedure, or a step's sub-procedure, has a different number of steps.
public struct StepCount: TranslationRule {
    /// `step-count`.
    public let id = "step-count"
    /// An error: a step was dropped, split or duplicated, so the instructions no longer match.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A procedure or a step's sub-steps have a different number of steps than in the source."

    /// Creates the rule.
    public init() {}

    /// One finding per aligned procedure (or step with sub-steps) whose step counts differ.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (source, translation) in pair.alignedProcedures {
            if source.steps.count != translation.steps.count {
                found.append(finding(
                    "\(counted(source.steps.count, "step")) in source \(pair.sourcePlace(source.line)), \(translation.steps.count) here",
                    at: pair.here(translation.line), locale: pair.locale, source: pair.there(source.line),
                    fingerprint: "\(source.title):\(source.steps.count):\(translation.steps.count)"))
                continue
            }
            for (step, translated) in alignedSteps(source.steps, translation.steps)
            where step.substeps.count != translated.substeps.count {
                found.append(finding(
                    "\(counted(step.substeps.count, "sub-step")) under step \(step.number) in source \(pair.sourcePlace(step.line)), \(translated.substeps.count) here",
                    at: pair.here(translated.line, translated.column), locale: pair.locale,
                    source: pair.there(step.line, step.column),
                    fingerprint: "\(source.title):\(step.number):\(step.substeps.count):\(translated.substeps.count)"))
            }
        }
        return found
    }
}
