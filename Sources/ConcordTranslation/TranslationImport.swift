import ConcordCheck
import ConcordModel
import Foundation

/// `concord import`: translated Markdown from a translated XLIFF document (or PO file), each
/// article checked before it is written.
///
/// Each unit's target must keep its source's placeholders, paired, and be one block of text;
/// the article it makes must pass the cross-locale rules against its source. An article with a
/// failing unit is reported (file, unit id, what is wrong) and not written unless `force`;
/// the other articles go on.
public enum TranslationImport {
    /// How to import.
    public struct Options: Sendable {
        /// The folder translated articles are written to (default: the target locale's folder).
        public var output: String?
        /// Report only; write nothing.
        public var dryRun = false
        /// Write articles that have failing units, with the source's text in those units.
        public var force = false

        /// Options.
        public init(output: String? = nil, dryRun: Bool = false, force: Bool = false) {
            self.output = output
            self.dryRun = dryRun
            self.force = force
        }
    }

    /// One problem, with where it is.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The article's path.
        public var file: String
        /// The unit's structural id, where the problem is one unit's.
        public var unit: String?
        /// What is wrong.
        public var message: String

        /// `path#unit: message`.
        public var description: String { "\(file)\(unit.map { "#\($0)" } ?? ""): \(message)" }
    }

    /// What an import did.
    public struct Report: Sendable {
        /// The folder articles go to.
        public var output: String
        /// The articles written (or, on a dry run, that would be), as paths in `output`.
        public var written: [String] = []
        /// The articles not written because of their problems.
        public var refused: [String] = []
        /// Every problem found.
        public var problems: [Problem] = []
    }

    /// Why nothing can be imported.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Imports the XLIFF document `bytes` into the content `configuration` describes.
    public static func run(_ bytes: [UInt8], configuration: Configuration, options: Options) throws(Failure) -> Report {
        let input: XLIFFInput
        // XML starts with `<` (after a byte-order mark and blank lines); anything else is read as PO.
        let first = bytes.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.first
        do { input = first == UInt8(ascii: "<") ? try XLIFFInput.read(bytes) : try POReader.read(bytes) } catch {
            throw Failure(description: error.description)
        }
        let sourceLocale = configuration.sourceLocale
        guard input.sourceLocale == sourceLocale else {
            throw Failure(description: "the document translates from '\(input.sourceLocale)', and the content's source locale is \(sourceLocale)")
        }
        let locale = input.targetLocale
        guard LocaleID.isValid(locale), locale != sourceLocale else {
            throw Failure(description: "trgLang '\(locale)' is not a translation locale id")
        }
        let sourceRoot = configuration.locales.first { $0.id == sourceLocale }?.path ?? configuration.contentRoot + "/" + sourceLocale
        let output = options.output ?? configuration.locales.first { $0.id == locale }?.path ?? configuration.contentRoot + "/" + locale
        var checking = configuration
        checking.locales.removeAll { $0.id != sourceLocale && $0.id != locale }
        let content = ContentSet.load(checking)
        let context = ImportContext(
            content: content, locale: locale, sourceRoot: sourceRoot, output: output, options: options,
            rules: CheckEngine(settings: configuration.rules))
        var report = Report(output: output)
        for file in input.files {
            context.importFile(file, into: &report)
        }
        return report
    }
}

/// What importing each file needs.
private struct ImportContext {
    let content: ContentSet
    let locale: String
    let sourceRoot: String
    let output: String
    let options: TranslationImport.Options
    let rules: CheckEngine

    /// Rules about when a translation was made or whether it differs from its source at all,
    /// not about what it says: an import sets the one and may legitimately keep the other.
    static let ignoredRules: Set<String> = ["stale-translation", "untranslated"]

    func importFile(_ file: XLIFFInput.File, into report: inout TranslationImport.Report) {
        let path = file.original
        func refuse(_ message: String, unit: String? = nil) {
            report.problems.append(.init(file: path, unit: unit, message: message))
        }
        guard ImportContext.isSafeRelativePath(path), content.article(path, in: content.sourceLocale) != nil else {
            refuse("not an article of the source locale \(content.sourceLocale); nothing written")
            report.refused.append(path)
            return
        }
        guard let bytes = try? content.fence.read(ContentSet.file(path, in: sourceRoot)),
              let source = ArticleSegmenter.segment(bytes: bytes, path: path, locale: content.sourceLocale, file: ContentSet.file(path, in: sourceRoot)) else {
            refuse("the source article cannot be read; nothing written")
            report.refused.append(path)
            return
        }
        let sourceHash = SourceHash.of(file: bytes)
        if let recorded = file.sourceHash, recorded != sourceHash {
            refuse("the source changed since the export (source-hash \(recorded.prefix(12))… is now \(sourceHash.prefix(12))…); units are matched by id")
        }
        var failed = false
        let targets = readTargets(file, source: source) { unit, message in
            report.problems.append(.init(file: path, unit: unit, message: message))
            failed = true
        }
        let (assembled, lines) = MarkdownAssembly.assemble(source, targets: targets, locale: locale, sourceHash: sourceHash)
        let findings = check(assembled, path: path, source: source.article)
        for finding in findings {
            let unit = lines.filter { $0.value <= finding.location.line }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            report.problems.append(.init(file: path, unit: unit, message: "\(finding.rule): \(finding.message) (line \(finding.location.line))"))
            failed = true
        }
        if failed, !options.force {
            report.refused.append(path)
            return
        }
        if !options.dryRun {
            do { try write(assembled, path: path) } catch {
                refuse("cannot write: \(error.description)")
                report.refused.append(path)
                return
            }
        }
        report.written.append(path)
    }

    /// Each unit's target read and checked; `fail` hears of each unit that fails.
    private func readTargets(_ file: XLIFFInput.File, source: SegmentedArticle, fail: (String?, String) -> Void) -> [String: InlineContent] {
        var targets: [String: InlineContent] = [:]
        var reported: Set<String> = []
        for unit in file.units {
            let structural = unit.name.split(separator: "#", maxSplits: 1).last.map(String.init) ?? unit.name
            guard let sourceUnit = source.unit(structural) else {
                fail(structural, "no such unit in the source article (it changed since the export?)")
                continue
            }
            guard let events = unit.target else { continue }
            switch TargetReading.content(events, data: unit.data, source: sourceUnit.content) {
            case .success(let content):
                targets[structural] = content
            case .failure(let problems):
                reported.insert(structural)
                for message in problems.messages { fail(structural, message) }
            }
        }
        for unit in source.units where targets[unit.id] == nil && !reported.contains(unit.id) {
            fail(unit.id, "no translation")
        }
        return targets
    }

    /// The cross-locale findings on the assembled article against its source.
    private func check(_ bytes: [UInt8], path: String, source: Article) -> [Diagnostic] {
        let file = ContentSet.file(path, in: output)
        let loaded = ArticleLoader.load(bytes: bytes, path: path, locale: locale, file: file)
        guard let article = loaded.article else { return loaded.diagnostics }
        let context = CheckContext(content: content)
        let pair = TranslationPair(source: source, translation: article)
        var findings = loaded.diagnostics
        for rule in rules.rules where !ImportContext.ignoredRules.contains(rule.id) && rules.setting(of: rule) != .off {
            if let rule = rule.scope.translationRule { findings += rule.check(pair, in: context) }
        }
        return CheckEngine.sorted(rules.applySettings(findings))
    }

    /// Writes into the output folder by a temporary file and a rename, only inside it.
    private func write(_ bytes: [UInt8], path: String) throws(FileSystem.Failure) {
        let target = ContentSet.file(path, in: output)
        let folder = (target as NSString).deletingLastPathComponent
        try FileSystem.createDirectories(folder)
        guard let root = FileSystem.realPath(output), let resolved = FileSystem.realPath(folder),
              resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/") else {
            throw FileSystem.Failure(path: target, reason: "leads outside \(output); not written")
        }
        try FileSystem.writeAtomically(bytes, to: resolved + "/" + (target as NSString).lastPathComponent)
    }

    /// A path inside a folder: relative, no `..` or empty parts, no backslash, a `.md` file.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), path.lowercased().hasSuffix(".md"),
              !path.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }
}
