import Foundation
import SQLKit

/// The engine's own tables, kept apart from the application's: a migration log, the model
/// registry's metadata, the prediction (exposure) log, experiment assignments and message events. Migrations are versioned and
/// re-runnable: each runs once, in order, and is recorded in `engine_migrations`.
public enum EngineSchema {
    /// One migration: a version, a name and its statements (the same SQL for both databases).
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: @Sendable (_ postgres: Bool) -> [String]
    }

    static let migrations: [Migration] = [
        Migration(version: 1, name: "model registry, prediction log, message events") { postgres in
            let timestamp = postgres ? "TIMESTAMPTZ" : "TEXT"
            let key = postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
            return [
                """
                CREATE TABLE IF NOT EXISTS engine_models (id TEXT PRIMARY KEY, game_mode TEXT NOT NULL, \
                difficulty INTEGER NOT NULL, duration_minutes INTEGER NOT NULL, trained_at \(timestamp) NOT NULL, \
                engine_version TEXT NOT NULL, players INTEGER NOT NULL, model_json TEXT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS engine_predictions (id \(key), created_at \(timestamp) NOT NULL, \
                user_id TEXT, model_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, cluster INTEGER NOT NULL, \
                next_target DOUBLE PRECISION NOT NULL, status TEXT NOT NULL, target_policy TEXT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS engine_message_events (id \(key), created_at \(timestamp) NOT NULL, \
                user_id TEXT, model_id TEXT NOT NULL, event TEXT NOT NULL, status TEXT)
                """,
                "CREATE INDEX IF NOT EXISTS engine_predictions_user ON engine_predictions (user_id, created_at)",
            ]
        },
        Migration(version: 2, name: "prediction log: segment, target percentile, message, language, route") { _ in
            [
                "ALTER TABLE engine_predictions ADD COLUMN game_mode TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN difficulty INTEGER",
                "ALTER TABLE engine_predictions ADD COLUMN duration_minutes INTEGER",
                "ALTER TABLE engine_predictions ADD COLUMN next_target_percentile DOUBLE PRECISION",
                "ALTER TABLE engine_predictions ADD COLUMN message TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN language TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN route TEXT",
            ]
        },
        Migration(version: 3, name: "exposure log: cluster label, target source, template, experiment arm; assignments") { postgres in
            [
                "ALTER TABLE engine_predictions ADD COLUMN cluster_label TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN target_source TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN target_shown \(postgres ? "BOOLEAN" : "INTEGER")",
                "ALTER TABLE engine_predictions ADD COLUMN template_id TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN experiment TEXT",
                "ALTER TABLE engine_predictions ADD COLUMN arm TEXT",
                "CREATE INDEX IF NOT EXISTS engine_predictions_experiment ON engine_predictions (experiment, user_id, created_at)",
                """
                CREATE TABLE IF NOT EXISTS engine_experiment_assignments (experiment TEXT NOT NULL, user_id TEXT NOT NULL, \
                arm TEXT NOT NULL, assigned_at \(postgres ? "TIMESTAMPTZ" : "TEXT") NOT NULL, PRIMARY KEY (experiment, user_id))
                """,
            ]
        },
        Migration(version: 4, name: "exposure log: record ids, so that a retried batch is stored once") { _ in
            [
                "ALTER TABLE engine_predictions ADD COLUMN record_id TEXT",
                "CREATE UNIQUE INDEX IF NOT EXISTS engine_predictions_record ON engine_predictions (record_id)",
            ]
        },
        Migration(version: 5, name: "model registry: format, publication, the active version of each segment") { postgres in
            let timestamp = postgres ? "TIMESTAMPTZ" : "TEXT"
            return [
                "ALTER TABLE engine_models ADD COLUMN format INTEGER",
                "ALTER TABLE engine_models ADD COLUMN published_at \(timestamp)",
                "ALTER TABLE engine_models ADD COLUMN active \(postgres ? "BOOLEAN NOT NULL DEFAULT FALSE" : "INTEGER NOT NULL DEFAULT 0")",
                "ALTER TABLE engine_models ADD COLUMN activated_at \(timestamp)",
                // At most one active model per segment, whatever two publishers do at once.
                "CREATE UNIQUE INDEX IF NOT EXISTS engine_models_active ON engine_models (game_mode, difficulty, duration_minutes) WHERE active",
            ]
        },
    ]

    /// The latest migration version this engine knows.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Runs every migration not yet recorded, in order; returns the versions it applied.
    ///
    /// A database already at the latest version is only read (`SELECT` on `engine_migrations`),
    /// so a role without `CREATE` (the service's, `docs/deploy.md`) may call this at start.
    @discardableResult
    public static func migrate(on database: any SQLDatabase) async throws -> [Int] {
        if let applied = try? await appliedVersions(database), applied.isSuperset(of: migrations.map(\.version)) {
            return []
        }
        let postgres = SQLBackend(database) == .postgresql
        try await database.raw(
            SQLQueryString(
                "CREATE TABLE IF NOT EXISTS engine_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "applied_at \(postgres ? "TIMESTAMPTZ" : "TEXT") NOT NULL)")
        ).run()
        let applied = try await appliedVersions(database)
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            for statement in migration.statements(postgres) {
                try await database.raw(SQLQueryString(statement)).run()
            }
            let now = ISO8601DateFormatter().string(from: Date())
            let time: SQLQueryString = postgres ? "\(bind: now)::timestamptz" : "\(bind: now)"
            try await database.raw(
                "INSERT INTO engine_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), "
                    + time + ")"
            ).run()
            done.append(migration.version)
        }
        return done
    }

    /// The versions recorded in `engine_migrations`.
    private static func appliedVersions(_ database: any SQLDatabase) async throws -> Set<Int> {
        Set(
            try await database.raw("SELECT version FROM engine_migrations").all().map {
                try $0.decode(column: "version", as: Int.self)
            })
    }
}
