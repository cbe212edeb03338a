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

    /// One step of a compiled template.
    ///
    /// Trivial (integers only), so the walk copies no reference: the templates are shared by
    /// the rendering threads, and when they were trees of objects, every node a page passed was
    /// retained and released, atomically, on cache lines both threads wrote. A step with a body
    /// (a section, a block's default, a parent partial's overrides) is followed by the body's
    /// steps, up to its `end`.
    enum Instruction {
        /// Template text: `bytes[start..<end]`.
        case text(start: Int32, end: Int32)
        /// `{{name}}` when `escaped`, or `{{{name}}}`; `name` indexes ``names``.
        case variable(name: Int32, escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
        case section(name: Int32, inverted: Bool, end: Int32)
        /// `{{> label}}`, or `{{< label}}…{{/label}}`: the template at `template` (-1: one the
        /// library lacks), with the indentation at `indentation` (-1: none) and the overrides
        /// at `overrides` (-1: none) whose bodies follow.
        case partial(template: Int32, indentation: Int32, overrides: Int32, end: Int32)
        /// `{{$label}}…{{/label}}`: an overridable block (`label` numbers its name) whose default follows.
        case block(label: Int32, indentation: Int32, end: Int32)
        /// A `{{% CONTENT_TYPE }}` pragma: the rest of the template escapes as ``contentTypes`` at
        /// `escaping` (-1: swift-mustache's HTML escaping).
        case contentType(escaping: Int32)
    }

    /// A name as written in a tag: `.` (the current object), `a.b.c`, or `.a` (looked up in
    /// the current object only).
    struct Name {
        /// The dot-separated parts in ``keys``, empty ones dropped (as swift-mustache's `split`
        /// drops them), interned once at compilation rather than hashed at every look-up.
        var parts: Range<Int32>
        /// Looked up in the current object only, not up the stack.
        var anchored: Bool
    }

    /// A parent partial's override of block `label`.
    struct Override {
        var label: Int32
        var body: Range<Int32>
    }

    /// Every template's steps, one after another.
    private var instructions: [Instruction] = []
    /// The text of every `.text` step, as UTF-8.
    private var bytes: [UInt8] = []
    private var names: [Name] = []
    private var keys: [TemplateKey] = []
    /// Each template's steps, by its number.
    private var templates: [Range<Int32>] = []
    /// Template numbers by name.
    private var templateNumbers: [String: Int32] = [:]
    /// The overrides of each parent partial (ranges in ``overrides``).
    private var overrideSets: [Range<Int32>] = []
    private var overrides: [Override] = []
    /// Block names, numbered.
    private var labels: [String: Int32] = [:]
    /// Partial and block indentations, as UTF-8 (never empty: an empty one is none).
    private var indentations: [[UInt8]] = []
    /// Content types other than HTML that pragmas name.
    private var contentTypes: [any MustacheContentType] = []

    /// Compiles every template of `library`, by name; `nil` when any of them is beyond this renderer.
    static func compile(_ library: MustacheLibrary, names: some Sequence<String>) -> TemplatePrograms? {
        var programs = TemplatePrograms()
        var parsed: [MustacheTemplate] = []
        for name in names {
            guard let template = library.getTemplate(named: name) else { return nil }
            // Numbered before any compiles, so that a partial finds a template compiled after it.
            programs.templateNumbers[name] = Int32(parsed.count)
            parsed.append(template)
        }
        do {
            for template in parsed { programs.templates.append(try programs.append(template)) }
        } catch {
            return nil
        }
        return programs
    }

    // MARK: Reading swift-mustache's tokens

    /// Appends the steps of `template`, and returns where they are.
    private mutating func append(_ template: MustacheTemplate) throws(Unsupported) -> Range<Int32> {
        guard let tokens = Mirror(reflecting: template).descendant("tokens"),
              Mirror(reflecting: tokens).displayStyle == .collection else { throw Unsupported() }
        let start = Int32(instructions.count)
        for token in Mirror(reflecting: tokens).children.map(\.value) {
            try append(token: token)
        }
        return start..<Int32(instructions.count)
    }

    private mutating func append(token: Any) throws(Unsupported) {
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
        func template(_ index: Int) throws(Unsupported) -> MustacheTemplate {
            guard index < fields.count, let value = fields[index] as? MustacheTemplate else { throw Unsupported() }
            return value
        }
        /// Transforms (`{{uppercased(name)}}`) are swift-mustache's own: leave them to it.
        func noTransforms(_ index: Int) throws(Unsupported) {
            guard index < fields.count, let transforms = fields[index] as? [String], transforms.isEmpty else { throw Unsupported() }
        }
        switch kind {
        case "text":
            let start = Int32(bytes.count)
            bytes.append(contentsOf: try string(0).utf8)
            instructions.append(.text(start: start, end: Int32(bytes.count)))
        case "variable", "unescapedVariable":
            try noTransforms(1)
            instructions.append(.variable(name: name(try string(0)), escaped: kind == "variable"))
        case "section", "invertedSection":
            try noTransforms(1)
            let name = name(try string(0))
            let body = try template(2)
            try appendWithBody(.section(name: name, inverted: kind == "invertedSection", end: 0)) { programs throws(Unsupported) in
                _ = try programs.append(body)
            }
        case "partial":
            guard fields.count == 3, type(of: fields[2]) == [String: MustacheTemplate]?.self else { throw Unsupported() }
            let inherits = fields[2] as? [String: MustacheTemplate]
            let number = templateNumbers[try string(0)] ?? -1
            let indentation = indentation(try optionalString(1))
            let overrides = inherits == nil ? -1 : Int32(overrideSets.count)
            if inherits != nil { overrideSets.append(0..<0) }
            try appendWithBody(.partial(template: number, indentation: indentation, overrides: overrides, end: 0)) { programs throws(Unsupported) in
                guard let inherits else { return }
                let first = Int32(programs.overrides.count)
                // In name order, so that the same theme compiles to the same steps.
                for (name, template) in inherits.sorted(by: { $0.key < $1.key }) {
                    programs.overrides.append(Override(label: programs.label(name), body: try programs.append(template)))
                }
                programs.overrideSets[Int(overrides)] = first..<Int32(programs.overrides.count)
            }
        case "blockExpansion":
            let label = label(try string(0))
            let body = try template(1)
            let indentation = indentation(try optionalString(2))
            try appendWithBody(.block(label: label, indentation: indentation, end: 0)) { programs throws(Unsupported) in
                _ = try programs.append(body)
            }
        case "contentType":
            guard let contentType = fields.first as? any MustacheContentType else { throw Unsupported() }
            if contentType is TemplateHTMLContentType {
                instructions.append(.contentType(escaping: -1))
            } else {
                instructions.append(.contentType(escaping: Int32(contentTypes.count)))
                contentTypes.append(contentType)
            }
        default:
            // dynamicNamePartial, blockDefinition outside a parent, or a token this type has not met.
            throw Unsupported()
        }
    }

    /// Appends `instruction`, then what `body` appends, and sets the instruction's end after it.
    private mutating func appendWithBody(
        _ instruction: Instruction, _ body: (inout TemplatePrograms) throws(Unsupported) -> Void
    ) throws(Unsupported) {
        let index = instructions.count
        instructions.append(instruction)
        try body(&self)
        let end = Int32(instructions.count)
        switch instruction {
        case .section(let name, let inverted, _): instructions[index] = .section(name: name, inverted: inverted, end: end)
        case .partial(let template, let indentation, let overrides, _):
            instructions[index] = .partial(template: template, indentation: indentation, overrides: overrides, end: end)
        case .block(let label, let indentation, _): instructions[index] = .block(label: label, indentation: indentation, end: end)
        case .text, .variable, .contentType: preconditionFailure("a step without a body")
        }
    }

    private mutating func name(_ text: String) -> Int32 {
        let start = Int32(keys.count)
        keys.append(contentsOf: text.split(separator: ".").map { TemplateKey(String($0)) })
        names.append(Name(parts: start..<Int32(keys.count), anchored: text.first == "."))
        return Int32(names.count - 1)
    }

    private mutating func label(_ name: String) -> Int32 {
        if let number = labels[name] { return number }
        let number = Int32(labels.count)
        labels[name] = number
        return number
    }

    /// An indentation's number; -1 for none, which an empty one is: swift-mustache indents
    /// nothing by it, and an empty indentation added to another leaves it as it was.
    private mutating func indentation(_ text: String?) -> Int32 {
        guard let text, !text.isEmpty else { return -1 }
        indentations.append(Array(text.utf8))
        return Int32(indentations.count - 1)
    }

    // MARK: Rendering

    /// Where a value on the context stack, or a value found, is: read in place, not copied,
    /// since copying a value retains what it holds. Every place is valid for as long as it is
    /// used:
    /// - the root context, a list item and an element of an array of objects are addresses from
    ///   `withUnsafe…`, used only inside its closure: the section that pushes one renders its
    ///   body and pops it there;
    /// - a value found in an object is in storage the object allocated
    ///   (``TemplateObject/valueAddress(of:)``), which lives while the render holds the root
    ///   context (``render(_:_:)``) and is not changed, since the render only reads.
    private enum Place {
        case value(UnsafePointer<TemplateValue>)
        /// An element of an array of objects (a section's list item).
        case object(UnsafePointer<TemplateObject>)

        var value: TemplateValue {
            switch self {
            case .value(let value): value.pointee
            case .object(let object): .object(object.pointee)
            }
        }

        /// The child named `key`. Strings, booleans, integers and arrays have none:
        /// swift-mustache asks their `Mirror`, which names no child. What another type's
        /// `Mirror` names is swift-mustache's to find.
        func child(_ key: TemplateKey) throws(Unsupported) -> Place? {
            switch self {
            case .object(let object): return object.pointee.valueAddress(of: key).map(Place.value)
            case .value(let value): return try value.pointee.valueAddress(of: key).map(Place.value)
            }
        }
    }

    /// What changes as a page renders: swift-mustache's `MustacheContext` (less what only
    /// transforms and lambdas use), kept as stacks that sections push to and pop rather than
    /// copied for each, and the output.
    private struct State {
        var out: [UInt8]
        /// The context stack.
        var stack: [Place]
        /// The overrides of the parent partials being rendered, outermost first (the first one
        /// found for a block wins).
        var overrides: [Int32] = []
        /// The indentation of the partials being rendered, as UTF-8.
        var indentation: [UInt8] = []
    }

    /// Renders template `name` with `object` as the context, as `MustacheLibrary.render` would;
    /// `nil` when there is no such template.
    func render(_ name: String, _ object: Any) throws(Unsupported) -> [UInt8]? {
        guard let number = templateNumbers[name] else { return nil }
        // Held until the render returns: it keeps alive every object whose values it reads in place.
        let root = TemplateValue(object)
        return try withUnsafePointer(to: root) { root throws(Unsupported) in
            var state = State(out: [], stack: [.value(root)])
            state.out.reserveCapacity(outputCapacity)
            state.stack.reserveCapacity(8)
            try render(templates[Int(number)], &state, escaping: -1)
            return state.out
        }
    }

    /// Room reserved for a page up front, so that it is not copied as it grows.
    private let outputCapacity = 64 * 1024

    /// Renders the steps `range` (a template or a body), which start escaping as `escaping`.
    private func render(_ range: Range<Int32>, _ state: inout State, escaping: Int32) throws(Unsupported) {
        var escaping = escaping
        var index = range.lowerBound
        guard !state.indentation.isEmpty else {
            while index < range.upperBound { index = try render(at: index, &state, escaping: &escaping) }
            return
        }
        // Inside an indented partial, swift-mustache indents a token's output when the template's
        // output so far ends with a line (its last Character is "\n": a "\r\n" is one Character).
        let start = state.out.count
        while index < range.upperBound {
            var piece: [UInt8] = []
            swap(&piece, &state.out)
            index = try render(at: index, &state, escaping: &escaping)
            swap(&piece, &state.out)
            if !piece.isEmpty, state.out.count > start, Self.endsWithLineFeed(state.out, after: start) {
                state.out.append(contentsOf: state.indentation)
            }
            state.out.append(contentsOf: piece)
        }
    }

    private static func endsWithLineFeed(_ text: [UInt8], after start: Int) -> Bool {
        let last = text.count - 1
        guard text[last] == UInt8(ascii: "\n") else { return false }
        return last == start || text[last - 1] != UInt8(ascii: "\r")
    }

    /// Renders the step at `index` (with its body), and returns the index of the next.
    private func render(at index: Int32, _ state: inout State, escaping: inout Int32) throws(Unsupported) -> Int32 {
        switch instructions[Int(index)] {
        case .text(let start, let end):
            bytes.withUnsafeBufferPointer { state.out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
            return index + 1

        case .variable(let name, let escaped):
            guard let found = try lookup(name, in: state) else { return index + 1 }
            try write(found, escaped: escaped, escaping: escaping, to: &state.out)
            return index + 1

        case .section(let name, let inverted, let end):
            let found = try lookup(name, in: state)
            try renderSection(index + 1..<end, found, inverted: inverted, &state, escaping: escaping)
            return end

        case .partial(let template, let indentation, let overrides, let end):
            // A partial the library lacks renders as nothing, as in swift-mustache.
            guard template >= 0 else { return end }
            if overrides >= 0 { state.overrides.append(overrides) }
            try indented(by: indentation, &state) { state throws(Unsupported) in
                try render(templates[Int(template)], &state, escaping: -1)
            }
            if overrides >= 0 { state.overrides.removeLast() }
            return end

        case .block(let label, let indentation, let end):
            let body = override(of: label, in: state) ?? index + 1..<end
            try indented(by: indentation, &state) { state throws(Unsupported) in
                try render(body, &state, escaping: escaping)
            }
            return end

        case .contentType(let contentType):
            escaping = contentType
            return index + 1
        }
    }

    /// `{{#name}}body{{/name}}` (or `{{^name}}`) with `found` the value `name` names.
    private func renderSection(
        _ body: Range<Int32>, _ found: Place?, inverted: Bool, _ state: inout State, escaping: Int32
    ) throws(Unsupported) {
        func renderPushing(_ place: Place, _ state: inout State) throws(Unsupported) {
            state.stack.append(place)
            try render(body, &state, escaping: escaping)
            state.stack.removeLast()
        }
        guard case .value(let value) = found else {
            // Nothing found, or an object: an object is truthy.
            switch (found, inverted) {
            case (nil, true): try render(body, &state, escaping: escaping)
            case (let object?, false): try renderPushing(object, &state)
            case (nil, false), (_?, true): break
            }
            return
        }
        switch value.pointee {
        case .flag(let flag):
            if flag != inverted { try render(body, &state, escaping: escaping) }
        case .list(let items):
            if inverted {
                if items.isEmpty { try renderPushing(.value(value), &state) }
            } else {
                for item in items {
                    // A list item is told apart as it is reached; it lives while its body renders.
                    try withUnsafePointer(to: TemplateValue(item)) { item throws(Unsupported) in
                        try renderPushing(.value(item), &state)
                    }
                }
            }
        case .objects(let items):
            if inverted {
                if items.isEmpty { try renderPushing(.value(value), &state) }
            } else {
                try items.withUnsafeBufferPointer { items throws(Unsupported) in
                    for index in items.indices { try renderPushing(.object(items.baseAddress! + index), &state) }
                }
            }
        case .text, .html, .integer, .object:
            if !inverted { try renderPushing(.value(value), &state) }
        case .other:
            throw Unsupported()
        }
    }

    /// Renders what `body` renders with the indentation at `indentation` (-1: none) added.
    private func indented(
        by indentation: Int32, _ state: inout State, _ body: (inout State) throws(Unsupported) -> Void
    ) throws(Unsupported) {
        guard indentation >= 0 else { return try body(&state) }
        let depth = state.indentation.count
        state.indentation.append(contentsOf: indentations[Int(indentation)])
        try body(&state)
        state.indentation.removeSubrange(depth...)
    }

    /// The body that overrides block `label`: the outermost parent partial's that has one.
    private func override(of label: Int32, in state: State) -> Range<Int32>? {
        for set in state.overrides {
            let range = overrideSets[Int(set)]
            for override in overrides[Int(range.lowerBound)..<Int(range.upperBound)] where override.label == label {
                return override.body
            }
        }
        return nil
    }

    /// The value `name` names, looked up as swift-mustache's `getChild` does (without transforms).
    private func lookup(_ name: Int32, in state: State) throws(Unsupported) -> Place? {
        let name = names[Int(name)]
        let top = state.stack[state.stack.count - 1]
        guard !name.parts.isEmpty else { return top }
        let first = keys[Int(name.parts.lowerBound)]
        if name.anchored { return try descend(name.parts, from: top) }
        var level = state.stack.count
        while level > 0 {
            level -= 1
            if let child = try state.stack[level].child(first) {
                return try descend(name.parts.dropFirst(), from: child)
            }
        }
        return nil
    }

    private func descend(_ parts: Range<Int32>, from place: Place) throws(Unsupported) -> Place? {
        var place = place
        for part in parts {
            guard let child = try place.child(keys[Int(part)]) else { return nil }
            place = child
        }
        return place
    }

    /// Writes `{{value}}` (`escaped`) or `{{{value}}}`.
    private func write(_ place: Place, escaped: Bool, escaping: Int32, to out: inout [UInt8]) throws(Unsupported) {
        if case .value(let value) = place, case .html(let html) = value.pointee, !escaped {
            html.utf8.withUnsafeBufferPointer { out.append(contentsOf: $0) }
            return
        }
        let text = try Self.text(of: place.value)
        if !escaped {
            out.append(contentsOf: text.utf8)
        } else if escaping < 0 {
            TemplateHTMLContentType.append(text, to: &out)
        } else {
            out.append(contentsOf: contentTypes[Int(escaping)].escapeText(text).utf8)
        }
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
    /// Where the child named `key` is (see ``TemplateObject/valueAddress(of:)``). Strings,
    /// booleans, integers and arrays have none: swift-mustache asks their `Mirror`, which names
    /// no child. What another type's `Mirror` names is swift-mustache's to find.
    fileprivate func valueAddress(of key: TemplateKey) throws(TemplatePrograms.Unsupported) -> UnsafePointer<TemplateValue>? {
        switch self {
        case .object(let object): return object.valueAddress(of: key)
        case .text, .html, .flag, .integer, .list, .objects: return nil
        case .other: throw TemplatePrograms.Unsupported()
        }
    }
}
