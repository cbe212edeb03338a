import Foundation

/// Work started on a thread of its own, and waited for later: the sitemap while pages render,
/// the JSON files while the site builds.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the work before it signals `done`, read only after `value()` has seen that signal.
    private var result: Result<Value, any Error>?

    /// Starts `work`.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        // Deep enough for the renderer's iterative walks and the encoders' recursion.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end; returns its value or rethrows what it threw. Call it once.
    public func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
