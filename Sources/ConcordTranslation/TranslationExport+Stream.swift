import ConcordModel

extension TranslationExport {
    /// What a streamed export wrote.
    public struct Written: Sendable {
        /// The units written, and how many of them are final.
        public var units = 0, final = 0
        /// The articles written (with `changedOnly`, those with a unit left).
        public var articles = 0
        /// The warnings of articles that reached the unit limit, in path order.
        public var diagnostics: [Diagnostic] = []
    }

    /// How many articles' parts may be made ahead of the one being written: enough to keep
    /// every core busy past a long article, few enough that the document is never whole in memory.
    static let window = 64

    /// Writes the handoff of `loaded` as `format`, part by part in document order, to `write`:
    /// the same bytes as ``XLIFFWriter/document(_:)`` or ``POWriter/document(_:)`` of
    /// ``handoff(_:locale:)`` (with ``Handoff/changedOnly`` when `changedOnly`). Articles are read
    /// into units and written as bytes on every core; `write` gets the parts in order on the
    /// calling thread while later ones are made.
    public static func write(_ loaded: Loaded, format: Handoff.Format, changedOnly: Bool, to write: ([UInt8]) throws -> Void) rethrows -> Written {
        switch format {
        case .xliff: try write(XLIFFWriter.header(sourceLocale: loaded.sourceLocale, targetLocale: loaded.locale))
        case .po: try write(POWriter.header(sourceLocale: loaded.sourceLocale, targetLocale: loaded.locale))
        }
        var written = Written()
        // XLIFF numbers the `<file>` elements it writes: articles with units.
        var fileNumber = 0
        try parallelForEachInOrder(loaded.paths, window: window, { path in
            Part(loaded.file(at: path), loaded: loaded, format: format, changedOnly: changedOnly)
        }, consume: { part in
            guard let file = part.file else { return }
            if let warning = part.unitLimit { written.diagnostics.append(warning) }
            // Without changedOnly every article counts, as in the handoff; with it, those with a unit left.
            guard !changedOnly || part.units > 0 else { return }
            written.articles += 1
            written.units += part.units
            written.final += part.final
            guard part.units > 0 else { return }
            if format == .xliff {
                fileNumber += 1
                try write(XLIFFWriter.start(of: file, number: fileNumber))
            }
            try write(part.body)
        })
        if format == .xliff { try write(XLIFFWriter.footer) }
        return written
    }

    /// One article's part of the document, made on any core.
    struct Part: Sendable {
        /// The article without its units (its path and source hash), `nil` when the source cannot be read.
        var file: Handoff.File?
        var units = 0, final = 0
        var body: [UInt8] = []
        var unitLimit: Diagnostic?

        init(_ file: Handoff.File?, loaded: Loaded, format: Handoff.Format, changedOnly: Bool) {
            guard var file else { return }
            unitLimit = loaded.unitLimitDiagnostic(file)
            if changedOnly { file.units.removeAll { $0.state == .final } }
            units = file.units.count
            final = file.units.count { $0.state == .final }
            if units > 0 {
                body = format == .xliff ? XLIFFWriter.body(of: file) : POWriter.body(of: file)
            }
            file.units = []
            self.file = file
        }
    }
}
