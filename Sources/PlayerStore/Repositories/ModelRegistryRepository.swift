import MotivationEngine

/// Where a serving process reads the published models, apart from how they are stored: the
/// seam between the service's model source and SQL. `PooledModelRegistry` reads `engine_models`.
public protocol ModelRegistryRepository: Sendable {
    /// The ids of the active models, sorted (cheap: no bodies).
    /// - Throws: `ModelRegistryError.notMigrated`, `DatabaseError` when the registry cannot be read.
    func activeIds() async throws -> [String]

    /// The active models, decoded and checked.
    /// - Throws: `ModelFileError` naming a model whose body does not decode,
    ///   `ModelRegistryError.empty` when none is active, `DatabaseError`.
    func activeModels() async throws -> [SegmentModel]
}

/// The model registry of a database, through the pool.
public struct PooledModelRegistry: ModelRegistryRepository {
    /// The pool the queries borrow connections from.
    public let pool: DatabasePool

    /// The registry of `pool`'s database.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Reads the active ids.
    public func activeIds() async throws -> [String] {
        try await pool.withDatabase { try await ModelRegistryQuery($0).activeIds() }
    }

    /// Reads and decodes the active models.
    public func activeModels() async throws -> [SegmentModel] {
        try await pool.withDatabase { try await ModelRegistryQuery($0).activeModels() }
    }
}
