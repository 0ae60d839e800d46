import MotivationEngine

/// What the routes, the dashboard and the command line read about players, apart from how it is
/// stored: the seam between them and SQL. `PlayerQueries` reads it on one open connection (the
/// command line), `PooledPlayerRepository` through the service's pool; a test may give an
/// in-memory one.
public protocol PlayerRepository: Sendable {
    /// A player's recent form in `segment`: the latest completed workout, personal best, the
    /// trend over the last `trendWorkouts` workouts and the window of the personal target.
    /// - Throws: `DatabaseError.unknownUser` for no such user, `.noWorkouts` when the user has no
    ///   completed workout in the segment; connection failures as `DatabaseError`.
    func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int, personal: PersonalTargetSettings
    ) async throws -> PlayerHistory

    /// Every segment with completed workouts and its size, largest first (`SegmentSummary.largerFirst`).
    /// - Throws: `DatabaseError` when the database cannot be read.
    func segments() async throws -> [SegmentSummary]

    /// Every completed workout of `segment`, by player and then time, as training reads them.
    /// - Throws: `DatabaseError` when the database cannot be read.
    func workouts(in segment: SegmentKey) async throws -> [PlayerRecord]
}

extension PlayerQueries: PlayerRepository {}

/// The player repository of a player database, through the pool: each read borrows a connection
/// and runs `PlayerQueries` on it.
public struct PooledPlayerRepository: PlayerRepository {
    /// The pool the queries borrow connections from.
    public let pool: DatabasePool

    /// The repository of `pool`'s database.
    public init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs the look-up on a pooled connection (a prepared statement on PostgreSQL).
    public func history(
        user: Int, in segment: SegmentKey, trendWorkouts: Int, personal: PersonalTargetSettings
    ) async throws -> PlayerHistory {
        try await pool.withQueries { queries in
            try await queries.history(user: user, in: segment, trendWorkouts: trendWorkouts, personal: personal)
        }
    }

    /// Reads the segments and their sizes on a pooled connection.
    public func segments() async throws -> [SegmentSummary] {
        try await pool.withQueries { try await $0.segments() }
    }

    /// Reads the segment's completed workouts on a pooled connection.
    public func workouts(in segment: SegmentKey) async throws -> [PlayerRecord] {
        try await pool.withQueries { try await $0.workouts(in: segment) }
    }
}
