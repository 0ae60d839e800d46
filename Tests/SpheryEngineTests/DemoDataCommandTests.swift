import DemoData
import Foundation
import PlayerStore
import Testing

@testable import sphery_engine

/// `demo-data` end to end on an SQLite file: writes, refuses to overwrite, replaces on request.
@Suite("demo-data")
struct DemoDataCommandTests {
    @Test func writesRefusesAndReplaces() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("sphery.sqlite").path

        try await DemoDataCommand.parse(["--db", file, "--users", "50", "--seed", "3"]).run()
        #expect(try await userCount(file) == 50)

        let error = await #expect(throws: DemoDataError.self) {
            try await DemoDataCommand.parse(["--db", file, "--users", "60"]).run()
        }
        #expect(error == .databaseNotEmpty(users: 50, workouts: DemoDataGenerator(users: 50, seed: 3).plan().workouts))

        try await DemoDataCommand.parse(["--db", file, "--users", "60", "--replace"]).run()
        #expect(try await userCount(file) == 60)
    }

    @Test func needsAtLeastOneUser() {
        #expect(throws: (any Error).self) { try DemoDataCommand.parse(["--db", "x.sqlite", "--users", "0"]) }
    }

    @Test func defaultsAimAtAThousandDualFlowPlayers() throws {
        let command = try DemoDataCommand.parse(["--db", "x.sqlite"])
        #expect(command.users == DemoDataGenerator.defaultUsers)
        #expect(command.seed == DemoDataGenerator.defaultSeed)
        #expect(!command.replace)
    }

    private func userCount(_ file: String) async throws -> Int {
        try await PlayerDatabase.with(try DatabaseLocation(file)) { db in
            let row = try #require(try await db.raw(#"SELECT COUNT(*) AS n FROM "Users""#).first())
            return try row.decode(column: "n", as: Int.self)
        }
    }
}
