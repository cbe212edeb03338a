import Mustache

/// Renders pages with the theme's Mustache templates (hummingbird-project/swift-mustache).
///
/// Pages are `[String: Any]` contexts: dictionaries are looked up directly, where structs
/// would go through `Mirror` on every variable.
public struct TemplateRenderer: Sendable {
    /// A template that does not parse, with its name.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The template's name (`layout`).
        public var template: String
        /// What the parser said.
        public var reason: String
        public var description: String { "template '\(template)': \(reason)" }
    }

    private let library: MustacheLibrary

    /// Parses every template of a theme.
    public init(theme: Theme) throws(Failure) {
        var library = MustacheLibrary()
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw Failure(template: name, reason: "\(error)")
            }
        }
        self.library = library
    }

    /// Renders the template `name` (`article`, `home`, `chooser`, `search`) with `context`.
    public func render(_ name: String, _ context: [String: Any]) throws(Failure) -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw Failure(template: name, reason: "no such template in the theme")
        }
        return text
    }
}
