import ConcordCheck
import ConcordExport
import ConcordMarkdown
@_spi(Fuzzing) import ConcordModel
import ConcordRender
import Foundation

/// Runs one fuzz input through everything `concord build` does to an article: split, parse,
/// model, check, render the page and encode the JSON. The `concord-fuzz` target calls it for
/// each input libFuzzer makes, and replays saved inputs through it; tests replay the regressions.
///
/// A crash is what the fuzzer looks for; besides, the run stops the process (`preconditionFailure`)
/// when an output breaks a promise Concord makes: every JSON file parses, and the JSON writer
/// gives `JSONEncoder`'s bytes; every finding points inside a line of its file; an exact copy of
/// an article passes every comparison with it; the front-matter fast path reads what Yams reads;
/// a stamped file loads with the hash it was given and its body unchanged.
public enum FuzzPipeline {
    /// What one run produced, for tests and for the replay's summary line.
    public struct Outcome: Sendable {
        /// Every finding: load problems, the checks' and the renderer's.
        public var diagnostics: [Diagnostic]
        /// Bytes of HTML rendered (article bodies and pages).
        public var htmlBytes: Int
        /// Bytes of JSON encoded.
        public var jsonBytes: Int
    }

    /// Runs `bytes` as one Markdown article with front matter, in both of its parts (see ``FuzzFixture``).
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> Outcome {
        let fixture = FuzzFixture.shared
        let content = fixture.configuration.contentRoot
        var articles: [Article] = []
        var documents: [String: [String: MarkdownDocument]] = [:]
        var diagnostics: [Diagnostic] = []
        func add(_ result: LoadResult, locale: String, path: String) {
            if let article = result.article { articles.append(article) }
            if let document = result.document { documents[locale, default: [:]][path] = document }
            diagnostics += result.diagnostics
        }
        for fixed in fixture.fixedArticles { add(fixed.result, locale: fixed.locale, path: fixed.path) }
        // Rendered: the input as a translation and as a source. Checked: those and the copy.
        let inputs = [
            (FuzzFixture.translationLocale, FuzzFixture.pairedPath),
            (FuzzFixture.sourceLocale, FuzzFixture.inputSourcePath),
        ]
        let copy = (FuzzFixture.translationLocale, FuzzFixture.inputSourcePath)
        for (locale, path) in inputs + [copy] {
            add(ArticleLoader.load(bytes: bytes, path: path, locale: locale, file: content + "/" + locale + "/" + path),
                locale: locale, path: path)
        }
        let set = ContentSet(configuration: fixture.configuration, articles: articles, files: fixture.files, diagnostics: diagnostics)

        let findings = CheckEngine(settings: fixture.configuration.rules).run(set)
        var outcome = Outcome(diagnostics: findings, htmlBytes: 0, jsonBytes: 0)
        checkCopy(findings, file: content + "/" + copy.0 + "/" + copy.1)
        // Findings on the fixed articles are the same every run: the reports take the input's.
        let inputFiles = Set((inputs + [copy]).map { content + "/" + $0.0 + "/" + $0.1 })
        outcome.jsonBytes += reports(findings.filter { inputFiles.contains($0.location.file) })
        checkLines(findings, input: bytes, files: inputFiles)

        // The body and its page in the input's locale, and the body as another locale's fallback.
        let resolver = LinkResolver(content: set)
        let renderer = HTMLRenderer(links: resolver, includes: IncludeStore(content: set))
        for (locale, path) in inputs {
            guard let article = set.article(path, in: locale), let document = documents[locale]?[path] else { continue }
            let body = renderer.render(document, article: article, locale: locale)
            outcome.diagnostics += body.diagnostics
            outcome.htmlBytes += body.utf8.count + page(article, body: body.utf8, locale: locale)
            // Shown as the fallback of another locale: links and includes resolve from there.
            let other = locale == FuzzFixture.sourceLocale ? FuzzFixture.translationLocale : FuzzFixture.sourceLocale
            outcome.htmlBytes += renderer.render(document, article: article, locale: other).utf8.count
            outcome.jsonBytes += sameAsEncoder(article, what: "the inspect model")
            let siteData = ArticleDocument(article: article, url: SitePaths.page(locale: locale, path: path), status: .current,
                                           contentLocale: locale, sourcePath: path)
            outcome.jsonBytes += sameAsEncoder(siteData, what: "the site data of an article")
        }

        let statuses = ArticleStatus.statuses(content: set, diagnostics: findings)
        outcome.jsonBytes += exports(set, statuses: statuses)
        frontMatterParity(bytes)
        stamp(bytes)
        return outcome
    }

    /// The reporters' JSON and SARIF, and the text formats, of `findings`.
    static func reports(_ findings: [Diagnostic]) -> Int {
        var total = 0
        let summary = CheckSummary(findings)
        for format in DiagnosticFormat.allCases {
            guard let data = try? DiagnosticFormatter(format: format).render(findings, summary: summary) else {
                preconditionFailure("concord-fuzz: the \(format) report could not be made")
            }
            if format == .json || format == .sarif { total += validJSON(Array(data), what: "the \(format) report") }
        }
        total += validJSON((try? JSONOutput.encode(Baseline(diagnostics: findings))).map { Array($0) }, what: "the baseline")
        return total
    }

    /// The site data (per-article files, bundles, manifest) and the step export.
    static func exports(_ set: ContentSet, statuses: [String: [String: ArticleStatus]]) -> Int {
        var total = 0
        do {
            for file in try SiteDataWriter.encodedFiles(content: set, statuses: statuses) {
                total += validJSON(file.bytes, what: file.path)
            }
        } catch {
            // The build would stop here, for every article: one bad file must not do that.
            preconditionFailure("concord-fuzz: site data failed: \(error)")
        }
        let records = (try? StepExport.records(content: set)) ?? []
        for format in StepExport.Format.allCases {
            guard let bytes = try? StepExport.render(records, as: format) else { continue }
            switch format {
            case .json: total += validJSON(bytes, what: "the step export")
            case .ndjson:
                for line in bytes.split(separator: UInt8(ascii: "\n")) { total += validJSON(Array(line), what: "an ndjson step") }
            case .csv: total += bytes.count
            }
        }
        return total
    }

    /// The article template, parsed once: parsing it is the same work for every input.
    static let templates: TemplateRenderer = {
        do { return try TemplateRenderer(theme: .builtIn) } catch { fatalError("concord-fuzz: \(error)") }
    }()
    static let strings = [FuzzFixture.sourceLocale, FuzzFixture.translationLocale].reduce(into: [String: ChromeStrings]()) {
        $0[$1] = Theme.builtIn.strings(for: $1)
    }

    /// The article page as the site build makes it (the values an article puts in the template,
    /// escaped by the template), and the article's search terms and index. The whole site build
    /// (`SiteBuilder`) is not run: its fixed costs, parsing the theme, reading the navigation
    /// and writing two dozen files, were most of each run and do not depend on the input.
    static func page(_ article: Article, body: [UInt8], locale: String) -> Int {
        let strings = strings[locale] ?? Theme.builtIn.strings(for: locale)
        let sections = article.sections.filter { $0.level == 2 || $0.level == 3 }
        var page: [String: Any] = [
            "lang": locale, "dir": LocaleID.isRightToLeft(locale) ? "rtl" : "ltr", "siteTitle": "Help",
            "languageName": strings.languageName, "strings": strings.values,
            "title": article.title, "root": "../../", "assets": "../../assets/",
            "homeHref": "../index.html", "searchHref": "../search.html", "chooserHref": "../../index.html?choose",
            "content": String(decoding: body, as: UTF8.self),
            "breadcrumbs": [["title": strings["home"], "href": "../index.html"], ["title": article.title]] as [[String: Any]],
            "onThisPage": sections.map { ["anchor": $0.anchor, "title": $0.title, "sub": $0.level == 3] as [String: Any] },
            "hasOnThisPage": !sections.isEmpty,
            "contentLang": article.locale, "contentLangDiffers": article.locale != locale,
        ]
        if let description = article.metadata.description, !description.isEmpty { page["description"] = description }
        if let date = article.metadata.date, !date.isEmpty { page["date"] = date }
        let html: String
        do { html = try templates.render("article", page) } catch { preconditionFailure("concord-fuzz: \(error)") }
        let search = SearchIndex.document(for: article, url: SitePaths.page(locale: locale, path: article.path)).tokenized()
        let index = SearchIndex(locale: locale, documents: [search]).jsonUTF8()
        return html.utf8.count + validJSON(index, what: "the search index")
    }

    /// Stops when the front-matter fast path takes the input's front matter and reads it other
    /// than Yams does (what it promises not to do).
    static func frontMatterParity(_ bytes: [UInt8]) {
        let input = MarkdownInput(bytes: bytes)
        guard let yaml = input.frontMatter,
              let flat = MetadataParser.parseFlatOnly(yaml, firstLine: input.frontMatterFirstLine) else { return }
        let yams = MetadataParser.parseWithYamsOnly(yaml, firstLine: input.frontMatterFirstLine)
        guard case .success(let expected) = yams else {
            preconditionFailure("concord-fuzz: the flat front matter read \(yaml.debugDescription), which Yams refuses: \(yams)")
        }
        precondition(flat == expected, "concord-fuzz: front matter \(yaml.debugDescription) reads \(flat.entries) flat, \(expected.entries) in Yams")
    }

    /// `concord stamp` on the input: the hash written must be the hash read back, by the stamp
    /// and by the loader (which `stale-translation` asks), and the body must not change.
    static func stamp(_ bytes: [UInt8]) {
        let hash = SourceHash.of(file: Array(FuzzFixture.sourceArticle.utf8))
        guard let stamped = try? SourceHashStamp.stamped(bytes, hash: hash) else { return }
        let recorded = SourceHashStamp.recordedHash(in: stamped)
        precondition(recorded == hash, "concord-fuzz: stamped '\(hash)' but the file reads back '\(recorded ?? "nothing")'")
        precondition(SourceHash.of(file: stamped) == SourceHash.of(file: bytes), "concord-fuzz: the stamp changed the body")
        // Only front matter that loaded cleanly before is expected to load cleanly after.
        let before = ArticleLoader.load(bytes: bytes, path: "s.md", locale: "es-ES", file: "s.md")
        guard before.article != nil, before.diagnostics.isEmpty else { return }
        let after = ArticleLoader.load(bytes: stamped, path: "s.md", locale: "es-ES", file: "s.md")
        precondition(after.diagnostics.isEmpty, "concord-fuzz: stamping made \(after.diagnostics)")
        let loaded = after.article?.metadata.sourceHash
        precondition(loaded == hash, "concord-fuzz: stamped '\(hash)' but the loader reads '\(loaded ?? "nothing")'")
    }

    /// Stops when Concord's JSON writer and `JSONEncoder` disagree on `value`, which the writer
    /// promises never to do (`JSONOutput.bytes`); returns the size of the JSON.
    static func sameAsEncoder<T: JSONWritable & Encodable>(_ value: T, what: String) -> Int {
        // Both refuse a model nested too deeply for JSON (`concord inspect` reports it).
        guard let written = try? JSONOutput.bytes(value) else {
            precondition((try? JSONOutput.encode(value)) == nil, "concord-fuzz: \(what) was refused by the writer, not by JSONEncoder")
            return 0
        }
        guard let encoded = (try? JSONOutput.encode(value)).map({ Array($0) }) else { preconditionFailure("concord-fuzz: JSONEncoder refused \(what)") }
        if written != encoded {
            let at = zip(written, encoded).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, encoded.count)
            let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, at - 40)..<min(bytes.count, at + 40)], as: UTF8.self).debugDescription }
            preconditionFailure("concord-fuzz: \(what) differs from JSONEncoder's at byte \(at): \(context(written)) != \(context(encoded))")
        }
        return validJSON(written, what: what)
    }

    /// Stops when `bytes` is not JSON; returns its size.
    static func validJSON(_ bytes: [UInt8]?, what: String) -> Int {
        guard let bytes else { preconditionFailure("concord-fuzz: \(what) could not be encoded") }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            preconditionFailure("concord-fuzz: \(what) is not valid JSON: \(error)")
        }
        return bytes.count
    }

    /// The rules that compare a translation with its source, but for those an exact copy is meant
    /// to trip: it is not stamped (`stale-translation`) and not translated (`untranslated`).
    static let comparingRules: Set<String> = Set(RuleRegistry.all.filter { $0.scope.translationRule != nil }.map(\.id))
        .subtracting(["stale-translation", "untranslated"])

    /// Stops when a rule that compares a translation with its source faults an exact copy of it.
    static func checkCopy(_ findings: [Diagnostic], file: String) {
        for finding in findings where finding.location.file == file && comparingRules.contains(finding.rule) {
            preconditionFailure("concord-fuzz: an exact copy of its source got \(finding)")
        }
    }

    /// Stops when a finding about the input points past its last line, or past the end of its line.
    static func checkLines(_ findings: [Diagnostic], input: [UInt8], files: Set<String>) {
        // Line lengths in bytes as cmark counts lines (a lone CR ends one too), after the BOM.
        var lengths: [Int] = []
        var length = 0
        var index = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < input.count {
            let byte = input[index]
            if byte == 0x0A || byte == 0x0D {
                lengths.append(length)
                length = 0
                if byte == 0x0D, index + 1 < input.count, input[index + 1] == 0x0A { index += 1 }
            } else {
                length += 1
            }
            index += 1
        }
        lengths.append(length)
        for finding in findings {
            for location in [finding.location] + (finding.source.map { [$0] } ?? []) where files.contains(location.file) {
                precondition(location.line >= 1 && location.line <= lengths.count && location.column >= 1
                             && location.column <= lengths[location.line - 1] + 1,
                             "concord-fuzz: \(finding) points at \(location.line):\(location.column) of a \(lengths.count)-line file"
                             + " (line length \(location.line >= 1 && location.line <= lengths.count ? lengths[location.line - 1] : -1))")
            }
        }
    }
}
