import ConcordModel

/// The translation status as a page: a table of the locales with a progress bar each, and a
/// table of every article that a script (when it runs) lets readers sort by any column.
///
/// Every value from the content goes through ``HTMLEscaping``. The page needs no script to be
/// read; the script only adds sort buttons to the column headers.
public struct StatusPage: Sendable {
    /// Where the page's stylesheet and script are.
    public enum Assets: Sendable {
        /// In the page itself: a file to open on its own (`concord status --format html`).
        case inline
        /// Beside the page, as `status.css` and `status.js` (``files``): the page in a built
        /// site, under the same Content-Security-Policy as the others (no inline code).
        case linked
    }

    /// The status to show.
    public var status: TranslationStatus
    /// The site's title, for the page's title.
    public var siteTitle: String
    public var assets: Assets
    /// The link from the page to an article's page in a locale; nil shows files instead of links.
    public var link: (@Sendable (_ locale: String, _ path: String) -> String)?

    public init(status: TranslationStatus, siteTitle: String, assets: Assets, link: (@Sendable (String, String) -> String)? = nil) {
        self.status = status
        self.siteTitle = siteTitle
        self.assets = assets
        self.link = link
    }

    /// The files a ``Assets/linked`` page needs beside it, by name.
    public static let files: [(name: String, bytes: [UInt8])] = [("status.css", Array(stylesheet.utf8)), ("status.js", Array(script.utf8))]

    /// The page.
    public func html() -> String {
        var out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        if case .linked = assets {
            out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'\">\n"
        }
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
        out += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        out += "<title>Translation status · \(e(siteTitle))</title>\n"
        switch assets {
        case .inline: out += "<style>\n\(Self.stylesheet)</style>\n"
        case .linked: out += "<link rel=\"stylesheet\" href=\"status.css\">\n"
        }
        out += "</head>\n<body>\n<main>\n<h1>Translation status</h1>\n"
        let total = status.locales.first?.articles ?? 0
        out += "<p>Source locale <code>\(e(status.sourceLocale))</code>, \(total) article\(total == 1 ? "" : "s").</p>\n"
        out += localesTable() + articlesTable()
        out += "</main>\n"
        switch assets {
        case .inline: out += "<script>\n\(Self.script)</script>\n"
        case .linked: out += "<script src=\"status.js\"></script>\n"
        }
        return out + "</body>\n</html>\n"
    }

    private func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func localesTable() -> String {
        var out = "<table class=\"locales\">\n<caption>Locales</caption>\n<thead><tr><th scope=\"col\">Locale</th><th scope=\"col\">Current</th>"
            + "<th scope=\"col\">Outdated</th><th scope=\"col\">Drifted</th><th scope=\"col\">Missing</th><th scope=\"col\">Errors</th>"
            + "<th scope=\"col\">Warnings</th></tr></thead>\n<tbody>\n"
        for summary in status.locales {
            let locale = e(summary.locale)
            out += "<tr><th scope=\"row\">\(locale)</th><td><progress max=\"\(summary.articles)\" value=\"\(summary.current)\" "
                + "aria-label=\"\(locale): \(summary.percentCurrent)% current\"></progress> \(summary.current) (\(summary.percentCurrent)%)</td>"
                + "<td>\(summary.stale)</td><td>\(summary.drift)</td><td>\(summary.fallback)</td><td>\(summary.errors)</td><td>\(summary.warnings)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func articlesTable() -> String {
        var out = "<h2>Articles</h2>\n<table class=\"articles\">\n<caption>Every article in every translation locale</caption>\n<thead><tr>"
            + "<th scope=\"col\">Locale</th><th scope=\"col\">Article</th><th scope=\"col\">Status</th>"
            + "<th scope=\"col\" data-numeric>Errors</th><th scope=\"col\" data-numeric>Warnings</th><th scope=\"col\">What the checks found</th></tr></thead>\n<tbody>\n"
        for entry in status.articles {
            out += "<tr class=\"\(entry.status.rawValue)\"><td>\(e(entry.locale))</td><td>\(article(entry))</td>"
                + "<td data-value=\"\(Self.rank(entry.status))\">\(Self.label(entry.status))</td>"
                + "<td>\(entry.errors)</td><td>\(entry.warnings)</td><td>\(findings(entry))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The article's title linked to its page (and its source's), or its file when there are no pages.
    private func article(_ entry: TranslationStatus.Entry) -> String {
        guard let link else {
            return "\(e(entry.title))<br><span class=\"file\">\(e(entry.file ?? entry.sourceFile))</span>"
        }
        let page = "<a href=\"\(e(link(entry.locale, entry.path)))\" hreflang=\"\(e(entry.locale))\">\(e(entry.title))</a>"
        let source = "<a href=\"\(e(link(status.sourceLocale, entry.path)))\" hreflang=\"\(e(status.sourceLocale))\">source</a>"
        return "\(page) <span class=\"file\">(\(e(entry.path)), \(source))</span>"
    }

    /// The first findings, by line; the rest counted.
    private func findings(_ entry: TranslationStatus.Entry) -> String {
        guard !entry.findings.isEmpty else { return "" }
        let shown = entry.findings.prefix(3).map { finding in
            let source = finding.sourceLine.map { ", source line \($0)" } ?? ""
            return "<li>Line \(finding.line)\(source): \(e(finding.message)) <span class=\"rule\">[\(e(finding.rule))]</span></li>"
        }
        let more = entry.findings.count > 3 ? "<li>… and \(entry.findings.count - 3) more</li>" : ""
        return "<ul>" + shown.joined() + more + "</ul>"
    }

    private static func label(_ status: ArticleStatus) -> String {
        switch status {
        case .current: "Current"
        case .stale: "Outdated"
        case .drift: "Drifted"
        case .fallback: "Missing"
        }
    }

    /// The order a sort by status puts articles in: the ones needing work first.
    private static func rank(_ status: ArticleStatus) -> Int {
        switch status {
        case .drift: 0
        case .stale: 1
        case .fallback: 2
        case .current: 3
        }
    }

    static let stylesheet = """
        :root { --text: #1b1b1b; --back: #fff; --line: #d0d0d0; --muted: #555; --link: #0055b3; }
        @media (prefers-color-scheme: dark) { :root { --text: #e8e8e8; --back: #161616; --line: #444; --muted: #b5b5b5; --link: #8cc4ff; } }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--text); background: var(--back); }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        a { color: var(--link); text-decoration: underline; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        td ul { margin: 0; padding-left: 1.1rem; }
        th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
        th[aria-sort="ascending"] button::after { content: " ▲"; }
        th[aria-sort="descending"] button::after { content: " ▼"; }
        progress { width: 8rem; vertical-align: middle; }
        .file, .rule { color: var(--muted); font-size: .875em; }
        tr.drift td:nth-child(3), tr.stale td:nth-child(3) { font-weight: 600; }

        """

    static let script = """
        // Adds a sort button to each column header of the articles table. Without it the
        // table reads in its published order (by locale, then path).
        (function () {
          var table = document.querySelector("table.articles");
          if (!table || !table.tHead || !table.tBodies.length) return;
          var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
          headers.forEach(function (header, column) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = header.textContent;
            header.textContent = "";
            header.appendChild(button);
            button.addEventListener("click", function () {
              var ascending = header.getAttribute("aria-sort") !== "ascending";
              headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
              header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var numeric = header.hasAttribute("data-numeric");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              function key(row) {
                var cell = row.cells[column];
                return cell.getAttribute("data-value") || cell.textContent;
              }
              rows.sort(function (a, b) {
                var order = numeric || a.cells[column].hasAttribute("data-value") ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b));
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        })();

        """
}
