import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import PlayerStore

// Timings are loose on purpose: `swift test` runs CPU-bound suites beside these on two cores,
// which can delay a task by seconds. What is checked is the order of events (answered by the
// work, by the deadline, by the closed connection) and that nothing waits forever (time limit).
@Suite("GuardedOperation", .timeLimit(.minutes(1)))
struct GuardedOperationTests {
    let loop = MultiThreadedEventLoopGroup.singleton.next()

    /// Counts how often the guard's two hooks ran.
    final class Hooks: Sendable {
        let interrupted = Mutex<[GuardedOperation.Interruption]>([])
        let finishedCount = Atomic<Int>(0)
        let workCancelled = Atomic<Bool>(false)

        var finished: Int { finishedCount.load(ordering: .relaxed) }
        var interruptions: [GuardedOperation.Interruption] { interrupted.withLock { $0 } }
    }

    func run<Result: Sendable>(
        deadline: Duration = .seconds(60), closed: @escaping @Sendable () -> Bool = { false },
        every interval: TimeAmount = .milliseconds(100), hooks: Hooks,
        _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let watch = OperationWatch(on: loop, interval: interval)
        defer { watch.stop() }
        return try await GuardedOperation.run(
            deadline: deadline, watch: watch, isClosed: closed,
            interrupted: { interruption in hooks.interrupted.withLock { $0.append(interruption) } },
            finished: { hooks.finishedCount.add(1, ordering: .relaxed) }, work)
    }

    /// Work that never ends and ignores cancellation, as a query whose promise is never completed.
    static func never() async -> Int {
        await withCheckedContinuation { (_: CheckedContinuation<Int, Never>) in }
    }

    @Test("the work's result comes back, the connection is given back once, nothing is interrupted")
    func result() async throws {
        let hooks = Hooks()
        #expect(try await run(hooks: hooks) { 42 } == 42)
        #expect(hooks.finished == 1)
        #expect(hooks.interruptions.isEmpty)
    }

    @Test("the work's own error comes back unchanged")
    func workError() async throws {
        let hooks = Hooks()
        await #expect(throws: DatabaseError.unknownUser("3")) {
            try await run(hooks: hooks) { () async throws -> Int in throw DatabaseError.unknownUser("3") }
        }
        #expect(hooks.finished == 1)
    }

    @Test("work that never ends is answered at the deadline, and only the interruption hook runs")
    func deadline() async throws {
        let hooks = Hooks()
        let started = ContinuousClock.now
        await #expect(throws: GuardedOperation.Interruption.deadline(.milliseconds(300))) {
            try await run(deadline: .milliseconds(300), hooks: hooks) { await Self.never() }
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(20), "answered after \(elapsed)")
        #expect(hooks.interruptions == [.deadline(.milliseconds(300))])
        #expect(hooks.finished == 0)
    }

    @Test("work on a connection that is closed is answered after two checks, long before the deadline")
    func closedConnection() async throws {
        let hooks = Hooks()
        let started = ContinuousClock.now
        await #expect(throws: GuardedOperation.Interruption.connectionClosed) {
            try await run(deadline: .seconds(60), closed: { true }, hooks: hooks) { await Self.never() }
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(hooks.interruptions == [.connectionClosed])
    }

    @Test("a closed connection does not cut off work that ends on its own (the driver's error wins)")
    func closedButAnswered() async throws {
        let hooks = Hooks()
        await #expect(throws: DatabaseError.unreachable("x", reason: "lost")) {
            // The watch looks after 2 s: time enough for the work's own answer even on a loaded machine.
            try await run(closed: { true }, every: .seconds(2), hooks: hooks) { () async throws -> Int in
                throw DatabaseError.unreachable("x", reason: "lost")
            }
        }
        #expect(hooks.interruptions.isEmpty)
    }

    @Test("cancelling the caller answers it at once and cancels the work")
    func cancellation() async throws {
        let hooks = Hooks()
        let caller = Task {
            try await run(hooks: hooks) { () async throws -> Int in
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    hooks.workCancelled.store(true, ordering: .relaxed)
                    throw error
                }
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(ContinuousClock.now - started < .seconds(20))
        while hooks.finished == 0 { try await Task.sleep(for: .milliseconds(20)) }
        let workCancelled = hooks.workCancelled.load(ordering: .relaxed)
        #expect(workCancelled)
        #expect(hooks.finished == 1)
    }
}

@Suite("OperationWatch", .timeLimit(.minutes(1)))
struct OperationWatchTests {
    @Test("work answered is no longer watched; work past its deadline is interrupted once and dropped")
    func entries() async throws {
        let watch = OperationWatch(on: MultiThreadedEventLoopGroup.singleton.next(), interval: .milliseconds(20))
        defer { watch.stop() }
        let interruptions = Mutex<[GuardedOperation.Interruption]>([])
        let answered = watch.add(deadline: .seconds(60), isClosed: { false }) { _ in Issue.record("answered work interrupted") }
        watch.remove(answered)
        _ = watch.add(deadline: .milliseconds(50), isClosed: { false }) { interruption in
            interruptions.withLock { $0.append(interruption) }
        }
        while watch.count > 0 { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(interruptions.withLock { $0 } == [.deadline(.milliseconds(50))])
    }
}
