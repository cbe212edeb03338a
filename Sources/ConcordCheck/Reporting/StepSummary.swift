import ConcordModel

/// The Markdown `concord check --format github` adds to a GitHub Actions job's summary
/// (`$GITHUB_STEP_SUMMARY`): GitHub shows only about ten annotations of each kind per step, so
/// the counts per rule and locale and the first findings are written where a reader sees them all.
public enum StepSummary {
    /// How many findings the summary lists one by one.
    public static let listed = 50

    /// The summary of one check.
    public static func markdown(_ diagnostics: [Diagnostic], summary: CheckSummary, paths: ReportPaths) -> String {
        var out = "## Concord check\n\n\(summary.sentence)\n"
        guard !diagnostics.isEmpty else { return out }
        struct Key: Hashable, Comparable {
            var rule: String
            var locale: String
            static func < (a: Key, b: Key) -> Bool { (a.rule, a.locale) < (b.rule, b.locale) }
        }
        var counts: [Key: (errors: Int, warnings: Int)] = [:]
        for d in diagnostics {
            let key = Key(rule: d.rule, locale: d.locale ?? "")
            var count = counts[key] ?? (0, 0)
            if d.severity == .error { count.errors += 1 } else { count.warnings += 1 }
            counts[key] = count
        }
        out += "\n| rule | locale | errors | warnings |\n|---|---|---:|---:|\n"
        for key in counts.keys.sorted() {
            let count = counts[key]!
            out += "| `\(cell(key.rule))` | \(cell(key.locale)) | \(count.errors) | \(count.warnings) |\n"
        }
        let shown = diagnostics.prefix(listed)
        out += "\n### " + (diagnostics.count > listed ? "The first \(listed) of \(diagnostics.count) findings" : "Findings") + "\n\n"
        out += "| | place | rule | message |\n|---|---|---|---|\n"
        for d in shown {
            let mark = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "note"
            let place = "\(paths.shown(d.location.file)):\(d.location.line)"
            out += "| \(mark) | \(cell(place)) | `\(cell(d.rule))` | \(cell(paths.message(d.message))) |\n"
        }
        return out
    }

    /// Text made safe for one table cell: Markdown and HTML punctuation escaped (a message
    /// quotes content, which must not become a link, an image or markup), line breaks as spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\t": out += " "
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "`", "*", "_", "[", "]", "(", ")", "!", "#", "~", "{", "}":
                out += "\\" + String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
