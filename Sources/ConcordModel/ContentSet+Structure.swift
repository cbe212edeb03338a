extension ContentSet {
    /// The findings of expanding each article's includes, each once: an include file reached
    /// from many articles is walked from each, but its problems are its file's.
    func structureDiagnostics(includes: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<String> = []
        return includes.filter { seen.insert($0.description).inserted }
    }
}
