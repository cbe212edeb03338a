import Foundation

/// Work started on a thread of its own, and waited for later: the sitemap while pages render,
/// the JSON files while the site builds, the FAQ pages while the articles load. Work that
/// cannot fail (`Failure` is `Never`) gives its value without `try`.
public final class BackgroundWork<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the work before it signals `done`, read only after `value()` has seen that signal.
    private var result: Result<Value, Failure>?

    /// Starts `work`.
    public init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        let thread = Thread { [self] in
            do throws(Failure) {
                result = .success(try work())
            } catch {
                result = .failure(error)
            }
            done.signal()
        }
        // Deep enough for the renderer's iterative walks and the encoders' recursion.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work to end; returns its value or rethrows what it threw (at once, after
    /// the first call).
    public func value() throws(Failure) -> Value {
        done.wait()
        // For the next call: the result is written for good.
        done.signal()
        return try result!.get()
    }
}
