import Foundation

extension ContentSet {
    /// Builds ``uids`` from the articles' and FAQ pages' `uid:` front matter and `xref.uidFromPath`,
    /// then keeps each article's `@uid` mentions whose uid is defined as links (``Link/Kind/shorthand``),
    /// in their place among its links. Returns the findings of the table (`duplicate-uid`, `uid-limit`).
    mutating func defineUIDs() -> [Diagnostic] {
        var pages: [UIDTable.Page] = []
        for (locale, byPath) in articles {
            for (path, article) in byPath {
                let uid = article.metadata["uid"]?.text.trimmingCharacters(in: .whitespaces)
                pages.append(UIDTable.Page(locale: locale, path: path, file: article.file, uid: uid, line: article.metadata.line(of: "uid") ?? 1))
            }
        }
        for (locale, byPath) in faqPages {
            for (path, page) in byPath {
                pages.append(UIDTable.Page(locale: locale, path: path, file: page.file, uid: page.metadata["uid"], line: 1))
            }
        }
        let (table, diagnostics) = UIDTable.build(pages: pages, rules: configuration.uidFromPath, sourceLocale: sourceLocale)
        uids = table
        promoteShorthandReferences()
        return diagnostics
    }

    /// Moves the `@uid` mentions naming a defined uid into their articles' links.
    private mutating func promoteShorthandReferences() {
        for locale in Array(articles.keys) {
            let mentioned = articles[locale]!.filter { !$0.value.uidMentions.isEmpty }
            for (path, var article) in mentioned {
                let known = article.uidMentions.filter { uids.path(of: String($0.destination.dropFirst(5))) != nil }
                article.uidMentions = []
                // Each before the first link written after it; the others keep their order.
                for mention in known {
                    let place = article.links.firstIndex { ($0.line, $0.column) > (mention.line, mention.column) } ?? article.links.endIndex
                    article.links.insert(mention, at: place)
                }
                articles[locale]![path] = article
            }
        }
    }
}
