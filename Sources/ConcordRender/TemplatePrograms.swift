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
        /// The dot-separated parts, empty ones dropped (as swift-mustache's `split` drops them),
        /// interned once here rather than hashed at every look-up.
        var parts: [TemplateKey]
        /// Looked up in the current object only, not up the stack.
        var anchored: Bool

        init(_ text: String) {
            parts = text.split(separator: ".").map { TemplateKey(String($0)) }
            anchored = text.first == "."
        }
    }

    /// One parsed token.
    ///
    /// A final class rather than an enum with payloads: rendering visits every token of every
    /// page, and copying an enum value out of the program retained each of its payloads (a
    /// section's name and body, a partial's name, indentation and overrides) and released them
    /// after; a class reference is one retain, and its fields are read in place.
    final class Node: @unchecked Sendable {
        enum Kind {
            /// Template text: ``text``.
            case text
            /// `{{name}}` (``escaped``) or `{{{name}}}`.
            case variable
            /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when ``inverted``; the body is ``program``.
            case section
            /// `{{> label}}`, with ``indentation`` and, for `{{< label}}`, ``overrides``.
            case partial
            /// `{{$label}}…{{/label}}`: an overridable block whose default is ``program``.
            case block
            /// A `{{% CONTENT_TYPE }}` pragma: how the rest of the template escapes.
            case contentType
        }

        let kind: Kind
        /// The text of a `.text` node, as UTF-8.
        let text: [UInt8]
        /// The name of a variable or section.
        let name: Name
        /// A variable's escaping.
        let escaped: Bool
        /// Whether a section is inverted.
        let inverted: Bool
        /// A section's body, or a block's default.
        let program: Program?
        /// A partial's or a block's name.
        let label: String
        /// A partial's or a block's indentation.
        let indentation: String?
        /// A parent partial's overrides.
        let overrides: [String: Program]?
        /// A pragma's content type.
        let escaping: Escaping

        private init(
            _ kind: Kind, text: [UInt8] = [], name: Name = Name(""), escaped: Bool = false, inverted: Bool = false,
            program: Program? = nil, label: String = "", indentation: String? = nil, overrides: [String: Program]? = nil,
            escaping: Escaping = .html
        ) {
            self.kind = kind
            self.text = text
            self.name = name
            self.escaped = escaped
            self.inverted = inverted
            self.program = program
            self.label = label
            self.indentation = indentation
            self.overrides = overrides
            self.escaping = escaping
        }

        static func text(_ text: [UInt8]) -> Node { Node(.text, text: text) }
        static func variable(_ name: Name, escaped: Bool) -> Node { Node(.variable, name: name, escaped: escaped) }
        static func section(_ name: Name, _ body: Program, inverted: Bool) -> Node {
            Node(.section, name: name, inverted: inverted, program: body)
        }
        static func partial(_ label: String, indentation: String?, overrides: [String: Program]?) -> Node {
            Node(.partial, label: label, indentation: indentation, overrides: overrides)
        }
        static func block(_ label: String, default body: Program, indentation: String?) -> Node {
            Node(.block, program: body, label: label, indentation: indentation)
        }
        static func contentType(_ contentType: any MustacheContentType) -> Node {
            Node(.contentType, escaping: contentType is TemplateHTMLContentType ? .html : .other(ContentType(contentType)))
        }
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

    /// How `{{variable}}` escapes: swift-mustache's HTML escaping (what a template starts with
    /// before any pragma, and what the theme's own ``TemplateHTMLContentType`` writes), or
    /// another content type's. The common case is a plain value: a scope is copied for every
    /// section and list item, and an existential in it was copied through its value witnesses.
    enum Escaping {
        case html
        case other(ContentType)
    }

    /// A content type other than HTML, boxed so that copying a scope copies a reference.
    final class ContentType: @unchecked Sendable {
        let type: any MustacheContentType
        init(_ type: any MustacheContentType) { self.type = type }
    }

    /// What a template renders against: swift-mustache's `MustacheContext`, less what only
    /// transforms and lambdas use.
    private struct Scope {
        /// The context stack, each object told apart once, when it is pushed, rather than at
        /// every look-up that passes it.
        var stack: [TemplateValue]
        var indentation: String?
        var inherited: [String: Program]?
        var escaping: Escaping = .html

        func pushing(_ object: TemplateValue) -> Scope {
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

        /// Appends `text`, escaped, to `out`.
        func appendEscaped(_ text: String, to out: inout [UInt8]) {
            switch escaping {
            case .html: TemplateHTMLContentType.append(text, to: &out)
            case .other(let contentType): out.append(contentsOf: contentType.type.escapeText(text).utf8)
            }
        }
    }

    /// Renders template `name` with `object` as the context, as `MustacheLibrary.render` would;
    /// `nil` when there is no such template.
    func render(_ name: String, _ object: Any) throws(Unsupported) -> [UInt8]? {
        guard let program = programs[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(outputCapacity)
        try render(program, Scope(stack: [TemplateValue(object)], indentation: nil, inherited: nil), into: &out)
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
        switch node.kind {
        case .text:
            node.text.withUnsafeBufferPointer { out.append(contentsOf: $0) }

        case .variable:
            guard let found = try lookup(node.name, in: scope) else { return }
            if case .html(let html) = found, !node.escaped {
                out.append(contentsOf: html.utf8)
            } else if node.escaped {
                scope.appendEscaped(try Self.text(of: found), to: &out)
            } else {
                out.append(contentsOf: try Self.text(of: found).utf8)
            }

        case .section:
            let body = node.program!
            let value = try lookup(node.name, in: scope)
            if node.inverted {
                switch value {
                case nil: try render(body, scope, into: &out)
                case .flag(let flag)?: if !flag { try render(body, scope, into: &out) }
                case .list(let items)?: if items.isEmpty { try render(body, scope.pushing(value!), into: &out) }
                case .objects(let items)?: if items.isEmpty { try render(body, scope.pushing(value!), into: &out) }
                case .text?, .html?, .integer?, .object?: break
                case .other?: throw Unsupported()
                }
            } else {
                switch value {
                case nil: break
                case .flag(let flag)?: if flag { try render(body, scope, into: &out) }
                case .list(let items)?: for item in items { try render(body, scope.pushing(TemplateValue(item)), into: &out) }
                case .objects(let items)?: for item in items { try render(body, scope.pushing(.object(item)), into: &out) }
                case .text?, .html?, .integer?, .object?: try render(body, scope.pushing(value!), into: &out)
                case .other?: throw Unsupported()
                }
            }

        case .partial:
            // A partial the library lacks renders as nothing, as in swift-mustache.
            guard let program = programs[node.label] else { return }
            var inner = scope.indented(by: node.indentation)
            if let overrides = node.overrides {
                // Overrides already in force win over the partial's own.
                inner.inherited = (scope.inherited ?? [:]).merging(overrides) { outer, _ in outer }
            }
            inner.escaping = .html
            try render(program, inner, into: &out)

        case .block:
            try render(scope.inherited?[node.label] ?? node.program!, scope.indented(by: node.indentation), into: &out)

        case .contentType:
            scope.escaping = node.escaping
        }
    }

    /// The value `name` names, looked up as swift-mustache's `getChild` does (without transforms).
    private func lookup(_ name: Name, in scope: Scope) throws(Unsupported) -> TemplateValue? {
        guard let first = name.parts.first else { return scope.stack.last }
        if name.anchored { return try descend(name.parts[...], from: scope.stack.last!) }
        // Down the stack by index: iterating values would retain and release each one passed.
        var level = scope.stack.count
        while level > 0 {
            level -= 1
            if let child = try scope.stack[level].child(first) {
                return name.parts.count == 1 ? child : try descend(name.parts.dropFirst(), from: child)
            }
        }
        return nil
    }

    private func descend(_ parts: ArraySlice<TemplateKey>, from object: TemplateValue) throws(Unsupported) -> TemplateValue? {
        var object = object
        for part in parts {
            guard let child = try object.child(part) else { return nil }
            object = child
        }
        return object
    }

    /// The text of `{{value}}`: swift-mustache's `String(describing:)`.
    private static func text(of value: TemplateValue) throws(Unsupported) -> String {
        switch value {
        case .text(let text): return text
        case .html(let html): return html.renderText
        case .flag(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .object(let object): return String(describing: object)
        case .objects(let objects): return String(describing: objects)
        case .list(let list): return String(describing: list)
        case .other: throw Unsupported()
        }
    }
}

extension TemplateValue {
    /// The child named `key`. Strings, booleans, integers and arrays have none: swift-mustache
    /// asks their `Mirror`, which names no child. What another type's `Mirror` names is
    /// swift-mustache's to find.
    fileprivate func child(_ key: TemplateKey) throws(TemplatePrograms.Unsupported) -> TemplateValue? {
        switch self {
        case .object(let object): return object[key]
        case .text, .html, .flag, .integer, .list, .objects: return nil
        case .other: throw TemplatePrograms.Unsupported()
        }
    }
}
