import ConcordModel

/// The human-readable outline `concord inspect --format text` prints.
enum ArticleTextRenderer {
    static func render(_ article: Article) -> String {
        var out = "\(article.title)\n  \(article.locale) · \(article.path)\n"
        if let topic = article.metadata.topic { out += "  ms.topic: \(topic)\n" }
        if !article.appliesTo.isEmpty { out += "\nApplies to: \(article.appliesTo.joined(separator: "; "))\n" }
        if !article.sections.isEmpty {
            out += "\nSections\n"
            for section in article.sections {
                out += "  \(String(repeating: "  ", count: max(section.level - 1, 0)))#\(section.anchor)  \(section.title)  (line \(section.line))\n"
            }
        }
        if !article.procedures.isEmpty {
            out += "\nProcedures\n"
            for procedure in article.procedures {
                out += "  \(procedure.title)  (line \(procedure.line), \(procedure.steps.count) steps)\n"
                appendSteps(procedure.steps, indent: "    ", to: &out)
            }
        }
        for list in article.categories {
            out += "\nList (line \(list.line)): \(list.intro)\n"
            for item in list.items { out += "  • \(item)\n" }
        }
        if !article.relatedLinks.isEmpty {
            out += "\nSee also\n"
            for link in article.relatedLinks { out += "  \(link.text) → \(link.destination)\n" }
        }
        let counts: [(String, Int)] = [
            ("links", article.links.count), ("images", article.images.count), ("alerts", article.alerts.count),
            ("tables", article.tables.count), ("code blocks", article.codeBlocks.count), ("includes", article.includes.count),
        ]
        out += "\n" + counts.map { "\($0.1) \($0.0)" }.joined(separator: " · ") + "\n"
        return out
    }

    private static func appendSteps(_ steps: [Step], indent: String, to out: inout String) {
        for step in steps {
            out += "\(indent)\(step.number). \(step.text)  (line \(step.line))\n"
            if !step.uiElements.isEmpty { out += "\(indent)   UI: \(step.uiElements.joined(separator: " › "))\n" }
            appendSteps(step.substeps, indent: indent + "   ", to: &out)
        }
    }
}
