import ConcordMarkdown
import ConcordModel
import Foundation

/// Writes `source-hash` into translations: the library side of `concord stamp`.
///
/// Only the one front-matter line changes; every other byte of the file stays as it was (line
/// endings, byte-order mark, key order, comments), so a stamp makes a one-line diff.
public enum SourceHashStamp {
    /// Why a file cannot be stamped.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The file.
        public var file: String
        /// What is wrong.
        public var reason: String
        /// `file: reason`.
        public var description: String { "\(file): \(reason)" }
    }

    /// The bytes of a file with its `source-hash` set to `hash`: the key's line replaced, or a
    /// line inserted before the closing `---`, or front matter created at the top.
    ///
    /// Returns the bytes unchanged when the file already records `hash`. Throws for a file whose
    /// front matter opens and never closes (editing it could swallow the body).
    public static func stamped(_ bytes: [UInt8], hash: String, file: String = "") throws(Failure) -> [UInt8] {
        let layout = FrontMatterLayout(bytes)
        guard !layout.isUnterminated else {
            throw Failure(file: file, reason: "front matter opened with '---' is never closed")
        }
        guard layout.hasFrontMatter, let closing = layout.closingFenceStart else {
            let newLine = Array("\(SourceHash.key): \(hash)".utf8)
            // No front matter: create it, in the file's own line endings, after any byte-order mark.
            let ending = layout.lineEnding
            var out = Array(bytes[..<layout.contentStart])
            out += Array("---".utf8) + ending + newLine + ending + Array("---".utf8) + ending
            out += bytes[layout.contentStart...]
            return out
        }
        // At the indentation of the mapping's keys: YAML allows a whole mapping indented.
        let indent = layout.keyIndent(in: bytes)
        let newLine = Array(repeating: UInt8(ascii: " "), count: indent) + Array("\(SourceHash.key): \(hash)".utf8)
        var out: [UInt8]
        if let existing = layout.lines.first(where: { isKeyLine(bytes[$0], indent: indent) }) {
            if bytes[existing].elementsEqual(newLine) { return bytes }
            out = Array(bytes[..<existing.lowerBound])
            out += newLine
            out += bytes[existing.upperBound...]
        } else {
            out = Array(bytes[..<closing])
            out += newLine + layout.lineEnding
            out += bytes[closing...]
        }
        // A key line cannot join every mapping (a flow mapping, `{title: T}`): rather than
        // break front matter that read well, say so.
        if readsWell(bytes), !readsWell(out, hash: hash) {
            throw Failure(file: file, reason: "cannot add '\(SourceHash.key): \(hash)' to this front matter without changing what it says; add it by hand")
        }
        return out
    }

    /// Whether the front matter of `bytes` reads as YAML without a problem (and records `hash`, if given).
    private static func readsWell(_ bytes: [UInt8], hash: String? = nil) -> Bool {
        let input = MarkdownInput(bytes: bytes)
        guard !input.isBinary, let yaml = input.frontMatter,
              case .success(let metadata) = MetadataParser.parse(yaml, firstLine: input.frontMatterFirstLine) else { return false }
        return hash == nil || metadata.sourceHash == hash
    }

    /// The hash a file records, if any (the value of its top-level `source-hash` line).
    public static func recordedHash(in bytes: [UInt8]) -> String? {
        let layout = FrontMatterLayout(bytes)
        let indent = layout.keyIndent(in: bytes)
        guard let line = layout.lines.first(where: { isKeyLine(bytes[$0], indent: indent) }) else { return nil }
        var value = bytes[line].dropFirst(indent + SourceHash.key.utf8.count + 1)
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        if value.count >= 2, let first = value.first, first == value.last, first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            value = value.dropFirst().dropLast()
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// A top-level `source-hash:` line: indented as the mapping's keys are (`indent` spaces),
    /// so not a key of a nested map.
    private static func isKeyLine(_ line: ArraySlice<UInt8>, indent: Int) -> Bool {
        let key = SourceHash.key.utf8
        guard line.count > indent + key.count, line.prefix(indent).allSatisfy({ $0 == UInt8(ascii: " ") }) else { return false }
        let rest = line.dropFirst(indent)
        return rest.starts(with: key) && rest[rest.startIndex + key.count] == UInt8(ascii: ":")
    }

    // MARK: - Stamping a content tree

    /// One translation whose `source-hash` a stamp sets.
    public struct Change: Sendable, Hashable {
        /// The translation's locale.
        public var locale: String
        /// The path relative to the locale root.
        public var path: String
        /// The translation file.
        public var file: String
        /// The hash the file records now, if any.
        public var previousHash: String?
        /// The hash of its source article now.
        public var hash: String
        /// The file's new contents.
        public var bytes: [UInt8]
    }

    /// What a stamp of a content tree would do.
    public struct Plan: Sendable {
        /// Translations whose hash changes (or is added), in locale and path order.
        public var changes: [Change] = []
        /// Translations that already record their source's hash.
        public var current: [String] = []
        /// Translations that cannot be stamped, with the reason (no source article, unreadable…).
        public var skipped: [Failure] = []
        /// Where files may be read and written: the content root of the configuration.
        public var fence = ContentFence(roots: [])
        /// Temporary files an interrupted stamp left beside translations (`.<name>.concord-<n>`),
        /// removed by ``SourceHashStamp/apply(_:)``.
        public var leftovers: [String] = []
    }

    /// Plans a stamp of the translations of `configuration`: all of them, or those among `paths`
    /// (files, or folders whose translations are all stamped).
    ///
    /// Throws when a path names nothing that is a translation (a source file, a file outside
    /// every locale, a path that does not exist): a stamp that silently does nothing would mislead.
    public static func plan(_ configuration: Configuration, paths: [String] = []) throws(Failure) -> Plan {
        let sourceEntry = configuration.locales.first { $0.id == configuration.sourceLocale }
        guard let sourceEntry else {
            throw Failure(file: configuration.contentRoot, reason: "no folder for source locale \(configuration.sourceLocale)")
        }
        let selectors = paths.map { (given: $0, canonical: FileSystem.canonical($0), isFolder: FileSystem.isDirectory($0)) }
        for selector in selectors where !FileSystem.exists(selector.given) {
            throw Failure(file: selector.given, reason: "no such file or folder")
        }
        var used = Set<String>()
        var folders = Set<String>()
        var plan = Plan()
        plan.fence = ContentFence(configuration)
        for entry in configuration.locales where entry.id != configuration.sourceLocale {
            if let refusal = plan.fence.refusal(of: entry) {
                plan.skipped.append(Failure(file: entry.path, reason: refusal.message))
                continue
            }
            let root = FileSystem.canonical(entry.path)
            let scan = FileSystem.scan(entry.path, within: plan.fence)
            plan.skipped += scan.skipped.map {
                let diagnostic = ContentFence.diagnostic($0, in: entry.path, locale: entry.id)
                return Failure(file: diagnostic.location.file, reason: diagnostic.message)
            }
            for path in scan.files where path.lowercased().hasSuffix(".md") && !ContentSet.isNavigation(path) {
                let file = entry.path + "/" + path
                // Where a killed stamp of this file left its temporary file: beside the file a link leads to.
                if let resolved = FileSystem.realPath(file) { folders.insert((resolved as NSString).deletingLastPathComponent) }
                if !selectors.isEmpty {
                    let canonical = root + "/" + path
                    guard let selector = selectors.first(where: {
                        $0.isFolder ? canonical.hasPrefix($0.canonical == "/" ? "/" : $0.canonical + "/") : canonical == $0.canonical
                    }) else { continue }
                    used.insert(selector.given)
                }
                let sourceFile = sourceEntry.path + "/" + path
                guard FileSystem.exists(sourceFile) else {
                    plan.skipped.append(Failure(file: file, reason: "no source article \(sourceFile)"))
                    continue
                }
                let source: [UInt8]
                do { source = try plan.fence.read(sourceFile) } catch {
                    plan.skipped.append(Failure(file: file, reason: "its source article \(sourceFile) cannot be read: \(error.reason)"))
                    continue
                }
                do {
                    let bytes = try plan.fence.read(file)
                    let hash = SourceHash.of(file: source)
                    let stamped = try stamped(bytes, hash: hash, file: file)
                    if stamped == bytes {
                        plan.current.append(file)
                    } else {
                        plan.changes.append(Change(
                            locale: entry.id, path: path, file: file, previousHash: recordedHash(in: bytes), hash: hash, bytes: stamped))
                    }
                } catch let failure as Failure {
                    plan.skipped.append(failure)
                } catch let failure as FileSystem.Failure {
                    plan.skipped.append(Failure(file: file, reason: "cannot read: \(failure.reason)"))
                } catch {
                    plan.skipped.append(Failure(file: file, reason: "cannot read: \(error)"))
                }
            }
        }
        plan.leftovers = folders.sorted().flatMap(FileSystem.leftoverTemporaryFiles(in:))
        if let unused = selectors.first(where: { !used.contains($0.given) }) {
            throw Failure(file: unused.given, reason: "not a translation: give files or folders inside a locale other than the source (\(configuration.sourceLocale))")
        }
        return plan
    }

    /// Writes the changes of a plan, each file atomically, and removes the temporary files an
    /// interrupted stamp left.
    public static func apply(_ plan: Plan) throws(Failure) {
        for leftover in plan.leftovers {
            let folder = (leftover as NSString).deletingLastPathComponent
            guard let resolved = FileSystem.realPath(folder), plan.fence.contains(resolved: resolved) else { continue }
            if unlink(leftover) != 0, errno != ENOENT {
                throw Failure(file: leftover, reason: "cannot remove this temporary file of an interrupted stamp: \(String(cString: strerror(errno)).lowercased())")
            }
        }
        for change in plan.changes {
            do { try plan.fence.writeAtomically(change.bytes, to: change.file) } catch {
                throw Failure(file: change.file, reason: error.reason)
            }
        }
    }
}
