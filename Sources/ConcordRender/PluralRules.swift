import ConcordModel

/// CLDR's plural categories for whole numbers, for the languages the theme has strings in
/// (Foundation has no public API for them on Linux). A language not listed here has `one`
/// for 1 and `other` for the rest, as English does.
///
/// Only counts of things are chosen here (articles), so only the integer rules are kept:
/// Polish and Russian `other` is for fractions, and never chosen for a count.
enum PluralRules {
    /// The category of `count` in `locale`'s language.
    static func category(of count: Int, locale: String) -> String {
        let n = abs(count), last = n % 10, lastTwo = n % 100
        switch LocaleID.language(of: locale) {
        case "ja", "ko", "zh", "th", "id", "ms", "vi":
            return "other"
        case "ar":
            switch n {
            case 0: return "zero"
            case 1: return "one"
            case 2: return "two"
            default: return (3...10).contains(lastTwo) ? "few" : (11...99).contains(lastTwo) ? "many" : "other"
            }
        case "cs", "sk":
            return n == 1 ? "one" : (2...4).contains(n) ? "few" : "other"
        case "pl":
            if n == 1 { return "one" }
            return (2...4).contains(last) && !(12...14).contains(lastTwo) ? "few" : "many"
        case "ru", "uk":
            if last == 1, lastTwo != 11 { return "one" }
            return (2...4).contains(last) && !(12...14).contains(lastTwo) ? "few" : "many"
        case "he":
            return n == 1 ? "one" : n == 2 ? "two" : "other"
        case "fr", "hi":
            return n <= 1 ? "one" : "other"
        case "pt":
            // Brazilian Portuguese counts 0 as one ("0 artigo"), European Portuguese does not.
            return locale.hasPrefix("pt-PT") ? (n == 1 ? "one" : "other") : (n <= 1 ? "one" : "other")
        default:
            return n == 1 ? "one" : "other"
        }
    }

    /// The categories counts fall in for `locale`'s language, each a form a translator must give.
    static func categories(for locale: String) -> [String] {
        var seen: [String] = []
        // Every category of the rules above shows up among 0…200.
        for count in 0...200 {
            let category = category(of: count, locale: locale)
            if !seen.contains(category) { seen.append(category) }
        }
        return seen
    }
}
