import ConcordModel

/// `code-changed`: a code block differs from the source's, comments and white space aside.
public struct CodeChanged: TranslationRule {
    /// `code-changed`.
    public let id = "code-changed"
    /// A warning: code is not translated, so a difference is usually an edit that never reached the source, or the reverse.
    public let defaultSetting: Configuration.RuleSetting = .warning
    /// One line for help and SARIF.
    public let summary = "A code block differs from the source (comments and white space are ignored), or a section has another number of them."

    /// Creates the rule.
    public init() {}

    /// Findings per aligned section: block counts, then the first differing line of blocks paired by order.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let groups = pair.byMatchedSection(source: pair.source.codeBlocks, translation: pair.translation.codeBlocks, line: \.line)
        for group in groups {
            guard group.alignsByOrder else {
                let here = group.translation.first?.line ?? pair.translationLine(of: group.pair)
                let there = group.source.first?.line ?? pair.sourceLine(of: group.pair)
                found.append(finding(
                    "\(counted(group.source.count, "code block")) in source \(pair.sourcePlace(there)), \(group.translation.count) here",
                    at: pair.here(here), locale: pair.locale, source: pair.there(there),
                    fingerprint: "\(pair.sectionKey(of: group.pair)):\(group.source.count):\(group.translation.count)"))
                continue
            }
            for (block, translated) in group.orderedPairs {
                // Cheap exit for the common case: byte-identical code.
                if block.code == translated.code { continue }
                let code = CodeText(block.code, language: block.language).lines
                let translatedCode = CodeText(translated.code, language: translated.language).lines
                guard code != translatedCode else { continue }
                let (sourceLine, translatedLine) = Self.firstDifference(code, translatedCode)
                let (there, here) = Self.quotes(sourceLine?.text, translatedLine?.text)
                found.append(finding(
                    "code differs from source \(pair.sourcePlace(block.line)): \(here) here, \(there) in source",
                    at: pair.here(translated.line), locale: pair.locale, source: pair.there(block.line),
                    fingerprint: "\(sourceLine?.text ?? "")->\(translatedLine?.text ?? "")"))
            }
        }
        return found
    }

    /// The first lines that differ; `nil` on the side that ran out of lines.
    static func firstDifference(_ a: [CodeText.Line], _ b: [CodeText.Line]) -> (CodeText.Line?, CodeText.Line?) {
        var i = 0
        while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
        return (i < a.count ? a[i] : nil, i < b.count ? b[i] : nil)
    }

    /// Two differing code lines for a message, in backticks, cut to a window around the first
    /// character that differs (a version in a long URL must be visible), or "nothing" for a missing line.
    static func quotes(_ a: String?, _ b: String?) -> (String, String) {
        let x = Array(a ?? ""), y = Array(b ?? "")
        var common = 0
        while common < x.count, common < y.count, x[common] == y[common] { common += 1 }
        let context = 20, width = 60
        let start = common > context ? common - context : 0
        func window(_ characters: [Character], present: Bool) -> String {
            guard present else { return "nothing" }
            let end = min(characters.count, start + width)
            let head = start > 0 ? "…" : ""
            let tail = end < characters.count ? "…" : ""
            return "`" + head + String(characters[min(start, characters.count)..<end]) + tail + "`"
        }
        return (window(x, present: a != nil), window(y, present: b != nil))
    }
}
