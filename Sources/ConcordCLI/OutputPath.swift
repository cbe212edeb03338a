import ConcordModel
import Foundation

/// Where the commands may write: `--output`, `--write-baseline`, and `output:` in concord.yml.
///
/// A missing folder is created only inside the current folder (the project: `--output
/// reports/check.sarif` in CI). Elsewhere the folder must exist already: a mistyped path, or an
/// `output:` a pull request points at `../../somewhere`, should fail loudly rather than make
/// folders across the machine.
enum OutputPath {
    /// Throws unless the folder that would hold `path` exists, or is missing only inside `base`.
    static func check(_ path: String, base: String = FileManager.default.currentDirectoryPath) throws(ConcordFailure) {
        let parent = (FileSystem.lexicalAbsolute(path) as NSString).deletingLastPathComponent
        if FileSystem.isDirectory(parent) { return }
        if FileSystem.exists(parent) {
            throw ConcordFailure(message: "cannot write \(path): \(parent) is not a folder")
        }
        // The missing part has no links yet; the part that exists is resolved.
        var existing = parent
        while !FileSystem.exists(existing), existing != "/" { existing = (existing as NSString).deletingLastPathComponent }
        if let resolved = FileSystem.realPath(existing), let resolvedBase = FileSystem.realPath(base),
           resolved == resolvedBase || resolved.hasPrefix(resolvedBase == "/" ? "/" : resolvedBase + "/") {
            return
        }
        throw ConcordFailure(message: "cannot write \(path): the folder \(parent) does not exist; create it first "
            + "(Concord creates missing folders only inside the current folder)")
    }
}

/// Errors told in one line: what failed, where, and why.
enum ErrorText {
    /// One line for `error`; Foundation's file errors become `path: reason` rather than their dump.
    static func oneLine(_ error: any Error) -> String {
        switch error {
        case let failure as FileSystem.Failure: return failure.description
        case let failure as ConcordFailure: return failure.message
        case let cocoa as CocoaError:
            let path = cocoa.filePath ?? cocoa.url?.path
            var reason = cocoa.localizedDescription
            if let posix = cocoa.underlying as? POSIXError {
                reason = String(cString: strerror(posix.code.rawValue)).lowercased()
            } else if let underlying = cocoa.underlying.map({ $0 as NSError }), underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code))).lowercased()
            }
            return path.map { "\($0): \(reason)" } ?? reason
        default:
            return "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }
}
