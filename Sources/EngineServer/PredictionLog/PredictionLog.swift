import AsyncAlgorithms
import Logging
import PlayerStore
import ServiceLifecycle
import Synchronization

/// Records the targets and messages shown to players in the engine's prediction (exposure)
/// log, off the request path: `record` only queues (a few hundred nanoseconds); the service
/// writes what is queued in batches — up to `batchSize` rows a statement, at least every
/// `flushInterval`.
///
/// Nothing it was given is lost while the queue holds:
/// - a batch the database refuses (an outage, a lost connection) is written again, after
///   `retry`'s growing pauses, until it is stored; records carry their own ids, so a batch
///   whose commit was cut off is not stored twice;
/// - while a batch waits, new records wait in the queue, which holds at most `capacity`
///   records; past that (a database down for long) new records are dropped, counted
///   (`dropped`) and logged at most every 10 s with how many were dropped so far;
/// - on graceful shutdown it writes what is queued, retrying for at most `shutdownGrace`, and
///   then returns anyway, logging how many records could not be written (counted `lost`). If
///   its task is cancelled (the service group's own limit) it does the same.
public final class PredictionLog: Service, Sendable {
    private let pool: DatabasePool
    private let metrics: EngineMetrics
    private let logger: Logger
    private let batchSize: Int
    private let flushInterval: Duration
    private let retry: RetryPolicy
    private let shutdownGrace: Duration
    private let stream: AsyncStream<PredictionRecord>
    private let continuation: AsyncStream<PredictionRecord>.Continuation
    /// Records queued and not yet written or given up.
    private let waiting = Atomic<Int>(0)
    private let drops = DropReport()
    private let migrated = Atomic<Bool>(false)
    private let clock = ContinuousClock()
    /// When the drain must end: set at graceful shutdown.
    private let drainDeadline = Mutex<ContinuousClock.Instant?>(nil)

    /// A log writing through `pool`.
    public init(
        pool: DatabasePool, metrics: EngineMetrics, logger: Logger, capacity: Int = 100_000, batchSize: Int = 500,
        flushInterval: Duration = .milliseconds(200), retry: RetryPolicy = RetryPolicy(), shutdownGrace: Duration = .seconds(10)
    ) {
        self.pool = pool
        self.metrics = metrics
        self.logger = logger
        self.batchSize = batchSize
        self.flushInterval = flushInterval
        self.retry = retry
        self.shutdownGrace = shutdownGrace
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Queues `record` for writing.
    public func record(_ record: PredictionRecord) {
        if case .enqueued = continuation.yield(record) {
            waiting.add(1, ordering: .relaxed)
            metrics.recordPredictionLog("queued")
        } else {
            metrics.recordPredictionLog("dropped")
            if let dropped = drops.dropped() {
                logger.error(
                    "the prediction log's queue is full: new exposure records are dropped until the database takes the waiting ones",
                    metadata: ["dropped_so_far": "\(dropped)", "waiting": "\(waiting.load(ordering: .relaxed))"])
            }
        }
    }

    /// Records queued and not yet written or given up.
    public var waitingRecords: Int { waiting.load(ordering: .relaxed) }

    /// Writes batches until graceful shutdown, then what is left (see the type's description).
    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.writeUntilDrained() }
            // The drain's hard limit: a write that hangs is cancelled when the grace period ends.
            group.addTask {
                guard (try? await gracefulShutdown()) != nil else { return }
                try? await Task.sleep(for: self.shutdownGrace)
            }
            await group.next()
            group.cancelAll()
        }
        let lost = waiting.exchange(0, ordering: .relaxed)
        if lost > 0 {
            metrics.recordPredictionLog("lost", count: lost)
            logger.error(
                "the prediction log stopped with exposure records it could not write",
                metadata: ["lost": "\(lost)", "grace": "\(shutdownGrace)"])
        }
    }

    /// Writes batches as they come; at graceful shutdown the queue is closed, so this returns
    /// once what was queued is written (or given up).
    private func writeUntilDrained() async {
        do {
            try await migrate()
        } catch {
            logger.error("the prediction log cannot prepare its tables yet; the first batch tries again", metadata: ["error": "\(error)"])
        }
        await withGracefulShutdownHandler {
            for await batch in stream.chunks(ofCount: batchSize, or: .repeating(every: flushInterval)) {
                guard await write(batch) else { break }
            }
        } onGracefulShutdown: {
            self.drainDeadline.withLock { $0 = self.clock.now + self.shutdownGrace }
            self.continuation.finish()
        }
    }

    /// Writes `batch`, again and again after failures, until it is stored; returns false when it
    /// had to give up (the drain's deadline passed, or the task was cancelled).
    private func write(_ batch: [PredictionRecord]) async -> Bool {
        var attempt = 0
        while true {
            do {
                try await insert(batch)
                waiting.subtract(batch.count, ordering: .relaxed)
                metrics.recordPredictionLog("written", count: batch.count)
                if attempt > 0 {
                    logger.notice(
                        "prediction log batch written after retrying",
                        metadata: ["records": "\(batch.count)", "attempts": "\(attempt + 1)"])
                }
                return true
            } catch {
                attempt += 1
                metrics.recordPredictionLog("failed", count: batch.count)
                let pause = retry.pause(after: attempt)
                logger.error(
                    "prediction log batch not written; retrying",
                    metadata: ["records": "\(batch.count)", "attempt": "\(attempt)", "retry_in": "\(pause)", "error": "\(error)"])
                guard mayRetry(after: pause) else { return false }
                do { try await Task.sleep(for: pause) } catch { return false }
            }
        }
    }

    /// Creates or upgrades the engine's tables (at start, so that the retention report finds
    /// them before the first exposure), unless that has worked already.
    private func migrate() async throws {
        guard !migrated.load(ordering: .relaxed) else { return }
        try await pool.withDatabase { db in _ = try await EngineSchema.migrate(on: db) }
        migrated.store(true, ordering: .relaxed)
    }

    /// Inserts `batch`, creating the engine's tables first if that has not worked yet.
    private func insert(_ batch: [PredictionRecord]) async throws {
        try await migrate()
        try await pool.withDatabase { db in try await PredictionRecord.insert(batch, on: db) }
    }

    /// Whether another attempt, `pause` from now, still fits before the drain's deadline.
    private func mayRetry(after pause: Duration) -> Bool {
        guard !Task.isCancelled else { return false }
        guard let deadline = drainDeadline.withLock({ $0 }) else { return true }
        return clock.now + pause < deadline
    }
}

/// The pauses between attempts to write a batch: `first`, doubling up to `longest`, each
/// shortened by up to a fifth at random so that replicas do not retry in step.
public struct RetryPolicy: Sendable {
    /// The pause before the first retry.
    public var first: Duration
    /// The longest pause the doubling reaches.
    public var longest: Duration

    /// A policy from `first` doubling up to `longest`.
    public init(first: Duration = .milliseconds(100), longest: Duration = .seconds(5)) {
        self.first = first
        self.longest = longest
    }

    /// The pause after the `attempt`-th failure (1 for the first).
    func pause(after attempt: Int) -> Duration {
        let doubled = first * (1 << min(attempt - 1, 20))
        let pause = min(doubled, longest)
        return pause * Double.random(in: 0.8...1.0)
    }
}

/// Counts dropped records and says when to log about them: the first drop, then at most every
/// 10 seconds.
private final class DropReport: Sendable {
    private struct State {
        var dropped = 0
        var lastLogged: ContinuousClock.Instant?
    }
    private let state = Mutex(State())
    private let clock = ContinuousClock()

    /// Counts one drop; returns the count so far when it is time to log.
    func dropped() -> Int? {
        let now = clock.now
        return state.withLock { state in
            state.dropped += 1
            if let last = state.lastLogged, now - last < .seconds(10) { return nil }
            state.lastLogged = now
            return state.dropped
        }
    }
}

/// Keeps the database pool for the length of the service and closes it on shutdown (after the
/// server and the prediction log, which are shut down first).
struct DatabasePoolService: Service {
    let pool: DatabasePool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
    }
}
