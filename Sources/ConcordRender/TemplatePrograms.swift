import Mustache

/// The theme's templates as swift-mustache parsed them, rendered without its per-variable cost.
///
/// swift-mustache splits every variable name and asks each object on its context stack, and each
/// value it finds, whether it conforms to half a dozen protocols. On a page of the PowerShell
/// corpus that was about 270 µs, more than the article's body took. The page values Concord
/// hands to templates are of a few known types (strings, booleans, integers, ``TemplateObject``s
/// and arrays of them), so the same lookups can be answered by comparing types.
///
/// The parse stays swift-mustache's: this type reads the tokens its parser made (through
/// reflection: they are not public) and renders them by the rules of its renderer
/// (`Template+Render.swift`), so standalone lines, partial indentation, inheritance and
/// escaping come out the same. Whatever it does not know it declines rather than guesses:
/// - ``compile(_:)`` returns `nil` when a template uses transforms or dynamic partials, or when
///   swift-mustache's tokens are not shaped as expected (a new version); every page then
///   renders through swift-mustache.
/// - ``render(_:_:)`` throws ``Unsupported`` when it meets a value of another type; that
///   page renders through swift-mustache.
/// Tests render every page of the sample content and of the corpus both ways and compare bytes.
struct TemplatePrograms: Sendable {
    /// A template or a value this renderer leaves to swift-mustache.
    struct Unsupported: Error {}

    /// A name as written in a tag: `.` (the current object), `a.b.c`, or `.a` (looked up in
    /// the current object only).
    struct Name: Sendable {
        /// The dot-separated parts, empty ones dropped (as swift-mustache's `split` drops them).
        var parts: [String]
        /// Looked up in the current object only, not up the stack.
        var anchored: Bool

        init(_ text: String) {
            parts = text.split(separator: ".").map(String.init)
            anchored = text.first == "."
        }
    }

    /// One parsed token.
    enum Node: @unchecked Sendable {
        /// Template text, as UTF-8.
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, Program, inverted: Bool)
        case partial(String, indentation: String?, overrides: [String: Program]?)
        case block(String, default: Program, indentation: String?)
        /// A `{{% CONTENT_TYPE }}` pragma: how the rest of the template escapes.
        case contentType(any MustacheContentType)
    }

    /// A parsed template (or section body): its tokens in order.
    final class Program: Sendable {
        let nodes: [Node]
        init(nodes: [Node]) { self.nodes = nodes }
    }

    private let programs: [String: Program]

    /// Compiles every template of `library`, by name; `nil` when any of them is beyond this renderer.
    static func compile(_ library: MustacheLibrary, names: some Sequence<String>) -> TemplatePrograms? {
        var programs: [String: Program] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name) else { return nil }
            do {
                programs[name] = try program(template)
            } catch {
                return nil
            }
        }
        return TemplatePrograms(programs: programs)
    }

    // MARK: Reading swift-mustache's tokens

    private static func program(_ template: MustacheTemplate) throws(Unsupported) -> Program {
        guard let tokens = Mirror(reflecting: template).descendant("tokens"),
              Mirror(reflecting: tokens).displayStyle == .collection else { throw Unsupported() }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children.map(\.value) {
            nodes.append(try node(token))
        }
        return Program(nodes: nodes)
    }

    private static func node(_ token: Any) throws(Unsupported) -> Node {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { throw Unsupported() }
        let fields = Mirror(reflecting: payload.value).displayStyle == .tuple ? Mirror(reflecting: payload.value).children.map(\.value) : [payload.value]
        func string(_ index: Int) throws(Unsupported) -> String {
            guard index < fields.count, let value = fields[index] as? String, type(of: fields[index]) == String.self else { throw Unsupported() }
            return value
        }
        func optionalString(_ index: Int) throws(Unsupported) -> String? {
            guard index < fields.count, type(of: fields[index]) == String?.self else { throw Unsupported() }
            return fields[index] as? String
        }
        func template(_ index: Int) throws(Unsupported) -> Program {
            guard index < fields.count, let value = fields[index] as? MustacheTemplate else { throw Unsupported() }
            return try program(value)
        }
        /// Transforms (`{{uppercased(name)}}`) are swift-mustache's own: leave them to it.
        func noTransforms(_ index: Int) throws(Unsupported) {
            guard index < fields.count, let transforms = fields[index] as? [String], transforms.isEmpty else { throw Unsupported() }
        }
        switch kind {
        case "text":
            return .text(Array(try string(0).utf8))
        case "variable", "unescapedVariable":
            try noTransforms(1)
            return .variable(Name(try string(0)), escaped: kind == "variable")
        case "section", "invertedSection":
            try noTransforms(1)
            return .section(Name(try string(0)), try template(2), inverted: kind == "invertedSection")
        case "partial":
            let overrides: [String: Program]?
            guard fields.count == 3 else { throw Unsupported() }
            if type(of: fields[2]) == [String: MustacheTemplate]?.self, let inherits = fields[2] as? [String: MustacheTemplate] {
                var compiled: [String: Program] = [:]
                for (name, template) in inherits { compiled[name] = try program(template) }
                overrides = compiled
            } else if type(of: fields[2]) == [String: MustacheTemplate]?.self {
                overrides = nil
            } else {
                throw Unsupported()
            }
            return .partial(try string(0), indentation: try optionalString(1), overrides: overrides)
        case "blockExpansion":
            return .block(try string(0), default: try template(1), indentation: try optionalString(2))
        case "contentType":
            guard let contentType = fields.first as? any MustacheContentType else { throw Unsupported() }
            return .contentType(contentType)
        default:
            // dynamicNamePartial, blockDefinition outside a parent, or a token this type has not met.
            throw Unsupported()
        }
    }

    // MARK: Rendering

    /// What a template renders against: swift-mustache's `MustacheContext`, less what only
    /// transforms and lambdas use.
    private struct Scope {
        var stack: [Any]
        var indentation: String?
        var inherited: [String: Program]?
        /// `nil`: swift-mustache's HTML escaping (what a template starts with before any pragma).
        var contentType: (any MustacheContentType)?

        func pushing(_ object: Any) -> Scope {
            var scope = self
            scope.stack.append(object)
            return scope
        }

        func indented(by indentation: String?) -> Scope {
            guard let indentation else { return self }
            var scope = self
            scope.indentation = (self.indentation ?? "") + indentation
            return scope
        }

        func escape(_ text: String) -> String {
            // TemplateHTMLContentType gives the bytes of swift-mustache's HTML escaping, its default.
            guard let contentType else { return TemplateHTMLContentType.escape(text) }
            return contentType.escapeText(text)
        }
    }

    /// Renders template `name` with `object` as the context, as `MustacheLibrary.render` would;
    /// `nil` when there is no such template.
    func render(_ name: String, _ object: Any) throws(Unsupported) -> [UInt8]? {
        guard let program = programs[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(outputCapacity)
        try render(program, Scope(stack: [object], indentation: nil, inherited: nil, contentType: nil), into: &out)
        return out
    }

    /// Room reserved for a page up front, so that it is not copied as it grows.
    private let outputCapacity = 64 * 1024

    private func render(_ program: Program, _ scope: Scope, into out: inout [UInt8]) throws(Unsupported) {
        var scope = scope
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for node in program.nodes { try render(node, &scope, into: &out) }
            return
        }
        // Inside an indented partial, swift-mustache indents a token's output when the template's
        // output so far ends with a line (its last Character is "\n": a "\r\n" is one Character).
        let start = out.count
        for node in program.nodes {
            var piece: [UInt8] = []
            try render(node, &scope, into: &piece)
            if !piece.isEmpty, out.count > start, Self.endsWithLineFeed(out, after: start) {
                out.append(contentsOf: indentation.utf8)
            }
            out.append(contentsOf: piece)
        }
    }

    private static func endsWithLineFeed(_ text: [UInt8], after start: Int) -> Bool {
        let last = text.count - 1
        guard text[last] == UInt8(ascii: "\n") else { return false }
        return last == start || text[last - 1] != UInt8(ascii: "\r")
    }

    private func render(_ node: Node, _ scope: inout Scope, into out: inout [UInt8]) throws(Unsupported) {
        switch node {
        case .text(let text):
            out.append(contentsOf: text)

        case .variable(let name, let escaped):
            guard let value = try lookup(name, in: scope) else { return }
            let text = try Value(value).text
            out.append(contentsOf: (escaped ? scope.escape(text) : text).utf8)

        case .section(let name, let body, let inverted):
            let found = try lookup(name, in: scope)
            let value = try found.map(Value.init)
            if inverted {
                switch value {
                case nil: try render(body, scope, into: &out)
                case .flag(let flag)?: if !flag { try render(body, scope, into: &out) }
                case .list(let items)?: if items.isEmpty { try render(body, scope.pushing(found!), into: &out) }
                case .objects(let items)?: if items.isEmpty { try render(body, scope.pushing(found!), into: &out) }
                case .text?, .integer?, .object?: break
                }
            } else {
                switch value {
                case nil: break
                case .flag(let flag)?: if flag { try render(body, scope, into: &out) }
                case .list(let items)?: for item in items { try render(body, scope.pushing(item), into: &out) }
                case .objects(let items)?: for item in items { try render(body, scope.pushing(item), into: &out) }
                case .text?, .integer?, .object?: try render(body, scope.pushing(found!), into: &out)
                }
            }

        case .partial(let name, let indentation, let overrides):
            // A partial the library lacks renders as nothing, as in swift-mustache.
            guard let program = programs[name] else { return }
            var inner = scope.indented(by: indentation)
            if let overrides {
                // Overrides already in force win over the partial's own.
                inner.inherited = (scope.inherited ?? [:]).merging(overrides) { outer, _ in outer }
            }
            inner.contentType = nil
            try render(program, inner, into: &out)

        case .block(let name, let fallback, let indentation):
            try render(scope.inherited?[name] ?? fallback, scope.indented(by: indentation), into: &out)

        case .contentType(let contentType):
            scope.contentType = contentType
        }
    }

    /// The value `name` names, looked up as swift-mustache's `getChild` does (without transforms).
    private func lookup(_ name: Name, in scope: Scope) throws(Unsupported) -> Any? {
        guard let first = name.parts.first else { return scope.stack.last }
        if name.anchored { return try descend(name.parts[...], from: scope.stack.last!) }
        for object in scope.stack.reversed() {
            if let child = try child(first, of: object) {
                return try descend(name.parts.dropFirst(), from: child)
            }
        }
        return nil
    }

    private func descend(_ parts: ArraySlice<String>, from object: Any) throws(Unsupported) -> Any? {
        var object = object
        for part in parts {
            guard let child = try child(part, of: object) else { return nil }
            object = child
        }
        return object
    }

    /// A named child of `object`. Strings, booleans, integers and arrays have none: swift-mustache
    /// asks their `Mirror`, which names no child.
    private func child(_ name: String, of object: Any) throws(Unsupported) -> Any? {
        switch try Value(object) {
        case .object(let object): return object.values[name]
        case .text, .flag, .integer, .list, .objects: return nil
        }
    }

    /// A page value of one of the types this renderer knows, told apart by its exact type (an
    /// `Optional` in an `Any`, say, is not a `String` here, as it is not to swift-mustache's `Mirror`).
    private enum Value {
        case text(String)
        case flag(Bool)
        case integer(Int)
        case object(TemplateObject)
        case objects([TemplateObject])
        case list([Any])

        init(_ value: Any) throws(Unsupported) {
            let type = type(of: value)
            if type == String.self {
                self = .text(value as! String)
            } else if type == TemplateObject.self {
                self = .object(value as! TemplateObject)
            } else if type == Bool.self {
                self = .flag(value as! Bool)
            } else if type == [TemplateObject].self {
                self = .objects(value as! [TemplateObject])
            } else if type == [Any].self {
                self = .list(value as! [Any])
            } else if type == Int.self {
                self = .integer(value as! Int)
            } else {
                throw Unsupported()
            }
        }

        /// The text of `{{value}}`: swift-mustache's `String(describing:)`.
        var text: String {
            switch self {
            case .text(let text): return text
            case .flag(let flag): return flag ? "true" : "false"
            case .integer(let integer): return String(integer)
            case .object(let object): return String(describing: object)
            case .objects(let objects): return String(describing: objects)
            case .list(let list): return String(describing: list)
            }
        }
    }
}
