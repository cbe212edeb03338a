/// Renders pages with the theme's Mustache templates.
///
/// Templates are parsed by ``MustacheSyntax`` and compiled by ``TemplatePrograms``, both
/// Concord's own, so that what a page looks like depends on no other package's internals.
/// Tests run the official Mustache specification against them.
///
/// Pages are ``TemplateObject``s (or `[String: Any]` dictionaries, wrapped into them): values
/// by name, looked up by interned keys.
public struct TemplateRenderer: Sendable {
    /// A template that does not parse or does not render, with its name.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The template's name (`layout`).
        public var template: String
        /// What is wrong.
        public var reason: String
        public var description: String { "template '\(template)': \(reason)" }
    }

    private let programs: TemplatePrograms

    /// Parses and compiles every template of a theme.
    public init(theme: Theme) throws(Failure) {
        var parsed: [String: [MustacheSyntax.Node]] = [:]
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                parsed[name] = try MustacheSyntax.parse(text)
            } catch {
                throw Failure(template: name, reason: error.description)
            }
        }
        programs = TemplatePrograms(parsed)
    }

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
        try renderUTF8(name, context as Any)
    }

    /// Renders the template `name` with any context value (the specification's tests give
    /// strings, lists and numbers as contexts too).
    func renderUTF8(_ name: String, _ context: Any) throws(Failure) -> [UInt8] {
        do {
            guard let bytes = try programs.render(name, context) else {
                throw Failure(template: name, reason: "no such template in the theme")
            }
            return bytes
        } catch let error as TemplatePrograms.RenderError {
            throw Failure(template: name, reason: error.reason)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(template: name, reason: "\(error)")
        }
    }
}
