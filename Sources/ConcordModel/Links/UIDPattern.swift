/// One rule of `xref.uidFromPath` in `concord.yml`: the uid a page has because of where it is, as
/// DocFX derives a cmdlet page's uid (`Microsoft.PowerShell.Management.Get-Location`) from the
/// module reference rather than from its front matter.
///
/// `pattern` is a path from a locale root in which `{name}` stands for one or more characters of
/// one folder or file name (never a `/`); `uid` is the uid made from what the placeholders matched:
/// `7.1/{module}/{name}.md` → `{module}.{name}`. The rest of the pattern matches the path exactly,
/// letter case included, as the file is spelled.
public struct UIDPattern: Sendable, Hashable {
    /// A piece of one path component: text to match as written, or a placeholder.
    enum Piece: Sendable, Hashable {
        case literal(String)
        case placeholder(String)
    }

    /// The pattern as written.
    public let pattern: String
    /// The uid template as written.
    public let uid: String
    /// The pattern's path components, each as pieces.
    let components: [[Piece]]
    /// The template as pieces.
    let template: [Piece]

    /// Reads a rule; `nil` when it cannot be used (``problem(pattern:uid:)`` says why).
    public init?(pattern: String, uid: String) {
        guard Self.problem(pattern: pattern, uid: uid) == nil,
              let template = Self.pieces(uid) else { return nil }
        self.pattern = pattern
        self.uid = uid
        self.components = pattern.split(separator: "/", omittingEmptySubsequences: false).map { Self.pieces(String($0)) ?? [] }
        self.template = template
    }

    /// Why a rule cannot be used, if it cannot.
    public static func problem(pattern: String, uid: String) -> String? {
        guard !pattern.isEmpty, !uid.isEmpty else { return "a pattern and a uid are both needed" }
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        if pattern.hasPrefix("/") || parts.contains("..") || parts.contains("") {
            return "the pattern '\(pattern)' is a path from the locale root (no leading '/', no '..', no empty folder)"
        }
        var names: Set<String> = []
        for part in parts {
            guard let pieces = pieces(String(part)) else { return "the pattern '\(pattern)' has an unclosed or empty '{…}'" }
            for (a, b) in zip(pieces, pieces.dropFirst()) {
                if case .placeholder = a, case .placeholder = b {
                    return "the pattern '\(pattern)' has two placeholders side by side: what each matches would be a guess"
                }
            }
            for case .placeholder(let name) in pieces where !names.insert(name).inserted {
                return "the pattern '\(pattern)' names '{\(name)}' twice"
            }
        }
        guard let template = pieces(uid) else { return "the uid '\(uid)' has an unclosed or empty '{…}'" }
        for case .placeholder(let name) in template where !names.contains(name) {
            return "the uid '\(uid)' uses '{\(name)}', which the pattern does not match"
        }
        return nil
    }

    /// `text` as literal pieces and `{name}` placeholders; `nil` when a brace is unclosed or empty.
    static func pieces(_ text: String) -> [Piece]? {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}"), rest.index(after: open) < close else { return nil }
            let name = rest[rest.index(after: open)..<close]
            if name.contains("{") { return nil }
            pieces.append(.placeholder(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("}") { return nil }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }

    /// The uid of the page at `path` (from the locale root), when the pattern matches it.
    public func uid(forPath path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == components.count else { return nil }
        var captured: [String: Substring] = [:]
        for (part, pieces) in zip(parts, components) {
            guard Self.match(pieces[...], part, into: &captured) else { return nil }
        }
        var uid = ""
        for piece in template {
            switch piece {
            case .literal(let text): uid += text
            case .placeholder(let name): uid += captured[name] ?? ""
            }
        }
        return uid
    }

    /// Whether `pieces` match all of `text`, each placeholder taking at least one character; the
    /// first way found, shortest placeholders first (no two placeholders touch, so there is one).
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, into captured: inout [String: Substring]) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(pieces.dropFirst(), text.dropFirst(literal.count), into: &captured)
        case .placeholder(let name):
            guard !text.isEmpty else { return false }
            var stop = text.index(after: text.startIndex)
            while true {
                if match(pieces.dropFirst(), text[stop...], into: &captured) {
                    captured[name] = text[..<stop]
                    return true
                }
                guard stop < text.endIndex else { break }
                stop = text.index(after: stop)
            }
            return false
        }
    }
}
