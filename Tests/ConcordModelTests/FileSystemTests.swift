import ConcordModel
import Dispatch
import Foundation
import Synchronization
import Testing

@Suite("File system helpers")
struct FileSystemTests {
    @Test("Folders made from many threads at once, sharing parents, all appear without an error")
    func concurrentFolders() throws {
        let root = NSTemporaryDirectory() + "concord-folders-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = (0..<400).map { "\(root)/locale-\($0 % 3)/a/b\($0 % 7)/c\($0 % 11)" }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do { try FileSystem.createDirectories(paths[index]) } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(paths.allSatisfy(FileSystem.isDirectory))
    }

    @Test("A file in the way is an error naming the path")
    func fileInTheWay() throws {
        let root = NSTemporaryDirectory() + "concord-folders-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileSystem.createDirectories(root)
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        #expect(throws: FileSystem.Failure.self) { try FileSystem.createDirectories(root + "/file/below") }
        #expect(throws: FileSystem.Failure.self) { try FileSystem.createDirectories(root + "/file") }
    }
}
