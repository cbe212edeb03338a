import Foundation

/// Where a single file sits in a content tree: its locale and its path relative to the locale root.
public struct ArticleLocation: Sendable, Hashable {
    /// The locale id, taken from the nearest enclosing folder named like a locale.
    public var locale: String?
    /// The path relative to that folder (the file name when no such folder exists).
    public var path: String

    /// Infers the locale and relative path of a file from its folders.
    public init(file: String) {
        let components = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        if let index = components.dropLast().lastIndex(where: { LocaleID.isValid($0) && $0.contains("-") }) {
            locale = components[index]
            path = components[(index + 1)...].joined(separator: "/")
        } else {
            locale = nil
            path = components.last ?? file
        }
    }
}
