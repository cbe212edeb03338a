import ConcordModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the staging folders of running builds (and the model cache's, with any cache folder
/// made for it) when the process is interrupted (SIGINT, SIGTERM), then exits with 130 or 143 as
/// a shell would report the signal.
///
/// A staging folder holds a whole site (gigabytes, for a large one); left behind by Ctrl-C or a
/// CI job's timeout, it would stay forever. A signal handler may do almost nothing safely, so
/// it only writes the signal's number to a pipe; a thread waiting on the pipe does the work.
/// The handlers are installed while a build holds a staging folder and the previous ones put
/// back when none does.
enum InterruptCleanup {
    /// What to remove: staging folders, the lock files their builds hold, and folders of the
    /// cache being written, each with the deepest folder above it that existed before it was made.
    private struct Protected {
        var folders: Set<String> = []
        var locks: Set<String> = []
        var cacheFolders: [String: String] = [:]
        var isEmpty: Bool { folders.isEmpty && cacheFolders.isEmpty }
    }

    private static let state = NSLock()
    nonisolated(unsafe) private static var protected = Protected()
    #if canImport(Darwin)
    private typealias Handler = sig_t
    #else
    private typealias Handler = sighandler_t
    #endif
    nonisolated(unsafe) private static var previous: [Int32: Handler?] = [:]
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Removes `staging` (and `lock`, the output's lock file) if the process is interrupted before ``release(_:)``.
    static func protect(_ staging: String, lock: String) {
        state.withLock {
            if protected.isEmpty { install() }
            protected.folders.insert(staging)
            protected.locks.insert(lock)
        }
    }

    /// Stops protecting `staging` (published or discarded) and the lock file.
    static func release(_ staging: String, lock: String) {
        state.withLock {
            protected.folders.remove(staging)
            protected.locks.remove(lock)
            if protected.isEmpty { uninstall() }
        }
    }

    /// Removes `folder` if the process is interrupted before ``release(cacheFolder:)``, and the
    /// folders above it up to `existing` (the deepest that existed before it), when left empty:
    /// an interrupted first build leaves no cache folder behind.
    static func protect(cacheFolder folder: String, below existing: String) {
        state.withLock {
            if protected.isEmpty { install() }
            protected.cacheFolders[folder] = existing
        }
    }

    /// Stops protecting the cache folder `folder` (put in place or removed).
    static func release(cacheFolder folder: String) {
        state.withLock {
            protected.cacheFolders[folder] = nil
            if protected.isEmpty { uninstall() }
        }
    }

    // MARK: The handler and its thread

    /// The pipe's write end: set once, before a handler can run, and only read by the handler.
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1

    /// Starts the thread that waits for signals, once.
    private static let listener: Void = {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        pipeWrite = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            var number: UInt8 = 0
            while read(readEnd, &number, 1) != 1 {}
            cleanUp(exitingFor: Int32(number))
        }
        thread.start()
    }()

    /// Installs the handlers (called with `state` held).
    private static func install() {
        _ = listener
        guard pipeWrite >= 0 else { return }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals { sigaddset(&unblocked, signal) }
        // A parent may have blocked them (some test runners do); this thread takes them then.
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for number in signals {
            previous[number] = signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(InterruptCleanup.pipeWrite, &byte, 1)
            }
        }
    }

    /// Puts the previous handlers back (called with `state` held).
    private static func uninstall() {
        for (number, handler) in previous { signal(number, handler ?? SIG_DFL) }
        previous = [:]
    }

    /// Set once a signal has been taken: the process is ending.
    nonisolated(unsafe) private static var interrupted = false

    /// Never returns once the process was interrupted: the cleaning thread ends the process with
    /// the signal's status, and a build that failed because of the interrupt waits for it rather
    /// than exit with a status of its own.
    static func waitIfInterrupted() {
        guard state.withLock({ interrupted }) else { return }
        while true { pause() }
    }

    /// Removes what is protected and exits with 128 + the signal's number.
    private static func cleanUp(exitingFor number: Int32) -> Never {
        let (folders, locks, cacheFolders) = state.withLock {
            interrupted = true
            return (protected.folders, protected.locks, protected.cacheFolders)
        }
        for (folder, existing) in cacheFolders { FileSystem.removeFolder(folder, withEmptyFoldersBelow: existing) }
        for folder in folders {
            // Renamed first, in one step: threads still rendering then fail to create files in it
            // rather than race its removal. The name is a stale one, which a later build removes
            // should this process not get to.
            let aside = folder.replacingOccurrences(of: "concord-staging", with: "concord-old")
            let target = rename(folder, aside) == 0 ? aside : folder
            try? FileManager.default.removeItem(atPath: target)
        }
        for lock in locks { unlink(lock) }
        exit(128 + number)
    }
}
