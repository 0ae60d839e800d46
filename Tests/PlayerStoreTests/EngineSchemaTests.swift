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

    /// The service's role may only read and write the engine's tables: once they are at the
    /// latest version, migrating again (as the service does at start) only reads.
    @Test func aMigratedDatabaseIsOnlyReadByMigrate() async throws {
        try await TestDatabases.with(.postgresql) { database in
            try await database.open { db in _ = try await EngineSchema.migrate(on: db) }
            #expect(try await database.openReadOnly { db in try await EngineSchema.migrate(on: db) } == [])
            // Before the owner migrated, the reader cannot: the error is the database's.
            try await database.open { db in try await db.raw("DELETE FROM engine_migrations WHERE version = 5").run() }
            await #expect(throws: (any Error).self) { try await database.openReadOnly { db in try await EngineSchema.migrate(on: db) } }
        }
    }
}
