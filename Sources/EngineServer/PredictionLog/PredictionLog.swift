import AsyncAlgorithms
import Logging
import PlayerStore
import ServiceLifecycle

/// Records the targets and messages shown to players in the engine's prediction log, off the
/// request path: `record` only queues (a few hundred nanoseconds); the service writes what is
/// queued in batches — up to `batchSize` rows a statement, at least every `flushInterval` — and
/// on graceful shutdown writes everything still queued before it returns.
///
/// The queue holds at most `capacity` records; past that (a database down for long) new records
/// are counted as dropped rather than growing without bound. A batch the database refuses is
/// logged and counted as failed.
public final class PredictionLog: Service, Sendable {
    private let pool: DatabasePool
    private let metrics: EngineMetrics
    private let logger: Logger
    private let batchSize: Int
    private let flushInterval: Duration
    private let stream: AsyncStream<PredictionRecord>
    private let continuation: AsyncStream<PredictionRecord>.Continuation

    /// A log writing through `pool`.
    public init(
        pool: DatabasePool, metrics: EngineMetrics, logger: Logger, capacity: Int = 100_000, batchSize: Int = 500,
        flushInterval: Duration = .milliseconds(200)
    ) {
        self.pool = pool
        self.metrics = metrics
        self.logger = logger
        self.batchSize = batchSize
        self.flushInterval = flushInterval
        (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Queues `record` for writing.
    public func record(_ record: PredictionRecord) {
        if case .enqueued = continuation.yield(record) {
            metrics.recordPredictionLog("queued")
        } else {
            metrics.recordPredictionLog("dropped")
        }
    }

    /// Creates the engine's tables if needed, then writes batches until graceful shutdown, and
    /// then what is left.
    public func run() async throws {
        do {
            try await pool.withDatabase { db in try await EngineSchema.migrate(on: db) }
        } catch {
            logger.error("the prediction log cannot prepare its table; writes will be retried per batch", metadata: ["error": "\(error)"])
        }
        try await withGracefulShutdownHandler {
            for await batch in stream.chunks(ofCount: batchSize, or: .repeating(every: flushInterval)) {
                await write(batch)
            }
        } onGracefulShutdown: {
            self.continuation.finish()
        }
    }

    private func write(_ batch: [PredictionRecord]) async {
        do {
            try await pool.withDatabase { db in try await PredictionRecord.insert(batch, on: db) }
            metrics.recordPredictionLog("written", count: batch.count)
        } catch {
            metrics.recordPredictionLog("failed", count: batch.count)
            logger.error("prediction log batch not written", metadata: ["records": "\(batch.count)", "error": "\(error)"])
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
