import Foundation

/// Replays saved inputs through ``FuzzPipeline``: the normal build of `concord-fuzz` is this,
/// a crash reproducer (`concord-fuzz crash-…`), and the fuzz tests use it on the regressions.
public enum FuzzReplay {
    /// Runs every file named in `paths`, or every regular file inside a folder named there,
    /// in name order; returns a line per file. A file that cannot be read is a thrown error.
    public static func replay(_ paths: [String]) throws -> [String] {
        var lines: [String] = []
        for file in try inputs(paths) {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            let outcome = FuzzPipeline.run(bytes)
            lines.append("\(file): \(bytes.count) bytes, \(outcome.diagnostics.count) findings, "
                + "\(outcome.htmlBytes) bytes of HTML, \(outcome.jsonBytes) bytes of JSON")
        }
        return lines
    }

    /// The files `paths` name, folders expanded one level deep (as libFuzzer reads a corpus).
    public static func inputs(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                for name in names where !name.hasPrefix(".") {
                    var inner: ObjCBool = false
                    let file = path + "/" + name
                    if FileManager.default.fileExists(atPath: file, isDirectory: &inner), !inner.boolValue { files.append(file) }
                }
            } else {
                files.append(path)
            }
        }
        return files
    }
}
