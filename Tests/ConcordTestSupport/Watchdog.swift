import Foundation

/// Runs work that must finish in bounded time, for tests of inputs that once took minutes or
/// gigabytes: the work runs on a thread of its own, and the test gets `nil` if it is not done
/// within `seconds` (generous, so a slow shared machine never fails it; the thread is left to
/// finish or die with the test process).
public func finished<T: Sendable>(within seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
    let box = WatchdogBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.set(work())
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return box.get()
}

/// The result of watched work, handed from its thread to the test.
private final class WatchdogBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    func set(_ newValue: T) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func get() -> T? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
