extension TranslationStatus {
    /// A Markdown report fit for a pull-request comment: a table with a row per locale, then,
    /// per locale, the articles that are not current (at most `limit`, then how many more),
    /// each with what the checks said: for an outdated one, what changed in the source.
    public func markdown(limit: Int = 25) -> String {
        var out = "## Translation status\n\n"
        let total = locales.first?.articles ?? 0
        out += "Source locale \(Self.text(sourceLocale)), \(total) article\(total == 1 ? "" : "s").\n\n"
        out += "| Locale | Current | Outdated | Drifted | Missing | Errors | Warnings |\n"
        out += "|:--|--:|--:|--:|--:|--:|--:|\n"
        for summary in locales {
            out += "| \(Self.text(summary.locale)) | \(summary.current) (\(summary.percentCurrent)%) | \(summary.stale) | \(summary.drift) "
                + "| \(summary.fallback) | \(summary.errors) | \(summary.warnings) |\n"
        }
        for summary in locales where summary.current < summary.articles {
            out += "\n### \(Self.text(summary.locale))\n\n"
            let pending = articles.filter { $0.locale == summary.locale && $0.status != .current }
            for entry in pending.prefix(limit) { out += "- " + Self.line(for: entry) + "\n" }
            if pending.count > limit { out += "- … and \(pending.count - limit) more\n" }
        }
        return out
    }

    /// One article's line: its status, path, and the finding that explains it.
    private static func line(for entry: Entry) -> String {
        let path = text(entry.path)
        switch entry.status {
        case .current:
            return "Current: \(path)"
        case .fallback:
            return "**Missing**: \(path)"
        case .stale:
            let change = entry.findings.first { $0.rule == "stale-translation" }
            return "**Outdated**: \(path)" + (change.map { " (line \($0.line)): " + text($0.message) } ?? "")
        case .drift:
            let first = entry.findings.first { $0.severity == .error }
            let count = "\(entry.errors) error\(entry.errors == 1 ? "" : "s")"
            return "**Drifted**: \(path), \(count)" + (first.map { "; line \($0.line): " + text($0.message) + " [\(text($0.rule))]" } ?? "")
        }
    }

    /// `value` as Markdown text that shows as written, where it never starts a line: the
    /// characters that open inline syntax (emphasis, code, links, images, HTML, entities,
    /// strikethrough, math) or end a table cell backslash-escaped, line breaks as spaces, so
    /// content cannot add links, HTML, emphasis or table cells to the report.
    static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            if character == "\n" || character == "\r" || character == "\r\n" {
                out.append(" ")
            } else if let ascii = character.asciiValue, Self.inlineSyntax.contains(ascii) {
                out.append("\\")
                out.append(character)
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The ASCII characters ``text(_:)`` escapes.
    private static let inlineSyntax = Set("\\`*_[]<>|!&~$".utf8)
}

