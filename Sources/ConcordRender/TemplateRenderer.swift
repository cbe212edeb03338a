import Mustache

/// Renders pages with the theme's Mustache templates (hummingbird-project/swift-mustache).
///
/// swift-mustache parses the templates; pages render through ``TemplatePrograms``, which
/// follows swift-mustache's rendering rules for the values Concord puts in pages at a fraction
/// of the cost, and through swift-mustache's own renderer whenever that cannot.
///
/// Pages are ``TemplateObject``s (or `[String: Any]` dictionaries, wrapped into them): values
/// by name, looked up directly, where structs would go through `Mirror` on every variable.
public struct TemplateRenderer: Sendable {
    /// A template that does not parse, with its name.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The template's name (`layout`).
        public var template: String
        /// What the parser said.
        public var reason: String
        public var description: String { "template '\(template)': \(reason)" }
    }

    /// Which renderer pages go through.
    enum Engine: Sendable {
        /// ``TemplatePrograms`` when the theme compiles, a page with a value they do not know
        /// through swift-mustache.
        case compiled
        /// ``TemplatePrograms`` only: a page they cannot render is an error (tests prove no
        /// page fell back).
        case compiledOnly
        /// swift-mustache's renderer for every page (what the compiled templates must match).
        case swiftMustache
    }

    private let library: MustacheLibrary
    /// The same templates, compiled for Concord's page values; `nil` when a template needs
    /// swift-mustache itself (see ``TemplatePrograms``).
    private let programs: TemplatePrograms?
    private let engine: Engine

    /// Parses every template of a theme.
    ///
    /// Each template is parsed with ``TemplateHTMLContentType/pragma`` before its text, so its
    /// variables are escaped by the fast escaper; templates stay as their writers wrote them.
    public init(theme: Theme) throws(Failure) {
        try self.init(theme: theme, engine: .compiled)
    }

    /// Parses every template of a theme, to render through `engine`.
    init(theme: Theme, engine: Engine) throws(Failure) {
        TemplateHTMLContentType.registered
        var library = MustacheLibrary()
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(TemplateHTMLContentType.pragma + text, named: name)
            } catch {
                // The pragma line shifts line numbers: report the error of the text as written.
                do {
                    _ = try MustacheTemplate(string: text)
                } catch let original {
                    throw Failure(template: name, reason: "\(original)")
                }
                throw Failure(template: name, reason: "\(error)")
            }
        }
        self.library = library
        self.engine = engine
        self.programs = engine == .swiftMustache ? nil : TemplatePrograms.compile(library, names: theme.templates.keys)
        if engine == .compiledOnly, programs == nil {
            throw Failure(template: "*", reason: "the theme does not compile")
        }
    }

    /// Whether pages render through ``TemplatePrograms`` rather than swift-mustache's renderer.
    var rendersCompiled: Bool { programs != nil }

    /// Renders the template `name` (`article`, `home`, `chooser`, `search`) with `context`.
    public func render(_ name: String, _ context: [String: Any]) throws(Failure) -> String {
        try render(name, TemplateObject(wrapping: context))
    }

    /// Renders the template `name` with a context already made of ``TemplateObject``s (article
    /// pages build theirs that way rather than wrapping dictionaries thousands of times).
    func render(_ name: String, _ context: TemplateObject) throws(Failure) -> String {
        String(decoding: try renderUTF8(name, context), as: UTF8.self)
    }

    /// ``render(_:_:)`` as UTF-8 bytes, which is how pages are written.
    func renderUTF8(_ name: String, _ context: TemplateObject) throws(Failure) -> [UInt8] {
        // `nil` from the programs is a template they lack: swift-mustache reports it below. A
        // value they do not know (an error) leaves the page to swift-mustache too.
        if let programs {
            do {
                if let bytes = try programs.render(name, context) { return bytes }
            } catch {
                if engine == .compiledOnly { throw Failure(template: name, reason: "a value the compiled templates do not know") }
            }
        }
        return Array(try renderThroughSwiftMustache(name, context).utf8)
    }

    /// Renders with swift-mustache's own renderer (what ``TemplatePrograms`` must match).
    func renderThroughSwiftMustache(_ name: String, _ context: TemplateObject) throws(Failure) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw Failure(template: name, reason: "no such template in the theme")
        }
        return text
    }
}
