import ConcordModel
import Foundation
import Synchronization
import Testing
@testable import ConcordBuild
@testable import ConcordRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishing the site: one build at a time per output folder, the old site replaced in one
/// step, nothing left beside the output by builds that died, interrupted builds clean up.
@Suite("Publishing the output folder", .serialized)
struct OutputPublishingTests {
    static let files: [String: String] = [
        "en-US/a.md": "# Article A\n\nSee [B](b.md).\n", "en-US/b.md": "# Article B\n", "es-ES/a.md": "# Artículo A\n",
    ]

    /// The names in the folder holding the output that Concord made besides the output itself.
    static func leftovers(_ temporary: TemporaryContent) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary.root).filter { $0.contains("concord") }.sorted()
    }

    /// Runs `work` on a thread of its own; the returned function waits for it and gives its error, if any.
    static func start(_ work: @escaping @Sendable () throws -> Void) -> () -> (any Error)? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        Thread {
            do { try work() } catch { failure = error }
            done.signal()
        }.start()
        return {
            done.wait()
            return failure
        }
    }

    @Test("A build waits while another holds the output's lock, then publishes")
    func lockWaits() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let folder = try OutputFolder(path: temporary.output, protecting: [])
        let lock = try folder.lock()
        let configuration = temporary.configuration
        let wait = Self.start { try BuildAction(configuration: configuration).run() }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!FileSystem.exists(temporary.output), "published while another build held the lock")
        lock.release()
        #expect(wait() == nil)
        #expect(try temporary.read("en-US/a.html").contains("Article A"))
        #expect(try Self.leftovers(temporary).isEmpty)
    }

    @Test("Builds started together all succeed, one after the other, and leave nothing beside the output")
    func concurrentBuilds() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let configuration = temporary.configuration
        try BuildAction(configuration: configuration).run()
        for _ in 0..<3 {
            let waits = (0..<3).map { _ in Self.start { try BuildAction(configuration: configuration).run() } }
            for wait in waits {
                let error = wait()
                #expect(error == nil, "\(String(describing: error))")
            }
        }
        #expect(try temporary.read("en-US/a.html").contains("Article A"))
        #expect(try Self.leftovers(temporary).isEmpty)
    }

    @Test("Staging and old folders of builds that died are removed; those of live processes are kept")
    func staleStaging() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        // No process can have this id (Linux allows at most 2^22).
        let dead = Int32.max - 1
        let stale = ["._site.concord-staging-\(dead)-12345", "._site.concord-old-\(dead)-6789"]
        let live = "._site.concord-staging-\(getppid())-42"
        for name in stale + [live] {
            try FileManager.default.createDirectory(atPath: temporary.root + "/" + name + "/en-US", withIntermediateDirectories: true)
            try Data("junk".utf8).write(to: URL(fileURLWithPath: temporary.root + "/" + name + "/en-US/junk.html"))
        }
        try BuildAction(configuration: temporary.configuration).run()
        #expect(try Self.leftovers(temporary) == [live])
    }

    @Test("The site is exchanged with the old one in one step, so the output path always holds a whole site")
    func exchange() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let configuration = temporary.configuration
        try BuildAction(configuration: configuration).run()
        let folder = try OutputFolder(path: temporary.output, protecting: [])
        let staging = try folder.makeStaging()
        try Data("new".utf8).write(to: URL(fileURLWithPath: staging + "/new.txt"))
        #if os(Linux) || canImport(Darwin)
        #expect(try folder.swap(in: staging) == .exchanged)
        #endif
        #expect(try temporary.read("new.txt") == "new")
        #expect(!FileSystem.exists(staging))

        // Watched from another thread while builds replace the site: the marker is always there.
        let output = temporary.output
        let watcher = Watcher()
        let watch = Self.start {
            while !watcher.stop.load(ordering: .relaxed) {
                if access(output + "/" + OutputFolder.markerName, F_OK) != 0 { watcher.missing.add(1, ordering: .relaxed) }
            }
        }
        for _ in 0..<10 { try BuildAction(configuration: configuration).run() }
        watcher.stop.store(true, ordering: .relaxed)
        _ = watch()
        #expect(watcher.missing.load(ordering: .relaxed) == 0)
    }

    @Test("Without an atomic exchange, two renames still publish the site and clean up")
    func renameFallback() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        var folder = try OutputFolder(path: temporary.output, protecting: [])
        folder.allowsExchange = false
        let staging = try folder.makeStaging()
        try Data("new".utf8).write(to: URL(fileURLWithPath: staging + "/new.txt"))
        #expect(try folder.swap(in: staging) == .renamed)
        #expect(try temporary.read("new.txt") == "new")
        #expect(try Self.leftovers(temporary).isEmpty)
    }

    @Test("An output folder that is a mount point is published by swapping its contents")
    func mountPointContents() throws {
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        try BuildAction(configuration: temporary.configuration).run()
        try Data("old".utf8).write(to: URL(fileURLWithPath: temporary.output + "/gone.txt"))
        var folder = try OutputFolder(path: temporary.output, protecting: [])
        folder.isMountPoint = true
        let lock = try folder.lock()
        let staging = try folder.makeStaging()
        #expect(staging.hasPrefix(temporary.output + "/"), "staging must be on the mounted file system")
        try FileManager.default.createDirectory(atPath: staging + "/en-US", withIntermediateDirectories: true)
        try Data("new page".utf8).write(to: URL(fileURLWithPath: staging + "/en-US/a.html"))
        #expect(try folder.swap(in: staging) == .contentsSwapped)
        lock.release()
        #expect(try temporary.read("en-US/a.html") == "new page")
        #expect(!FileSystem.exists(temporary.output + "/gone.txt"))
        #expect(!FileSystem.exists(temporary.output + "/es-ES"))
        let names = try FileManager.default.contentsOfDirectory(atPath: temporary.output).sorted()
        #expect(names == [OutputFolder.markerName, "en-US"].sorted())
    }

    /// What a thread watching the output saw, and when it should stop.
    final class Watcher: Sendable {
        let stop = Atomic<Bool>(false)
        let missing = Atomic<Int>(0)
    }

    @Test("A real mount point (a tmpfs, in a mount namespace of the test's own) is built into twice")
    func realMountPoint() throws {
        guard let executable = Self.executable, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return }
        let temporary = try TemporaryContent(Self.files)
        defer { temporary.remove() }
        let output = temporary.root + "/mounted"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let build = "\(executable) build --content \(temporary.configuration.contentRoot) --source-locale en-US --output \(output) >/dev/null 2>&1"
        let script = "mount -t tmpfs tmpfs \(output) || exit 77; \(build) && \(build) && ls -A \(output) > \(temporary.root)/listing "
            + "&& cp \(output)/en-US/a.html \(temporary.root)/page.html"
        func unshare(_ script: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
            process.arguments = ["-m", "sh", "-c", script]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        // Mounting needs privileges this machine may not give: then there is nothing to test.
        guard try unshare("true") == 0 else { return }
        let status = try unshare(script)
        guard status != 77 else { return }
        #expect(status == 0)
        let listing = try String(contentsOfFile: temporary.root + "/listing", encoding: .utf8).split(separator: "\n")
        #expect(listing.contains(Substring(OutputFolder.markerName)) && listing.contains("en-US"))
        #expect(!listing.contains { OutputFolder.isWorkName(String($0)) }, "\(listing)")
        #expect(try String(contentsOfFile: temporary.root + "/page.html", encoding: .utf8).contains("Article A"))
    }

    /// The `concord` executable built beside the tests, if there is one.
    static var executable: String? {
        let path = repositoryRoot + "/.build/debug/concord"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// A content tree big enough that a build is still rendering when it is interrupted.
    static func largeContent() throws -> TemporaryContent {
        var files: [String: String] = [:]
        for index in 0..<2000 {
            files["en-US/topic\(index / 100)/article\(index).md"] = "# Article \(index)\n\n" + String(repeating: "Some text to render. ", count: 40) + "\n"
        }
        return try TemporaryContent(files)
    }

    @Test("a staging folder moved away is not made again by a thread still making folders in it")
    func stagingFolderIsNotRemade() throws {
        let parent = NSTemporaryDirectory() + "concord-staging-test-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let staging = parent + "/.site.concord-staging-1"
        try FileSystem.createDirectories(staging)
        let writer = StagingWriter(root: staging, previous: nil)
        try writer.createDirectories("en-US/guide")
        #expect(FileSystem.isDirectory(staging + "/en-US/guide"))
        // What an interrupt does: the folder is renamed, then removed.
        #expect(rename(staging, parent + "/.site.concord-old-1") == 0)
        #expect(throws: FileSystem.Failure.self) { try writer.createDirectories("es-ES/guide") }
        try writer.createDirectories("")
        #expect(!FileSystem.exists(staging))
    }

    @Test("SIGINT and SIGTERM remove the staging folder and exit 130 and 143", arguments: [(SIGINT, 130), (SIGTERM, 143)] as [(Int32, Int32)])
    func interrupted(signal: Int32, status: Int32) throws {
        guard let executable = Self.executable else { return }
        let temporary = try Self.largeContent()
        defer { temporary.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["build", "--content", temporary.configuration.contentRoot, "--source-locale", "en-US", "--output", temporary.output]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while try Self.leftovers(temporary).allSatisfy({ !$0.contains("staging") }), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(process.isRunning, "the build ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == status)
        let leftovers = try Self.leftovers(temporary)
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
    }
}
