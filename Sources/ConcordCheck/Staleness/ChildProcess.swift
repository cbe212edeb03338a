import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with a file as its standard input and returns what it writes to its standard
/// output, blocking until it exits: `posix_spawn`, a pipe read to its end, `waitpid`.
///
/// Foundation's `Process` waits for a child's exit by polling a run loop, which added tens of
/// milliseconds to each of the three git processes a check runs, about as much as the check's
/// own work; this waits in the kernel instead.
enum ChildProcess {
    /// The output of `executable` run with `arguments` (the first is the program's name, as
    /// `argv[0]`), the environment `environment` and standard input read from `input`
    /// (a file descriptor it does not close); `nil` when it cannot run or exits with another
    /// status than 0. Its standard error goes to /dev/null.
    static func output(_ executable: String, arguments: [String], environment: [String: String], input: Int32) -> [UInt8]? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        // Neither end is for the child but through the dup2 below (git runs one at a time).
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }.sorted()
        let spawned: pid_t? = withCStrings(arguments) { argv in
            withCStrings(environmentLines) { envp in
                var pid = pid_t()
                return posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 ? pid : nil
            }
        }
        close(ends[1])
        defer { close(ends[0]) }
        guard let pid = spawned else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            output.append(contentsOf: buffer[0..<count])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        // Exited normally (no signal) with status 0.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { return nil }
        return output
    }

    /// Calls `body` with `strings` as a null-terminated array of C strings, valid only inside it.
    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
