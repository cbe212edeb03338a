import Foundation

/// Lets a command-line run skip freeing its large values just before the process exits.
///
/// Freeing a content set (a few hundred thousand strings and arrays) takes as long as a tenth
/// of loading it, all on one thread, and the operating system reclaims the memory anyway.
/// Only the `concord` executable turns this on: library users and tests free as usual.
public enum ExitTeardown {
    private final class Kept: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    private static let state = NSLock()
    nonisolated(unsafe) private static var skipping = false

    /// Called by the executable before it runs a command that ends in `exit`.
    public static func skipFreeingAtExit() {
        state.lock()
        skipping = true
        state.unlock()
    }

    /// Keeps `value` alive until the process exits, when ``skipFreeingAtExit()`` was called;
    /// otherwise does nothing and `value` is freed as usual.
    public static func keepUntilExit(_ value: Any) {
        state.lock()
        defer { state.unlock() }
        guard skipping else { return }
        _ = Unmanaged.passRetained(Kept(value))
    }
}
