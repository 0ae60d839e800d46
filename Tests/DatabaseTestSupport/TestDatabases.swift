import Foundation
import PlayerStore
import SQLKit
import Testing

// The databases a PlayerStore test runs against.
//
// - SQLite, always: a new file in a new temporary folder, removed afterwards.
// - PostgreSQL, when SPHERY_TEST_POSTGRES_URL is set (`eval "$(scripts/start-postgres.sh)"`
//   sets it; `.ci/run` does): a new database per test (`sphery_t_…`, created by the owner role,
//   dropped afterwards), so tests are independent and may run in parallel, and everything that
//   takes a URL (PlayerDatabase.with, the command line's --db) sees the fresh database.
//   When CI=true and the variable is missing, the test fails: CI must not pass by skipping.
//
// Usage:
//
//     @Test(arguments: TestDatabases.backends)
//     func something(backend: Backend) async throws {
//         try await TestDatabases.with(backend) { database in
//             try await database.open { db in try await ApplicationSchema.create(on: db) }
//             // database.url is what `--db` takes; database.location is its DatabaseLocation.
//         }
//     }

/// A database engine the tests run against.
public enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    /// The backend's name, as the test's argument shows it.
    public var testDescription: String { rawValue }
}

/// One fresh, empty database that lives for one `TestDatabases.with` call.
public struct TestDatabase: Sendable, CustomStringConvertible {
    /// The backend it runs on.
    public let backend: Backend
    /// What `--db` takes: the SQLite file's path or the `postgres://` URL of the fresh database.
    public let url: String
    /// PostgreSQL only: the read-only role's URL of the same database (it may SELECT from the
    /// tables the owner creates, nothing more). Nil for SQLite, or when
    /// SPHERY_TEST_POSTGRES_READONLY_URL is not set.
    public let readOnlyURL: String?

    /// Where the test database is.
    public var location: DatabaseLocation {
        get throws { try DatabaseLocation(url) }
    }

    /// The location, password hidden.
    public var description: String { (try? location.description) ?? url }

    /// Opens the database (as the owner) for the length of `body`.
    public func open<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        try await PlayerDatabase.with(try location, body)
    }

    /// Opens the database as the read-only role for the length of `body`.
    /// - Throws: `TestDatabaseSetupError.missingReadOnlyURL` when there is none.
    public func openReadOnly<Result: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result {
        guard let readOnlyURL else { throw TestDatabaseSetupError.missingReadOnlyURL }
        return try await PlayerDatabase.with(try DatabaseLocation(readOnlyURL), body)
    }

    /// Opens the database and creates the Sphery application's tables in it.
    public func createApplicationSchema() async throws {
        try await open { db in try await ApplicationSchema.create(on: db) }
    }
}

/// Why a test database could not be made.
public enum TestDatabaseSetupError: Error, CustomStringConvertible {
    case missingReadOnlyURL
    case badPostgresURL(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .missingReadOnlyURL: return "no read-only PostgreSQL URL (\(TestDatabases.readOnlyURLVariable))"
        case .badPostgresURL(let why): return "\(TestDatabases.urlVariable) is not usable: \(why)"
        }
    }
}

/// Fresh test databases on SQLite and, when configured, PostgreSQL.
public enum TestDatabases {
    /// The owner's URL: creates tables and the per-test databases (needs CREATEDB).
    public static let urlVariable = "SPHERY_TEST_POSTGRES_URL"
    /// The read-only role's URL: CONNECT, USAGE and SELECT only.
    public static let readOnlyURLVariable = "SPHERY_TEST_POSTGRES_READONLY_URL"

    /// True on CI (`CI=true`), where a missing PostgreSQL fails the tests instead of skipping them.
    public static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return ["true", "1", "yes"].contains(value)
    }

    /// SPHERY_TEST_POSTGRES_URL, if set and not empty.
    public static var postgresURL: String? { variable(urlVariable) }

    /// SPHERY_TEST_POSTGRES_READONLY_URL (the read-only role on the shared test database), if set.
    public static var readOnlyPostgresURL: String? { variable(readOnlyURLVariable) }

    /// The backends for `@Test(arguments:)`: SQLite always; PostgreSQL when it is configured,
    /// and on CI even when it is not (so that the test fails there, see `with`).
    public static var backends: [Backend] {
        postgresURL != nil || isCI ? [.sqlite, .postgresql] : [.sqlite]
    }

    /// Runs `body` with a fresh, empty database of `backend` and removes the database afterwards.
    ///
    /// For PostgreSQL without SPHERY_TEST_POSTGRES_URL: on CI, records an issue (the test fails);
    /// elsewhere, cancels the test (reported as skipped).
    public static func with(
        _ backend: Backend,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (TestDatabase) async throws -> Void
    ) async throws {
        switch backend {
        case .sqlite:
            try await withSQLite(body)
        case .postgresql:
            guard let adminURL = postgresURL else {
                let message =
                    "PostgreSQL tests need \(urlVariable) (and \(readOnlyURLVariable)); "
                    + "run `eval \"$(scripts/start-postgres.sh)\"` first"
                if isCI {
                    Issue.record(Comment(rawValue: "CI=true but \(message)"), sourceLocation: sourceLocation)
                    return
                }
                try Test.cancel(Comment(rawValue: message), sourceLocation: sourceLocation)
            }
            try await withPostgres(adminURL: adminURL, body)
        }
    }

    /// Runs `body` once for each of `backends`, each with its own fresh database.
    public static func forEach(
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (TestDatabase) async throws -> Void
    ) async throws {
        for backend in backends {
            try await with(backend, sourceLocation: sourceLocation, body)
        }
    }

    /// The read-only URL of the shared test database, or nil after recording an issue on CI
    /// (elsewhere the test is cancelled when it is missing).
    public static func requireReadOnlyPostgresURL(sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        if let url = readOnlyPostgresURL { return url }
        let message = "this test needs \(readOnlyURLVariable); run `eval \"$(scripts/start-postgres.sh)\"` first"
        if isCI {
            Issue.record(Comment(rawValue: "CI=true but \(message)"), sourceLocation: sourceLocation)
            return nil
        }
        try Test.cancel(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    // MARK: - SQLite

    private static func withSQLite(_ body: (TestDatabase) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sphery-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("players.sqlite").path
        try await body(TestDatabase(backend: .sqlite, url: path, readOnlyURL: nil))
    }

    // MARK: - PostgreSQL

    private static func withPostgres(adminURL: String, _ body: (TestDatabase) async throws -> Void) async throws {
        let name = "sphery_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let url = try replacingDatabase(in: adminURL, with: name)
        let readOnly = try readOnlyPostgresURL.map { try replacingDatabase(in: $0, with: name) }
        let reader = try readOnlyPostgresURL.map { try userName(in: $0) }
        let adminLocation = try DatabaseLocation(adminURL)

        try await PlayerDatabase.with(adminLocation) { db in
            try await db.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: quoted(name))")).run()
            try await db.raw(SQLQueryString("REVOKE ALL ON DATABASE \(unsafeRaw: quoted(name)) FROM PUBLIC")).run()
            if let reader {
                try await db.raw(SQLQueryString("GRANT CONNECT ON DATABASE \(unsafeRaw: quoted(name)) TO \(unsafeRaw: quoted(reader))"))
                    .run()
            }
        }
        do {
            // As in scripts/start-postgres.sh: the reader may read what the owner creates, no more.
            try await PlayerDatabase.with(try DatabaseLocation(url)) { db in
                try await db.raw("REVOKE CREATE ON SCHEMA public FROM PUBLIC").run()
                if let reader {
                    try await db.raw(SQLQueryString("GRANT USAGE ON SCHEMA public TO \(unsafeRaw: quoted(reader))")).run()
                    try await db.raw(
                        SQLQueryString(
                            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO \(unsafeRaw: quoted(reader))")
                    ).run()
                }
            }
            try await body(TestDatabase(backend: .postgresql, url: url, readOnlyURL: readOnly))
        } catch {
            await drop(name, adminLocation: adminLocation)
            throw error
        }
        await drop(name, adminLocation: adminLocation)
    }

    /// Best effort: a database left behind is dropped by the next scripts/start-postgres.sh.
    private static func drop(_ name: String, adminLocation: DatabaseLocation) async {
        do {
            try await PlayerDatabase.with(adminLocation) { db in
                try await db.raw(SQLQueryString("DROP DATABASE IF EXISTS \(unsafeRaw: quoted(name)) WITH (FORCE)")).run()
            }
        } catch {
            print("note: could not drop the test database \(name): \(error)")
        }
    }

    private static func variable(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name]?.trimmingCharacters(in: .whitespaces),
            !value.isEmpty
        else { return nil }
        return value
    }

    private static func replacingDatabase(in url: String, with database: String) throws -> String {
        guard var components = URLComponents(string: url), components.host != nil else {
            throw TestDatabaseSetupError.badPostgresURL("not a URL")
        }
        components.path = "/" + database
        guard let result = components.string else { throw TestDatabaseSetupError.badPostgresURL("cannot rebuild it") }
        return result
    }

    private static func userName(in url: String) throws -> String {
        guard let user = URLComponents(string: url)?.user, !user.isEmpty else {
            throw TestDatabaseSetupError.badPostgresURL("no user name")
        }
        return user
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
