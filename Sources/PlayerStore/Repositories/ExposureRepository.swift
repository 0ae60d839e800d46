import MotivationEngine

/// Where reports read the exposure log, apart from how it is stored: the seam between the report
/// route, the dashboard and SQL. `PooledExposureRepository` reads the engine's tables.
public protocol ExposureRepository: Sendable {
    /// The experiments the exposure log names, sorted.
    /// - Throws: `DatabaseError` when the log cannot be read.
    func experiments() async throws -> [String]

    /// Runs `body` with the exposure outcomes, the log checked once before.
    /// - Throws: `ExposureLogError` for a log that is missing or malformed, `DatabaseError` when it
    ///   cannot be read, or what `body` throws.
    func withOutcomes<Result: Sendable>(
        _ body: @escaping @Sendable (any ExposureOutcomeSource) async throws -> Result
    ) async throws -> Result
}

/// The exposure repository of a database, through the pool.
public struct PooledExposureRepository: ExposureRepository {
    /// The pool the queries borrow connections from.
    public let pool: DatabasePool

    /// The repository of `pool`'s database.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Reads the experiment names of the exposure log.
    public func experiments() async throws -> [String] {
        try await pool.withDatabase { try await ExposureOutcomeQuery($0).experiments() }
    }

    /// Lends a pooled connection's exposure outcomes, the log checked once, to `body`.
    public func withOutcomes<Result: Sendable>(
        _ body: @escaping @Sendable (any ExposureOutcomeSource) async throws -> Result
    ) async throws -> Result {
        try await pool.withDatabase { db in try await body(try await ExposureOutcomeQuery.verified(db)) }
    }
}
