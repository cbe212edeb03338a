import Foundation

/// Maps `items` on every core and hands each result to `consume` on the calling thread, in
/// order, as soon as it and every result before it are made: a streamed document is written
/// while later parts are still being made, and no core waits for a batch's slowest item.
///
/// At most `window` results are made ahead of the one `consume` waits for, which bounds memory.
/// When `consume` throws, no new item is started, the ones under way finish, and the error is
/// rethrown.
func parallelForEachInOrder<T: Sendable, R: Sendable>(
    _ items: [T], window: Int = 64, _ transform: @escaping @Sendable (T) -> R, consume: (R) throws -> Void
) rethrows {
    guard items.count > 1 else {
        for item in items { try consume(transform(item)) }
        return
    }
    let state = OrderedResults<R>(count: items.count)
    let permits = DispatchSemaphore(value: window)
    let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
    let group = DispatchGroup()
    for _ in 0..<workers {
        DispatchQueue.global().async(group: group) {
            while true {
                // A permit before an index: the item `consume` waits for always has one.
                permits.wait()
                guard let index = state.take() else { permits.signal(); return }
                state.put(transform(items[index]), at: index)
            }
        }
    }
    defer {
        state.stop()
        // Workers waiting for a permit wake, find nothing to take and end.
        for _ in 0..<workers { permits.signal() }
        group.wait()
    }
    for index in 0..<items.count {
        let result = state.wait(for: index)
        permits.signal()
        try consume(result)
    }
}

/// The shared state of ``parallelForEachInOrder(_:window:_:consume:)``: the next index to
/// take and the results made but not yet consumed.
private final class OrderedResults<R>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var next = 0
    private var stopped = false
    private var ready: [Int: R] = [:]

    init(count: Int) { self.count = count }

    /// Claims the next index; `nil` when none is left or the consumer stopped.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ result: R, at index: Int) {
        condition.lock()
        ready[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result at `index`, once it is made; it is handed over, not kept.
    func wait(for index: Int) -> R {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil { condition.wait() }
        return ready.removeValue(forKey: index)!
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.unlock()
    }
}
