import ConcordModel

/// `image-mismatch`: an aligned section shows other images, or another number of them, than in the source.
public struct ImageMismatch: TranslationRule {
    /// `image-mismatch`.
    public let id = "image-mismatch"
    /// An error: a screenshot is missing or shows something else than the source describes.
    public let defaultSetting: Configuration.RuleSetting = .error
    /// One line for help and SARIF.
    public let summary = "A section's images differ in number or file name from the source."

    /// Creates the rule.
    public init() {}

    /// Findings for images missing, added or replaced per aligned section, compared by file name.
    public func check(_ pair: TranslationPair, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let groups = pair.byMatchedSection(source: pair.source.images, translation: pair.translation.images, line: \.line)
        for group in groups {
            found += untranslatedAltText(group, pair)
            let difference = KeyedDifference(source: group.source, translation: group.translation) { Self.name(of: $0.source) }
            guard !difference.isEmpty else { continue }
            let counts = group.alignsByOrder ? "" : " (\(counted(group.source.count, "image")) in source, \(group.translation.count) here)"
            for (image, translated) in difference.changed {
                found.append(finding(
                    "image '\(Self.name(of: translated.source))' here, '\(Self.name(of: image.source))' in source \(pair.sourcePlace(image.line))\(counts)",
                    at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(image.line, image.column),
                    fingerprint: "\(Self.name(of: image.source))->\(Self.name(of: translated.source))"))
            }
            for image in difference.missing {
                found.append(finding(
                    "image '\(Self.name(of: image.source))' of source \(pair.sourcePlace(image.line)) is missing here\(counts)",
                    at: pair.here(pair.translationLine(of: group.pair)), locale: pair.locale, source: pair.there(image.line, image.column),
                    fingerprint: "-" + Self.name(of: image.source)))
            }
            for translated in difference.extra {
                let there = pair.sourceLine(of: group.pair)
                found.append(finding(
                    "image '\(Self.name(of: translated.source))' is not in the source section \(pair.sourcePlace(there))\(counts)",
                    at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(there),
                    fingerprint: "+" + Self.name(of: translated.source)))
            }
        }
        return found
    }

    /// `:::image:::` alt text left as the source wrote it: each translated image paired, by file
    /// name in order, with the source's. Only where the languages differ (`es-ES` and `es-MX` may agree).
    private func untranslatedAltText(_ group: SectionGroup<Image>, _ pair: TranslationPair) -> [Diagnostic] {
        // Only `:::image:::` images have a type; most sections have none.
        guard group.translation.contains(where: { $0.type != nil }),
              LocaleID.language(of: pair.source.locale) != LocaleID.language(of: pair.locale) else { return [] }
        var sourceAlts: [String: [Image]] = [:]
        for image in group.source where image.type != nil { sourceAlts[Self.name(of: image.source), default: []].append(image) }
        var found: [Diagnostic] = []
        for translated in group.translation where translated.type != nil {
            let name = Self.name(of: translated.source)
            guard var candidates = sourceAlts[name], !candidates.isEmpty else { continue }
            let image = candidates.removeFirst()
            sourceAlts[name] = candidates
            // Short ones ("Abra AppSource.") are often the same in two close languages.
            guard translated.alt == image.alt, Self.words(in: translated.alt) >= Self.minimumUntranslatedWords else { continue }
            found.append(finding(
                "alt-text of image '\(name)' is the source's, left untranslated: '\(translated.alt.prefix(80))' (source \(pair.sourcePlace(image.line)))",
                at: pair.here(translated.line, translated.column), locale: pair.locale, source: pair.there(image.line, image.column),
                fingerprint: "alt:\(name)"))
        }
        return found
    }

    /// The fewest words alt text must have to be called untranslated when it equals the source's.
    static let minimumUntranslatedWords = 4

    /// The words of `text`: runs of letters.
    static func words(in text: String) -> Int {
        text.split(whereSeparator: { !$0.isLetter }).count
    }

    /// The file name of an image, lower-cased, without folders, query or fragment: localized copies
    /// live in per-locale folders (`media/es-es/x.png` for `media/x.png`).
    static func name(of source: String) -> String {
        var path = Substring(source)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        if let slash = path.lastIndex(where: { $0 == "/" || $0 == "\\" }) { path = path[path.index(after: slash)...] }
        return path.lowercased()
    }
}
