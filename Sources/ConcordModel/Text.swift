extension String {
    /// The string with runs of white space (non-breaking spaces included) folded to one space and the ends trimmed.
    public func collapsingWhitespace() -> String {
        var needsWork = false
        var previousSpace = true
        for scalar in unicodeScalars {
            let space = scalar.properties.isWhitespace
            if space && (previousSpace || scalar != " ") { needsWork = true; break }
            previousSpace = space
        }
        if !needsWork, !previousSpace { return self }
        if !needsWork, isEmpty { return self }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The string without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}

/// Makes GitHub-style anchors from heading text.
public enum Slug {
    /// Lower-cases, drops punctuation, turns spaces into hyphens; letters of every script are kept.
    public static func make(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in title.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil || scalar == "_" || scalar == "-" || p.generalCategory == .nonspacingMark {
                out.append(scalar)
            } else if scalar == " " || p.isWhitespace {
                out.append("-")
            }
        }
        return String(out)
    }
}
