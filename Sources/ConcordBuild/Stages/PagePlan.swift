import ConcordModel
import ConcordRender

/// Which article pages a build writes, in the order the cores take them, and the folders they go in.
public struct PagePlan: Sendable {
    /// Every source article in every locale (a fallback where there is no translation), then
    /// each locale's translations without a source (orphans).
    public var jobs: [SiteBuilder.PageJob]
    /// The folders of the site, parents before children.
    public var folders: [String]

    /// The plan for `content`, with each page's status from `statuses`.
    public init(content: ContentSet, statuses: [String: [String: ArticleStatus]]) {
        let sourcePaths = content.sourceArticles.keys.sorted()
        // A locale per core, with the folders of its pages.
        let byLocale = parallelMap(content.locales) { locale in
            let jobs = sourcePaths.map { path in
                SiteBuilder.PageJob(
                    locale: locale, path: path,
                    status: statuses[locale]?[path] ?? (content.hasArticle(path, in: locale) ? .current : .fallback))
            } + content.orphans(in: locale).map { SiteBuilder.PageJob(locale: locale, path: $0, status: .current) }
            return (jobs: jobs, folders: Set(jobs.map { RelativePath.directory(of: $0.pagePath) }))
        }
        // Taken in turn from each locale: the cores take neighbouring jobs, and neighbours in
        // one locale are pages of one folder. Creating files in one folder at once makes the
        // threads wait on the folder's lock, and on ext4, where making a file can be slow
        // (after many files were deleted, it looks for a free inode at length), the waiting
        // thread spun on that lock (docs/performance.md). Each locale keeps its order.
        jobs = Self.interleaved(byLocale.map(\.jobs))
        var folders: Set<String> = ["assets"]
        for locale in byLocale { folders.formUnion(locale.folders) }
        for locale in content.locales { folders.insert(locale) }
        self.folders = folders.sorted()
    }

    /// The pages' files, relative to the output folder (a new set at each call).
    public var pagePaths: Set<String> { Set(jobs.map(\.pagePath)) }

    /// The elements of `lists` taken in turn, one from each list while it has any; each list's own order kept.
    static func interleaved<Element>(_ lists: [[Element]]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        let longest = lists.map(\.count).max() ?? 0
        for index in 0..<longest {
            for list in lists where index < list.count { result.append(list[index]) }
        }
        return result
    }
}
