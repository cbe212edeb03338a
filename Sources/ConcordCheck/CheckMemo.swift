import Foundation

/// Values computed at most once per check run and shared by every rule: file indexes, source
/// hashes, answers from git.
///
/// A class so that every copy of a ``CheckContext`` shares it; rules run in parallel, so each key
/// has its own lock and a slow value (a git call) does not hold up the others.
public final class CheckMemo: @unchecked Sendable {
    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var value: (any Sendable)?
    }

    /// Wraps each value so that a stored `nil` (an optional value) reads back as stored, not as absent.
    private struct Box<T: Sendable>: Sendable {
        var value: T
    }

    private let lock = NSLock()
    private var slots: [String: Slot] = [:]

    /// Creates an empty memo.
    public init() {}

    /// The value stored under `key`, made with `make` the first time it is asked for.
    ///
    /// Two keys must not hold values of different types; the key names the value's kind and
    /// its inputs (`"source-hash:en-US/a.md"`).
    public func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        let slot: Slot
        if let existing = slots[key] {
            slot = existing
        } else {
            slot = Slot()
            slots[key] = slot
        }
        lock.unlock()

        slot.lock.lock()
        defer { slot.lock.unlock() }
        if let box = slot.value as? Box<T> { return box.value }
        let value = make()
        slot.value = Box(value: value)
        return value
    }
}
