import ConcordModel
import ConcordRender
import Foundation

/// Adds the translation status page to the site, at `status/index.html` with its stylesheet and
/// script beside it, for a site with translations: the checks' findings as the build reported
/// them, linked to every page.
public struct StatusOutput: SiteOutputWriter {
    /// The page's folder, relative to the output folder.
    public static let folder = "status"
    /// The page, relative to the output folder.
    public static let page = folder + "/index.html"

    /// Creates the writer.
    public init() {}

    public var writesThroughStagingWriter: Bool { true }

    public func write(_ build: BuildSnapshot, into folder: String) throws {
        try prepare(build, into: folder)(folder)
    }

    /// Makes the page while the site's pages render (it reads only the content and the
    /// findings), and writes its files once they are done.
    public func prepare(_ build: BuildSnapshot, into folder: String) throws -> @Sendable (_ folder: String) throws -> Void {
        let content = build.site.content
        guard !content.translationLocales.isEmpty else { return { _ in } }
        if let reuse = build.reuse {
            let writer = build.writer(into: folder)
            try writer.createDirectories(Self.folder)
            // Made from what the live one was made from: the page and its files are linked as they are.
            if reuse.keepSiteFile(Self.page, writer: writer), StatusPage.files.allSatisfy({ reuse.keepFile(Self.folder + "/" + $0.name, writer: writer) }) {
                return { _ in }
            }
        }
        let status = TranslationStatus(content: content, diagnostics: build.diagnostics, statuses: build.statuses)
        let page = StatusPage(status: status, siteTitle: content.configuration.siteTitle, assets: .linked) { locale, path in
            "../" + LinkDestination.urlPath(SitePaths.page(locale: locale, path: path))
        }
        let html = page.html()
        return { folder in
            let writer = build.writer(into: folder)
            try writer.createDirectories(Self.folder)
            try writer.write(html, to: Self.page)
            for file in StatusPage.files { try writer.write(file.bytes, to: Self.folder + "/" + file.name) }
        }
    }
}
