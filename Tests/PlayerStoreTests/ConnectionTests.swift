import DatabaseTestSupport
import Foundation
import PlayerStore
import SQLKit
import Testing

@Suite("Opening the player database")
struct ConnectionTests {
    private struct Count: Decodable { let n: Int }

    private static func count(_ table: String, on db: any SQLDatabase) async throws -> Int {
        let row = try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: "\"\(table)\"")")).first(decoding: Count.self)
        return try #require(row).n
    }

    @Test("opens a fresh database, creates the Sphery tables and queries them", arguments: TestDatabases.backends)
    func openCreateAndQuery(backend: Backend) async throws {
        try await TestDatabases.with(backend) { database in
            try await database.open { db in
                try await ApplicationSchema.create(on: db)
                try await ApplicationSchema.create(on: db)  // IF NOT EXISTS: a second time is harmless
                try await db.raw(#"INSERT INTO "Users" (id, username) VALUES (1, 'ada')"#).run()
                struct User: Decodable { let id: Int; let username: String }
                let users = try await db.raw(#"SELECT id, username FROM "Users" ORDER BY id"#).all(decoding: User.self)
                #expect(users.map(\.username) == ["ada"])
                for table in ApplicationSchema.columns.keys.sorted() where table != "Users" {
                    #expect(try await Self.count(table, on: db) == 0, "\(table)")
                }
            }
            // The data outlives the connection: a second open sees it.
            let users = try await database.open { db in try await Self.count("Users", on: db) }
            #expect(users == 1)
        }
    }

    @Test("each test gets its own empty database", arguments: TestDatabases.backends)
    func freshDatabasesAreIndependent(backend: Backend) async throws {
        try await TestDatabases.with(backend) { first in
            try await first.createApplicationSchema()
            try await TestDatabases.with(backend) { second in
                #expect(first.url != second.url)
                try await second.open { db in
                    // The tables made in `first` do not exist here.
                    _ = await #expect(throws: (any Error).self) { try await Self.count("Users", on: db) }
                }
            }
        }
    }

    // MARK: - Locations that are wrong

    @Test(
        "a postgres:// URL without a host is an invalid location",
        arguments: [
            "postgres://", "postgresql://", "postgres:///sphery", "postgres://user:pw@/sphery",
        ])
    func postgresURLWithoutHost(text: String) throws {
        let error = #expect(throws: DatabaseError.self) { try DatabaseLocation(text) }
        guard case .invalidLocation(let shown, let reason)? = error else {
            Issue.record("expected invalidLocation, got \(String(describing: error))")
            return
        }
        #expect(shown == text)
        #expect(reason.contains("postgres://user:password@host:5432/database"))
        #expect(error?.description.hasPrefix("invalid database location '\(text)'") == true)
    }

    @Test("another URL scheme or an empty text is an invalid location", arguments: ["mysql://x", "http://db/x", "", "   "])
    func otherSchemes(text: String) throws {
        let error = #expect(throws: DatabaseError.self) { try DatabaseLocation(text) }
        guard case .invalidLocation(_, let reason)? = error else {
            Issue.record("expected invalidLocation, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("SQLite file path"))
        #expect(reason.contains("postgres://"))
    }

    @Test("locations are read as SQLite or PostgreSQL")
    func locationsParse() throws {
        #expect(try DatabaseLocation("players.sqlite") == .sqlite(path: "players.sqlite"))
        #expect(try DatabaseLocation("sqlite:/tmp/p.db") == .sqlite(path: "/tmp/p.db"))
        #expect(try DatabaseLocation("sqlite:///tmp/p.db") == .sqlite(path: "/tmp/p.db"))
        let url = "postgres://u:secret@127.0.0.1:5432/sphery"
        #expect(try DatabaseLocation(url) == .postgres(url: url))
        #expect(try DatabaseLocation("postgresql://u@db.example/sphery") == .postgres(url: "postgresql://u@db.example/sphery"))
    }

    @Test("a location's description never shows the password")
    func descriptionHidesPassword() throws {
        let location = try DatabaseLocation("postgres://sphery:hunter2@127.0.0.1:5432/sphery")
        #expect(!location.description.contains("hunter2"))
        #expect(location.description.contains("127.0.0.1:5432/sphery"))
        #expect(location.description.contains("sphery:***@"))
    }

    // MARK: - Databases that cannot be reached

    @Test("a closed PostgreSQL port is unreachable, named without the password")
    func closedPostgresPort() async throws {
        let location = try DatabaseLocation("postgres://sphery:topsecret@127.0.0.1:1/sphery?sslmode=disable")
        let error = await #expect(throws: DatabaseError.self) {
            try await PlayerDatabase.with(location) { _ in Issue.record("the body must not run") }
        }
        guard case .unreachable(let shown, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(shown.contains("127.0.0.1:1/sphery"))
        #expect(!shown.contains("topsecret"))
        #expect(!reason.contains("topsecret"))
        let text = try #require(error?.description)
        #expect(text.hasPrefix("cannot reach the database (PostgreSQL postgres://sphery:***@127.0.0.1:1/sphery"))
        #expect(!text.contains("topsecret"))
    }

    @Test("an SQLite file in a missing folder is unreachable, named by its path")
    func sqliteInMissingFolder() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sphery-missing-\(UUID().uuidString)/players.sqlite").path
        let error = await #expect(throws: DatabaseError.self) {
            try await PlayerDatabase.with(try DatabaseLocation(path)) { _ in Issue.record("the body must not run") }
        }
        guard case .unreachable(let shown, _)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(shown == "SQLite file \(path)")
        #expect(error?.description.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a wrong PostgreSQL password is unreachable and is not shown")
    func wrongPassword() async throws {
        try await TestDatabases.with(.postgresql) { database in
            var components = try #require(URLComponents(string: database.url))
            components.password = "not-the-password"
            let location = try DatabaseLocation(try #require(components.string))
            let error = await #expect(throws: DatabaseError.self) {
                try await PlayerDatabase.with(location) { _ in Issue.record("the body must not run") }
            }
            guard case .unreachable? = error else {
                Issue.record("expected unreachable, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("not-the-password") == false)
        }
    }

    // MARK: - The read-only role

    @Test("the read-only role can SELECT from the application's tables but not write")
    func readOnlyRole() async throws {
        guard try TestDatabases.requireReadOnlyPostgresURL() != nil else { return }
        try await TestDatabases.with(.postgresql) { database in
            try await database.open { db in
                try await ApplicationSchema.create(on: db)
                try await db.raw(#"INSERT INTO "Users" (id, username) VALUES (1, 'ada'), (2, 'grace')"#).run()
            }
            try await database.openReadOnly { db in
                #expect(try await Self.count("Users", on: db) == 2)
                for table in ApplicationSchema.columns.keys.sorted() {
                    _ = try await Self.count(table, on: db)  // SELECT is granted on every app table
                }
                await Self.expectDenied("INSERT", on: db, #"INSERT INTO "Users" (id, username) VALUES (3, 'eve')"#)
                await Self.expectDenied("UPDATE", on: db, #"UPDATE "Users" SET username = 'x'"#)
                await Self.expectDenied("DELETE", on: db, #"DELETE FROM "Users""#)
                await Self.expectDenied("CREATE TABLE", on: db, #"CREATE TABLE engine_state (id INTEGER)"#)
            }
            let users = try await database.open { db in try await Self.count("Users", on: db) }
            #expect(users == 2)
        }
    }

    private static func expectDenied(_ what: String, on db: any SQLDatabase, _ sql: String) async {
        do {
            try await db.raw(SQLQueryString(sql)).run()
            Issue.record("\(what) as the read-only role succeeded")
        } catch {
            let text = String(reflecting: error)
            #expect(text.contains("permission denied"), "\(what): \(text)")
        }
    }
}
