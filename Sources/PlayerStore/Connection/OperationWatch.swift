import NIOCore
import Synchronization

/// One look every `interval` at all the units of database work a pool has under way: those past
/// their deadline, or whose connection has been closed at two looks in a row, are interrupted.
/// One repeated timer for the whole pool, rather than one per unit of work, keeps the guard off
/// the hot path (adding and removing an entry is a dictionary operation under a lock).
final class OperationWatch: Sendable {
    private struct Entry {
        let until: NIODeadline
        let deadline: Duration
        let isClosed: @Sendable () -> Bool
        var closedBefore = false
        let interrupt: @Sendable (GuardedOperation.Interruption) -> Void
    }

    private struct State {
        var nextID: UInt64 = 0
        var entries: [UInt64: Entry] = [:]
    }

    private let state = Mutex(State())
    private let timer = Mutex<RepeatedTask?>(nil)

    /// Starts looking every `interval` on `eventLoop`, until `stop()`.
    init(on eventLoop: any EventLoop, interval: TimeAmount = .milliseconds(100)) {
        let task = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in self?.look() }
        timer.withLock { $0 = task }
    }

    /// Watches a unit of work; returns its ticket for `remove`.
    func add(
        deadline: Duration, isClosed: @escaping @Sendable () -> Bool,
        interrupt: @escaping @Sendable (GuardedOperation.Interruption) -> Void
    ) -> UInt64 {
        let until = NIODeadline.now() + TimeAmount.nanoseconds(Int64(deadline / .nanoseconds(1)))
        return state.withLock { state in
            state.nextID &+= 1
            state.entries[state.nextID] = Entry(until: until, deadline: deadline, isClosed: isClosed, interrupt: interrupt)
            return state.nextID
        }
    }

    /// Stops watching a unit of work (it was answered).
    func remove(_ ticket: UInt64) {
        _ = state.withLock { $0.entries.removeValue(forKey: ticket) }
    }

    /// Units of work being watched.
    var count: Int { state.withLock { $0.entries.count } }

    /// Stops the timer (the pool shuts down).
    func stop() {
        timer.withLock { $0?.cancel() }
    }

    private func look() {
        let now = NIODeadline.now()
        let due: [(@Sendable (GuardedOperation.Interruption) -> Void, GuardedOperation.Interruption)] = state.withLock { state in
            var due: [(@Sendable (GuardedOperation.Interruption) -> Void, GuardedOperation.Interruption)] = []
            for (ticket, var entry) in state.entries {
                let closed = entry.isClosed()
                if closed && entry.closedBefore {
                    due.append((entry.interrupt, .connectionClosed))
                } else if now >= entry.until {
                    due.append((entry.interrupt, .deadline(entry.deadline)))
                } else {
                    entry.closedBefore = closed
                    state.entries[ticket] = entry
                    continue
                }
                state.entries[ticket] = nil
            }
            return due
        }
        for (interrupt, interruption) in due { interrupt(interruption) }
    }
}
