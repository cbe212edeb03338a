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

    @Test("A file written in parts replaces the old one only when committed; dropped, it leaves nothing")
    func atomicFileInParts() throws {
        let root = NSTemporaryDirectory() + "concord-atomic-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/out/handoff.xlf"
        do {
            let file = try AtomicFile(path)
            try file.write(Array("first ".utf8))
            // Dropped without a commit: as if the export failed half-way.
        }
        #expect(!FileSystem.exists(path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out").isEmpty)
        try FileSystem.writeAtomically(Array("old".utf8), to: path)
        let file = try AtomicFile(path)
        try file.write(Array("first ".utf8))
        try file.write(Array("second".utf8))
        #expect(try FileSystem.read(path) == Array("old".utf8))
        try file.commit()
        #expect(try FileSystem.read(path) == Array("first second".utf8))
        #expect(throws: FileSystem.Failure.self) { try file.write([1]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out") == ["handoff.xlf"])
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
