/// The theme's templates compiled to flat lists of steps, and rendered from them.
///
/// ``MustacheSyntax`` parses each template; this type turns the trees into one array of
/// trivial instructions and renders pages by walking it. Page values are of a few known types
/// (``TemplateValue``), so a look-up compares interned keys (``TemplateKey``) rather than
/// strings, and values are read in place rather than copied.
struct TemplatePrograms: Sendable {
    /// A render that could not finish.
    struct RenderError: Error {
        /// What went wrong.
        var reason: String
    }

    /// One step of a compiled template.
    ///
    /// Trivial (integers only), so the walk copies no reference: the templates are shared by
    /// the rendering threads, and trees of objects would be retained and released, atomically,
    /// on cache lines both threads write. A step with a body (a section, a block's default, a
    /// parent's overrides) is followed by the body's steps, up to its `end`.
    enum Instruction {
        /// Template text: `bytes[start..<end]`.
        case text(start: Int32, end: Int32)
        /// `{{name}}` when `escaped`, or `{{{name}}}`; `name` indexes ``names``.
        case variable(name: Int32, escaped: Bool)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when `inverted`.
        case section(name: Int32, inverted: Bool, end: Int32)
        /// `{{> label}}`, or `{{< label}}…{{/label}}`: the template at `template` (-1: one the
        /// theme lacks), with the indentation at `indentation` (-1: none) and the overrides
        /// at `overrides` (-1: none) whose bodies follow.
        case partial(template: Int32, indentation: Int32, overrides: Int32, end: Int32)
        /// `{{$label}}…{{/label}}`: an overridable block (`label` numbers its name) whose default follows.
        case block(label: Int32, indentation: Int32, end: Int32)
    }

    /// A name as written in a tag: `.` (the current object), `a.b.c`, or `.a` (looked up in
    /// the current object only).
    struct Name {
        /// The dot-separated parts in ``keys``, empty ones dropped, interned once at
        /// compilation rather than hashed at every look-up.
        var parts: Range<Int32>
        /// Looked up in the current object only, not up the stack.
        var anchored: Bool
    }

    /// A parent's override of block `label`.
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
    /// The overrides of each parent (ranges in ``overrides``).
    private var overrideSets: [Range<Int32>] = []
    private var overrides: [Override] = []
    /// Block names, numbered.
    private var labels: [String: Int32] = [:]
    /// Partial and block indentations, as UTF-8 (never empty: an empty one is none).
    private var indentations: [[UInt8]] = []

    /// How deep partials may nest while a page renders: a theme whose partials include each
    /// other without end is reported rather than left to exhaust the stack.
    static let partialDepthLimit = 64

    /// Compiles parsed templates, by name.
    init(_ parsed: [String: [MustacheSyntax.Node]]) {
        // Numbered before any compiles, so that a partial finds a template compiled after it;
        // in name order, so that the same theme compiles to the same steps.
        let sorted = parsed.sorted { $0.key < $1.key }
        for (number, entry) in sorted.enumerated() { templateNumbers[entry.key] = Int32(number) }
        for (_, nodes) in sorted { templates.append(append(nodes)) }
    }

    // MARK: Compiling

    /// Appends the steps of `nodes`, and returns where they are.
    @discardableResult
    private mutating func append(_ nodes: [MustacheSyntax.Node]) -> Range<Int32> {
        let start = Int32(instructions.count)
        for node in nodes { append(node) }
        return start..<Int32(instructions.count)
    }

    private mutating func append(_ node: MustacheSyntax.Node) {
        switch node {
        case .text(let text):
            let start = Int32(bytes.count)
            bytes.append(contentsOf: text.utf8)
            instructions.append(.text(start: start, end: Int32(bytes.count)))
        case .variable(let name, let escaped):
            instructions.append(.variable(name: self.name(name), escaped: escaped))
        case .section(let name, let inverted, let body):
            appendWithBody(.section(name: self.name(name), inverted: inverted, end: 0)) { $0.append(body) }
        case .partial(let name, let indentation):
            let template = templateNumbers[name] ?? -1
            instructions.append(.partial(template: template, indentation: self.indentation(indentation), overrides: -1, end: Int32(instructions.count + 1)))
        case .parent(let name, let indentation, let blocks):
            let set = Int32(overrideSets.count)
            overrideSets.append(0..<0)
            appendWithBody(.partial(template: templateNumbers[name] ?? -1, indentation: self.indentation(indentation), overrides: set, end: 0)) { programs in
                // The bodies are compiled first, then listed, since compiling one may add sets of its own.
                let bodies = blocks.map { (programs.label($0.name), programs.append($0.body)) }
                let first = Int32(programs.overrides.count)
                programs.overrides += bodies.map { Override(label: $0.0, body: $0.1) }
                programs.overrideSets[Int(set)] = first..<Int32(programs.overrides.count)
            }
        case .block(let block):
            appendWithBody(.block(label: label(block.name), indentation: indentation(block.indentation), end: 0)) { $0.append(block.body) }
        }
    }

    /// Appends `instruction`, then what `body` appends, and sets the instruction's end after it.
    private mutating func appendWithBody(_ instruction: Instruction, _ body: (inout TemplatePrograms) -> Void) {
        let index = instructions.count
        instructions.append(instruction)
        body(&self)
        let end = Int32(instructions.count)
        switch instruction {
        case .section(let name, let inverted, _): instructions[index] = .section(name: name, inverted: inverted, end: end)
        case .partial(let template, let indentation, let overrides, _):
            instructions[index] = .partial(template: template, indentation: indentation, overrides: overrides, end: end)
        case .block(let label, let indentation, _): instructions[index] = .block(label: label, indentation: indentation, end: end)
        case .text, .variable: preconditionFailure("a step without a body")
        }
    }

    private mutating func name(_ text: String) -> Int32 {
        let start = Int32(keys.count)
        if text != "." {
            keys.append(contentsOf: text.split(separator: ".").map { TemplateKey(String($0)) })
        }
        names.append(Name(parts: start..<Int32(keys.count), anchored: text.first == "." && text != "."))
        return Int32(names.count - 1)
    }

    private mutating func label(_ name: String) -> Int32 {
        if let number = labels[name] { return number }
        let number = Int32(labels.count)
        labels[name] = number
        return number
    }

    /// An indentation's number; -1 for none, which an empty one is.
    private mutating func indentation(_ text: String) -> Int32 {
        guard !text.isEmpty else { return -1 }
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

        /// The child named `key`; only objects have children.
        func child(_ key: TemplateKey) -> Place? {
            switch self {
            case .object(let object): return object.pointee.valueAddress(of: key).map(Place.value)
            case .value(let value):
                guard case .object(let object) = value.pointee else { return nil }
                return object.valueAddress(of: key).map(Place.value)
            }
        }
    }

    /// What changes as a page renders: the context stack, kept as a stack that sections push to
    /// and pop rather than copied for each, the overrides and indentation in force, and the output.
    private struct State {
        var out: [UInt8]
        /// The context stack.
        var stack: [Place]
        /// The overrides of the parents being rendered, outermost first (the first one found for
        /// a block wins).
        var overrides: [Int32] = []
        /// The indentation of the standalone partials and blocks being rendered, as UTF-8.
        var indentation: [UInt8] = []
        /// Whether the next output starts a line of the template's text, and so takes the indentation.
        var atLineStart = false
        /// Partials being rendered.
        var depth = 0
    }

    /// Renders template `name` with `object` as the context; `nil` when there is no such template.
    func render(_ name: String, _ object: Any) throws(RenderError) -> [UInt8]? {
        guard let number = templateNumbers[name] else { return nil }
        // Held until the render returns: it keeps alive every object whose values it reads in place.
        let root = TemplateValue(object)
        return try withUnsafePointer(to: root) { root throws(RenderError) in
            var state = State(out: [], stack: [.value(root)])
            state.out.reserveCapacity(outputCapacity)
            state.stack.reserveCapacity(8)
            try render(templates[Int(number)], &state)
            return state.out
        }
    }

    /// Room reserved for a page up front, so that it is not copied as it grows.
    private let outputCapacity = 64 * 1024

    /// Renders the steps `range` (a template or a body).
    private func render(_ range: Range<Int32>, _ state: inout State) throws(RenderError) {
        var index = range.lowerBound
        while index < range.upperBound { index = try render(at: index, &state) }
    }

    /// Renders the step at `index` (with its body), and returns the index of the next.
    private func render(at index: Int32, _ state: inout State) throws(RenderError) -> Int32 {
        switch instructions[Int(index)] {
        case .text(let start, let end):
            bytes.withUnsafeBufferPointer { writeText(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]), &state) }
            return index + 1

        case .variable(let name, let escaped):
            guard let found = lookup(name, in: state) else { return index + 1 }
            write(found, escaped: escaped, &state)
            return index + 1

        case .section(let name, let inverted, let end):
            let found = lookup(name, in: state)
            try renderSection(index + 1..<end, found, inverted: inverted, &state)
            return end

        case .partial(let template, let indentation, let overrides, let end):
            // A partial the theme lacks renders as nothing.
            guard template >= 0 else { return end }
            guard state.depth < Self.partialDepthLimit else {
                throw RenderError(reason: "partials nest more than \(Self.partialDepthLimit) deep (does a partial include itself?)")
            }
            if overrides >= 0 { state.overrides.append(overrides) }
            state.depth += 1
            try indented(by: indentation, &state) { state throws(RenderError) in
                try render(templates[Int(template)], &state)
            }
            state.depth -= 1
            if overrides >= 0 { state.overrides.removeLast() }
            return end

        case .block(let label, let indentation, let end):
            let body = override(of: label, in: state) ?? index + 1..<end
            try indented(by: indentation, &state) { state throws(RenderError) in
                try render(body, &state)
            }
            return end
        }
    }

    /// Writes template text: inside an indented partial or block, each of its lines starts
    /// with the indentation (the text of values put into it is not indented).
    private func writeText(_ text: UnsafeBufferPointer<UInt8>, _ state: inout State) {
        guard !state.indentation.isEmpty else { return state.out.append(contentsOf: text) }
        var lineStart = 0
        while lineStart < text.count {
            let lineEnd = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? text.count
            let line = UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd])
            if state.atLineStart, line.first != UInt8(ascii: "\n"), !(line.first == UInt8(ascii: "\r") && line.count == 2) {
                state.out.append(contentsOf: state.indentation)
            }
            state.out.append(contentsOf: line)
            state.atLineStart = line.last == UInt8(ascii: "\n")
            lineStart = lineEnd
        }
    }

    /// Writes a value's output, indented when it starts a line of the template.
    private func writeValue(_ bytes: some Collection<UInt8>, _ state: inout State) {
        guard !bytes.isEmpty else { return }
        if state.atLineStart, !state.indentation.isEmpty { state.out.append(contentsOf: state.indentation) }
        state.atLineStart = false
        state.out.append(contentsOf: bytes)
    }

    /// `{{#name}}body{{/name}}` (or `{{^name}}`) with `found` the value `name` names.
    private func renderSection(_ body: Range<Int32>, _ found: Place?, inverted: Bool, _ state: inout State) throws(RenderError) {
        func renderPushing(_ place: Place, _ state: inout State) throws(RenderError) {
            state.stack.append(place)
            try render(body, &state)
            state.stack.removeLast()
        }
        guard case .value(let value) = found else {
            // Nothing found, or an object: an object is truthy.
            switch (found, inverted) {
            case (nil, true): try render(body, &state)
            case (let object?, false): try renderPushing(object, &state)
            case (nil, false), (_?, true): break
            }
            return
        }
        switch value.pointee {
        case .null:
            if inverted { try render(body, &state) }
        case .flag(let flag):
            if flag != inverted { try render(body, &state) }
        case .list(let items):
            if inverted {
                // The empty list is the context of its inverted section, as in the templates' first renderer.
                if items.isEmpty { try renderPushing(.value(value), &state) }
            } else {
                for item in items {
                    // A list item is told apart as it is reached; it lives while its body renders.
                    try withUnsafePointer(to: TemplateValue(item)) { item throws(RenderError) in
                        try renderPushing(.value(item), &state)
                    }
                }
            }
        case .objects(let items):
            if inverted {
                if items.isEmpty { try renderPushing(.value(value), &state) }
            } else {
                try items.withUnsafeBufferPointer { items throws(RenderError) in
                    for index in items.indices { try renderPushing(.object(items.baseAddress! + index), &state) }
                }
            }
        case .text, .html, .integer, .object, .other:
            if !inverted { try renderPushing(.value(value), &state) }
        }
    }

    /// Renders what `body` renders with the indentation at `indentation` (-1: none) added.
    private func indented(by indentation: Int32, _ state: inout State, _ body: (inout State) throws(RenderError) -> Void) throws(RenderError) {
        guard indentation >= 0 else { return try body(&state) }
        let depth = state.indentation.count
        state.indentation.append(contentsOf: indentations[Int(indentation)])
        // A standalone tag's line is gone: what it puts starts a line.
        state.atLineStart = true
        try body(&state)
        state.indentation.removeSubrange(depth...)
    }

    /// The body that overrides block `label`: the outermost parent's that has one.
    private func override(of label: Int32, in state: State) -> Range<Int32>? {
        for set in state.overrides {
            let range = overrideSets[Int(set)]
            for override in overrides[Int(range.lowerBound)..<Int(range.upperBound)] where override.label == label {
                return override.body
            }
        }
        return nil
    }

    /// The value `name` names: its first part looked up the context stack, from the top, and
    /// the rest in what that found (a dotted name found nowhere further is not looked for
    /// further down the stack).
    private func lookup(_ name: Int32, in state: State) -> Place? {
        let name = names[Int(name)]
        let top = state.stack[state.stack.count - 1]
        guard !name.parts.isEmpty else { return top }
        let first = keys[Int(name.parts.lowerBound)]
        if name.anchored { return descend(name.parts, from: top) }
        var level = state.stack.count
        while level > 0 {
            level -= 1
            if let child = state.stack[level].child(first) {
                return descend(name.parts.dropFirst(), from: child)
            }
        }
        return nil
    }

    private func descend(_ parts: Range<Int32>, from place: Place) -> Place? {
        var place = place
        for part in parts {
            guard let child = place.child(keys[Int(part)]) else { return nil }
            place = child
        }
        return place
    }

    /// Writes `{{value}}` (`escaped`) or `{{{value}}}`.
    private func write(_ place: Place, escaped: Bool, _ state: inout State) {
        if case .value(let value) = place, case .html(let html) = value.pointee, !escaped {
            html.utf8.withUnsafeBufferPointer { writeValue($0, &state) }
            return
        }
        let text = Self.text(of: place.value)
        guard escaped else { return writeValue(text.utf8, &state) }
        guard !state.indentation.isEmpty else { return TemplateHTMLContentType.append(text, to: &state.out) }
        var escapedBytes: [UInt8] = []
        TemplateHTMLContentType.append(text, to: &escapedBytes)
        writeValue(escapedBytes, &state)
    }

    /// The text of `{{value}}`.
    private static func text(of value: TemplateValue) -> String {
        switch value {
        case .text(let text): return text
        case .html(let html): return html.renderText
        case .null: return ""
        case .flag(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .object(let object): return String(describing: object)
        case .objects(let objects): return String(describing: objects)
        case .list(let list): return String(describing: list)
        case .other(let other): return String(describing: other.value)
        }
    }
}
