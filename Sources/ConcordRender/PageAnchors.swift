/// The ids of one page's elements, each given once.
///
/// HTML allows an id once per page, and an empty id never. Content breaks both: translations
/// repeat an explicit anchor the localisation tool made from a repeated English heading
/// (`<a name="cmdlets-supported">` under every provider heading), headings of punctuation
/// only (`### $$`) have an empty slug, and a heading may be called "Main", the id of the
/// page's own `<main>`. Each id is claimed in page order; a later claim of a taken id gets the
/// first free `-1`, `-2`… suffix, as the model numbers repeated slugs, so the first element
/// keeps the id that links written against it expect.
struct PageAnchors {
    /// The ids the default theme's chrome gives its own elements (`templates/*.mustache`).
    static let reserved: Set<String> = ["main", "nav-toggle", "on-this-page-title", "search-query", "search-results"]

    private var used: Set<String> = Self.reserved

    /// Whether `id` is already on the page.
    func isUsed(_ id: String) -> Bool { used.contains(id) }

    /// Takes `wanted`, or `fallback` when `wanted` is empty, made unique on the page.
    mutating func claim(_ wanted: String, fallback: String) -> String {
        let base = wanted.isEmpty ? fallback : wanted
        if used.insert(base).inserted { return base }
        // Each try inserts nothing or ends the loop: at most one more try than ids on the page.
        var number = 1
        while !used.insert("\(base)-\(number)").inserted { number += 1 }
        return "\(base)-\(number)"
    }

    /// Marks `id` as taken, when it is free; whether it was.
    mutating func take(_ id: String) -> Bool {
        used.insert(id).inserted
    }
}
