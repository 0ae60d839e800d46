import Foundation
import SQLKit

extension ExposureOutcomeQuery {
    /// The engine schema version that added the experiment columns to the exposure log.
    static let experimentSchemaVersion = 3

    /// The experiments with at least one exposure, by name.
    /// - Throws: `ExposureLogError` when the engine's tables are missing or too old.
    public func experiments() async throws -> [String] {
        try await checkLog()
        return try await rows(
            "SELECT DISTINCT experiment FROM engine_predictions WHERE experiment IS NOT NULL ORDER BY experiment"
        ).map { try $0.decode(column: "experiment", as: String.self) }
    }

    /// The data's clock: the latest workout or exposure in the database (the report's default
    /// "as of", so that an old copy of the data is reported as of its own last day); nil when
    /// both tables are empty.
    /// - Throws: `ExposureLogError` when the engine's tables are missing or too old;
    ///   `DatabaseError.missingSchema` when the workouts are.
    public func dataClock() async throws -> Date? {
        try await checkLog()
        let workouts = SQLDialectPieces.milliseconds(#"MAX("createdAt")"#, backend)
        let exposures = SQLDialectPieces.milliseconds("MAX(created_at)", backend)
        let latest = try await rows(
            """
            SELECT MAX(latest_ms) AS latest_ms FROM (
                SELECT \(unsafeRaw: workouts) AS latest_ms FROM "Workouts"
                UNION ALL SELECT \(unsafeRaw: exposures) AS latest_ms FROM engine_predictions
            ) latest
            """
        ).first?.decode(column: "latest_ms", as: Int64?.self)
        return latest.map { Date(timeIntervalSince1970: Double($0) / 1_000) }
    }

    /// Checks that the engine's tables exist and have the experiment columns.
    /// - Throws: `ExposureLogError`.
    func requireExposureLog() async throws {
        let version: Int?
        do {
            version = try await database.raw("SELECT MAX(version) AS version FROM engine_migrations").first()?
                .decode(column: "version", as: Int?.self)
        } catch {
            let described = SchemaErrors.describe(error)
            if case DatabaseError.missingSchema = described { throw ExposureLogError.missingEngineTables }
            throw described
        }
        guard let version, version >= Self.experimentSchemaVersion else {
            throw ExposureLogError.outdatedEngineTables(version: version ?? 0, needed: Self.experimentSchemaVersion)
        }
    }

    /// Runs a query, turning a missing table or column into `DatabaseError.missingSchema`.
    private func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await PlayerQueries(database).run(query)
    }
}
