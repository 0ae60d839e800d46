import ArgumentParser
import Foundation
import PlayerStore

/// `sphery-engine migrate`: creates or upgrades the engine's own tables.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the engine's own tables (model registry, prediction log, message events).",
        discussion: """
            Re-runnable: each migration runs once and is recorded in engine_migrations. The \
            application's tables are never touched, unless --application-tables asks to create them \
            (for a demo or test database only; demo-data does it itself).
            """)

    @OptionGroup var database: DatabaseOption

    @Flag(name: .customLong("application-tables"), help: "Also create the Sphery application's tables (demo and tests only).")
    var applicationTables = false

    func run() async throws {
        let withApplication = applicationTables
        let applied = try await PlayerDatabase.with(try database.location()) { db in
            if withApplication { try await ApplicationSchema.create(on: db) }
            return try await EngineSchema.migrate(on: db)
        }
        StandardError.print(
            applied.isEmpty
                ? "the engine's tables are up to date (version \(EngineSchema.latestVersion))"
                : "applied migrations \(applied.map(String.init).joined(separator: ", ")) (now version \(EngineSchema.latestVersion))")
    }
}
