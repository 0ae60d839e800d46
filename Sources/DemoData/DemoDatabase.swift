import PlayerStore
import SQLKit

/// Writes a demo database: the Sphery application's four tables filled by
/// ``DemoDataGenerator``, on SQLite or PostgreSQL.
public enum DemoDatabase {
    /// The application's tables, children first (the order to drop them in).
    static let tablesChildrenFirst = ["RaceConfigs", "Workouts", "HealthData", "Users"]

    /// Creates the application schema and fills it with `users` synthetic users and their
    /// health data, workouts and race configurations, deterministically for `seed`.
    ///
    /// Everything happens in one transaction, so the database ends up either complete or as it
    /// was. On SQLite, rows go in multi-row `INSERT`s of `rowsPerStatement` rows (fewer when
    /// SQLite's bound-parameter limit requires); on PostgreSQL, as column arrays through
    /// `unnest`, at least 5000 rows a statement.
    /// - Parameters:
    ///   - replace: drop and recreate the four application tables first. Without it, a database
    ///     that already has users or workouts is refused.
    ///   - progress: called after every statement with the rows written so far.
    /// - Returns: the rows written.
    /// - Throws: ``DemoDataError/databaseNotEmpty(users:workouts:)`` when the database already
    ///   has Sphery data and `replace` is false; ``DemoDataError/invalidUserCount(_:)``; the
    ///   database's errors.
    @discardableResult
    public static func write(
        to database: any SQLDatabase, users: Int = DemoDataGenerator.defaultUsers,
        seed: UInt64 = DemoDataGenerator.defaultSeed, replace: Bool = false,
        rowsPerStatement: Int = 500, progress: (DemoProgress) -> Void = { _ in }
    ) async throws -> DemoPlan {
        guard users >= 1 else { throw DemoDataError.invalidUserCount(users) }
        if !replace, let existing = try await existingRows(in: database), existing.users > 0 || existing.workouts > 0 {
            throw DemoDataError.databaseNotEmpty(users: existing.users, workouts: existing.workouts)
        }
        let generator = DemoDataGenerator(users: users, seed: seed, usersPerBatch: 2_000)
        var state = DemoProgress(rowsWritten: 0, usersWritten: 0, workoutsWritten: 0, plan: generator.plan())

        try await database.raw("BEGIN").run()
        do {
            if replace {
                for table in tablesChildrenFirst {
                    try await database.raw("DROP TABLE IF EXISTS \(ident: table)").run()
                }
            }
            try await ApplicationSchema.create(on: database)
            progress(state)
            for batch in generator {
                try await insert(batch.users, into: database, rowsPerStatement: rowsPerStatement) {
                    state.rowsWritten += $0; progress(state)
                }
                try await insert(batch.healthData, into: database, rowsPerStatement: rowsPerStatement) {
                    state.rowsWritten += $0; progress(state)
                }
                try await insert(batch.workouts, into: database, rowsPerStatement: rowsPerStatement) {
                    state.rowsWritten += $0; progress(state)
                }
                try await insert(batch.raceConfigs, into: database, rowsPerStatement: rowsPerStatement) {
                    state.rowsWritten += $0; progress(state)
                }
                state.usersWritten += batch.users.count
                state.workoutsWritten += batch.workouts.count
                progress(state)
            }
            try await database.raw("COMMIT").run()
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
        return state.plan
    }

    /// Inserts `rows` in multi-row statements; `written` hears how many rows each one wrote.
    static func insert<Row: DemoInsertable>(
        _ rows: [Row], into database: any SQLDatabase, rowsPerStatement: Int, written: (Int) -> Void = { _ in }
    ) async throws {
        // PostgreSQL takes whole columns as arrays (no bound-parameter limit, far faster);
        // SQLite takes multi-row VALUES lists within its bound-parameter limit.
        let postgres = SQLBackend(database) == .postgresql
        let step = postgres ? max(rowsPerStatement, 5_000) : DemoInsert<Row>.rowsPerStatement(preferred: rowsPerStatement)
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + step, rows.endIndex)
            if postgres {
                try await database.execute(sql: DemoArrayInsert(rows: rows[start..<end])) { _ in }
            } else {
                try await database.execute(sql: DemoInsert(rows: rows[start..<end])) { _ in }
            }
            written(end - start)
            start = end
        }
    }

    /// The users and workouts already in the database, or `nil` when it has no Sphery tables.
    static func existingRows(in database: any SQLDatabase) async throws -> (users: Int, workouts: Int)? {
        guard try await tableExists("Users", in: database) else { return nil }
        let users = try await count("Users", in: database)
        let workouts = try await tableExists("Workouts", in: database) ? try await count("Workouts", in: database) : 0
        return (users, workouts)
    }

    private static func tableExists(_ table: String, in database: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString =
            SQLBackend(database) == .postgresql
            ? "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: table)"
            : "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)"
        return try await database.raw(query).first() != nil
    }

    private static func count(_ table: String, in database: any SQLDatabase) async throws -> Int {
        guard let row = try await database.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first() else { return 0 }
        return try row.decode(column: "n", as: Int.self)
    }
}
