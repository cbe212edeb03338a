/// Build-time syntax highlighting for the languages of the documentation: PowerShell, C#, JSON,
/// YAML, XML, shell and Python. Readers get coloured code with no script and no library.
///
/// A small lexer over the block's UTF-8 bytes, not a parser: it finds comments, strings,
/// numbers, variables, keywords, PowerShell cmdlets and parameters, JSON and YAML keys, and XML
/// tags and attributes, and leaves everything else as plain text. Every byte is written once,
/// escaped, so what the block says is what it said before; only `<span class="hl-…">` is added.
/// Blocks over ``maximumBytes`` are left plain: the work is linear, but a page of generated
/// output is no reading anyway.
enum SyntaxHighlighter {
    /// Above this size a block is not highlighted.
    static let maximumBytes = 64 * 1024

    enum Language {
        case powershell, csharp, json, yaml, xml, shell, python
    }

    /// What a run of bytes is; its `rawValue` is the class suffix (`hl-c`).
    enum Kind: String {
        case comment = "c", string = "s", keyword = "k", number = "n", variable = "v", name = "t", parameter = "p"
    }

    /// The language of a code block's class name (``HTMLRenderer`` normalises the info string).
    static func language(ofClass name: String) -> Language? {
        switch name {
        case "powershell", "ps", "ps1", "pwsh", "posh": .powershell
        case "csharp", "cs", "c#": .csharp
        case "json", "jsonc": .json
        case "yaml", "yml": .yaml
        case "xml", "html", "xaml", "msbuild": .xml
        case "bash", "sh", "shell", "zsh", "console": .shell
        case "python", "py", "python3": .python
        default: nil
        }
    }

    /// Writes `code` into `out`, escaped, with its tokens in spans.
    static func write(_ code: UnsafeBufferPointer<UInt8>, language: Language, into out: inout HTMLBuffer) {
        var plainStart = 0
        for token in tokens(code, language: language) {
            if token.range.lowerBound > plainStart { out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: code[plainStart..<token.range.lowerBound])) }
            out += "<span class=\"hl-"
            out += token.kind.rawValue
            out += "\">"
            out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: code[token.range]))
            out += "</span>"
            plainStart = token.range.upperBound
        }
        if plainStart < code.count { out.appendEscaped(utf8: UnsafeBufferPointer(rebasing: code[plainStart...])) }
    }

    /// The tokens of `code`, in order and not overlapping.
    static func tokens(_ code: UnsafeBufferPointer<UInt8>, language: Language) -> [(range: Range<Int>, kind: Kind)] {
        var lexer = Lexer(code: code, language: language)
        return language == .xml ? lexer.xml() : lexer.run()
    }
}

extension SyntaxHighlighter {
    /// The length in bytes of each language's longest keyword.
    static let longestKeyword: [Language: Int] = keywords.mapValues { $0.map(\.utf8.count).max() ?? 0 }

    /// Keywords by language, lower-case (PowerShell's are matched without case).
    static let keywords: [Language: Set<String>] = [
        .powershell: [
            "begin", "break", "catch", "class", "continue", "data", "do", "dynamicparam", "else", "elseif", "end", "enum", "exit",
            "filter", "finally", "for", "foreach", "function", "if", "in", "param", "process", "return", "switch", "throw",
            "trap", "try", "until", "using", "while", "workflow", "$true", "$false", "$null",
        ],
        .csharp: [
            "abstract", "as", "async", "await", "base", "bool", "break", "case", "catch", "class", "const", "continue", "default",
            "do", "double", "else", "enum", "false", "finally", "for", "foreach", "if", "in", "int", "interface", "internal", "is",
            "long", "namespace", "new", "null", "object", "out", "override", "private", "protected", "public", "readonly", "ref",
            "return", "sealed", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "using", "var",
            "virtual", "void", "while",
        ],
        .json: ["true", "false", "null"],
        .yaml: ["true", "false", "null", "yes", "no"],
        .shell: [
            "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until", "case", "esac", "function", "return",
            "export", "local", "sudo",
        ],
        .python: [
            "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "False",
            "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not", "or", "pass",
            "raise", "return", "True", "try", "while", "with", "yield",
        ],
    ]

    struct Lexer {
        let code: UnsafeBufferPointer<UInt8>
        let language: Language
        var i = 0
        var tokens: [(range: Range<Int>, kind: Kind)] = []
        /// The language's keywords, looked up once: a word longer than the longest is not made a string.
        let keywords: Set<String>
        let longestKeyword: Int

        init(code: UnsafeBufferPointer<UInt8>, language: Language) {
            self.code = code
            self.language = language
            keywords = SyntaxHighlighter.keywords[language] ?? []
            longestKeyword = SyntaxHighlighter.longestKeyword[language] ?? 0
        }

        /// Whether the bytes `range` are a keyword (PowerShell's in any case).
        func isKeyword(_ range: Range<Int>) -> Bool {
            guard range.count <= longestKeyword else { return false }
            let text = String(decoding: code[range], as: UTF8.self)
            return keywords.contains(language == .powershell ? text.lowercased() : text)
        }

        func byte(_ k: Int) -> UInt8 { k < code.count ? code[k] : 0 }
        func isWord(_ c: UInt8) -> Bool { c >= 0x80 || c == UInt8(ascii: "_") || isLetter(c) || isDigit(c) }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        /// Whether a token may start here: at the start, or after space or punctuation.
        var atTokenStart: Bool { i == 0 || !isWord(code[i - 1]) && code[i - 1] != UInt8(ascii: "-") }
        var atLineStart: Bool {
            var k = i - 1
            while k >= 0, code[k] == 0x20 || code[k] == 0x09 { k -= 1 }
            return k < 0 || code[k] == 0x0A
        }

        mutating func add(_ start: Int, _ kind: Kind) {
            if i > start { tokens.append((start..<i, kind)) }
        }

        /// Moves past `text` if it is next; whether it was.
        mutating func take(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard i + n <= code.count else { return false }
            for k in 0..<n where code[i + k] != text.utf8Start[k] { return false }
            i += n
            return true
        }

        mutating func skip(to text: StaticString) {
            while i < code.count, !take(text) { i += 1 }
        }

        mutating func skipLine() {
            while i < code.count, code[i] != 0x0A { i += 1 }
        }

        mutating func run() -> [(range: Range<Int>, kind: Kind)] {
            while i < code.count {
                let start = i, c = code[i]
                if comment() { add(start, .comment); continue }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") || (language == .powershell && c == UInt8(ascii: "@") && (byte(i + 1) == UInt8(ascii: "\"") || byte(i + 1) == UInt8(ascii: "'"))) {
                    string()
                    keyOrString(start)
                    continue
                }
                if c == UInt8(ascii: "$"), language == .powershell || language == .shell, variable() {
                    add(start, isKeyword(start..<i) ? .keyword : .variable)
                    continue
                }
                if isDigit(c), atTokenStart {
                    while i < code.count, isWord(code[i]) || code[i] == UInt8(ascii: ".") { i += 1 }
                    add(start, .number)
                    continue
                }
                if language == .powershell, c == UInt8(ascii: "-"), atTokenStart, isLetter(byte(i + 1)) {
                    i += 1
                    while i < code.count, isWord(code[i]) { i += 1 }
                    add(start, .parameter)
                    continue
                }
                if language == .yaml, isWord(c), atLineStart || (start >= 2 && code[start - 2] == UInt8(ascii: "-") && code[start - 1] == 0x20), yamlKey() {
                    add(start, .parameter)
                    continue
                }
                if isWord(c), atTokenStart {
                    word(start)
                    continue
                }
                i += 1
            }
            return tokens
        }

        /// Moves past a comment starting here; whether there was one.
        mutating func comment() -> Bool {
            switch language {
            case .powershell:
                if take("<#") { skip(to: "#>"); return true }
                if code[i] == UInt8(ascii: "#") { skipLine(); return true }
            case .shell, .python, .yaml:
                if code[i] == UInt8(ascii: "#"), i == 0 || isSpace(code[i - 1]) { skipLine(); return true }
            case .csharp, .json:
                if take("//") { skipLine(); return true }
                if take("/*") { skip(to: "*/"); return true }
            case .xml:
                break
            }
            return false
        }

        /// Moves past a quoted string (PowerShell here-strings and Python triple quotes too).
        mutating func string() {
            if language == .powershell, code[i] == UInt8(ascii: "@") {
                let quote = code[i + 1]
                i += 2
                while i < code.count, !(code[i] == quote && byte(i + 1) == UInt8(ascii: "@") && (i == 0 || code[i - 1] == 0x0A)) { i += 1 }
                i = min(code.count, i + 2)
                return
            }
            let quote = code[i]
            if language == .python, byte(i + 1) == quote, byte(i + 2) == quote {
                i += 3
                while i < code.count, !(code[i] == quote && byte(i + 1) == quote && byte(i + 2) == quote) { i += 1 }
                i = min(code.count, i + 3)
                return
            }
            let escape: UInt8 = language == .powershell ? UInt8(ascii: "`") : UInt8(ascii: "\\")
            i += 1
            while i < code.count, code[i] != quote {
                // JSON, C# and YAML strings end with their line; an unclosed quote must not colour the rest.
                if code[i] == 0x0A, language != .powershell, language != .python, language != .shell { return }
                i += code[i] == escape && !(language == .yaml && quote == UInt8(ascii: "'")) ? 2 : 1
            }
            i = min(code.count, i + 1)
        }

        /// A JSON string followed by `:` is a key; any other string is a string.
        mutating func keyOrString(_ start: Int) {
            var k = i
            while k < code.count, code[k] == 0x20 || code[k] == 0x09 { k += 1 }
            add(start, (language == .json || language == .yaml) && byte(k) == UInt8(ascii: ":") ? .parameter : .string)
        }

        /// Moves past `$name`, `${…}` or `$_`; whether there was one.
        mutating func variable() -> Bool {
            let start = i
            i += 1
            if byte(i) == UInt8(ascii: "{") {
                while i < code.count, code[i] != UInt8(ascii: "}"), code[i] != 0x0A { i += 1 }
                i = min(code.count, i + 1)
            } else {
                while i < code.count, isWord(code[i]) || (language == .powershell && code[i] == UInt8(ascii: ":") && isWord(byte(i + 1))) { i += 1 }
            }
            if i == start + 1 { i = start; return false }
            return true
        }

        /// Moves past a YAML key (`name:` at the start of a line or a list item); whether there was one.
        mutating func yamlKey() -> Bool {
            var k = i
            while k < code.count, isWord(code[k]) || code[k] == UInt8(ascii: "-") || code[k] == UInt8(ascii: ".") || code[k] == 0x20 { k += 1 }
            guard byte(k) == UInt8(ascii: ":"), k + 1 >= code.count || isSpace(code[k + 1]) else { return false }
            i = k
            return true
        }

        /// A word: a keyword, a PowerShell cmdlet (`Get-Process`), or plain text.
        mutating func word(_ start: Int) {
            while i < code.count, isWord(code[i]) || (language == .powershell && code[i] == UInt8(ascii: "-") && isLetter(byte(i + 1))) { i += 1 }
            if language == .powershell, isLetter(code[start]), code[start..<i].contains(UInt8(ascii: "-")) {
                add(start, .name)
            } else if isKeyword(start..<i) {
                add(start, .keyword)
            }
        }

        /// XML: comments, tag names, attribute names and values; text between tags is plain.
        mutating func xml() -> [(range: Range<Int>, kind: Kind)] {
            while i < code.count {
                let start = i
                if take("<!--") { skip(to: "-->"); add(start, .comment); continue }
                guard code[i] == UInt8(ascii: "<"), isLetter(byte(i + 1)) || byte(i + 1) == UInt8(ascii: "/") || byte(i + 1) == UInt8(ascii: "?") else { i += 1; continue }
                i += 1
                let nameStart = i
                if code[i] == UInt8(ascii: "/") || code[i] == UInt8(ascii: "?") { i += 1 }
                while i < code.count, isWord(code[i]) || code[i] == UInt8(ascii: ":") || code[i] == UInt8(ascii: "-") || code[i] == UInt8(ascii: ".") { i += 1 }
                add(nameStart, .name)
                while i < code.count, code[i] != UInt8(ascii: ">") {
                    let at = i
                    if code[i] == UInt8(ascii: "\"") || code[i] == UInt8(ascii: "'") {
                        let quote = code[i]
                        i += 1
                        while i < code.count, code[i] != quote { i += 1 }
                        i = min(code.count, i + 1)
                        add(at, .string)
                    } else if isLetter(code[i]) {
                        while i < code.count, isWord(code[i]) || code[i] == UInt8(ascii: ":") || code[i] == UInt8(ascii: "-") { i += 1 }
                        add(at, .parameter)
                    } else {
                        i += 1
                    }
                }
            }
            return tokens
        }
    }
}
