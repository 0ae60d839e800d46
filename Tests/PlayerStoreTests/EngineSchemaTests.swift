import DatabaseTestSupport
import PlayerStore
import SQLKit
import Testing

@Suite("The engine's own tables")
struct EngineSchemaTests {
    @Test(arguments: TestDatabases.backends)
    func migrationsRunOnceAndLeaveTheApplicationTablesAlone(_ backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                #expect(try await EngineSchema.migrate(on: db) == Array(1...EngineSchema.latestVersion))
                #expect(EngineSchema.latestVersion == 5)
                #expect(try await EngineSchema.migrate(on: db) == [])  // re-runnable
                let versions = try await db.raw("SELECT version FROM engine_migrations").all()
                #expect(versions.count == EngineSchema.latestVersion)
                // No application table was created: reading one names what is missing.
                await #expect(throws: (any Error).self) { try await db.raw(#"SELECT id FROM "Users""#).all() }
            }
        }
    }
}
