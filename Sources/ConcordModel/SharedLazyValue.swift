import Foundation

/// One value made on first use and shared by every copy of its owner; safe to ask for from
/// several threads (the first caller makes it, the others wait for it).
public final class SharedLazyValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?

    /// An empty slot.
    public init() {}

    /// The value, made by `make` if no caller made it yet.
    public func value(_ make: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
