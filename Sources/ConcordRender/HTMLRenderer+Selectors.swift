import ConcordMarkdown
import ConcordModel

/// Zones, monikers and tabs on the page, written so that a page without JavaScript shows every
/// block, each labelled (zones with their pivots' titles, monikers with their range, tabs with
/// their heading), and `assets/selectors.js` can turn them into a pivot selector, a version
/// selector and WAI-ARIA tabs ([docs/docfx-extensions.md](docs/docfx-extensions.md)).
extension HTMLRenderer.Writer {
    /// What the page's selectors are made from: the article's zone pivot groups and the
    /// versions its moniker ranges name.
    struct Selectors {
        /// The article's zone pivot groups, as its locale's definitions file gives them.
        var groups: [ZonePivotGroup] = []
        /// Pivot titles by lower-cased id.
        var pivotTitles: [String: String] = [:]
        /// The first line of a page zone showing each lower-cased pivot: where the selector's link leads.
        var firstZone: [String: Int] = [:]
        /// Every version the page's moniker ranges name, newest first.
        var monikers: [String] = []
        var wrotePivotSelector = false
        var wroteVersionSelector = false
        /// Whether the page has anything `selectors.js` works on.
        var used = false
        /// The tab group open on the page, by its first and last lines.
        var openTabs: TabGroup?

        init() {}

        init(article: Article) {
            groups = article.zonePivotGroups ?? []
            for group in groups {
                for pivot in group.pivots where pivotTitles[pivot.id.lowercased()] == nil { pivotTitles[pivot.id.lowercased()] = pivot.title }
            }
            for zone in article.zones where zone.kind == .zone {
                for pivot in ZonePivotGroups.pivots(of: zone.value) where firstZone[pivot] == nil { firstZone[pivot] = zone.line }
            }
            monikers = MonikerRange.monikers(in: article.zones.filter { $0.kind == .moniker }.map { MonikerRange($0.value) })
        }
    }

    /// A zone or moniker: a block labelled with the pivots or versions it is for, after the page's
    /// selector when it is the first. A page zone has an id for the selector's link to lead to,
    /// `zone.LINE`: a `.` no heading slug has, so that no heading's anchor can take it.
    mutating func selectorBlock(_ directive: DocFXDirective, context: DocumentContext) {
        selectors.used = true
        if directive.name == "zone" {
            let value = directive.value("pivot") ?? ""
            if !selectors.wrotePivotSelector, !selectors.groups.isEmpty { pivotSelector() }
            out += "<div class=\"zone\" data-pivot=\""
            out.appendEscaped(value)
            out += "\""
            if context.isPage {
                out += " id=\"zone."
                out += String(directive.line)
                out += "\""
            }
            out += ">\n"
            // A zone without pivots (`target="docs"`) has nothing to be labelled with.
            let pivots = ZonePivotGroups.pivots(of: value)
            if !pivots.isEmpty {
                out += "<p class=\"zone-label\">"
                out.appendEscaped(pivots.map { selectors.pivotTitles[$0] ?? $0 }.joined(separator: ", "))
                out += "</p>\n"
            }
        } else {
            let value = directive.value("range") ?? ""
            if !selectors.wroteVersionSelector, !selectors.monikers.isEmpty { versionSelector() }
            let range = MonikerRange(value)
            out += "<div class=\"moniker\" data-range=\""
            out.appendEscaped(value)
            out += "\""
            // A block no offered version selects (an include's own range) is left to show always.
            let versions = selectors.monikers.filter(range.contains)
            if !versions.isEmpty {
                out += " data-monikers=\""
                out.appendEscaped(versions.joined(separator: " "))
                out += "\""
            }
            out += ">\n<p class=\"moniker-label\">"
            out.appendEscaped(renderer.words["versions"] ?? "Versions")
            out += ": "
            out.appendEscaped(value)
            out += "</p>\n"
        }
    }

    /// The pivot selector: per group, its prompt and a link per pivot to the first zone for it.
    /// Without JavaScript the links lead there, and every zone is shown; with it, a choice shows
    /// the zones for that pivot only.
    private mutating func pivotSelector() {
        selectors.wrotePivotSelector = true
        for group in selectors.groups {
            out += "<nav class=\"pivot-selector\" data-pivot-group=\""
            out.appendEscaped(group.id)
            out += "\" aria-label=\""
            out.appendEscaped(group.prompt ?? group.title)
            out += "\">\n<p class=\"pivot-prompt\">"
            out.appendEscaped(group.prompt ?? renderer.words["chooseOption"] ?? "Choose an option")
            out += "</p>\n<ul>\n"
            for pivot in group.pivots {
                out += "<li><a"
                if let line = selectors.firstZone[pivot.id.lowercased()] {
                    out += " href=\"#zone."
                    out += String(line)
                    out += "\""
                }
                out += " data-pivot=\""
                out.appendEscaped(pivot.id.lowercased())
                out += "\">"
                out.appendEscaped(pivot.title)
                out += "</a></li>\n"
            }
            out += "</ul>\n</nav>\n"
        }
    }

    /// The version selector: hidden until `selectors.js` shows it, as it works only with script;
    /// without it every moniker block is shown with its range. Its id has a `.`, which no heading
    /// slug has, so that no heading's anchor can take it.
    private mutating func versionSelector() {
        selectors.wroteVersionSelector = true
        out += "<div class=\"version-selector\" hidden>\n<label for=\"versions.select\">"
        out.appendEscaped(renderer.words["chooseVersion"] ?? "Choose a version")
        out += "</label>\n<select id=\"versions.select\">\n"
        for moniker in selectors.monikers {
            out += "<option value=\""
            out.appendEscaped(moniker)
            out += "\">"
            out.appendEscaped(moniker)
            out += "</option>\n"
        }
        out += "</select>\n</div>\n"
    }

    /// Opens and closes tab groups and panels around a top-level block of the page's article:
    /// each group a `<div class="tabs">`, each tab a `<div class="tab-panel">` holding its heading
    /// and content, which `selectors.js` makes a tab list and tab panels.
    mutating func tabBoundary(_ node: MarkdownNode, _ walk: Walk) {
        guard let line = node.start?.line else { return }
        if let open = selectors.openTabs {
            if node.kind == .heading, let tab = open.tabs.first(where: { $0.line == line }) {
                out += "</div>\n"
                openTabPanel(tab)
                return
            }
            if line > open.endLine || (node.kind == .thematicBreak && line == open.endLine) { closeTabs() }
        }
        guard node.kind == .heading, let group = walk.tabGroups[line] else { return }
        selectors.openTabs = group
        selectors.used = true
        out += "<div class=\"tabs\">\n"
        openTabPanel(group.tabs[0])
    }

    /// Closes the open tab group, if any.
    mutating func closeTabs() {
        guard selectors.openTabs != nil else { return }
        out += "</div>\n</div>\n"
        selectors.openTabs = nil
    }

    private mutating func openTabPanel(_ tab: Tab) {
        let parts = tab.id.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        out += "<div class=\"tab-panel\" data-tab=\""
        out.appendEscaped(parts[0].lowercased())
        out += "\""
        if parts.count > 1, !parts[1].isEmpty {
            out += " data-tab-condition=\""
            out.appendEscaped(parts[1].lowercased())
            out += "\""
        }
        out += ">\n"
    }
}
