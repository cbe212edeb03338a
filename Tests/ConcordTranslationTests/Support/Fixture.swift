import ConcordModel
import Foundation

/// A small content tree on disk: a source and one translation.
struct Fixture {
    let root: String

    init(_ files: [String: String]) throws {
        root = try Place.temporaryFolder()
        for (path, text) in files {
            let file = root + "/" + path
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        }
    }

    var configuration: Configuration { Configuration(contentRoot: root, sourceLocale: "en-US") }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
